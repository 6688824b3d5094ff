"""Pick a business type: by code, Chinese name, pinyin initials or English; or browse."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, get_args

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from forms.schema import Category, Template
from screens.actions import BY_NAME
from screens.base import BACK, WorkstationScreen, footer_key
from screens.printouts import run_print
from screens.widgets.queue_panel import ticket_line
from screens.widgets.status_bar import StatusBar
from workstation.domain.prints import DocumentKind
from workstation.domain.text import join_list

if TYPE_CHECKING:
    from workstation.services.customers import CustomerPolicy
    from workstation.services.queue_views import TicketView


FIND_CUSTOMER = BY_NAME["customer_search"]


class PickerScreen(WorkstationScreen):
    CSS_PATH = "picker.tcss"
    ACTIONS = (FIND_CUSTOMER,)
    AUTO_FOCUS = "#search"
    BINDINGS = [
        footer_key("f7", "print_sample"),
        replace(FIND_CUSTOMER.binding(), show=True),  # ^F: the footer shows it here
        BACK,
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, policy: CustomerPolicy | None = None) -> None:
        super().__init__()
        self.policy = policy
        """The policy found by customer search (客户查询): the form opens with it looked up."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield StatusBar()
        with Vertical(id="picker"):
            yield Label(self._heading(), id="picker-heading")
            yield Input(placeholder=t("picker.placeholder"), id="search")
            yield OptionList(id="results")
            yield Static("", id="detail")
        yield Footer()

    def _heading(self) -> str:
        policy, t = self.policy, self.t
        if policy is None:
            return t("picker.heading")
        product = policy.product_name_en if t.lang == "en" else policy.product_name_zh
        return t(
            "picker.for_policy", number=policy.policy_no, product=product, holder=policy.holder_name
        )

    def choose_policy(self, policy: CustomerPolicy) -> None:
        """Customer search found the policy: the business picked next is for it."""
        self.policy = policy
        self.query_one("#picker-heading", Label).update(self._heading())
        self.query_one("#search", Input).focus()

    def action_home_action(self, name: str) -> None:
        """^F (客户查询): a registry action, run as home runs it."""
        BY_NAME[name].opener(self.app.nav)

    serving: TicketView | None = None
    """The queue ticket being served at this counter: its service's businesses come first."""

    def on_mount(self) -> None:
        self._show("")
        station = self.app.require_station()
        queue, counter = station.queue, station.counter.code
        self.call_service(lambda: queue.serving(counter), self._serving)

    def _serving(self, ticket: TicketView | None) -> None:
        if ticket is None or not self.is_attached:
            return
        self.serving = ticket
        self._show(self.query_one("#search", Input).value)

    @property
    def first(self) -> tuple[str, ...]:
        return self.serving.businesses if self.serving is not None else ()

    @property
    def index(self):
        return self.app.require_station().templates

    def _prompt(self, template: Template) -> str:
        first, second = (template.name.zh, template.name.en)
        if self.t.lang == "en":
            first, second = second, first
        return f"{template.code}  {first}  [dim]{second}[/dim]"

    def _show(self, query: str) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        if query.strip():
            found = self.index.search(query, self.first)
            results.add_options([Option(self._prompt(t), id=t.code) for t in found])
        else:
            results.add_options(self._grouped())
        first = next(
            (i for i in range(results.option_count) if not results.get_option_at_index(i).disabled),
            None,
        )
        results.highlighted = first
        if first is None:
            self.query_one("#detail", Static).update(self.t("picker.nothing", query=query))

    def _grouped(self) -> list[Option]:
        """Every business under its category heading, categories in the schema's order; the
        businesses of the ticket being served first, under their own heading."""
        order = {category: i for i, category in enumerate(get_args(Category))}
        options: list[Option] = []
        first = [t for code in self.first if (t := self.index.by_code(code)) is not None]
        if first and self.serving is not None:
            heading = self.t("picker.serving", ticket=ticket_line(self.t, self.serving))
            options.append(Option(f"[b]{escape(heading)}[/b]", id="serving", disabled=True))
            options += [Option("  " + self._prompt(t), id=t.code) for t in first]
        category = None
        rest = [t for t in self.index.templates if t.code not in self.first]
        for template in sorted(rest, key=lambda t: (order[t.category], t.code)):
            if template.category != category:
                category = template.category
                heading = self.t(f"category.{category}")
                options.append(
                    Option(f"[b]{heading}[/b]", id=f"category-{category}", disabled=True)
                )
            options.append(Option("  " + self._prompt(template), id=template.code))
        return options

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._show(event.value)

    def action_move(self, step: int) -> None:
        results = self.query_one("#results", OptionList)
        (results.action_cursor_down if step > 0 else results.action_cursor_up)()

    @on(OptionList.OptionHighlighted, "#results")
    def _describe(self, event: OptionList.OptionHighlighted) -> None:
        template = self.index.by_code(event.option.id or "")
        if template is None:
            return
        t = self.t
        who = join_list(t, (t(f"applicant.{w}") for w in template.applicant.who))
        agent = t("picker.agent_yes" if template.applicant.agent_allowed else "picker.agent_no")
        money = t(f"direction.{template.money.direction}")
        if template.money.methods:
            methods = join_list(t, (t(f"method.{m}") for m in template.money.methods))
            money += t("text.aside", text=methods)  # （现金、银行卡） / " (Cash, Bank card)"
        self.query_one("#detail", Static).update(
            f"{template.description.get(t.lang)}\n"
            + t("picker.facts", who=who, agent=agent, money=money)
        )

    def field_entered(self, widget) -> None:
        results = self.query_one("#results", OptionList)
        if results.highlighted is not None:
            self._open(results.get_option_at_index(results.highlighted).id)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, code: str | None) -> None:
        template = self.index.by_code(code or "")
        if template is None:
            return
        if self.policy is not None:
            self.app.nav.open_form_for_policy(template, self.policy.policy_no)
        else:
            self.app.nav.open_form(template)

    def _highlighted_template(self) -> Template | None:
        results = self.query_one("#results", OptionList)
        if results.highlighted is None:
            return None
        return self.index.by_code(results.get_option_at_index(results.highlighted).id or "")

    def action_print_sample(self) -> None:
        """The blank form and the sample filled form (填写范例), for the customer to copy."""
        from printing.pipeline import print_document

        template = self._highlighted_template()
        if template is None:
            return
        station, who, code = self.app.require_station(), self.app.require_who(), template.code
        sample = DocumentKind.SAMPLE_FORM
        run_print(self, lambda: print_document(station, who, sample, code), lambda _: None)
