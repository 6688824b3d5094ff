"""A read-only preview of what would be submitted. It posts nothing.

Posting needs the risk checks and supervisor overrides; until they exist the
preview says so plainly and offers only to go back or to close the form.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Label, Static

from forms.state import FormState
from screens.base import WorkstationScreen
from screens.widgets.status_bar import StatusBar


def aligned(rows: list[tuple[str, str]]) -> str:
    """Label-value lines with the values lined up, measuring Chinese in cells."""
    width = max((cell_len(label) for label, _ in rows), default=0)
    return "\n".join(f"{label}{' ' * (width - cell_len(label))}  {value}" for label, value in rows)


class PreviewScreen(WorkstationScreen):
    CSS_PATH = "preview.tcss"
    BINDINGS = [
        Binding("escape", "back", "key.edit", key_display="Esc", id="back"),
        Binding("f4", "close_form", "key.close_form", key_display="F4", id="close_form"),
    ]

    def __init__(self, state: FormState, policy) -> None:
        super().__init__()
        self.state, self.policy = state, policy

    def compose(self) -> ComposeResult:
        t, state = self.t, self.state
        template = state.template
        yield StatusBar()
        with VerticalScroll(id="preview"), Vertical(id="preview-box"):
            yield Label(t("preview.heading", code=template.code, name=template.name.get(t.lang)))
            yield Static(t("preview.not_posted"), id="not-posted")
            yield Label(t("preview.values"), classes="section")
            yield Static(aligned(state.summary(t)), id="values")
            applicant = t("applicant.agent") if state.by_agent else t("preview.in_person")
            yield Static(t("preview.applied", how=applicant), id="applied")
            yield Label(t("preview.documents"), classes="section")
            ticked = [d.label.get(t.lang) for d in state.documents() if d.key in state.ticked]
            yield Static("\n".join(f"✓ {name}" for name in ticked) or "—", id="ticked")
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()

    def action_close_form(self) -> None:
        """Leave the preview and the form: back to where the form was opened from."""
        from screens.form import FormScreen

        self.dismiss()
        if isinstance(self.app.screen, FormScreen):
            self.app.screen.dismiss()
