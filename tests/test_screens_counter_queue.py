"""Pilot: the teller's queue keys on the home screen (叫号, 开始办理, 办结, 暂停服务 …).

The issue's flow at the counter: a priority ticket for 退保's service is issued
through the service (as the lobby would), T001 at counter 02 (a 保全 window)
opens the window, calls, starts, posts a surrender and finishes; the posting is
linked to the ticket.
"""

from __future__ import annotations

from sqlalchemy import select
from textual.widgets import OptionList

from forms.service_pack import load_service_pack
from screens.dialogs.pick import PickModal
from screens.home import HomeScreen
from screens.picker import PickerScreen
from screens.widgets.queue_panel import QueuePanel
from tests.flows import post_surrender, signed_in
from tests.ledger_support import journal_payloads, on_shift
from tests.pilot import notices, screen_text, settle, type_text
from tests.queue_support import at_window
from workstation.db.ledger import Posting
from workstation.db.queue import Ticket, TicketEvent
from workstation.domain.i18n import both, msg
from workstation.domain.queue import PauseReason, Priority, TicketStatus, WindowState

PAUSED = msg("queue.error.window_paused", counter="02", reason=PauseReason.BACK_OFFICE.label)
SERVICE = "policy_service"
"""保全 (B): 退保 (3101) is one of its businesses; counters 02 and 03 serve it."""


def _issue(station, priority: Priority = Priority.ELDERLY):
    """The lobby's ticket, issued through the service as the lobby screen would."""
    lobby = station.auth.sign_in("L001", "demo1234")
    return station.queue.issue(lobby, SERVICE, priority, business="3101").ticket


def _panel(pilot) -> QueuePanel:
    return pilot.app.screen.query_one(QueuePanel)


async def _press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    await settle(pilot)  # the panel's read after the key


async def test_a_teller_calls_serves_posts_and_finishes_a_ticket(station2):
    ticket = _issue(station2)
    on_shift(station2, "T001")
    async with signed_in(station2, "T001") as pilot:
        app = pilot.app
        assert "B001" in screen_text(app)  # waiting, in the panel, before the window opens
        await _press(pilot, "o")
        assert _panel(pilot).view.state is WindowState.OPEN
        await _press(pilot, "f9")
        assert _panel(pilot).view.current.label == "B001"
        assert "B001 号" in screen_text(app)
        assert "请 B001 号到 02 号窗口" in notices(app)
        await _press(pilot, "s")
        assert _panel(pilot).view.current.status is TicketStatus.SERVING
        serial = await post_surrender(pilot)
        assert isinstance(app.screen, HomeScreen)
        await _press(pilot, "d")
        farewell = load_service_pack().prompts.farewell  # the service pack's words
        assert f"{farewell.zh} / {farewell.en}" in notices(app)
        assert "请对本次服务做出评价，欢迎再次光临 / Please rate our service" in notices(app)[-1]
        assert _panel(pilot).view.current is None
    with station2.db.read() as s:
        posting = s.scalars(select(Posting).where(Posting.serial == serial)).one()
        stored = s.get(Ticket, ticket.id)
        kinds = s.scalars(
            select(TicketEvent.kind)
            .where(TicketEvent.ticket_id == ticket.id)
            .order_by(TicketEvent.id)
        ).all()
    assert posting.ticket_id == ticket.id
    assert stored.status == TicketStatus.DONE and stored.priority == Priority.ELDERLY
    assert list(kinds) == ["issue", "call", "start", "finish"]
    assert [p["ticket"] for p in journal_payloads(station2, "queue.finish")] == ["B001"]


async def test_a_paused_window_refuses_call_next_with_the_bilingual_line(station2):
    _issue(station2)
    on_shift(station2, "T001")
    async with signed_in(station2, "T001") as pilot:
        app = pilot.app
        await _press(pilot, "o")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PickModal)
        await _press(pilot, "2")  # back office
        view = _panel(pilot).view
        assert view.state is WindowState.PAUSED and view.reason is PauseReason.BACK_OFFICE
        assert "暂停服务：后台处理" in screen_text(app)
        await _press(pilot, "f9")
        refusal = notices(app)[-1]
        assert " / " in refusal and refusal == both(PAUSED), refusal
        assert _panel(pilot).view.current is None
        await _press(pilot, "u", "f9")
        assert _panel(pilot).view.current.label == "B001"


async def test_call_next_without_an_open_window_or_shift_is_refused(station2):
    _issue(station2)
    async with signed_in(station2, "T001") as pilot:
        await _press(pilot, "o")  # no shift open at counter 02
        assert _panel(pilot).view.state is WindowState.CLOSED
        assert " / " in notices(pilot.app)[-1]


def _options(app) -> list[str]:
    results = app.screen.query_one("#results", OptionList)
    return [str(results.get_option_at_index(i).id) for i in range(results.option_count)]


async def test_the_picker_puts_the_served_tickets_businesses_first(station2):
    """保全's businesses first while B001 is served: browsing, and among typed matches."""
    _issue(station2, Priority.NONE)
    async with signed_in(station2, "T001") as pilot:
        app = pilot.app
        await _press(pilot, "f2")
        assert isinstance(app.screen, PickerScreen)
        assert _options(app)[:2] == ["category-new_business", "1001"]  # nothing served yet
        await _press(pilot, "escape")
        who = at_window(station2, "T001")
        station2.queue.call_next(who, "02")
        station2.queue.start(who, "02")
        await _press(pilot, "f2")
        businesses = list(station2.queue.pack.service(SERVICE).businesses)
        assert _options(app)[: 1 + len(businesses)] == ["serving", *businesses]
        results = app.screen.query_one("#results", OptionList)
        assert "正在办理 B001 号  保全：相关业务" in str(results.get_option_at_index(0).prompt)
        assert results.highlighted == 1
        await type_text(pilot, "3")
        await settle(pilot)
        assert _options(app) == ["3101", "3102", "3201", "3301", "3202"]  # 3202 is 缴费's


def test_search_puts_the_first_codes_first_and_keeps_the_rank_within_each_group(station):
    index = station.templates
    assert [t.code for t in index.search("3")] == ["3101", "3102", "3201", "3202", "3301"]
    assert [t.code for t in index.search("3", ["3301"])] == ["3301", "3101", "3102", "3201", "3202"]
    assert [t.code for t in index.search("", ["4001"])][:2] == ["4001", "1001"]


async def test_park_call_back_and_transfer_back_to_the_lobby(station2):
    ticket = _issue(station2)
    on_shift(station2, "T001")
    async with signed_in(station2, "T001") as pilot:
        app = pilot.app
        await _press(pilot, "o", "f9", "s", "h")
        view = _panel(pilot).view
        assert view.current is None and [t.label for t in view.parked] == ["B001"]
        assert "挂起  B001 号  保全 · 老年人" in screen_text(app)
        await _press(pilot, "b")
        assert isinstance(app.screen, PickModal)
        await _press(pilot, "1")
        assert _panel(pilot).view.current.label == "B001"
        await _press(pilot, "t")
        choices = app.screen.query_one("#choices", OptionList)
        lines = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert not any("保全" in line for line in lines)  # not to its own service
        assert lines[-1] == "8. 回大堂重新分诊（记为分诊错误）"
        await _press(pilot, "8")
        assert _panel(pilot).view.current is None
    with station2.db.read() as s:
        stored = s.get(Ticket, ticket.id)
    assert stored.status == TicketStatus.TRANSFERRED and stored.triage_error


async def test_the_teller_is_prompted_to_greet_ask_and_see_the_customer_off(station2):
    """来有迎声，问有答声，走有送声: the service pack's words under the window, in turn."""
    prompts = load_service_pack().prompts
    ticket = _issue(station2, Priority.NONE)
    on_shift(station2, "T001")
    async with signed_in(station2, "T001") as pilot:
        app = pilot.app
        await _press(pilot, "o", "f9")
        greeting = prompts.greet(ticket.label).zh
        assert greeting == "您好，B001 号请坐，请问办理什么业务？"
        assert f"迎：{greeting}" in screen_text(app)
        await _press(pilot, "s")
        text = screen_text(app)
        assert f"问：{prompts.first_ask.zh}" in text
        assert "请客户出示：" in text and "身份证" in text  # 退保: as the lobby lists it
        assert greeting not in text
        await _press(pilot, "d")
        assert f"送：{prompts.farewell.zh}" in screen_text(app)
        assert f"{prompts.farewell.zh} / {prompts.farewell.en}" in notices(app)[-1]


async def test_the_queue_keys_work_with_caps_lock_on(station2):
    """Caps Lock left on (an ID ending in X, a name in pinyin): O, S and D arrive as capitals
    and still open the window, start and finish."""
    _issue(station2)
    on_shift(station2, "T001")
    async with signed_in(station2, "T001") as pilot:
        await _press(pilot, "O")
        assert _panel(pilot).view.state is WindowState.OPEN
        await _press(pilot, "f9", "S")
        assert _panel(pilot).view.current.status is TicketStatus.SERVING
        await _press(pilot, "D")
        assert _panel(pilot).view.current is None
