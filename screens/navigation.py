"""Every move between screens, in one place: sessions, locking, home, and opening each screen.

Screens never import one another: they ask ``self.app.nav`` (a :class:`Navigator`)
to open the next one, so no screen module imports another at run time and
none needs a function-local import. This module imports every screen; the app
loads it once, in the worker that opens the station (see
``WorkstationApp._start``), so the sign-in screen shows without it.

Dialogs are not here: the screen that asks pushes its dialog and takes the
typed result (``screens/dialogs/``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widgets import Input

from forms.roles import FieldRole
from forms.schema import Template
from forms.state import FormState
from screens.authorizations import AuthorizationsScreen
from screens.branch_close import BranchCloseScreen
from screens.checklist import ChecklistScreen
from screens.counter_queue import CounterQueue
from screens.customer_search import CustomerSearchScreen
from screens.dialogs.flexible import FlexibleModal
from screens.dialogs.next_day import NextDayModal
from screens.dialogs.password import ChangePasswordModal
from screens.documents import DocumentsScreen
from screens.form import FormScreen
from screens.handover import HandoverScreen
from screens.home import HomeScreen
from screens.incidents import IncidentsScreen
from screens.journal import JournalScreen
from screens.lobby import LobbyScreen
from screens.lock import LockScreen
from screens.opinions import OpinionsScreen
from screens.picker import PickerScreen
from screens.posted import PostedScreen
from screens.posting_detail import PostingDetailScreen
from screens.review import ReviewScreen
from screens.service_stats import ServiceStatsScreen
from screens.signin import SignInScreen
from screens.staffing_plan import StaffingPlanScreen
from screens.till import Direction, OpenShiftScreen, TillScreen
from screens.till_ops import CloseScreen, VaultScreen
from screens.widgets.queue_panel import QueuePanel
from workstation.domain.staff import Role
from workstation.services.auth import SignedIn
from workstation.services.customers import CustomerPolicy
from workstation.services.posting import PostingResult
from workstation.services.tills import TillSummary

if TYPE_CHECKING:
    from screens.app import WorkstationApp


class Navigator:
    """Opens, closes and replaces screens for the app it belongs to."""

    def __init__(self, app: WorkstationApp) -> None:
        self.app = app

    # -- sessions -------------------------------------------------------------------

    def begin_session(self, who: SignedIn) -> None:
        """Signed in: the person's home screen (lobby staff: the lobby)."""
        self.app.who = who
        self.app.touch()
        self.app.push_screen(LobbyScreen() if who.staff.role is Role.LOBBY else HomeScreen())

    def end_session(self, notice: str | None = None) -> None:
        """Back to the sign-in screen, whatever was open above it."""
        self.app.who = None
        self._back_to(SignInScreen)
        if notice:
            self.app.notify(notice, timeout=6)

    def switch_teller(self, who: SignedIn) -> None:
        """After a handover: the incoming teller's home, nothing of the outgoing one's above it."""
        self._back_to(SignInScreen)
        self.begin_session(who)

    def take_over(self, who: SignedIn, notice: str) -> None:
        """Someone else signed in at the lock screen: the locked person is signed out."""
        self.end_session(notice)
        self.begin_session(who)

    def sign_out(self) -> None:
        """Sign out (journaled by the service), then back to the sign-in screen."""
        who, station, t = self.app.require_who(), self.app.require_station(), self.app.t
        self._home().call_service(
            lambda: station.auth.sign_out(who), lambda _: self.end_session(t("home.signed_out"))
        )

    # -- locking --------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return any(isinstance(screen, LockScreen) for screen in self.app.screen_stack)

    def lock(self, reason: str) -> None:
        """Lock the screen over whatever is open; the service journals it."""
        app = self.app
        who, station = app.require_who(), app.require_station()
        app.push_screen(LockScreen(reason))
        app.run_worker(lambda: station.auth.lock(who, reason), thread=True, exit_on_error=False)

    # -- home -----------------------------------------------------------------------

    def go_home(self) -> None:
        """Close the screens of the business at hand, back to the home screen (or the lobby)."""
        homes = self._homes()
        self._back_to(type(homes[-1]) if homes else HomeScreen)

    def show_posted(self, result: PostingResult, state: FormState) -> None:
        """After posting: close the business's screens, back to home, then show the result."""
        self.go_home()
        self.app.push_screen(PostedScreen(result, state))

    def change_password(self) -> None:
        self.app.push_screen(ChangePasswordModal())

    # -- a business -----------------------------------------------------------------

    def open_picker(self) -> None:
        self.app.push_screen(PickerScreen())

    def open_form(self, template: Template) -> None:
        self.app.push_screen(FormScreen(template))

    def open_review(self, state: FormState, idempotency_key: str) -> None:
        self.app.push_screen(ReviewScreen(state, idempotency_key))

    def open_journal(self) -> None:
        self.app.push_screen(JournalScreen())

    def open_posting(self, serial: str) -> None:
        self.app.push_screen(PostingDetailScreen(serial))

    def open_authorizations(self) -> None:
        self.app.push_screen(AuthorizationsScreen())

    # -- the till -------------------------------------------------------------------

    def open_till(self) -> None:
        """The box now if a shift is open, else the opening count."""
        till, who = self.app.require_station().till, self.app.require_who()
        self._home().call_service(lambda: till.summary(who), self._show_till)

    def _show_till(self, summary: TillSummary) -> None:
        self.app.push_screen(TillScreen() if summary.shift else OpenShiftScreen(summary))

    def shift_opened(self) -> None:
        """The opening count is done: the box takes its place."""
        self.app.switch_screen(TillScreen())

    def open_vault(self, direction: Direction, summary: TillSummary) -> None:
        self.app.push_screen(VaultScreen(direction, summary))

    def open_handover(self, summary: TillSummary) -> None:
        self.app.push_screen(HandoverScreen(summary))

    def open_close_till(self, summary: TillSummary) -> None:
        self.app.push_screen(CloseScreen(summary))

    def open_documents(self) -> None:
        self.app.push_screen(DocumentsScreen())

    def open_branch_close(self) -> None:
        self.app.push_screen(BranchCloseScreen())

    def open_checklist(self) -> None:
        """营业前准备 / 营业终了: today's checklists, and opening the branch."""
        self.app.push_screen(ChecklistScreen())

    # -- the opinion book -------------------------------------------------------------

    def open_opinions(self) -> None:
        self.app.push_screen(OpinionsScreen())

    def open_service_stats(self) -> None:
        self.app.push_screen(ServiceStatsScreen())

    # -- the counter's queue ------------------------------------------------------------

    def counter_queue(self) -> CounterQueue:
        """The queue keys (叫号…) act on the home screen's queue panel."""
        home = self._home()
        return CounterQueue(home, home.query_one(QueuePanel))

    # -- service incidents (服务应急) ---------------------------------------------------

    def open_incidents(self) -> None:
        self.app.push_screen(IncidentsScreen())

    # -- the flexible window (弹性窗口) -------------------------------------------------

    def open_flexible(self) -> None:
        """The supervisor's dialog for the branch's (first) flexible window."""
        if not self.app.require_station().advisor.flexible_counters():
            self.app.notify(self.app.t("advisor.dialog.none"), severity="warning")
            return
        self.app.push_screen(FlexibleModal())

    def open_next_day(self) -> None:
        """A level-2 supervisor opens the next business date early (issue 16.11)."""
        self.app.push_screen(NextDayModal())

    # -- the stack ------------------------------------------------------------------

    def _home(self) -> HomeScreen | LobbyScreen:
        """The session's first screen on the stack (home, or the lobby for lobby staff):
        home actions run their service calls there."""
        homes = self._homes()
        if not homes:
            raise RuntimeError("a home action ran with no home screen open")
        return homes[-1]

    def _homes(self) -> list[HomeScreen | LobbyScreen]:
        roots = (HomeScreen, LobbyScreen)
        return [screen for screen in self.app.screen_stack if isinstance(screen, roots)]

    def _back_to(self, kind: type[Screen[object]]) -> None:
        """Close every screen above the topmost ``kind`` (none is closed if there is none)."""
        app = self.app
        if not any(isinstance(screen, kind) for screen in app.screen_stack):
            return
        while not isinstance(app.screen, kind):
            app.pop_screen()

    # -- the staffing plan by hour (排班建议) -------------------------------------------

    def open_staffing_plan(self) -> None:
        self.app.push_screen(StaffingPlanScreen())

    # -- customer search (客户查询): a customer's policy, then its business ------------

    def open_customer_search(self) -> None:
        self.app.push_screen(CustomerSearchScreen())

    def pick_business_for(self, policy: CustomerPolicy) -> None:
        """The picker for a policy found: the picker the search was opened from, if it was."""
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if isinstance(below, PickerScreen) and isinstance(self.app.screen, CustomerSearchScreen):
            self.app.pop_screen()
            below.choose_policy(policy)
        else:
            self.app.push_screen(PickerScreen(policy))

    def open_form_for_policy(self, template: Template, policy_no: str) -> None:
        """The form with the policy number typed in its policy field and Enter pressed, as a
        teller would: the form looks the policy up and fills what it can."""
        form = FormScreen(template)
        self.app.push_screen(form)
        key = template.key_for(FieldRole.POLICY_NO)
        if key is not None:
            form.call_after_refresh(_type_policy, form, f"#f-{key}", policy_no)


def _type_policy(form: FormScreen, field: str, policy_no: str) -> None:
    box = next(iter(form.query(field).results(Input)), None)
    if box is None or not form.is_attached:
        return
    box.value = policy_no
    box.focus()
    form.field_entered(box)
