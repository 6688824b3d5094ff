"""The sample filled form (填写范例) beside the live form, with help for the focused field.

The whole panel is one widget drawing its title, the sample rows, a rule and
the help: a form of fifteen fields would otherwise be some fifty widgets, and
even five (title, scroller, rows, help, frame) cost a tenth of the time the
screen takes to open. Rows that do not fit scroll with the focused field.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.markup import escape
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from forms.schema import FieldSpec, Template
from forms.state import display_value, sample_state
from screens.text import wrapped
from workstation.domain.i18n import Catalog, Msg

HELP_LINES = 3
"""The help keeps at least this many lines, so the rows do not jump as it changes."""
CONTEXT = 3
"""Rows kept in view above the highlighted one when the sample has to scroll."""


class SamplePanel(Widget):
    """Not focusable beside the form; the form makes it so while it shows in its place."""

    DEFAULT_CSS = """
    SamplePanel { width: 1fr; height: 1fr; border: round $warning; padding: 0 1; }
    """
    BINDINGS = [
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(5)", show=False),
        Binding("pageup", "scroll(-5)", show=False),
    ]

    def __init__(
        self, template: Template, t: Catalog, today: date, current: str | None = None, **kwargs
    ) -> None:
        """``current``: the field focused when the form opens, marked from the first frame."""
        super().__init__(**kwargs)
        self.template, self.t = template, t
        self.current: str | None = None
        state = sample_state(template, today)
        lang = t.lang
        self.rows = [
            (spec.key, spec.label.get(lang), display_value(spec, state.checked(spec.key), t), spec)
            for spec in template.fields
        ]
        self.width = max(cell_len(label) for _, label, _, _ in self.rows) + 2
        self.help = Content(t("form.help_hint"))
        self.scrolled = 0
        self.problems: dict[str, Msg | None] = {}
        """Lines the mouse wheel moved the rows from where the focused field puts them."""
        if current is not None:
            self._mark(current)

    def _row(self, key: str, label: str, value: str, spec: FieldSpec) -> Content:
        pad = " " * (self.width - cell_len(label))
        label_style = (
            "bold reverse" if key == self.current else "yellow" if spec.agent_only else "dim"
        )
        line = f"[{label_style}]{escape(label)}[/]{pad}{escape(value)}"
        return Content.from_markup(f"[on #3a3a00]{line}[/]" if key == self.current else line)

    def render(self) -> Content:
        width, height = self.content_size
        width = max(width, 1)
        help_lines = wrapped(self.help, width)
        help_lines += [Content("")] * (HELP_LINES - len(help_lines))
        lines: list[tuple[str, Content]] = [
            (key, wrapped_line)
            for key, label, value, spec in self.rows
            for wrapped_line in wrapped(self._row(key, label, value, spec), width)
        ]
        room = max(height - 2 - len(help_lines), 0)  # the title and the rule take a line each
        base = 0
        if self.current is not None and len(lines) > room:
            base = next(i for i, (key, _) in enumerate(lines) if key == self.current) - CONTEXT
        top = min(max(base + self.scrolled, 0), max(len(lines) - room, 0))
        self.scrolled = top - base  # the wheel stops at either end
        shown = [line for _, line in lines[top : top + room]]
        shown += [Content("")] * (room - len(shown))
        title = Content.styled(self.t("form.sample_title"), "bold $warning")
        rule = "─" * width
        if top > 0:
            title = title.pad_right(max(width - title.cell_length - 1, 0)) + "▲"
        if top + room < len(lines):
            rule = rule[:-1] + "▼"
        return Content("\n").join([title, *shown, Content.styled(rule, "$warning"), *help_lines])

    def on_mouse_scroll_down(self) -> None:
        self.action_scroll(1)

    def on_mouse_scroll_up(self) -> None:
        self.action_scroll(-1)

    def action_scroll(self, lines: int) -> None:
        self.scrolled += lines
        self.refresh()

    def show_document_help(self, key: str) -> None:
        """What to look for in the document under the checklist cursor."""
        doc = next(d for d in self.template.documents if d.key == key)
        other = "en" if self.t.lang == "zh" else "zh"
        lines = [f"[b]{escape(doc.label.get(self.t.lang))}[/b]"]
        if doc.help:
            lines[0] += f"  {escape(doc.help.get(self.t.lang))}"
        lines.append(f"[dim]{escape(doc.label.get(other))}[/dim]")
        self.help = Content.from_markup("\n".join(lines))
        self.refresh()

    def highlight(self, key: str) -> None:
        """Mark the sample row of the focused field and show that field's help."""
        if key != self.current:
            self._mark(key)
            self.refresh()

    def _mark(self, key: str) -> None:
        self.current, self.scrolled = key, 0
        self.help = self._field_help(key)

    def show_problem(self, key: str, problem: Msg | None) -> None:
        """The field's error, in both languages above its help while it is focused."""
        if problem == self.problems.get(key):
            return
        self.problems[key] = problem
        if key == self.current:
            self.help = self._field_help(key)
            self.refresh()

    def _field_help(self, key: str) -> Content:
        spec = self.template.field(key)
        lang = self.t.lang
        other = Catalog.load("en" if lang == "zh" else "zh")
        lines = []
        problem = self.problems.get(key)
        if problem is not None:
            lines += [
                f"[b $error]✗ {escape(self.t(problem))}[/]",
                f"[$error]{escape(other(problem))}[/]",
            ]
        lines += [
            f"[b]{escape(spec.label.get(lang))}[/b]  {escape(spec.help.get(lang))}",
            f"[dim]{escape(spec.label.get(other.lang))}: {escape(spec.help.get(other.lang))}[/dim]",
        ]
        return Content.from_markup("\n".join(lines))
