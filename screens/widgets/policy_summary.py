"""The policy at the top of a form, once looked up: status, people, money."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.geometry import Size
from textual.widgets import Static

from workstation.domain.bankcard import mask_bank_card
from workstation.domain.i18n import Catalog
from workstation.domain.money import format_money
from workstation.domain.phone import mask_mobile
from workstation.domain.text import join_list
from workstation.services.effects import DoneToday, Effect

BusinessName = Callable[[str], str]
"""A transaction code's business name in the screen's language."""


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

    def show_policy(self, policy, t: Catalog, today: date, business: BusinessName = str) -> None:
        """The policy as it stands now, with what was done on it today, serial by serial."""
        lang = t.lang
        product = policy.product_name_zh if lang == "zh" else policy.product_name_en
        status = t(f"policy.status.{policy.status}")
        people = t(
            "policy.people",
            holder=policy.holder.name,
            insured=policy.insured.name,
            beneficiaries=join_list(t, (b.name for b in policy.beneficiaries))
            or t("policy.statutory"),
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
        if policy.done_today:
            lines.append(t("policy.today.heading", count=len(policy.done_today)))
            lines += [_done(done, t, business) for done in policy.done_today]
        self.update("\n".join(lines))
        alert = policy.status != "in_force" or bool(notes) or bool(policy.done_today)
        self.set_class(alert, "-alert")
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
    maturity = policy.benefit_due("maturity", today)
    if policy.status == "matured" and maturity > 0:
        notes.append(t("policy.maturity_due", amount=format_money(maturity)))
    return notes


def _done(done: DoneToday, t: Catalog, business: BusinessName) -> str:
    """``SH01-20261127-01-00001 保单借款 ¥30,000.00``: one posting of the day."""
    detail = _detail(done.effect, t)
    name = business(done.template_code)
    return t("policy.today.item", serial=done.serial, business=name, detail=detail)


def _detail(effect: Effect, t: Catalog) -> str:
    kind, amount = effect.kind, format_money(effect.amount) if effect.amount else ""
    if kind in ("loan", "repay"):
        return t("policy.today.amount", amount=amount)
    if kind == "terminate" and effect.status:
        return t("policy.today.status", status=t(f"policy.status.{effect.status}"))
    if kind == "reinstate":
        return t("policy.today.status", status=t("policy.status.in_force"))
    if kind == "benefit_paid":
        due = effect.due.isoformat() if effect.due else t("policy.none")
        benefit = t(f"policy.today.benefit_{effect.benefit}")
        return t("policy.today.benefit", benefit=benefit, amount=amount, due=due)
    if kind == "premium_paid":
        paid_to = effect.paid_to.isoformat() if effect.paid_to else t("policy.none")
        return t("policy.today.premium", amount=amount, paid_to=paid_to)
    shown: dict[str, Callable[[str], str]] = {
        "phone": mask_mobile,
        "card": mask_bank_card,
        "name": str,
        "address": str,
        "postcode": str,
        "email": str,
    }
    parts = [
        t(f"policy.today.{role}", value=shown[role](value))
        for role, value in effect.details
        if role in shown and value
    ]
    return t("policy.today.details", details=t("policy.today.joiner").join(parts)) if parts else ""
