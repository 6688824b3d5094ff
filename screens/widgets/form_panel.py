"""The live form: one compact row per field, an error line under each, the agent switch."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from forms.field_advice import field_advice
from forms.schema import FieldSpec
from forms.state import FormState
from screens.textual_compat import compact_from_the_start
from screens.widgets.choice import ChoiceField
from screens.widgets.tickbox import TickBox
from workstation.domain.i18n import Catalog, Msg
from workstation.domain.relations import RELATIONS

# What each field accepts as typed; full-width forms (from a Chinese input method) too.
RESTRICT = {
    "money": r"[0-9０-９,，.．¥￥ ]*",
    "cn_resident_id": r"[0-9０-９XxＸｘ ]*",
    "phone": r"[0-9０-９ +＋\-]*",
    "bank_card": r"[0-9０-９ \-]*",
    "policy_no": r"[A-Za-z0-9Ｐｐ０-９]*",
}
MAX_LENGTH = {"cn_resident_id": 20, "phone": 16, "bank_card": 23, "policy_no": 11, "money": 20}


def value_widget(spec: FieldSpec, t: Catalog) -> ChoiceField | FieldInput:
    wid = f"f-{spec.key}"
    if spec.type == "choice":
        return ChoiceField([(o.label.get(t.lang), o.value) for o in spec.options], id=wid)
    if spec.type == "relation":
        return ChoiceField([(t(f"relation.{value}"), value) for value in RELATIONS], id=wid)
    placeholder = t("form.expiry_hint") if spec.type == "id_expiry" else ""
    return FieldInput(
        placeholder=placeholder,
        restrict=RESTRICT.get(spec.type),
        max_length=MAX_LENGTH.get(spec.type, spec.max_length or 0),
        id=wid,
    )


class FieldInput(Input):
    """A compact Input, styled once, that never selects its value on focus.

    ``Input(compact=True)`` toggles its class after construction, and Textual restyles
    the input (and its four component classes) for it before it is even mounted.

    A value filled in from the policy (an amount, a name) is not selected when the
    teller arrives: the cursor goes to its end, so a stray key adds to it, in view,
    rather than replacing it (issue 16.3).
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(select_on_focus=False, **kwargs)
        compact_from_the_start(self)

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)


class FormPanel(VerticalScroll, can_focus=False):
    """One grid: a label and a value per row, a note under each (its error, or 'from policy').

    The panel is the grid itself, not a scroller holding a grid: every container is
    one more widget to build, style and paint before the form first shows.
    """

    DEFAULT_CSS = """
    FormPanel {
        layout: grid; grid-size: 2; grid-columns: 20 1fr; grid-rows: auto; padding: 0 1;
    }
    FormPanel.-en { grid-columns: 30 1fr; }
    FormPanel .section {
        column-span: 2; height: 2; padding-top: 1; text-style: bold; color: $secondary;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    FormPanel .field-label { color: $text-muted; }
    FormPanel .field-label.-required { color: $text; }
    FormPanel Input { width: 1fr; background: $boost; }
    FormPanel Input:focus { background: $accent 25%; }
    FormPanel .note, FormPanel .note-gap { display: none; height: auto; }
    FormPanel .note.-error { display: block; color: $error; }
    FormPanel .note.-prefilled { display: block; color: $success; }
    FormPanel .note-gap.-shown { display: block; }
    FormPanel #by-agent { column-span: 2; height: 2; padding-top: 1; }
    """

    def __init__(self, state: FormState, t: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state, self.t = state, t
        self.set_class(t.lang == "en", "-en", update=False)  # styled when mounted
        self._problems: dict[str, Msg | None] = {}
        self._advice: dict[str, Msg | None] = {}
        """What the review will refuse (an expired ID …), said once the teller leaves a field."""
        self._notes: dict[str, str] = {}
        self._built: set[str] = set()

    def _slots(self) -> list[str]:
        """Grid order: field keys, with the agent switch before the first agent field."""
        template = self.state.template
        keys = [spec.key for spec in template.fields]
        if template.applicant.agent_allowed:
            first_agent = next((s.key for s in template.fields if s.agent_only), None)
            keys.insert(keys.index(first_agent) if first_agent else len(keys), "@agent")
        return keys

    def _row(self, spec: FieldSpec) -> list[Widget]:
        widgets: list[Widget] = []
        if spec.section:
            heading = Label(spec.section.get(self.t.lang), classes="section", id=f"sec-{spec.key}")
            widgets.append(heading)
        required = " -required" if spec.required else ""
        classes = "field-label" + required
        widgets.append(Label(spec.label.get(self.t.lang), classes=classes, id=f"lb-{spec.key}"))
        value = value_widget(spec, self.t)
        if text := self.state.values.get(spec.key):
            value.value = text
        widgets.append(value)
        return widgets

    def compose(self) -> ComposeResult:
        """The fields that apply now; the others are built when they first do (quicker open)."""
        for slot in self._slots():
            if slot == "@agent":
                yield TickBox(self.t("form.by_agent"), id="by-agent")
                continue
            spec = self.state.template.field(slot)
            if self.state.visible(spec):
                self._built.add(slot)
                yield from self._row(spec)

    def _last_widget(self, slot: str) -> Widget:
        if slot == "@agent":
            return self.query_one("#by-agent")
        found = self.query(f"#note-{slot}")
        return found.first() if found else self.query_one(f"#f-{slot}")

    def _build(self, spec: FieldSpec) -> None:
        """Mount a field's row in its place in the grid."""
        slots = self._slots()
        earlier = slots[: slots.index(spec.key)]
        anchor = next((s for s in reversed(earlier) if s == "@agent" or s in self._built), None)
        row = self._row(spec)
        if anchor is None:
            self.mount(*row, before=0)
        else:
            self.mount(*row, after=self._last_widget(anchor))
        self._built.add(spec.key)

    def _note(self, key: str) -> None:
        """The line under a field: its error, else 'from policy', else nothing (hidden)."""
        if key not in self._built:
            return
        shown = self.state.visible(self.state.template.field(key))
        problem = (self._problems.get(key) or self._advice.get(key)) if shown else None
        prefilled = shown and key in self.state.prefilled and problem is None
        text = self.t(problem) if problem else self.t("form.from_policy") if prefilled else ""
        if text == self._notes.get(key, ""):
            return
        self._notes[key] = text
        found = self.query(f"#note-{key}")
        if found:
            note = found.first(Static)
            note.update(text)
        else:  # mounted when first needed: most fields never have a note
            note = Static(text, classes="note", id=f"note-{key}")
            gap = Static("", classes="note-gap", id=f"gap-{key}")
            self.mount(gap, note, after=self.query_one(f"#f-{key}"))
        note.set_class(problem is not None, "-error")
        note.set_class(prefilled, "-prefilled")
        self.query_one(f"#gap-{key}").set_class(bool(text), "-shown")

    def show_problem(self, key: str, problem: Msg | None) -> None:
        """A field's own problem; with none, what the review will refuse, unless the teller
        is still typing there (said when they leave it: :meth:`_left`)."""
        self._problems[key] = problem
        typing = any(f.has_focus for f in self.query(f"#f-{key}"))
        self._advice[key] = None if problem or typing else field_advice(self.state, key)
        self._note(key)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """The teller left a field: say now what the review would refuse about it."""
        wid = event.input.id or ""
        key = wid[2:] if wid.startswith("f-") else None
        if key is None or key not in self._built or self._problems.get(key):
            return
        if event.value != self.state.values.get(key, ""):
            return  # the form has yet to take the last keys: its show_problem will say it
        self._advice[key] = field_advice(self.state, key)
        self._note(key)

    def mark_prefilled(self, key: str, prefilled: bool) -> None:
        self._note(key)

    def set_value(self, key: str, text: str) -> None:
        """Show a value (e.g. from the policy); a field not built yet shows it when built."""
        if key in self._built:
            field = self.query_one(f"#f-{key}")
            if isinstance(field, ChoiceField | Input):
                field.value = text
            if isinstance(field, Input):  # a key typed next adds to the end, in view
                field.cursor_position = len(text)

    def refresh_visibility(self) -> None:
        """Show the fields (and section headings) that apply now; hide the rest."""
        for spec in self.state.template.fields:
            shown = self.state.visible(spec)
            if spec.key not in self._built:
                if shown:
                    self._build(spec)
                continue
            prefixes = ("sec", "lb", "f") if spec.section else ("lb", "f")
            for prefix in prefixes:
                widget = self.query_one(f"#{prefix}-{spec.key}")
                if widget.display != shown:
                    widget.display = shown
            if not shown:
                self._problems.pop(spec.key, None)
            self._note(spec.key)
