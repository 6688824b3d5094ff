"""Pilot: lobby staff run a service incident (服务应急) by keyboard: F11, a playbook, Enter;
Space ticks a step, a note is logged, F10 closes it and prints the report; all stored."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sqlalchemy import select
from textual.widgets import OptionList, Static

from screens.home import HomeScreen
from screens.incidents import IncidentsScreen
from screens.lobby import LobbyScreen
from tests.flows import signed_in
from tests.ledger_support import journal_payloads
from tests.pilot import notices, screen_text, settle, type_text
from workstation.db.incidents import Incident, IncidentAction, IncidentStep
from workstation.domain.incident import IncidentStatus
from workstation.domain.queue import Priority

pytestmark = pytest.mark.db
SURGE = 3
"""crowd_surge is the fourth playbook of the shipped pack."""


def _listed(screen, selector: str) -> str:
    """The lines of an option list (screen_text reads text widgets only)."""
    options = screen.query_one(selector, OptionList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


async def _press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def _f11(pilot, home: type) -> IncidentsScreen:
    """From the signed-in person's home (``home``), F11: the incidents screen."""
    assert isinstance(pilot.app.screen, home)
    await _press(pilot, "f11")
    screen = pilot.app.screen
    assert isinstance(screen, IncidentsScreen)
    return screen


async def test_lobby_starts_ticks_notes_and_closes_an_incident_and_the_report_prints(station):
    async with signed_in(station, "L001") as pilot:
        app, screen = pilot.app, await _f11(pilot, LobbyScreen)
        assert "客流高峰" in _listed(screen, "#playbooks") and "系统故障" in _listed(
            screen, "#playbooks"
        )
        await _press(pilot, *["down"] * SURGE, "enter")
        assert "已启动：客流高峰" in notices(app)
        assert screen.current is not None and screen.current.playbook.key == "crowd_surge"
        assert "大厅显示屏公告" in screen_text(app)
        assert isinstance(app.focused, OptionList) and app.focused.id == "steps"
        station.clock.advance(minutes=1)
        await _press(pilot, "space")
        assert "[✓] 1. 开启弹性窗口  09:01:00 刘洋" in _listed(screen, "#steps")
        assert "[ ] 2." in _listed(screen, "#steps")
        await _press(pilot, "f6")
        assert app.focused is not None and app.focused.id == "note"
        await type_text(pilot, "三号窗口协助分流 window 3 helps")
        await _press(pilot, "enter")
        assert "三号窗口协助分流 window 3 helps" in screen_text(app)
        await _press(pilot, "f10")
        assert screen.current.status is IncidentStatus.CLOSED
        assert screen.printed is not None and screen.printed.path.exists()
        assert any("已结束：客流高峰" in line for line in notices(app))
        report = screen.printed.path
    with station.db.read() as s:
        incident = s.scalars(select(Incident)).one()
        steps = s.scalars(select(IncidentStep)).all()
        actions = s.scalars(select(IncidentAction)).all()
    assert (incident.playbook, incident.status) == ("crowd_surge", "closed")
    assert (incident.started_by, incident.closed_by) == ("L001", "L001")
    assert [(step.step, step.done_by) for step in steps] == [(0, "L001")]
    assert [a.note for a in actions] == ["三号窗口协助分流 window 3 helps"]
    assert [p["step"] for p in journal_payloads(station, "incident.step")] == [1]
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", str(report), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "客流高峰" in text and "三号窗口协助分流" in text


async def test_a_refusal_shows_in_both_languages_and_stores_nothing(station):
    supervisor = station.auth.sign_in("S001", "demo1234")
    station.incidents.start(supervisor, "crowd_surge")  # from another station
    async with signed_in(station, "S001") as pilot:
        app, screen = pilot.app, await _f11(pilot, HomeScreen)
        await _press(pilot, "space")  # nothing chosen yet
        assert "请先选择或启动一个应急事件" in notices(app)[-1]
        screen._followed(station.incidents.open_incidents())  # the follower's reading
        await _press(pilot, *["down"] * SURGE, "enter")  # shows the open one, starts none
        assert screen.current is not None and screen.current.playbook.key == "crowd_surge"
        await _press(pilot, "f6", "enter")  # an empty note
        assert "处置情况不能为空" in notices(app)[-1]
    with station.db.read() as s:
        assert len(s.scalars(select(Incident)).all()) == 1
        assert s.scalars(select(IncidentAction)).all() == []


@pytest.mark.parametrize(("staff_id", "where"), [("S001", "#suggestions"), ("L001", "#notices")])
async def test_a_crowded_zone_suggests_the_flexible_window_to_supervisor_and_lobby(
    station, staff_id, where
):
    desk = station.auth.sign_in("L001", "demo1234")
    for _ in range(16):  # more than the pack's 15 waiting in the cash zone
        station.queue.issue(desk, "payment", Priority.NONE)
    async with signed_in(station, staff_id) as pilot:
        await settle(pilot)
        shown = str(pilot.app.screen.query_one(where, Static).render())
        assert "客流高峰：现金区有 16 人等候（超过 15 人），是否开启弹性窗口？" in shown
