"""The documents checklist, one line per original the teller must see.

One widget rather than a checkbox each: ↑↓ move, Space ticks, Enter ticks
and moves down; from the last line Enter goes on to what follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape
from textual.binding import Binding
from textual.message import Message

from forms.state import FormState
from screens.widgets.focus import CursorLines
from workstation.domain.i18n import Catalog


class DocumentsChecklist(CursorLines):
    DEFAULT_CSS = """
    DocumentsChecklist { height: auto; padding: 1 1 0 1; }
    """
    BINDINGS = [
        Binding("space", "tick", show=False),
        Binding("enter", "tick_and_next", show=False),
    ]

    @dataclass
    class Moved(Message):
        """The cursor is on another document (its help can be shown)."""

        key: str

    def __init__(self, state: FormState, t: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state, self.t = state, t
        self.chosen = False
        """The teller is on this document by choice (an arrow, Space, or an Enter here): a
        focus that arrived from the field before (one Enter too many there) has not chosen,
        and its first Enter ticks nothing."""

    def shown(self) -> list:
        return self.state.documents()

    def current(self):
        docs = self.shown()
        return docs[min(self.cursor, len(docs) - 1)] if docs else None

    def render(self) -> str:
        t, lines = self.t, [f"[b]{escape(self.t('form.documents'))}[/b]"]
        for i, doc in enumerate(self.shown()):
            mark = "✓" if doc.key in self.state.ticked else " "
            text = escape(doc.label.get(t.lang))
            if doc.when == "optional":
                text += escape(t("form.optional"))
            elif doc.when == "agent":
                text = f"[yellow]{text}{escape(t('form.agent_document'))}[/]"
            line = f"[{mark}] {text}"
            lines.append(self.at_cursor(i, line))
        return "\n".join(lines)

    def refresh_visibility(self) -> None:
        self.cursor = min(self.cursor, max(len(self.shown()) - 1, 0))
        self.refresh(layout=True)

    def on_focus(self) -> None:
        self.chosen = False
        self._moved()

    def _moved(self) -> None:
        self.refresh()
        if doc := self.current():
            self.post_message(self.Moved(doc.key))

    def action_move(self, step: int) -> None:
        self.chosen = True
        last = len(self.shown()) - 1
        if 0 <= self.cursor + step <= last:
            self.cursor += step
            self._moved()
        elif step < 0:
            self.screen.focus_previous()
        else:
            self.screen.focus_next()

    def action_tick(self) -> None:
        self.chosen = True
        doc = self.current()
        if doc is not None:
            self.state.ticked ^= {doc.key}
            self.refresh()

    def action_tick_and_next(self) -> None:
        if not self.chosen:  # arrived here: this Enter only says "I am on the documents"
            self.chosen = True
            return
        self.action_tick()
        if self.cursor < len(self.shown()) - 1:
            self.cursor += 1
            self._moved()
        else:
            self.screen.focus_next()
