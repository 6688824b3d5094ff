"""The risk findings of a submission, most severe first; warnings are acknowledged one by one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.markup import escape
from textual.binding import Binding
from textual.message import Message

from screens.text import Reflows
from screens.widgets.focus import CursorLines
from workstation.domain.i18n import Catalog
from workstation.services.risk.model import Finding, Severity

MARKS = {
    Severity.BLOCK: ("✗", "red"),
    Severity.AUTHORIZE: ("◆", "magenta"),
    Severity.WARN: ("!", "yellow"),
    Severity.INFO: ("i", "dim"),
}


class FindingsList(Reflows, CursorLines):
    DEFAULT_CSS = """
    FindingsList { height: auto; padding: 0 1; }
    """
    BINDINGS = [Binding("space,enter", "acknowledge", show=False)]

    @dataclass
    class Acknowledged(Message):
        code: str
        acknowledged: bool

    def __init__(self, t: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.t = t
        self.findings: tuple[Finding, ...] = ()
        self.acknowledged: set[str] = set()

    def show(self, findings: tuple[Finding, ...]) -> None:
        self.findings = findings
        self.acknowledged &= {f.code for f in findings}
        warnings = [i for i, f in enumerate(findings) if f.severity is Severity.WARN]
        self.cursor = warnings[0] if warnings else 0
        self.refresh(layout=True)

    def render_text(self) -> str:
        if not self.findings:
            return self.t("review.no_findings")
        lines = []
        for i, finding in enumerate(self.findings):
            mark, colour = MARKS[finding.severity]
            label = self.t(f"review.severity.{finding.severity.name.lower()}", level=finding.level)
            box = ""
            if finding.severity is Severity.WARN:
                box = "[✓] " if finding.code in self.acknowledged else "[ ] "
            text = f"[{colour}]{mark} {escape(label)}[/] {box}{escape(self.t(finding.message))}"
            lines.append(self.at_cursor(i, text))
        return "\n".join(lines)

    def action_move(self, step: int) -> None:
        if self.findings:
            self.cursor = (self.cursor + step) % len(self.findings)
            self.refresh()

    def action_acknowledge(self) -> None:
        if not self.findings:
            return
        finding = self.findings[self.cursor]
        if finding.severity is not Severity.WARN:
            return
        self.acknowledged ^= {finding.code}
        self.post_message(self.Acknowledged(finding.code, finding.code in self.acknowledged))
        self.refresh()
