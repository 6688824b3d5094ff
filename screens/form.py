"""The form screen: live form on the left, the sample filled form on the right.

Enter moves to the next field, Shift+Tab back; errors show as the teller
types; the policy number looks the policy up and fills what it can; F10 goes
on to the review: risk checks, approvals, posting. Nothing is written here.
"""

from __future__ import annotations

import uuid

from textual import on
from textual.app import ComposeResult
from textual.events import DescendantFocus
from textual.widget import Widget
from textual.widgets import Footer, Input

from forms.roles import FieldRole
from forms.schema import Template
from forms.state import FormState
from screens.base import WorkstationScreen, footer_key
from screens.dialogs.confirm import ConfirmModal
from screens.printouts import run_print
from screens.widgets.choice import ChoiceField
from screens.widgets.documents import DocumentsChecklist
from screens.widgets.form_header import FormHeader
from screens.widgets.form_panel import FormPanel
from screens.widgets.policy_summary import PolicySummary
from screens.widgets.sample_panel import SamplePanel
from screens.widgets.status_bar import StatusBar
from screens.widgets.tickbox import TickBox
from workstation.domain.clock import local_date
from workstation.domain.i18n import Msg, msg
from workstation.domain.prints import DocumentKind
from workstation.domain.text import join_list
from workstation.services.directory import PolicyView
from workstation.services.prefill import prefill_values

WIDE = 120
"""From this width the sample sits beside the form; below it folds behind F6."""


class FormScreen(WorkstationScreen):
    CSS_PATH = "form.tcss"
    BINDINGS = [
        footer_key("f10", "review"),
        footer_key("f6", "toggle_sample", "sample"),
        footer_key("f7", "print_sample"),
        footer_key("escape", "leave", "back"),
    ]
    DIGIT_MOVES_ON = False

    def __init__(self, template: Template) -> None:
        super().__init__()
        self.set_class(self.app.size.width < WIDE, "-narrow", update=False)  # styled when mounted
        self.template = template
        self.state = FormState(template, local_date(self.app.clock))
        self.idempotency_key = uuid.uuid4().hex
        """One per form: confirming twice, or again after a lost answer, posts once."""
        self.policy: PolicyView | None = None
        self.last_field: Widget | None = None
        """The field focused last: focus comes back to it when the form shows again."""

    def compose(self) -> ComposeResult:
        """The screen itself is the grid (form.tcss): each container costs time on opening."""
        t, template = self.t, self.template
        yield StatusBar()
        title = f"{template.code}  {template.name.get(t.lang)}"
        yield FormHeader(title, template.description.get(t.lang), id="form-header")
        yield PolicySummary(id="policy")
        yield FormPanel(self.state, t, id="fields")
        first = template.fields[0].key  # focused on mount: marked from the first frame
        yield SamplePanel(template, t, self.state.today, first, id="sample")
        yield DocumentsChecklist(self.state, t, id="documents")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#f-{self.template.fields[0].key}").focus()

    def on_resize(self) -> None:
        narrow = self.app.size.width < WIDE
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._keep_focus()

    def _keep_focus(self) -> None:
        """The keys always go somewhere: to the sample while it shows in place of the form
        (the arrows scroll it), else back to the field the teller was in."""
        sample = self.query_one(SamplePanel)
        in_place = self.has_class("-narrow") and self.has_class("-sample-toggled")
        sample.can_focus = in_place
        if in_place:
            sample.focus()
            return
        field = self.last_field
        if field is None or not field.is_attached:
            field = self.query_one(f"#f-{self.template.fields[0].key}")
        field.focus()

    # -- typing -----------------------------------------------------------------

    def _key(self, widget) -> str | None:
        wid = widget.id or ""
        return wid[2:] if wid.startswith("f-") else None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        key = self._key(event.input)
        # The field's value now, not the event's: in a burst of keys the events arrive
        # after the field (and a policy lookup) have moved on.
        value = event.input.value
        if key is None or value == self.state.values.get(key, ""):
            return  # filled in from the policy, or nothing changed
        checked = self.state.set(key, value)
        panel = self.query_one(FormPanel)
        panel.mark_prefilled(key, False)
        # "required" waits for Enter or F10: an empty field is not wrong while typing
        shown = (
            None
            if checked.problem and checked.problem.key == "invalid.required"
            else checked.problem
        )
        self._show_problem(key, shown)
        if key == self.policy_key and self.policy is not None and value != self.policy.policy_no:
            self.policy = None
            self.query_one(PolicySummary).clear()

    @property
    def policy_key(self) -> str | None:
        """The field that names the policy (role ``policy_no``): Enter there looks it up."""
        return self.state.template.key_for(FieldRole.POLICY_NO)

    def _show_problem(self, key: str, problem: Msg | None) -> None:
        """Under the field in the screen's language; beside it, in the help, in both."""
        self.query_one(FormPanel).show_problem(key, problem)
        self.query_one(SamplePanel).show_problem(key, problem)

    def handles_enter(self, widget) -> bool:
        return isinstance(widget, Input | ChoiceField | DocumentsChecklist | TickBox)

    def field_entered(self, widget) -> None:
        if isinstance(widget, DocumentsChecklist):
            widget.action_tick_and_next()
            return
        if isinstance(widget, TickBox):  # Enter moves on; Space ticks the agent box
            self.focus_next()
            return
        key = self._key(widget)
        if key is None:
            return
        if widget.value != self.state.values.get(key, ""):
            self.state.set(key, widget.value)  # typed faster than Input.Changed arrives
        checked = self.state.checked(key)
        self._show_problem(key, checked.problem)
        if checked.problem is not None:
            return
        if isinstance(widget, Input) and checked.text and widget.value != checked.text:
            # the field shows what will be posted: P2024000001 for ｐ２０２４０００００１
            self.state.values[key] = checked.text  # the same value: still from the policy
            widget.value = checked.text
        if key == self.policy_key and isinstance(checked.value, str):
            self._look_up(checked.value)
        self.focus_next()

    @on(ChoiceField.Changed)
    def _chosen(self, event: ChoiceField.Changed) -> None:
        key = self._key(event.choice)
        if key is None or event.value == self.state.values.get(key, ""):
            return
        checked = self.state.set(key, event.value)
        self._show_problem(key, checked.problem)
        self._refresh_visibility()

    @on(DocumentsChecklist.Moved)
    def _document(self, event: DocumentsChecklist.Moved) -> None:
        self.query_one(SamplePanel).show_document_help(event.key)

    @on(TickBox.Changed, "#by-agent")
    def _agent(self, event: TickBox.Changed) -> None:
        self.state.by_agent = event.value
        self._refresh_visibility()

    def _refresh_visibility(self) -> None:
        self.query_one(FormPanel).refresh_visibility()
        self.query_one(DocumentsChecklist).refresh_visibility()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if not isinstance(event.widget, SamplePanel):
            self.last_field = event.widget
        key = self._key(event.widget)
        if key is not None:
            self.query_one(SamplePanel).highlight(key)

    # -- the policy -------------------------------------------------------------

    def _look_up(self, policy_no: str) -> None:
        if self.policy is not None and self.policy.policy_no == policy_no:
            return
        directory = self.app.require_station().directory
        self.call_service(lambda: directory.policy(policy_no), self._found)

    def _found(self, policy: PolicyView | None) -> None:
        panel = self.query_one(FormPanel)
        if policy is None:
            key = self.policy_key or ""
            self._show_problem(key, msg("form.no_such_policy"))
            self.query_one(f"#f-{key}").focus()
            return
        self.policy = policy
        summary = self.query_one(PolicySummary)
        summary.show_policy(policy, self.t, self.state.today, self._business_name)
        for key in self.state.prefill(prefill_values(policy, self.state.today)):
            panel.set_value(key, self.state.values[key])
            panel.mark_prefilled(key, True)
            self._show_problem(key, self.state.checked(key).problem)

    def _business_name(self, code: str) -> str:
        template = self.app.require_station().templates.by_code(code)
        return code if template is None else template.name.get(self.t.lang)

    # -- actions ----------------------------------------------------------------

    def action_review(self) -> None:
        problems = self.state.problems()
        for spec in self.state.fields():
            self._show_problem(spec.key, problems.get(spec.key))
        if problems:
            self.notify(self.t("form.fix_first", count=len(problems)), severity="warning")
            self.query_one(f"#f-{next(iter(problems))}").focus()
            return
        missing = self.state.missing_documents()
        if missing:
            names = join_list(self.t, (doc.label.get(self.t.lang) for doc in missing))
            self.notify(self.t("form.documents_missing", names=names), severity="warning")
            checklist = self.query_one(DocumentsChecklist)
            checklist.cursor = [d.key for d in self.state.documents()].index(missing[0].key)
            checklist.focus()
            return
        self.app.nav.open_review(self.state, self.idempotency_key)

    def action_toggle_sample(self) -> None:
        self.toggle_class("-sample-toggled")
        self._keep_focus()

    def action_leave(self) -> None:
        if not any(value.strip() for value in self.state.values.values()):
            self.dismiss()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        self.app.push_screen(ConfirmModal(self.t("form.discard")), answered)

    def action_print_sample(self) -> None:
        """The blank form and the sample filled form (填写范例), for the customer to copy."""
        from printing.pipeline import print_document

        station, who, code = self.app.require_station(), self.app.require_who(), self.template.code
        sample = DocumentKind.SAMPLE_FORM
        run_print(self, lambda: print_document(station, who, sample, code), lambda _: None)
