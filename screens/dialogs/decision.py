"""A supervisor approves or rejects a remote request: what is asked, then password, reason, note."""

from __future__ import annotations

from screens.dialogs.approval import Answer, ApprovalDialog
from workstation.services.evidence import Evidence
from workstation.services.overrides import REASONS, REJECTIONS, RequestView


class DecisionModal(ApprovalDialog[bool]):
    """Dismissed with True once the service recorded the decision, False if cancelled."""

    DEFAULT_CSS = """
    DecisionModal > #dialog { width: 100; }
    """
    AUTO_FOCUS = "#password"
    PASSWORD_LABEL = "decision.password"

    def __init__(self, request: RequestView, approve: bool) -> None:
        super().__init__()
        self.request, self.approve = request, approve

    def heading(self) -> str:
        key = "decision.approve" if self.approve else "decision.reject"
        return self.t(key, id=self.request.id, level=self.request.level)

    def evidence(self) -> Evidence:
        return self.request.evidence

    def reasons(self) -> list[tuple[str, str]]:
        codes, section = (REASONS, "reason") if self.approve else (REJECTIONS, "rejection")
        return [(self.t(f"override.{section}.{code}"), code) for code in codes]

    def send(self, answer: Answer) -> None:
        overrides, who = self.app.require_station().overrides, self.app.require_who()
        request_id, approve = self.request.id, self.approve
        self.call_service(
            lambda: overrides.decide(
                who, request_id, approve, answer.password, answer.reason, answer.note
            ),
            lambda _: self.dismiss(True),
        )

    def cancelled(self) -> bool:
        return False
