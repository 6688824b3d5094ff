"""The opening checklist (营业前准备) and its gate: no ticket, no window until the branch opens.

The demo opens its first morning (``seed_demo``); these tests go to the next
business date, when nothing is ticked yet.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sqlalchemy import func, select

from forms.branch_pack import DEFAULT_BRANCH_PACK, check_branch_pack, load_branch_pack
from printing.pipeline import print_document
from tests.ledger_support import in_both_languages, journal_payloads, on_shift
from tests.queue_support import lobby
from workstation.db.checklists import BranchOpening, ChecklistTick
from workstation.db.queue import Ticket
from workstation.domain.checklist import ChecklistKind, OpeningMode
from workstation.domain.errors import WorkstationError
from workstation.domain.prints import DocumentKind
from workstation.domain.queue import Priority
from workstation.services.journal_audit import audit

pytestmark = pytest.mark.db
OPENING = ChecklistKind.OPENING
ISSUE_LIST = (
    "lights_clean", "signs_hours", "licences", "safety_notices", "facilities", "sample_forms",
    "opinion_book", "ticket_printer", "display_voice", "rating_pads", "tills_opened",
)  # fmt: skip
"""The items issue 14 names, in its order."""


@pytest.fixture
def next_day(station):
    """The morning after the demo's first day: the branch has not opened yet."""
    station.clock.advance(days=1)
    return station


def refused(call, *args, **kwargs) -> WorkstationError:
    with pytest.raises(WorkstationError) as caught:
        call(*args, **kwargs)
    assert in_both_languages(caught.value.msg), caught.value.msg.key
    return caught.value


def tick_all(station, who, kind=OPENING, but: tuple[str, ...] = ()) -> None:
    for item in station.queue.pack.checklists.items(kind):
        if item.key not in but:
            station.checklists.tick(who, kind, item.key)


def tickets(station) -> int:
    with station.db.read() as s:
        return s.scalar(select(func.count()).select_from(Ticket)) or 0


def test_the_pack_lists_the_issues_items_with_unique_keys_in_both_languages():
    pack = load_branch_pack()
    assert tuple(i.key for i in pack.checklists.opening) == ISSUE_LIST
    assert {"cash_vault", "machines_off", "documents_filed", "doors_alarms"} <= {
        i.key for i in pack.checklists.closing
    }
    assert all(i.name_zh and i.name_en for i in pack.checklists.opening + pack.checklists.closing)
    assert "老花镜" in pack.checklists.item(OPENING, "facilities").name_zh


def test_a_checklist_key_used_twice_is_a_problem_of_the_file(tmp_path):
    text = DEFAULT_BRANCH_PACK.read_text(encoding="utf-8")
    path = tmp_path / "pack.toml"
    path.write_text(text.replace('key = "licences"', 'key = "lights_clean"'), encoding="utf-8")
    problems = check_branch_pack(path)
    assert isinstance(problems, list)
    assert [p.key for p in problems] == ["checklist.opening"]
    assert problems[0].reason.params["key"] == "lights_clean"


def test_the_demo_opened_its_first_morning(station):
    view = station.checklists.today()
    assert view.opened and view.done and view.opening.mode is OpeningMode.NORMAL
    assert view.opening.opened_by == "L001"


def test_before_the_checklist_no_ticket_is_issued_and_no_window_opens(next_day):
    station = next_day
    assert not station.checklists.today().opened
    error = refused(station.queue.issue, lobby(station), "payment", Priority.NONE)
    assert error.msg.key == "checklist.error.not_open"
    assert error.msg.params["date"] == "2026-11-28"
    assert tickets(station) == 0  # nothing of the day stored, not even its number
    refused(station.queue.issue_many, lobby(station), [("payment", Priority.NONE)])
    teller = on_shift(station, "T001")
    error = refused(station.queue.open_window, teller, "01")
    assert error.msg.key == "checklist.error.not_open"
    assert not station.queue.board().opened


def test_ticking_every_item_opens_the_branch_and_then_tickets_are_issued(next_day):
    station, who = next_day, lobby(next_day)
    tick_all(station, who, but=("rating_pads",))
    error = refused(station.checklists.open_branch, who)
    assert error.msg.key == "checklist.error.outstanding" and error.msg.params["count"] == 1
    station.clock.advance(minutes=5)
    view = station.checklists.tick(who, OPENING, "rating_pads", note="02 号评价器已重启")
    item = next(i for i in view.items if i.key == "rating_pads")
    assert (item.done, item.staff_id, item.staff_name) == (True, "L001", "刘洋")
    assert item.at == station.clock.now() and item.note == "02 号评价器已重启"
    opened = station.checklists.open_branch(who)
    assert opened.opening.mode is OpeningMode.NORMAL and opened.opening.outstanding == ()
    assert station.queue.board().opened
    assert station.queue.issue(who, "payment", Priority.NONE).ticket.label == "A001"
    teller = on_shift(station, "T001")
    assert station.queue.open_window(teller, "01").state == "open"
    refused(station.checklists.open_branch, who)  # once a day
    ticks = journal_payloads(station, "checklist.ticked")
    assert [p["item"] for p in ticks if p["date"] == "2026-11-28"][-1] == "rating_pads"
    assert journal_payloads(station, "branch.opened")[-1]["date"] == "2026-11-28"


def test_an_item_unticked_keeps_who_and_when_and_a_repeat_is_refused(next_day):
    station, who = next_day, lobby(next_day)
    station.checklists.tick(who, OPENING, "licences")
    assert refused(station.checklists.tick, who, OPENING, "licences").msg.key == (
        "checklist.error.already_done"
    )
    teller = station.auth.sign_in("T002", "demo1234")
    view = station.checklists.tick(teller, OPENING, "licences", done=False)
    item = next(i for i in view.items if i.key == "licences")
    assert (item.done, item.staff_id) == (False, "T002")
    assert journal_payloads(station, "checklist.unticked")[-1]["item"] == "licences"
    refused(station.checklists.tick, who, OPENING, "no_such_item")
    admin = station.auth.sign_in("A001", "demo1234")
    assert refused(station.checklists.tick, admin, OPENING, "licences").msg.key == (
        "checklist.error.role"
    )


def test_a_supervisors_reason_opens_the_branch_with_items_outstanding(next_day):
    station, who = next_day, lobby(next_day)
    tick_all(station, who, but=("ticket_printer", "display_voice"))
    why = "叫号机卡纸，已报修；人工叫号"
    assert refused(
        station.checklists.open_anyway, who, " ", "S001", "demo1234", "exception"
    ).msg.key == ("checklist.error.reason_needed")
    refused(station.checklists.open_anyway, who, why, "T002", "demo1234", "exception")
    refused(station.checklists.open_anyway, who, why, "S001", "wrong", "exception")
    supervisor = station.auth.sign_in("S001", "demo1234")
    error = refused(
        station.checklists.open_anyway, supervisor, why, "S001", "demo1234", "exception"
    )
    assert error.msg.key == "override.self_approval"
    refused(station.queue.issue, who, "payment", Priority.NONE)  # none of that opened it
    view = station.checklists.open_anyway(who, why, "S001", "demo1234", "exception")
    opening = view.opening
    assert opening.mode is OpeningMode.OVERRIDE and opening.approver == "S001"
    assert opening.outstanding == ("ticket_printer", "display_voice") and opening.reason == why
    assert station.queue.issue(who, "payment", Priority.NONE).ticket.label == "A001"
    logged = journal_payloads(station, "branch.opened_override")
    assert logged[-1]["approver"] == "S001" and logged[-1]["reason"] == why
    assert logged[-1]["outstanding"] == ["ticket_printer", "display_voice"]
    with station.db.read() as s:
        row = s.get(BranchOpening, ("SH01", station.checklists.today().business_date))
        assert row.approver_level == 1 and row.reason_code == "exception"


def test_an_override_is_refused_when_nothing_is_outstanding(next_day):
    station, who = next_day, lobby(next_day)
    tick_all(station, who)
    error = refused(station.checklists.open_anyway, who, "为何", "S001", "demo1234", "exception")
    assert error.msg.key == "checklist.error.nothing_outstanding"
    with station.db.read() as s:
        assert s.scalar(select(func.count()).select_from(BranchOpening)) == 1  # the demo's


def test_the_closing_checklist_is_kept_apart(next_day):
    station, who = next_day, lobby(next_day)
    view = station.checklists.tick(who, ChecklistKind.CLOSING, "doors_alarms")
    assert view.kind is ChecklistKind.CLOSING and not view.done and not view.opened
    assert not any(i.done for i in station.checklists.today(OPENING).items)
    with station.db.read() as s:
        kinds = s.scalars(
            select(ChecklistTick.kind).where(ChecklistTick.item == "doors_alarms")
        ).all()
    assert kinds == ["closing"]


def test_the_record_prints_every_item_who_when_and_the_supervisors_reason(next_day):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    station, who = next_day, lobby(next_day)
    tick_all(station, who, but=("rating_pads",))
    station.clock.advance(minutes=7)  # 09:07 Shanghai
    station.checklists.open_anyway(who, "评价器待修，已报修", "M001", "demo1234", "exception")
    station.checklists.tick(who, ChecklistKind.CLOSING, "doors_alarms", note="已布防")

    outcome = print_document(station, who, DocumentKind.CHECKLIST, "2026-11-28")

    assert outcome.path.name == "SH01-20261128-checklist.pdf"
    text = subprocess.run(
        ["pdftotext", str(outcome.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "营业前准备及营业终了检查记录" in text and "2026-11-28" in text
    for item in station.queue.pack.checklists.opening + station.queue.pack.checklists.closing:
        assert item.name_zh.split("，")[0][:6] in text, item.name_zh
    assert "刘洋 L001" in text and "09:00" in text and "10/11" in text
    assert "未完成" in text and "已布防" in text
    assert "主管授权带未完成项开门" in text and "陈刚 M001" in text
    assert "评价器待修，已报修" in text and "09:07" in text
    assert audit(station.db).ok and station.journal.verify(station.db).ok
