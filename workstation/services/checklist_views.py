"""What the checklist service returns: the day's checklist, its opening, and its printout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from forms.schema import NamedInBoth
from workstation.domain.checklist import ChecklistKind, OpeningMode
from workstation.domain.clock import stamp, time_of_day
from workstation.domain.i18n import LANGUAGES, Catalog
from workstation.domain.text import join_list
from workstation.services.receipt_data import Bilingual, BranchHeader


@dataclass(frozen=True)
class ItemView(NamedInBoth):
    """One item of a checklist as it stands: done or not, who changed it last and when."""

    key: str
    name_zh: str
    name_en: str
    done: bool
    staff_id: str | None
    staff_name: str | None
    at: datetime | None
    note: str | None


@dataclass(frozen=True)
class OpeningView:
    """How the branch opened on a business date."""

    opened_at: datetime
    opened_by: str
    opened_by_name: str
    mode: OpeningMode
    approver: str | None
    approver_name: str | None
    reason: str | None
    reason_code: str | None
    note: str | None
    outstanding: tuple[str, ...]
    """The opening items not done when it opened (keys)."""


@dataclass(frozen=True)
class ChecklistView:
    business_date: date
    kind: ChecklistKind
    items: tuple[ItemView, ...]
    opening: OpeningView | None
    """The day's opening (of the branch), whichever checklist this is."""

    @property
    def done(self) -> bool:
        return all(item.done for item in self.items)

    @property
    def outstanding(self) -> tuple[ItemView, ...]:
        return tuple(item for item in self.items if not item.done)

    @property
    def opened(self) -> bool:
        return self.opening is not None


@dataclass(frozen=True)
class RecordLine:
    """An item as the printout shows it; times already in the branch's zone."""

    name: Bilingual
    done: bool
    who: str
    at: str
    note: str


@dataclass(frozen=True)
class ChecklistRecord:
    """营业前准备及营业终了检查记录: both checklists of a business date and its opening."""

    header: BranchHeader
    business_date: str
    opening: tuple[RecordLine, ...]
    closing: tuple[RecordLine, ...]
    opened: tuple[tuple[Bilingual, str], ...]
    """How the branch opened, as label/value lines (empty: not opened)."""
    print_no: int = 1
    reprint_reason: str | None = None


OPENED_HOW = {
    OpeningMode.NORMAL: Bilingual("正常开门", "Opened normally"),
    OpeningMode.OVERRIDE: Bilingual(
        "主管授权带未完成项开门", "Opened by a supervisor, items outstanding"
    ),
}


def _lines(view: ChecklistView, zone: tzinfo) -> tuple[RecordLine, ...]:
    return tuple(
        RecordLine(
            Bilingual(i.name_zh, i.name_en),
            i.done,
            f"{i.staff_name} {i.staff_id}" if i.staff_id else "",
            time_of_day(i.at, zone, seconds=False) if i.at else "",
            i.note or "",
        )
        for i in view.items
    )


def _opened(view: ChecklistView, zone: tzinfo) -> tuple[tuple[Bilingual, str], ...]:
    o = view.opening
    if o is None:
        return ()
    how = OPENED_HOW[o.mode]
    lines = [
        (Bilingual("开门时间", "Opened at"), stamp(o.opened_at, zone)),
        (Bilingual("开门人", "Opened by"), f"{o.opened_by_name} {o.opened_by}"),
        (Bilingual("方式", "How"), f"{how.zh} {how.en}"),
    ]
    if o.mode is OpeningMode.OVERRIDE:
        names = {i.key: i for i in view.items}
        items = [names[key] for key in o.outstanding if key in names]
        outstanding = " ".join(  # the printout's "名称 Name": each language's list
            join_list(Catalog.load(lang), (i.name(lang) for i in items)) for lang in LANGUAGES
        )
        lines += [
            (Bilingual("授权主管", "Supervisor"), f"{o.approver_name} {o.approver}"),
            (Bilingual("理由", "Reason"), o.reason or ""),
            (Bilingual("未完成项", "Outstanding"), outstanding),
        ]
    return tuple(lines)


def record_of(
    opening: ChecklistView, closing: ChecklistView, header: BranchHeader, zone: tzinfo
) -> ChecklistRecord:
    """The printout's figures: both checklists of a day, times in the branch's ``zone``."""
    return ChecklistRecord(
        header,
        opening.business_date.isoformat(),
        _lines(opening, zone),
        _lines(closing, zone),
        _opened(opening, zone),
    )
