"""Reprint the day's till documents: vault slips, handover records, reconciliations, summary.

A teller sees their own, a supervisor the branch's. Each reprint asks a
reason, is counted and marked 重打 REPRINT on the paper.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Label

from printing.pipeline import print_document
from screens.base import BACK, headed
from screens.dialogs.reason import ReasonModal
from screens.printouts import run_print
from screens.till import CashScreen
from screens.till_ops import FAILED
from workstation.domain.clock import time_of_day
from workstation.services.documents import DocumentRef


class DocumentsScreen(CashScreen):
    AUTO_FOCUS = "#documents"
    BINDINGS = [BACK]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, DocumentRef] = {}

    def compose(self) -> ComposeResult:
        yield from headed(self.t("document.heading"))
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Label(self.t("document.hint"), id="keys-hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("time", "kind", "ref", "teller", "prints"):
            table.add_column(self.t(f"document.col.{key}"), key=key)
        self.refresh_list()

    def refresh_list(self) -> None:
        documents, who = self.app.require_station().documents, self.app.require_who()
        self.call_service(lambda: documents.of_today(who), self._show)

    def _show(self, refs: list[DocumentRef]) -> None:
        t, table = self.t, self.query_one(DataTable)
        table.clear()
        self.rows = {}
        for ref in refs:
            key = f"{ref.kind}:{ref.ref}"
            self.rows[key] = ref
            table.add_row(
                time_of_day(ref.at, self.app.clock.zone),
                t(f"document.kind.{ref.kind}"),
                ref.ref,
                ref.teller_id or "",
                str(ref.prints),
                key=key,
            )
        if not refs:
            self.notify(t("document.none"))

    @on(DataTable.RowSelected, "#documents")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        ref = self.rows[str(event.row_key.value)]
        heading = self.t("document.reprint_heading", kind=self.t(f"document.kind.{ref.kind}"))

        def reprint(reason: str | None) -> None:
            if reason is None:
                return
            station, who = self.app.require_station(), self.app.require_who()
            run_print(
                self,
                lambda: print_document(station, who, ref.kind, ref.ref, reason),
                lambda _outcome: self.refresh_list(),
                FAILED,
            )

        if ref.prints == 0 or ref.failed:  # never saved: a first print, or its retry
            station, who = self.app.require_station(), self.app.require_who()
            run_print(
                self,
                lambda: print_document(station, who, ref.kind, ref.ref),
                lambda _outcome: self.refresh_list(),
                FAILED,
            )
            return
        self.app.push_screen(ReasonModal(heading), reprint)

    def show_refusal(self, message) -> None:
        """Not printed (e.g. the output folder is missing): say so; the list shows it to retry."""
        super().show_refusal(message)
        self.refresh_list()
