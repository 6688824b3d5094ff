"""The incident report (应急处置记录, A4): the playbook, when it started and closed and who
did it, each step with who ticked it and when, and every action logged.

Its figures come from :class:`~workstation.services.incidents.IncidentService`
(``report``); the entry in :mod:`printing.documents` prints it by the incident's id.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.base import A4, build_pdf
from printing.columns import CODE, TEXT, Column
from printing.fonts import FontChoice, register
from printing.grid import Cell
from printing.registry import Desk
from printing.report_parts import (
    A4_MARGIN,
    A4_WIDTH,
    DASH,
    gap,
    listing,
    report_head,
    report_page,
    signatures,
    who,
)
from workstation.domain.clock import stamp
from workstation.services.incident_views import Done, IncidentReport
from workstation.services.receipt_data import Bilingual

TITLE = Bilingual("应急处置记录", "Service incident report")
STEPS = (
    Column("序号", "No.", CODE),
    Column("处置步骤", "Step", TEXT, weight=3),
    Column("完成人", "Done by", TEXT),
    Column("完成时间", "Done at", CODE),
    Column("备注", "Note", TEXT),
)
ACTIONS = (
    Column("时间", "Time", CODE),
    Column("记录人", "By", TEXT),
    Column("处置情况", "Action taken", TEXT, weight=3),
)
STATUS = {"open": "处置中 OPEN", "closed": "已结束 Closed"}


def load_incident(desk: Desk, ref: str) -> IncidentReport:
    """The report of incident ``ref`` (its id); the desk is the station."""
    return desk.incidents.report(int(ref), desk.reports.header())


def render_incident(data: IncidentReport, font: FontChoice) -> bytes:
    name = register(font)
    incident, zone = data.incident, data.zone

    def when(moment: datetime | None) -> str:
        return stamp(moment, zone) if moment else DASH

    def by_at(done: Done | None) -> tuple[str, str]:
        return (who(done.by), when(done.at)) if done else (DASH, DASH)

    book = incident.playbook
    closed_by, closed_at = by_at(incident.closed)
    setup = report_page(data.header, TITLE, name, A4, A4_MARGIN, f"{TITLE.en} {incident.id}")
    facts = [
        Cell("网点", "Branch", f"{data.header.branch.zh} {data.header.branch.en}"),
        Cell("应急预案", "Playbook", f"{book.name.zh} {book.name.en}"),
        Cell("启动时间", "Started", when(incident.started.at)),
        Cell("启动人", "Started by", who(incident.started.by)),
        Cell("结束时间", "Closed", closed_at),
        Cell("结束人", "Closed by", closed_by),
        Cell("状态", "Status", STATUS[incident.status.value]),
        Cell("显示屏公告", "Display notice", book.notice.zh if book.notice else DASH),
    ]
    number = Bilingual(f"事件编号 {incident.id}", f"Incident no. {incident.id}")
    steps = [
        [str(s.index + 1), f"{s.text.zh} {s.text.en}", *by_at(s.ticked), s.note or DASH]
        for s in incident.steps
    ]  # fmt: skip
    actions = [[when(a.at), who(a.by), a.note] for a in incident.actions]
    manager = incident.closed.by if incident.closed else None
    story: list[Flowable] = [
        *report_head(data, TITLE, name, A4_WIDTH, facts, number),
        gap(3 * mm),
        *listing("处置步骤", "Steps", STEPS, steps, name, A4_WIDTH),
        gap(3 * mm),
        *listing("处置记录", "Actions taken", ACTIONS, actions, name, A4_WIDTH),
        gap(6 * mm),
        signatures([("负责人", "Manager", manager)], name, A4_WIDTH),
    ]
    return build_pdf(setup, story)
