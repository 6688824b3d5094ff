"""One posting in full: values, documents, findings, approvals, reversal; F9 reverses it.

Personal numbers come masked from the service; F5 (supervisors) asks for them in
full, and the service journals that.
"""

from __future__ import annotations

import uuid

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Footer, Label, Static

from screens.base import BACK, WorkstationScreen, footer_key, headed
from screens.dialogs.approval import Mode
from screens.dialogs.override import override_dialog
from screens.dialogs.reason import ReasonModal
from screens.dialogs.reverse import ReversalAnswer, ReverseModal
from screens.printouts import run_print
from screens.text import aligned
from workstation.domain.clock import stamp, time_of_day
from workstation.domain.masking import may_reveal
from workstation.domain.money import format_money
from workstation.domain.prints import DocumentKind
from workstation.services.inquiry import PostingDetail
from workstation.services.overrides import Approval, Ask
from workstation.services.reversal import ReversalRequest


class PostingDetailScreen(WorkstationScreen):
    CSS_PATH = "posting_detail.tcss"
    BINDINGS = [
        footer_key("f5", "reveal"),
        footer_key("f6", "reprint"),
        footer_key("f9", "reverse"),
        BACK,
    ]

    detail: reactive[PostingDetail | None] = reactive(None, bindings=True)
    """The posting as loaded (masked, or revealed); reversal, reprint and F5 depend on it."""

    def __init__(self, serial: str) -> None:
        super().__init__()
        self.serial = serial

    def compose(self) -> ComposeResult:
        yield from headed(self.serial)
        with VerticalScroll(id="detail-box"):
            yield Static(self.t("review.checking"), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self, reveal: bool = False) -> None:
        """The posting, masked; with ``reveal`` in full (the service checks who asks and
        journals it)."""
        station, who, serial = self.app.require_station(), self.app.require_who(), self.serial
        ask = station.inquiry.reveal if reveal else station.inquiry.detail
        self.call_service(lambda: ask(who, serial), self._loaded)

    def _loaded(self, detail: PostingDetail) -> None:
        self.detail = detail
        t, lang, row = self.t, self.t.lang, detail.row
        template = self.app.require_station().templates.by_code(row.template_code)
        name = template.name.get(lang) if template else row.template_code
        heading = t(
            "detail.heading",
            serial=row.serial,
            name=name,
            status=t(f"journal_screen.status.{row.status}"),
        )
        self.query_one("#heading", Label).update(heading)
        facts = [
            (t("posted.business_date"), row.business_date.isoformat()),
            (t("posted.time"), stamp(row.posted_at, self.app.clock.zone)),
            (t("detail.teller"), row.teller_id),
        ]
        if row.amount is not None:
            method = t(f"method.{row.method}") if row.method else ""
            facts.append((t("posted.amount"), f"¥{format_money(row.amount)} {method}"))
        if row.linked_serial:
            key = "detail.reversal_of" if row.status == "reversal" else "detail.reversed_by"
            facts.append((t(key), row.linked_serial))
        if detail.reason:
            facts.append((t("authorizations.reason"), detail.reason))
        parts = [escape(aligned(facts)), ""]
        parts.append(f"[b]{escape(t('detail.values'))}[/b]")
        parts.append(
            escape(aligned([(line[f"label_{lang}"], line[lang]) for line in detail.lines]))
        )
        parts.append(
            f"[dim]{escape(t('evidence.revealed' if detail.revealed else 'evidence.masked'))}[/dim]"
        )
        if detail.by_agent:
            parts.append(t("authorizations.by_agent"))
        if detail.findings:
            parts.append(f"[b]{escape(t('review.findings'))}[/b]")
            for f in detail.findings:
                ack = t("detail.acknowledged") if f.get("acknowledged") else ""
                parts.append(f"• {escape(f[lang])} {escape(ack)}")
        if detail.approvals:
            parts.append(f"[b]{escape(t('detail.approvals'))}[/b]")
            for a in detail.approvals:
                parts.append(
                    escape(
                        t(
                            "detail.approval",
                            name=a.approver_name,
                            staff_id=a.approver_id,
                            level=a.level,
                            mode=t(f"override.mode.{a.mode}"),
                            reason=t(f"override.reason.{a.reason_code}"),
                            time=time_of_day(a.decided_at, self.app.clock.zone),
                        )
                    )
                )
        self.query_one("#detail", Static).update("\n".join(parts))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reverse":
            return self.detail is not None and self.detail.row.status == "posted"
        if action == "reprint":
            return self.detail is not None
        if action == "reveal":
            d, who = self.detail, self.app.who
            revealable = d is not None and not d.revealed
            return revealable and who is not None and may_reveal(who.staff.role)
        return super().check_action(action, parameters)

    def action_reveal(self) -> None:
        """Full numbers: the service checks who asks and journals it."""
        self.load(reveal=True)

    def action_reprint(self) -> None:
        """F6: a receipt never printed prints now (its first print: no reason); a printed one
        again only with a reason (重打)."""
        receipts, serial = self.app.require_station().receipts, self.serial
        self.call_service(lambda: receipts.pending(serial), self._print_or_ask)

    def _print_or_ask(self, pending: bool) -> None:
        if pending:
            self._print(None)
            return
        heading = self.t("printout.reprint_heading", serial=self.serial)
        self.app.push_screen(ReasonModal(heading), self._reprint)

    def _reprint(self, reason: str | None) -> None:
        if reason is not None:
            self._print(reason)

    def _print(self, reason: str | None) -> None:
        from printing.pipeline import print_document

        station, who, serial = self.app.require_station(), self.app.require_who(), self.serial
        receipt = DocumentKind.RECEIPT
        run_print(
            self, lambda: print_document(station, who, receipt, serial, reason), lambda _: None
        )

    def action_reverse(self) -> None:
        self.app.push_screen(ReverseModal(self.serial), self._reason_given)

    def _reason_given(self, answer: ReversalAnswer | None) -> None:
        if answer is None:
            return
        request = ReversalRequest(self.serial, answer.reason, uuid.uuid4().hex)
        reversals, who = self.app.require_station().reversals, self.app.require_who()
        self.call_service(
            lambda: reversals.ask(request, who),
            lambda ask: self._authorize(request, ask, answer.mode),
        )

    def _authorize(self, request: ReversalRequest, ask: Ask, mode: Mode) -> None:
        def approved(approval: Approval | None) -> None:
            if approval is None:
                return
            reversals, who = self.app.require_station().reversals, self.app.require_who()
            self.call_service(lambda: reversals.reverse(request, who), self._reversed)

        self.app.push_screen(override_dialog(mode, ask), approved)

    def _reversed(self, result) -> None:
        self.notify(self.t("detail.reversed", serial=result.serial), timeout=10)
        self.load()
