"""Service incidents (服务应急): the service's rules and journal, the crowd-surge suggestion,
the teller's prompts and documents, and the report on paper."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forms.service_pack import Thresholds
from printing.pipeline import print_document
from tests.ledger_support import journal_payloads
from workstation.db.incidents import Incident, IncidentAction, IncidentStep
from workstation.domain.i18n import Catalog
from workstation.domain.incident import IncidentStatus
from workstation.domain.prints import DocumentKind
from workstation.domain.queue import Priority
from workstation.services.incidents import IncidentError
from workstation.services.queue_views import QueueBoard, ZoneView
from workstation.services.suggestions import suggestions

pytestmark = pytest.mark.db
PW = "demo1234"
ZH, EN = Catalog.load("zh"), Catalog.load("en")


def _count(station, model) -> int:
    with station.db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _refused(call, key: str) -> None:
    with pytest.raises(IncidentError) as refused:
        call()
    assert refused.value.msg.key == key
    assert ZH(refused.value.msg) != EN(refused.value.msg)  # one line in each language


def test_an_incident_is_started_ticked_logged_and_closed_each_journaled(station):
    service = station.incidents
    supervisor = station.auth.sign_in("S001", PW)
    lobby = station.auth.sign_in("L001", PW)
    started = service.start(lobby, "printer_fault")
    assert started.open and started.started.by.staff_id == "L001"
    assert [s.done for s in started.steps] == [False, False, False]
    station.clock.advance(minutes=2)
    ticked = service.tick(supervisor, started.id, 1, "  备用机已启用 ")
    done = ticked.steps[1].ticked
    assert done is not None and (done.by.staff_id, done.at) == ("S001", station.clock.now())
    assert ticked.steps[1].note == "备用机已启用"
    station.clock.advance(minutes=1)
    logged = service.log(lobby, started.id, "已联系厂家上门维修")
    assert [(a.by.staff_id, a.note) for a in logged.actions] == [("L001", "已联系厂家上门维修")]
    closed = service.close(supervisor, started.id)
    assert closed.status is IncidentStatus.CLOSED and closed.closed.by.staff_id == "S001"
    assert service.open_incidents() == ()
    assert [p["playbook"] for p in journal_payloads(station, "incident.started")] == [
        "printer_fault"
    ]
    assert [p["step"] for p in journal_payloads(station, "incident.step")] == [2]
    notes = [p["note"] for p in journal_payloads(station, "incident.action")]
    assert notes == ["已联系厂家上门维修"]
    assert [p["incident"] for p in journal_payloads(station, "incident.closed")] == [started.id]
    assert station.journal.verify(station.db).ok


def test_refusals_store_nothing(station):
    service = station.incidents
    supervisor = station.auth.sign_in("S001", PW)
    teller = station.auth.sign_in("T001", PW)
    _refused(lambda: service.start(supervisor, "alien_invasion"), "incident.error.unknown_playbook")
    _refused(lambda: service.start(teller, "power_failure"), "incident.error.role")
    assert _count(station, Incident) == 0
    first = service.start(supervisor, "power_failure")
    _refused(lambda: service.start(supervisor, "power_failure"), "incident.error.already_open")
    service.start(supervisor, "crowd_surge")  # another playbook may be open beside it
    assert len(service.open_incidents()) == 2
    service.tick(supervisor, first.id, 0)
    _refused(lambda: service.tick(supervisor, first.id, 0), "incident.error.step_done")
    _refused(lambda: service.tick(supervisor, first.id, 4), "incident.error.no_step")
    _refused(lambda: service.tick(supervisor, first.id, -1), "incident.error.no_step")
    _refused(lambda: service.log(supervisor, first.id, "   "), "incident.error.empty_note")
    _refused(lambda: service.tick(teller, first.id, 1), "incident.error.role")
    _refused(lambda: service.close(supervisor, 999), "incident.error.unknown")
    assert (_count(station, IncidentStep), _count(station, IncidentAction)) == (1, 0)
    service.close(supervisor, first.id)
    _refused(lambda: service.close(supervisor, first.id), "incident.error.closed")
    _refused(lambda: service.log(supervisor, first.id, "太晚了"), "incident.error.closed")
    _refused(lambda: service.tick(supervisor, first.id, 1), "incident.error.closed")
    again = service.start(supervisor, "power_failure")  # closed: the playbook may start again
    assert again.id != first.id
    assert len(journal_payloads(station, "incident.started")) == 3


def test_the_display_notices_are_the_open_incidents_with_one(station):
    service = station.incidents
    supervisor = station.auth.sign_in("S001", PW)
    dispute = service.start(supervisor, "customer_dispute")  # nothing for the display
    assert service.notices() == ()
    outage = service.start(supervisor, "system_outage")
    assert [n.zh for n in service.notices()] == [outage.playbook.notice.zh]
    service.close(supervisor, outage.id)
    service.close(supervisor, dispute.id)
    assert service.notices() == ()


def _zone(waiting: int, longest_minutes: float, target_minutes: int = 20) -> ZoneView:
    return ZoneView(
        "non_cash", "非现金区", "Non-cash", waiting, timedelta(minutes=longest_minutes),
        timedelta(minutes=target_minutes), ("02",), (),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("waiting", "longest", "expected"),
    [
        (15, 39, None),  # at the limits: no suggestion
        (16, 5, "incident.suggest.waiting"),  # more than 15 waiting
        (3, 40.5, "incident.suggest.wait"),  # longest wait past twice the 20 min target
        (0, 60, None),  # nobody waiting: a stale longest wait says nothing
    ],
)
def test_a_crowded_zone_suggests_the_flexible_window(waiting, longest, expected):
    board = QueueBoard((_zone(waiting, longest),), (), (), (), 0)
    found = suggestions(board, Thresholds(wait_factor=2, max_waiting=15))
    assert [m.key for m in found] == ([expected] if expected else [])
    if expected:
        assert "弹性窗口" in ZH(found[0]) and "flexible window" in EN(found[0])
        assert "非现金区" in ZH(found[0]) and "Non-cash" in EN(found[0])


def test_the_prompts_come_from_the_pack_and_list_the_tickets_documents(station):
    lobby = station.auth.sign_in("L001", PW)
    prompts = station.prompts
    assert prompts.greeting("B007").zh == "您好，B007 号请坐，请问办理什么业务？"
    surrender = station.queue.issue(lobby, "policy_service", Priority.NONE, business="3101")
    papers = [d.zh for d in prompts.documents(surrender.ticket.id)]
    assert papers == [str(ZH(d)) for d in surrender.documents]  # as the lobby's ticket lists
    assert papers
    any_business = station.queue.issue(lobby, "policy_service", Priority.NONE)
    assert len(prompts.documents(any_business.ticket.id)) >= len(papers)


def test_the_report_prints_with_the_steps_and_actions(station, tmp_path):
    service = station.incidents
    supervisor = station.auth.sign_in("S001", PW)
    lobby = station.auth.sign_in("L001", PW)
    incident = service.start(lobby, "crowd_surge")
    station.clock.advance(minutes=3)
    service.tick(supervisor, incident.id, 0)
    service.log(lobby, incident.id, "三号窗口协助分流")
    service.close(supervisor, incident.id)
    outcome = print_document(station, lobby, DocumentKind.INCIDENT, str(incident.id))
    assert outcome.path.exists() and outcome.path.suffix == ".pdf"
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(outcome.path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for expected in ("应急处置记录", "客流高峰", "开启弹性窗口", "三号窗口协助分流", "已结束"):
        assert expected in text, expected
    assert "L001" in text and "S001" in text
    done_at = (station.clock.now()).astimezone(station.clock.zone)
    assert f"{done_at:%H:%M:%S}" in text


def test_two_stations_starting_the_same_playbook_at_once_open_one(station, monkeypatch):
    """The check before the insert can race; the partial unique index is the last word."""
    from sqlalchemy.exc import IntegrityError

    from workstation.services.incidents import IncidentService

    service = station.incidents
    supervisor = station.auth.sign_in("S001", PW)
    service.start(supervisor, "system_outage")
    twin = Incident(
        branch_code=station.branch.code, playbook="system_outage", status="open",
        started_by="S001", started_at=station.clock.now(),
    )  # fmt: skip
    with pytest.raises(IntegrityError), station.db.write() as s:  # the table itself refuses
        s.add(twin)
    monkeypatch.setattr(IncidentService, "_open_of", lambda self, s, playbook: None)  # raced
    _refused(lambda: service.start(supervisor, "system_outage"), "incident.error.already_open")
    assert _count(station, Incident) == 1
    assert len(journal_payloads(station, "incident.started")) == 1
