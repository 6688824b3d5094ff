"""Journal (交易查询): find postings by serial, policy, resident ID, dates, teller.

A teller sees their own postings, a supervisor the whole branch: the service
decides. Enter on a result opens it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Label

from screens.base import BACK, WorkstationScreen, footer_key, headed
from workstation.domain.clock import local_date, short_stamp
from workstation.domain.dates import parse_date
from workstation.domain.errors import InvalidValue
from workstation.domain.money import format_money
from workstation.domain.staff import Role
from workstation.services.inquiry import PostingRow, Query

FILTERS = ("serial", "policy", "id", "from", "to", "teller")


class JournalScreen(WorkstationScreen):
    CSS_PATH = "journal.tcss"
    AUTO_FOCUS = "#q-serial"
    BINDINGS = [
        footer_key("f5", "search"),
        BACK,
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        today = local_date(self.app.clock).isoformat()
        yield from headed(t("journal_screen.heading"))
        with Horizontal(id="filters"):
            for name in FILTERS:
                value = today if name in ("from", "to") else ""
                field = Input(value=value, placeholder=t(f"journal_screen.{name}"), id=f"q-{name}")
                field.compact = True
                if name == "teller" and self.app.require_who().staff.role is Role.TELLER:
                    field.display = False
                yield field
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Label("", id="count")
        yield Footer()

    _to_results = False

    def on_mount(self) -> None:
        table = self.query_one("#results", DataTable)
        for key in (
            "serial",
            "time",
            "business",
            "policy",
            "customer",
            "amount",
            "teller",
            "status",
        ):
            table.add_column(self.t(f"journal_screen.col.{key}"), key=key)

    def field_entered(self, widget) -> None:
        """Enter in a filter searches; the results then take the keys (Enter opens one)."""
        self._to_results = True
        self.action_search()

    def on_screen_resume(self) -> None:
        self.action_search()

    def _query(self) -> Query | None:
        value = {name: self.query_one(f"#q-{name}", Input).value.strip() for name in FILTERS}
        try:
            date_from = parse_date(value["from"]) if value["from"] else None
            date_to = parse_date(value["to"]) if value["to"] else None
        except InvalidValue as bad:
            self.notify(self.t(bad.msg), severity="error")
            return None
        return Query(
            serial=value["serial"] or None,
            policy_no=value["policy"] or None,
            id_number=value["id"] or None,
            date_from=date_from,
            date_to=date_to,
            teller_id=value["teller"] or None,
        )

    def action_search(self) -> None:
        query, who = self._query(), self.app.who
        if query is None or who is None:  # None: signing out, the screen is closing
            return
        inquiry = self.app.require_station().inquiry
        self.call_service(lambda: inquiry.search(who, query), self._found)

    def _found(self, rows: list[PostingRow]) -> None:
        t, templates = self.t, self.app.require_station().templates
        table = self.query_one("#results", DataTable)
        table.clear()
        for row in rows:
            template = templates.by_code(row.template_code)
            name = template.name.get(t.lang) if template else row.template_code
            amount = "" if row.amount is None else f"¥{format_money(row.amount)}"
            table.add_row(
                row.serial,
                short_stamp(row.posted_at, self.app.clock.zone),
                f"{row.template_code} {name}",
                row.policy_no or "",
                row.customer_name or "",
                amount,
                row.teller_id,
                t(f"journal_screen.status.{row.status}"),
                key=row.serial,
            )
        self.query_one("#count", Label).update(t("journal_screen.count", count=len(rows)))
        if rows and self._to_results:
            self.set_focus(table)
        self._to_results = False

    @on(DataTable.RowSelected, "#results")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.nav.open_posting(str(event.row_key.value))
