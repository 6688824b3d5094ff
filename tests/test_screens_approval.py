"""Pilot: a supervisor sees what they approve; names as recorded; numbers revealed on purpose."""

from __future__ import annotations

from screens.authorizations import AuthorizationsScreen
from screens.dialogs.override import LocalOverrideModal
from screens.posted import PostedScreen
from screens.posting_detail import PostingDetailScreen
from screens.review import ReviewScreen
from tests.conftest import FAST, make_config, start_time
from tests.flows import BIG, fill_surrender, signed_in, surrender_sent_for_approval
from tests.ledger_support import journal_payloads, on_shift, post_approved, surrender
from tests.pilot import (
    assert_shows,
    burst,
    hear_back,
    make_app,
    press_to,
    ready,
    screen_text,
    settle,
    sign_in,
)
from tests.printing_support import pdf_text
from workstation.domain.clock import ManualClock
from workstation.station import open_station

ID, MASKED_ID = "110105198001010016", "110105********0016"
IN_WORDS = "人民币捌万陆仟肆佰元整"
APPROVE_AS_S001 = ("S001", "<enter>", "demo1234", "<enter>", "1", "<enter>")


def _visible(app, selector: str) -> bool:
    """The widget is drawn inside the terminal, not scrolled or pushed out of it."""
    region = app.screen.query_one(selector).region
    width, height = app.size
    return region.height >= 1 and region.bottom <= height and region.right <= width


async def test_the_local_approval_shows_what_is_approved_before_the_password(station):
    """Opened on a 120×36 terminal, then (Escape, and F7 again) on an 80×24 one: one filled
    surrender serves both sizes."""
    on_shift(station, "T001")
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await fill_surrender(pilot)
        review = app.screen
        findings = [app.t(f.message) for f in review.assessment.findings]
        documents = [d.label.zh for d in review.state.documents() if d.key in review.state.ticked]
        await pilot.press("space")  # the due-diligence notice seen
        for size in [(120, 36), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.press("f7")
            await settle(pilot)
            assert isinstance(app.screen, LocalOverrideModal), size
            text = screen_text(app)
            for expected in ("3101 退保", "张三", MASKED_ID, "¥86,400.00", IN_WORDS):
                assert expected in text, (size, expected)
            assert ID not in text and "6222021000123450" not in text.replace(" ", "")
            assert findings and all(finding in text for finding in findings), findings
            assert documents and all(document in text for document in documents), documents
            assert "张敏（T001）" in text
            assert app.focused is app.screen.query_one("#approver")
            assert app.screen.query_one("#password").value == ""
            for selector in ("#approver", "#password", "#error"):
                region = app.screen.query_one(selector).region
                assert _visible(app, selector), (size, selector, region)
            await pilot.press("escape")  # nothing approved: back to the review
            await settle(pilot)
            assert app.screen is review


async def test_a_remote_approval_names_the_supervisor_and_the_time_they_decided(
    station, config, secrets
):
    later = ManualClock(start_time())
    later.advance(minutes=7, seconds=31)
    other = open_station(make_config(config.database.url, counter="02"), secrets, later, FAST)
    on_shift(station, "T001")
    try:
        async with surrender_sent_for_approval(station, other) as (teller, supervisor):
            teller_app, supervisor_app = teller.app, supervisor.app
            assert "等待主管处理" in screen_text(teller_app)
            await press_to(supervisor, "f3", AuthorizationsScreen)  # at another counter
            assert_shows(supervisor_app, "退保", "¥86,400.00", MASKED_ID)
            await supervisor.press("f2")
            await settle(supervisor)
            text = screen_text(supervisor_app)  # the decision shows what is approved
            assert "人民币捌万陆仟肆佰元整" in text and MASKED_ID in text and ID not in text
            await burst(supervisor, "demo1234", "<enter>", "1", "<enter>")
            await settle(supervisor)
            # the teller's screen moves on by itself (its next check hears the answer)
            await hear_back(teller)
            assert isinstance(teller_app.screen, ReviewScreen)
            text = screen_text(teller_app)
            assert "已授权" in text and "远程" in text
            assert "王强（S001）" in text and "S001（S001）" not in text
            assert ":07:31" in text  # when 王强 decided, not when the teller's screen heard of it
            await teller.press("f10")
            await settle(teller)
            assert isinstance(teller_app.screen, PostedScreen)
            assert "王强（S001）" in screen_text(teller_app)
    finally:
        other.close()


async def test_approving_twice_lists_the_approver_once_on_screen_and_receipt(station):
    on_shift(station, "T001")
    async with signed_in(station, "T001", BIG) as pilot:
        app = pilot.app
        await fill_surrender(pilot)
        await pilot.press("space", "f7")
        await settle(pilot)
        await burst(pilot, *APPROVE_AS_S001)
        await settle(pilot)
        await pilot.press("escape", "y")  # back to the form, dropping the approval (asked)
        await settle(pilot)
        await pilot.press("f10")  # review the same form again
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.approval is None
        await pilot.press("space", "f7")
        await settle(pilot)
        await burst(pilot, *APPROVE_AS_S001)
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, PostedScreen)
        text = screen_text(app)
        assert text.count("S001") == 1 and "王强（S001）" in text, text
        await pilot.press("f6")
        await settle(pilot)
        path = app.screen.outcome.path
    pdf = pdf_text(path)
    assert "王强" in pdf and pdf.count("S001") == 2, pdf  # one approver, on each of two copies


async def test_a_supervisor_reveals_a_requests_full_id_and_the_journal_records_it(station):
    teller = on_shift(station, "T001")
    request_id = station.overrides.request(
        teller, station.postings.ask(surrender(station), teller), "01"
    )
    async with signed_in(station, "S001", BIG) as pilot:
        app = pilot.app
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, AuthorizationsScreen)
        text = screen_text(app)
        assert MASKED_ID in text and ID not in text and "138****8000" in text
        assert journal_payloads(station, "id_revealed") == []
        await pilot.press("f5")
        await settle(pilot)
        text = screen_text(app)
        assert ID in text and "13800138000" in text
        assert journal_payloads(station, "id_revealed") == [
            {"request": request_id, "teller": "T001"}
        ]


async def test_a_posting_detail_is_masked_and_a_teller_cannot_reveal_it(station):
    teller = on_shift(station, "T001")
    serial = post_approved(station, surrender(station), teller).serial
    for staff_id, may in (("T001", False), ("S001", True)):
        app = make_app(station)
        async with app.run_test(size=BIG) as pilot:
            await ready(pilot)
            await sign_in(pilot, staff_id, "demo1234")
            app.push_screen(PostingDetailScreen(serial))
            await settle(pilot)
            text = screen_text(app)
            assert MASKED_ID in text and ID not in text and "6222 **** **** 3450" in text
            await pilot.press("f5")
            await settle(pilot)
            assert (ID in screen_text(app)) is may, staff_id
            assert len(journal_payloads(station, "id_revealed")) == int(may), staff_id
    assert journal_payloads(station, "id_revealed") == [{"serial": serial}]
