"""Find a customer (客户查询): by name, resident ID, mobile, card or policy number.

One text box; Enter searches (:mod:`workstation.services.customers`). Each customer
found is listed with their policies and each policy's status; Enter on a policy
opens the business picker for it, and the form the teller picks there starts with
that policy looked up. Numbers are shown masked.
"""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from screens.base import BACK, WorkstationScreen, headed
from workstation.domain.clock import local_date
from workstation.services.customers import (
    CustomerFound,
    CustomerPolicy,
    CustomerResults,
    CustomerSearch,
    Kind,
)


class CustomerSearchScreen(WorkstationScreen):
    CSS_PATH = "customer_search.tcss"
    AUTO_FOCUS = "#customer-query"
    BINDINGS = [
        BACK,
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.policies: dict[str, CustomerPolicy] = {}
        """Option id → the policy it lists (one policy may be listed under two customers)."""
        self.searched: str | None = None
        """The text of the search listed now: Enter on it again opens the highlighted policy."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield from headed(t("customer_search.heading"))
        yield Input(placeholder=t("customer_search.placeholder"), id="customer-query")
        yield OptionList(id="customer-results")
        yield Static(t("customer_search.hint"), id="customer-note")
        yield Footer()

    def field_entered(self, widget) -> None:
        """Enter in the box: search, or, on the text already searched, open the policy."""
        query = self.query_one("#customer-query", Input).value
        if query == self.searched and self._highlighted() is not None:
            self._open(self._highlighted())
            return
        station = self.app.require_station()
        search, today = CustomerSearch(station.db), self._today()
        self.call_service(lambda: search.search(query, today), self._show)

    def _today(self) -> date:
        return local_date(self.app.clock)

    @on(Input.Changed, "#customer-query")
    def _typed(self) -> None:
        self.searched = None

    def _show(self, results: CustomerResults) -> None:
        if not self.is_attached:
            return
        t, listed = self.t, self.query_one("#customer-results", OptionList)
        listed.clear_options()
        self.policies.clear()
        self.searched = results.query
        note = self.query_one("#customer-note", Static)
        if results.problem is not None:
            note.update(t(results.problem))
            return
        for n, customer in enumerate(results.customers):
            listed.add_options(self._options(n, customer))
        found = t(
            "customer_search.found",
            kind=t(f"customer_search.kind.{results.kind}"),
            count=len(results.customers),
        )
        if results.more:
            found += "\n" + t("customer_search.more", count=len(results.customers))
        note.update(found + "\n" + t("customer_search.hint"))
        listed.highlighted = self._first(results)

    def _first(self, results: CustomerResults) -> int | None:
        """The policy searched for, if a policy number was; else the first policy listed."""
        ids = [option_id for option_id in self.policies]
        if results.kind == Kind.POLICY_NO:
            ids.sort(key=lambda option_id: self.policies[option_id].policy_no != results.value)
        listed = self.query_one("#customer-results", OptionList)
        return listed.get_option_index(ids[0]) if ids else None

    def _options(self, n: int, customer: CustomerFound) -> list[Option]:
        t = self.t
        line = t(
            "customer_search.customer",
            name=customer.name,
            id=customer.id_masked,
            phone=customer.phone_masked or t("customer_search.no_phone"),
        )
        options = [Option(f"[b]{escape(line)}[/b]", id=f"customer-{n}", disabled=True)]
        if not customer.policies:
            options.append(Option("  " + t("customer_search.no_policies"), disabled=True))
        for policy in customer.policies:
            option_id = f"{n}-{policy.policy_no}"
            self.policies[option_id] = policy
            options.append(Option("  " + escape(self._policy_line(policy)), id=option_id))
        return options

    def _policy_line(self, policy: CustomerPolicy) -> str:
        t = self.t
        roles = (
            t("customer_search.both_roles")
            if len(policy.roles) > 1
            else t(f"applicant.{policy.roles[0]}")
        )
        product = policy.product_name_en if t.lang == "en" else policy.product_name_zh
        status = t(f"policy.status.{policy.status}")
        return t(
            "customer_search.policy",
            number=policy.policy_no,
            product=product,
            status=status,
            roles=roles,
        )

    def action_move(self, step: int) -> None:
        listed = self.query_one("#customer-results", OptionList)
        (listed.action_cursor_down if step > 0 else listed.action_cursor_up)()

    def _highlighted(self) -> CustomerPolicy | None:
        listed = self.query_one("#customer-results", OptionList)
        if listed.highlighted is None:
            return None
        return self.policies.get(listed.get_option_at_index(listed.highlighted).id or "")

    @on(OptionList.OptionSelected, "#customer-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(self.policies.get(event.option.id or ""))

    def _open(self, policy: CustomerPolicy | None) -> None:
        if policy is not None:
            self.app.nav.pick_business_for(policy)
