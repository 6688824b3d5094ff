"""The sample filled form (填写范例) beside the live form, with help for the focused field.

The whole sample is one Static: a form of fifteen fields would otherwise be
some fifty widgets, and the screen must open quickly.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from forms.schema import Template
from forms.state import display_value, sample_state
from workstation.domain.i18n import Catalog


class SamplePanel(Vertical):
    DEFAULT_CSS = """
    SamplePanel { width: 1fr; border: round $warning; padding: 0 1; }
    SamplePanel #sample-title { color: $warning; text-style: bold; width: 100%; }
    SamplePanel #sample-rows { height: 1fr; }
    SamplePanel #help { height: auto; min-height: 3; border-top: solid $warning; }
    """

    def __init__(self, template: Template, t: Catalog, today: date, **kwargs) -> None:
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

    def compose(self) -> ComposeResult:
        yield Label(self.t("form.sample_title"), id="sample-title")
        with VerticalScroll(id="sample-rows", can_focus=False):
            yield Static(self._render_rows(), id="sample-form")
        yield Static(self.t("form.help_hint"), id="help")

    def _render_rows(self) -> str:
        lines = []
        for key, label, value, spec in self.rows:
            pad = " " * (self.width - cell_len(label))
            label_style = (
                "bold reverse" if key == self.current else "yellow" if spec.agent_only else "dim"
            )
            line = f"[{label_style}]{escape(label)}[/]{pad}{escape(value)}"
            lines.append(f"[on #3a3a00]{line}[/]" if key == self.current else line)
        return "\n".join(lines)

    def show_document_help(self, key: str) -> None:
        """What to look for in the document under the checklist cursor."""
        doc = next(d for d in self.template.documents if d.key == key)
        other = "en" if self.t.lang == "zh" else "zh"
        lines = [f"[b]{escape(doc.label.get(self.t.lang))}[/b]"]
        if doc.help:
            lines[0] += f"  {escape(doc.help.get(self.t.lang))}"
        lines.append(f"[dim]{escape(doc.label.get(other))}[/dim]")
        self.query_one("#help", Static).update("\n".join(lines))

    def highlight(self, key: str) -> None:
        """Mark the sample row of the focused field and show that field's help."""
        if key == self.current:
            return
        self.current = key
        self.query_one("#sample-form", Static).update(self._render_rows())
        index = next(i for i, row in enumerate(self.rows) if row[0] == key)
        self.query_one("#sample-rows", VerticalScroll).scroll_to(y=max(index - 3, 0), animate=False)
        spec = self.template.field(key)
        other = "en" if self.t.lang == "zh" else "zh"
        self.query_one("#help", Static).update(
            f"[b]{escape(spec.label.get(self.t.lang))}[/b]  {escape(spec.help.get(self.t.lang))}\n"
            f"[dim]{escape(spec.label.get(other))}: {escape(spec.help.get(other))}[/dim]"
        )
