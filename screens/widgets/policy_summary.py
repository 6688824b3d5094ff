"""The policy at the top of a form, once looked up: status, people, money."""

from __future__ import annotations

from datetime import date

from textual.geometry import Size
from textual.widgets import Static

from workstation.domain.i18n import Catalog
from workstation.domain.money import format_money


class PolicySummary(Static):
    """No height until a policy is looked up; then two or three dense lines in a frame.

    Not ``display: none``: the form screen is a grid, where a hidden widget gives
    up its cell and the widgets after it would move into the wrong rows.
    """

    DEFAULT_CSS = """
    PolicySummary { height: auto; margin: 0 1; }
    PolicySummary.-shown { padding: 0 1; border: round $secondary; }
    PolicySummary.-shown.-alert { border: round $warning; }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self.has_class("-shown"):
            return 0
        # Spanning the form screen's grid: measured at its width, not one column's.
        styles = self.styles
        width = container.width - styles.margin.width - styles.gutter.width
        return super().get_content_height(container, viewport, width)

    def show_policy(self, policy, t: Catalog, today: date) -> None:
        lang = t.lang
        product = policy.product_name_zh if lang == "zh" else policy.product_name_en
        status = t(f"policy.status.{policy.status}")
        people = t(
            "policy.people",
            holder=policy.holder.name,
            insured=policy.insured.name,
            beneficiaries="、".join(b.name for b in policy.beneficiaries) or t("policy.statutory"),
        )
        money = t(
            "policy.money",
            paid_to=_day(policy.paid_to_date, t),
            due=format_money(policy.premium_due),
            due_date=_day(policy.next_due_date, t),
            cash_value=format_money(policy.cash_value),
            loan=format_money(policy.loan_balance),
        )
        lines = [t("policy.line", number=policy.policy_no, product=product, status=status)]
        lines += [people, money]
        notes = _notes(policy, t, today)
        if notes:
            lines.append(" · ".join(notes))
        self.update("\n".join(lines))
        self.set_class(policy.status != "in_force" or bool(notes), "-alert")
        self.add_class("-shown")

    def clear(self) -> None:
        self.update("")
        self.remove_class("-shown")


def _day(day: date | None, t: Catalog) -> str:
    return day.isoformat() if day else t("policy.none")


def _notes(policy, t: Catalog, today: date) -> list[str]:
    notes = []
    if policy.status == "lapsed":
        key = "policy.reinstatable" if policy.reinstatable(today) else "policy.not_reinstatable"
        notes.append(t(key, since=_day(policy.lapse_date, t)))
    if policy.in_free_look(today):
        notes.append(t("policy.free_look", days=policy.days_since_delivery(today)))
    expiry = policy.holder.id_expiry
    if expiry is not None and expiry < today:
        notes.append(t("policy.holder_id_expired", expiry=expiry.isoformat()))
    if policy.status == "matured" and policy.maturity_benefit > 0:
        notes.append(t("policy.maturity_due", amount=format_money(policy.maturity_benefit)))
    return notes
