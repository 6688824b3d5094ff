"""A branch day for benchmarks/eod.py, written straight into the database in bulk.

20 tellers (T101-T120) at counters 05-24, one shift each opened with ¥20,000.00;
postings round-robin over the tellers and the 13 business types, cash or another
method by what the type allows, 2 % of them large (¥50,000-200,000, approved by
S001; large cash ones flagged for the large-cash report); every 250th posting is
reversed when it has money; a ¥5,000.00 draw from the vault in the morning
(more if the box would run dry), the surplus over ¥20,000.00 handed in at
16:30; every shift closed, every fifth one ¥0.10 short, signed off by S001.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select

from workstation.db.ledger import BusinessDay, CashMovement, Override, Posting
from workstation.db.models import Counter, Staff
from workstation.db.tills import Shift, VaultTransfer
from workstation.domain.cash import make_change
from workstation.domain.money import from_fen

SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = ("伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋")
TELLERS = tuple(
    (f"T{101 + n}", f"{n + 5:02d}", SURNAMES[n % 10] + GIVEN[(n * 3) % 10]) for n in range(20)
)
"""(staff ID, counter, name) of each teller."""
OPENING = 2_000_000
"""Each box opens with ¥20,000.00 (fen)."""
LARGE = 5_000_000
"""¥50,000.00: cash at or above this is reported; any amount above it needs approval."""
POSTING = dict(
    branch_code="SH01",
    customer_id_number="110105198001010016",
    customer_name="赵六",
    submission="{}",
    documents="[]",
    findings="[]",
    content_digest="0" * 64,
    status="posted",
)
APPROVAL = dict(
    branch_code="SH01",
    content_digest="0" * 64,
    purpose="posting",
    level_required=1,
    approver_id="S001",
    approver_level=1,
    mode="local",
    reason_code="amount_over_limit",
    evidence="{}",
)


def _count(fen: int) -> str:
    return json.dumps(make_change(from_fen(fen)).as_json())


@dataclass
class Day:
    """What is being written: the rows of each table, and each box's running balance."""

    day: date
    start: datetime
    shift_of: dict[str, int]
    first_posting: int
    box: dict[str, int] = field(default_factory=lambda: {sid: OPENING for sid, _, _ in TELLERS})
    postings: list[dict] = field(default_factory=list)
    moves: list[dict] = field(default_factory=list)
    approvals: list[dict] = field(default_factory=list)
    transfers: list[dict] = field(default_factory=list)
    shifts: list[dict] = field(default_factory=list)

    def move(self, sid: str, counter: str, kind: str, fen: int, at, posting=None) -> None:
        self.box[sid] += fen
        self.moves.append(
            dict(branch_code="SH01", business_date=self.day, counter=counter, teller_id=sid,
                 posting_id=posting, kind=kind, amount_fen=fen, created_at=at,
                 shift_id=self.shift_of[sid])
        )  # fmt: skip

    def post(self, sid: str, counter: str, seq: int, template, method, amount, at, i) -> dict:
        row = dict(
            POSTING, id=self.first_posting + len(self.postings), seq=seq, counter=counter,
            serial=f"SH01-{self.day:%Y%m%d}-{counter}-{seq:05d}", business_date=self.day,
            template_code=template.code, template_key=template.key, category=template.category,
            direction=template.money.direction, method=method, amount_fen=amount, teller_id=sid,
            large_cash_report=method == "cash" and amount >= LARGE, posted_at=at,
            idempotency_key=f"bench-{i}", shift_id=self.shift_of[sid],
        )  # fmt: skip
        self.postings.append(row)
        return row


def seed(station, day: date, postings: int, rng_seed: int = 7) -> None:
    """Write the day: staff, counters, business date, shifts, postings, movements, closes."""
    start = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    with station.db.write() as s:
        password = s.scalar(select(Staff.password_hash).where(Staff.staff_id == "T001"))
        since = start - timedelta(days=30)
        staff = [
            dict(staff_id=sid, branch_code="SH01", name=name, role="teller", level=0,
                 password_hash=password, created_at=since, password_changed_at=since)
            for sid, _, name in TELLERS
        ]  # fmt: skip
        have = set(s.scalars(select(Counter.number)))
        counters = [
            dict(branch_code="SH01", number=c, name_zh=f"{c} 号柜台", name_en=f"Counter {c}")
            for _, c, _ in TELLERS
            if c not in have
        ]
        days = []
        if s.get(BusinessDay, ("SH01", day)) is None:
            closed = start + timedelta(hours=10)
            days.append(dict(branch_code="SH01", business_date=day, opened_at=start,
                             opened_by="S001", closed_at=closed, closed_by="S001"))  # fmt: skip
        first_shift = (s.scalar(select(func.max(Shift.id))) or 0) + 1
        first_posting = (s.scalar(select(func.max(Posting.id))) or 0) + 1
        shift_of = {sid: first_shift + n for n, (sid, _, _) in enumerate(TELLERS)}
        book = Day(day, start, shift_of, first_posting)
        _postings(book, list(station.templates.templates), postings, random.Random(rng_seed))
        _close(book)
        for model, rows in (
            (Staff, staff),
            (Counter, counters),
            (BusinessDay, days),
            (Shift, book.shifts),
            (Posting, book.postings),
            (CashMovement, book.moves),
            (VaultTransfer, book.transfers),
            (Override, book.approvals),
        ):
            if rows:
                s.execute(insert(model), rows)


def _postings(book: Day, templates: list, count: int, rng: random.Random) -> None:
    seq = dict.fromkeys((c for _, c, _ in TELLERS), 0)
    step = timedelta(hours=8) / max(count, 1)
    for i in range(count):
        sid, counter, _ = TELLERS[i % len(TELLERS)]
        template = templates[(i // len(TELLERS) + i) % len(templates)]
        money, at = template.money, book.start + step * i
        method = amount = None
        if money.direction != "none":
            others = [m for m in money.methods if m != "cash"] or ["cash"]
            method = "cash" if "cash" in money.methods and rng.random() < 0.5 else others[0]
            large = rng.random() < 0.02
            amount = rng.randint(50_000, 200_000) * 100 if large else rng.randint(100, 20_000) * 100
        seq[counter] += 1
        row = book.post(sid, counter, seq[counter], template, method, amount, at, i)
        sign = 1 if money.direction == "in" else -1
        if method == "cash":
            book.move(sid, counter, "posting", sign * amount, at, row["id"])
        if amount and amount >= LARGE:
            book.approvals.append(
                dict(APPROVAL, idempotency_key=row["idempotency_key"], teller_id=sid,
                     decided_at=at, posting_id=row["id"])
            )  # fmt: skip
        if amount and i % 250 == 249:
            row["status"] = "reversed"
            seq[counter] += 1
            undo = book.post(sid, counter, seq[counter], template, method, -amount, at, f"{i}-r")
            undo.update(status="reversal", reversal_of=row["id"], reason="金额录入错误")
            undo.update(large_cash_report=False, posted_at=at + step / 2)
            if method == "cash":
                book.move(sid, counter, "reversal", -sign * amount, at + step / 2, undo["id"])


def _close(book: Day) -> None:
    """Morning draw, evening hand-in, and each shift closed with its count."""
    for n, (sid, counter, _) in enumerate(TELLERS):
        draw = 500_000 + max(0, -(book.box[sid] // 100_000) * 100_000)
        late = max(0, (book.box[sid] + draw - OPENING) // 10_000 * 10_000)
        for direction, fen, hours in (("from_vault", draw, 0.2), ("to_vault", late, 7.5)):
            if fen > 0:
                at = book.start + timedelta(hours=hours)
                sign = 1 if direction == "from_vault" else -1
                book.transfers.append(
                    dict(shift_id=book.shift_of[sid], direction=direction, count=_count(fen),
                         amount_fen=fen, officer_id="S001", at=at)
                )  # fmt: skip
                book.move(sid, counter, "vault_in" if sign > 0 else "vault_out", sign * fen, at)
        expected = book.box[sid]
        variance = -10 if n % 5 == 0 else 0
        end = book.start + timedelta(hours=8, minutes=30)
        if variance:
            book.move(sid, counter, "variance", variance, end)
        book.shifts.append(
            dict(id=book.shift_of[sid], branch_code="SH01", counter=counter, teller_id=sid,
                 business_date=book.day, opened_at=book.start - timedelta(minutes=15),
                 opening=_count(OPENING), opening_fen=OPENING, opening_difference_fen=0,
                 status="closed", ended_at=end, closing=_count(expected + variance),
                 closing_fen=expected + variance, expected_fen=expected, variance_fen=variance,
                 variance_reason="点钞差错" if variance else None,
                 signed_off_by="S001" if variance else None)
        )  # fmt: skip
