"""What a supervisor approves, in one scrolling panel: the local dialog and the remote request.

It shows an :class:`~workstation.services.evidence.Evidence` as the service gave
it (masked unless a supervisor revealed it); it decides nothing.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.base import ScreenMixin
from screens.text import Prose, aligned
from screens.widgets.findings import MARKS
from workstation.domain.i18n import Catalog
from workstation.domain.money import format_money
from workstation.domain.text import join_list
from workstation.services.evidence import Evidence
from workstation.services.risk.model import Severity

SCROLL = [
    Binding("pageup", "scroll_evidence(-1)", show=False),
    Binding("pagedown", "scroll_evidence(1)", show=False),
]


class EvidenceScrolls(ScreenMixin):
    """PgUp/PgDn scroll the evidence while the cursor stays in a field."""

    def action_scroll_evidence(self, step: int) -> None:
        evidence = self.query_one(EvidenceView)
        (evidence.scroll_page_down if step > 0 else evidence.scroll_page_up)(animate=False)


class EvidenceView(VerticalScroll):
    """The business, customer, amount in figures and capitals, findings, documents, teller."""

    DEFAULT_CSS = """
    EvidenceView { height: auto; max-height: 100%; padding: 0 1; }
    EvidenceView:focus { background: $boost; }
    EvidenceView > .evidence-text { width: 1fr; }
    """

    def __init__(self, t: Catalog, evidence: Evidence | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.t, self.evidence = t, evidence

    def compose(self) -> ComposeResult:
        text = evidence_text(self.evidence, self.t) if self.evidence else ""
        yield Prose(text, classes="evidence-text")

    def show(self, evidence: Evidence | None, empty: str = "") -> None:
        self.evidence = evidence
        text = evidence_text(evidence, self.t) if evidence else escape(empty)
        self.query_one(".evidence-text", Static).update(text)
        self.scroll_home(animate=False)


def _heading(e: Evidence, t: Catalog) -> str:
    name = e.business.get(t.lang)
    if e.purpose == "reversal":
        return t("evidence.reversal", serial=e.serial or "", name=f"{e.template} {name}")
    return f"{e.template} {name}"


def _facts(e: Evidence, t: Catalog) -> list[tuple[str, str]]:
    rows = [(t("evidence.business"), _heading(e, t))]
    if e.policy_no:
        rows.append((t("evidence.policy"), e.policy_no))
    if e.customer_name or e.customer_id:
        who = "  ".join(p for p in (e.customer_name, e.customer_id) if p)
        rows.append((t("evidence.customer"), who))
    if e.amount is not None:
        how = [t(f"direction.{e.direction}")] if e.direction in ("in", "out") else []
        how += [t(f"method.{e.method}")] if e.method else []
        rows.append((t("evidence.amount"), f"¥{format_money(e.amount)}  {' · '.join(how)}"))
        rows.append((t("evidence.capitals"), e.amount_in_words or ""))
    teller = t("evidence.person", name=e.teller_name, staff_id=e.teller_id)
    rows.append((t("evidence.teller"), teller))
    if e.reason:
        rows.append((t("evidence.reason"), e.reason))
    return rows


def evidence_text(e: Evidence, t: Catalog) -> str:
    """The evidence as markup, in the catalog's language."""
    lang = t.lang
    parts = [escape(aligned(_facts(e, t)))]
    if e.by_agent:
        parts.append(escape(t("authorizations.by_agent")))
    if e.lines:
        parts.append(f"[b]{escape(t('evidence.values'))}[/b]")
        rows = [(getattr(line.label, lang), getattr(line.value, lang)) for line in e.lines]
        parts.append(escape(aligned(rows)))
    if e.findings:
        parts.append(f"[b]{escape(t('evidence.findings'))}[/b]")
        for f in e.findings:
            mark, colour = MARKS[Severity[f.severity.upper()]]
            label = t(f"review.severity.{f.severity}", level=f.level)
            parts.append(f"[{colour}]{mark} {escape(label)}[/] {escape(getattr(f.text, lang))}")
    if e.purpose == "posting" or e.documents:
        parts.append(f"[b]{escape(t('evidence.documents'))}[/b]")
        docs = [f"✓ {escape(getattr(d, lang))}" for d in e.documents]
        parts += docs or [escape(t("evidence.no_documents"))]
    if e.ids_checked:
        parts.append(escape(t("authorizations.id_check", ids=join_list(t, e.ids_checked))))
    note = "evidence.revealed" if e.revealed else "evidence.masked"
    parts.append(f"[dim]{escape(t(note))}[/dim]")
    return "\n".join(parts)
