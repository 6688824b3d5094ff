"""What the calling display shows, as text: a pure function of the queue board (and of the
open service incidents' notices).

The display app (``screens/display_app.py``) reads the board in a worker and
puts these texts into its widgets; tests read them back. Nothing here reads
the database or the clock: the board, the service names and the branch's
time zone come in, lines go out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from forms.branch_pack import ServiceSpec
from forms.schema import Text
from workstation.domain.clock import time_of_day
from workstation.domain.i18n import Catalog
from workstation.domain.text import join_list
from workstation.services.queue_views import CallView, QueueBoard, ZoneView
from workstation.services.voice import call_announcement


@dataclass(frozen=True)
class DisplayView:
    """Every text of the display at one moment."""

    latest: str
    """The latest call's ticket and window, drawn large: ``A012 → 02`` (empty before any)."""
    latest_line: str
    """The latest call in both languages: 请 A012 号到 02 号窗口 / Ticket A012, window 02."""
    last_calls: str
    zones: str
    paused: str
    quota: str
    notice: str = ""
    """The open service incidents' notices to customers (服务应急), both languages; or empty."""


def minutes(span: timedelta) -> int:
    """Whole minutes of ``span`` (a wait of 4 min 59 s is 4)."""
    return max(0, int(span.total_seconds() // 60))


def latest_line(call: CallView | None, t: Catalog) -> str:
    """The latest call in both languages, one line each (the marker tests read)."""
    if call is None:
        return t("display.waiting_first")
    said = call_announcement(call.ticket_label, call.counter)
    return f"{said.zh}\n{said.en}"


def call_line(call: CallView, t: Catalog, zone: tzinfo) -> str:
    line = t(
        "display.call_line",
        time=time_of_day(call.at, zone, seconds=False),
        ticket=call.ticket_label,
        window=call.counter,
    )
    return line + (t("display.recall") if call.recall else "")


def zone_lines(zone: ZoneView, t: Catalog) -> list[str]:
    head = t(
        "display.zone_line",
        zone=zone.name(t.lang),
        waiting=zone.waiting,
        longest=minutes(zone.longest_wait),
        target=minutes(zone.target),
    )
    windows = ", ".join(zone.open_windows) or t("display.no_windows")
    return [head, t("display.zone_windows", windows=windows)]


def flexible_lines(
    board: QueueBoard, zone: str, services: Mapping[str, ServiceSpec], t: Catalog
) -> list[str]:
    """``04 号弹性窗口 · 缴费``: a flexible window a supervisor opened for ``zone``."""
    names = join_list(t, (s.name(t.lang) for s in services.values() if s.zone == zone))
    return [
        t("advisor.display_line", counter=counter, services=names or zone)
        for counter, opened_for in board.flexible
        if opened_for == zone
    ]


def display_view(
    board: QueueBoard,
    services: Mapping[str, ServiceSpec],
    t: Catalog,
    zone: tzinfo,
    notices: Sequence[Text] = (),
) -> DisplayView:
    """The display's texts for ``board``, in ``t``'s language (the latest call and the
    incidents' ``notices`` in both)."""
    latest = board.last_calls[0] if board.last_calls else None
    calls = [call_line(call, t, zone) for call in board.last_calls]
    zones = [
        line
        for z in board.zones
        for line in (*zone_lines(z, t), *flexible_lines(board, z.zone, services, t))
    ]
    paused = [
        t("display.paused_line", counter=counter, reason=t(reason.label))
        for counter, reason in board.paused
    ]
    quota = [
        t("display.quota_line", service=spec.name(t.lang) if spec else key)
        for key in board.quota_full
        for spec in [services.get(key)]
    ]
    return DisplayView(
        latest=f"{latest.ticket_label} → {latest.counter}" if latest else "",
        latest_line=latest_line(latest, t),
        last_calls="\n".join(calls) or t("display.no_calls"),
        zones="\n".join(zones),
        paused="\n".join(paused) or t("display.none_paused"),
        quota="\n".join(quota) or t("display.none_full"),
        notice="\n".join(t("display.incident.banner", zh=n.zh, en=n.en) for n in notices),
    )
