"""A supervisor lets the branch open with opening items outstanding (营业前准备未完成，授权开门).

The person at the screen has written why (:class:`screens.dialogs.reason.ReasonModal`);
here the supervisor, standing at this workstation, types their staff ID and
password and picks an approval reason, as for any local override. The service
checks them (never the person asking, at least the level it needs) and records
the opening; the dialog dismisses with the checklist as it now stands.
"""

from __future__ import annotations

from screens.dialogs.approval import Answer, LocalApproval
from workstation.domain.text import join_list
from workstation.services.checklist_views import ChecklistView


class OpenAnywayModal(LocalApproval[ChecklistView]):
    DEFAULT_CSS = """
    OpenAnywayModal > #dialog { width: 100; }
    """

    def __init__(self, view: ChecklistView, reason: str) -> None:
        super().__init__()
        self.view, self.reason = view, reason

    def heading(self) -> str:
        return self.t("checklist.override_heading", count=len(self.view.outstanding))

    def evidence(self) -> None:
        return None

    def hint(self) -> str:
        lang = self.t.lang
        items = join_list(self.t, (item.name(lang) for item in self.view.outstanding))
        lines = (
            self.t("checklist.override_items", items=items),
            f"{self.t('checklist.override_reason')}: {self.reason}",
            self.t("override.local_hint"),
        )
        return "\n".join(lines)

    def send(self, answer: Answer) -> None:
        checklists, who = self.app.require_station().checklists, self.app.require_who()
        reason = self.reason
        self.call_service(
            lambda: checklists.open_anyway(
                who, reason, answer.approver, answer.password, answer.reason, answer.note
            ),
            self.dismiss,
        )
