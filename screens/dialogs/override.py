"""A supervisor approves at the teller's counter (local), or the request goes to them (remote)."""

from __future__ import annotations

from textual.screen import ModalScreen

from screens.dialogs.approval import Answer, LocalApproval, Mode
from screens.dialogs.remote_wait import RemoteWaitModal
from workstation.services.evidence import Evidence
from workstation.services.overrides import Approval, Ask


class LocalOverrideModal(LocalApproval[Approval]):
    """What is asked (masked), then the supervisor's ID, password and reason; the service
    decides."""

    DEFAULT_CSS = """
    LocalOverrideModal > #dialog { width: 100; }
    """

    def __init__(self, ask: Ask) -> None:
        super().__init__()
        self.ask = ask

    def heading(self) -> str:
        return self.t("override.local_heading", level=self.ask.level)

    def evidence(self) -> Evidence:
        return self.ask.evidence

    def hint(self) -> str:
        return f"{self.t('override.scroll_hint')}\n{self.t('override.local_hint')}"

    def send(self, answer: Answer) -> None:
        overrides, who, ask = self.app.require_station().overrides, self.app.require_who(), self.ask
        self.call_service(
            lambda: overrides.approve_local(
                who, ask, answer.approver, answer.password, answer.reason, answer.note
            ),
            self.dismiss,
        )


def override_dialog(mode: Mode, ask: Ask) -> ModalScreen[Approval | None]:
    """The dialog that gets a supervisor's approval for ``ask``: here, or from afar."""
    return LocalOverrideModal(ask) if mode == "local" else RemoteWaitModal(ask)
