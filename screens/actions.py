"""The home actions, each once: key, action, labels, roles, and what it opens.

Everything else is generated from :data:`HOME_ACTIONS`: the home screen's key
bindings (and the app's, for an action that works over every screen, like
F12), the home menu, the role checks (``check_action``) and the command
palette. A new home action is one entry here, its catalog keys, and, when it
opens a new screen, one method of :class:`screens.navigation.Navigator`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from workstation.domain.i18n import Catalog
from workstation.domain.staff import Role

if TYPE_CHECKING:
    from screens.navigation import Navigator

ALL_ROLES = frozenset(Role)
COUNTER_STAFF = frozenset({Role.TELLER, Role.SUPERVISOR})
SUPERVISORS = frozenset({Role.SUPERVISOR})
BRANCH_STAFF = frozenset({Role.LOBBY, Role.TELLER, Role.SUPERVISOR})
"""Who does the opening and closing checklists."""

Opener = Callable[["Navigator"], object]
"""Runs the action: a :class:`~screens.navigation.Navigator` method, mostly."""

ACTION = "home_action"
"""The binding action every registry entry runs: ``home_action('<name>')``."""


@dataclass(frozen=True)
class HomeAction:
    """One thing a signed-in person can do from home, in every place it shows."""

    name: str
    """The binding id, and the argument of ``home_action(...)``."""
    key: str
    """Textual's key name: ``f2``."""
    label: str
    """Catalog key of the home menu and palette line."""
    footer: str
    """Catalog key of the footer's short label."""
    tooltip: str
    """Catalog key of the footer tooltip and palette help."""
    roles: frozenset[Role]
    opener: Opener
    everywhere: bool = False
    """Bound on the app (priority), so the key works over every screen, not only home."""
    show: bool = True
    """Shown in the footer (the menu lists every action, the footer only the main ones)."""

    @property
    def key_display(self) -> str:
        """``F2``, ``O``; a control key as the terminal writes it: ``^O``."""
        return self.key.upper().replace("CTRL+", "^")

    def binding(self) -> Binding:
        # a letter works with Caps Lock on too: its capital is bound with it
        keys = f"{self.key},{self.key.upper()}" if len(self.key) == 1 else self.key
        return Binding(
            keys,
            f"{ACTION}('{self.name}')",
            self.footer,
            key_display=self.key_display,
            tooltip=self.tooltip,
            show=self.show,
            priority=self.everywhere,
            id=self.name,
        )

    def menu_text(self, t: Catalog) -> str:
        """``   F2  办理业务``: the key, then the label in the UI language."""
        return f"{self.key_display:>4}  {t(self.label)}"


def _queue_key(name: str, key: str, *, show: bool = False) -> HomeAction:
    """A key of the counter's queue (叫号): runs ``CounterQueue.<name>`` (screens/counter_queue.py)
    on the home screen's queue panel; its texts are ``action.queue_<name>`` and so on."""
    action = f"queue_{name}"
    return HomeAction(
        action,
        key,
        f"action.{action}",
        f"key.{action}",
        f"key.tip.{action}",
        COUNTER_STAFF,
        lambda nav: nav.counter_queue().press(name),
        show=show,
    )


QUEUE_ACTIONS: tuple[HomeAction, ...] = (
    _queue_key("open", "o"),
    _queue_key("call", "f9", show=True),
    _queue_key("recall", "r"),
    _queue_key("no_show", "x"),
    _queue_key("start", "s"),
    _queue_key("finish", "d"),
    _queue_key("park", "h"),
    _queue_key("call_back", "b"),
    _queue_key("transfer", "t"),
    _queue_key("pause", "p"),
    _queue_key("resume", "u"),
)
"""The teller's queue keys, after the home actions: F9 calls the next ticket; letters the rest."""


HOME_ACTIONS: tuple[HomeAction, ...] = (
    HomeAction(
        "new_business",
        "f2",
        "action.new_business",
        "key.new_business",
        "key.tip.new_business",
        COUNTER_STAFF,
        lambda nav: nav.open_picker(),
    ),
    HomeAction(
        "authorizations",
        "f3",
        "action.authorizations",
        "key.authorizations",
        "key.tip.authorizations",
        SUPERVISORS,
        lambda nav: nav.open_authorizations(),
    ),
    HomeAction(
        "journal",
        "f5",
        "action.journal",
        "key.journal",
        "key.tip.journal",
        ALL_ROLES,
        lambda nav: nav.open_journal(),
    ),
    HomeAction(
        "till",
        "f6",
        "action.till",
        "key.till",
        "key.tip.till",
        COUNTER_STAFF,
        lambda nav: nav.open_till(),
    ),
    HomeAction(
        "branch_close",
        "f7",
        "action.branch_close",
        "key.branch_close",
        "key.tip.branch_close",
        SUPERVISORS,
        lambda nav: nav.open_branch_close(),
    ),
    HomeAction(
        "service_stats",
        "v",
        "action.service_stats",
        "key.service_stats",
        "key.tip.service_stats",
        SUPERVISORS,
        lambda nav: nav.open_service_stats(),
        show=False,  # in the menu and the palette; the footer keeps the daily keys
    ),
    HomeAction(
        "lock",
        "f12",
        "action.lock",
        "key.lock",
        "key.tip.lock",
        ALL_ROLES,
        lambda nav: nav.lock("manual"),
        everywhere=True,
    ),
    HomeAction(
        "change_password",
        "f8",
        "action.change_password",
        "key.change_password",
        "key.tip.change_password",
        ALL_ROLES,
        lambda nav: nav.change_password(),
    ),
    HomeAction(
        "sign_out",
        "f4",
        "action.sign_out",
        "key.sign_out",
        "key.tip.sign_out",
        ALL_ROLES,
        lambda nav: nav.sign_out(),
    ),
    # -- service incidents (服务应急): supervisors and lobby staff --
    HomeAction(
        "incidents",
        "f11",
        "action.incidents",
        "key.incidents",
        "key.tip.incidents",
        frozenset({Role.SUPERVISOR, Role.LOBBY}),
        lambda nav: nav.open_incidents(),
    ),
    HomeAction(  # 营业前准备: lobby, tellers and supervisors tick it; the branch opens from it
        "checklist",
        "ctrl+o",
        "action.checklist",
        "key.checklist",
        "key.tip.checklist",
        BRANCH_STAFF,
        lambda nav: nav.open_checklist(),
    ),
    HomeAction(  # 意见簿: anyone at the branch records an opinion; owners handle complaints
        "opinions",
        "ctrl+y",
        "action.opinions",
        "key.opinions",
        "key.tip.opinions",
        BRANCH_STAFF,
        lambda nav: nav.open_opinions(),
    ),
    HomeAction(  # 排班建议: tomorrow's windows by hour and the what-if (issue 15)
        "staffing_plan",
        "ctrl+t",
        "action.staffing_plan",
        "key.staffing_plan",
        "key.tip.staffing_plan",
        SUPERVISORS,
        lambda nav: nav.open_staffing_plan(),
        show=False,  # in the menu and the palette; the footer keeps the daily keys
    ),
    HomeAction(  # 弹性窗口: a supervisor opens the flexible window for a zone, or closes it
        "flexible",
        "w",
        "action.flexible",
        "key.flexible",
        "key.tip.flexible",
        SUPERVISORS,
        lambda nav: nav.open_flexible(),
        show=False,
    ),
    HomeAction(  # 客户查询: a customer's policies by name, ID, mobile, card or policy (issue 16.7)
        "customer_search",
        "ctrl+f",
        "action.customer_search",
        "key.customer_search",
        "key.tip.customer_search",
        COUNTER_STAFF,
        lambda nav: nav.open_customer_search(),
        show=False,
    ),
    HomeAction(  # 提前开始营业日: after the branch close, a level-2 supervisor (issue 16.11)
        "next_day",
        "ctrl+n",
        "action.next_day",
        "key.next_day",
        "key.tip.next_day",
        SUPERVISORS,
        lambda nav: nav.open_next_day(),
        show=False,
    ),
    *QUEUE_ACTIONS,
)


BY_NAME = {action.name: action for action in HOME_ACTIONS}
EVERYWHERE = tuple(action for action in HOME_ACTIONS if action.everywhere)


def bindings(actions: Iterable[HomeAction]) -> list[BindingType]:
    return [action.binding() for action in actions]


def allowed(name: str, role: Role) -> bool:
    """Whether ``role`` may run the action ``name`` (the role check of every screen)."""
    action = BY_NAME.get(name)
    return action is not None and role in action.roles


def for_role(actions: Iterable[HomeAction], role: Role) -> list[HomeAction]:
    return [action for action in actions if role in action.roles]
