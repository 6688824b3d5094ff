"""Cash by denomination, and change.

Counts are whole numbers of notes or coins per denomination; every amount is
integer fen inside and Decimal yuan outside. Only the net of a cash payment
(what was received less the change given) enters the box.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from workstation.domain.errors import InvalidValue
from workstation.domain.flows import Direction, Method
from workstation.domain.i18n import listed
from workstation.domain.money import FEN, from_fen, to_fen

DENOMINATIONS = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
"""¥100, 50, 20, 10, 5, 1, 0.5 and 0.1, in fen, largest first."""

LABELS = {
    10000: "100",
    5000: "50",
    2000: "20",
    1000: "10",
    500: "5",
    100: "1",
    50: "0.5",
    10: "0.1",
}
"""How a denomination is written on a count sheet (yuan)."""

MAX_COUNT = 1_000_000
_WHOLE = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Count:
    """How many of each denomination: a cash box, a transfer or a handover."""

    pieces: Mapping[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clean = {}
        for value, number in self.pieces.items():
            if value not in DENOMINATIONS:
                raise InvalidValue("invalid.cash.denomination", value=value)
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                raise InvalidValue("invalid.cash.count", label=LABELS[value])
            if number > MAX_COUNT:
                raise InvalidValue("invalid.cash.too_many", label=LABELS[value])
            if number:
                clean[value] = number
        object.__setattr__(self, "pieces", dict(sorted(clean.items(), reverse=True)))

    @classmethod
    def of(cls, **by_label: int) -> Count:
        """``Count.of(y100=3, y0_5=2)``: convenient in tests and seeds."""
        by_value = {v: by_label.get(f"y{LABELS[v].replace('.', '_')}", 0) for v in DENOMINATIONS}
        return cls(by_value)

    @classmethod
    def parse(cls, texts: Mapping[int, str]) -> Count:
        """From what a teller typed per denomination (blank is zero)."""
        pieces = {}
        for value, text in texts.items():
            text = text.strip()
            if not text:
                continue
            if not _WHOLE.fullmatch(text):  # not str.isdigit(): that takes ① and ²
                raise InvalidValue("invalid.cash.count", label=LABELS[value])
            pieces[value] = int(text)
        return cls(pieces)

    @property
    def total_fen(self) -> int:
        return sum(value * number for value, number in self.pieces.items())

    @property
    def total(self) -> Decimal:
        return from_fen(self.total_fen)

    def get(self, value: int) -> int:
        return self.pieces.get(value, 0)

    def __add__(self, other: Count) -> Count:
        return Count({v: self.get(v) + other.get(v) for v in DENOMINATIONS})

    def __sub__(self, other: Count) -> Count:
        """Fewer notes than there are is refused: a box never holds a negative count."""
        short = [LABELS[v] for v in DENOMINATIONS if other.get(v) > self.get(v)]
        if short:
            raise InvalidValue("invalid.cash.not_enough", labels=listed(short))
        return Count({v: self.get(v) - other.get(v) for v in DENOMINATIONS})

    def jumps(self, after: Count, factor: int = 10) -> list[int]:
        """The denominations counted before (non-zero) that ``after`` has more than
        ``factor`` times more, or fewer, of: a key typed into the wrong field (a
        supervisor's ID ``S001`` after a count of 5 makes 5001) looks like this."""
        return [
            v
            for v in DENOMINATIONS
            if (was := self.get(v)) and not was <= after.get(v) * factor <= was * factor * factor
        ]

    def as_json(self) -> dict[str, int]:
        return {str(value): number for value, number in self.pieces.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, int]) -> Count:
        return cls({int(value): int(number) for value, number in data.items()})


def change_due(received: Decimal, due: Decimal) -> Decimal:
    """Change to give back for a cash payment; receiving less than due is refused."""
    received, due = received.quantize(FEN), due.quantize(FEN)
    if received < due:
        raise InvalidValue("invalid.cash.received_short", due=str(due))
    return received - due


def below_jiao(amount: Decimal) -> bool:
    """Whether cash of ``amount`` would need fen: the smallest piece in a box is ¥0.1 (一角)."""
    return to_fen(amount.quantize(FEN)) % 10 != 0


def takes_tender(direction: Direction, method: str | None, amount: Decimal | None) -> bool:
    """Only cash coming in is tendered: the customer hands notes over and gets change."""
    return amount is not None and method == Method.CASH and direction == Direction.IN


@dataclass(frozen=True)
class Tender:
    """Cash a customer handed over for a payment, and the change given back."""

    received: Decimal
    change: Decimal

    @classmethod
    def of(cls, received: Decimal, due: Decimal) -> Tender:
        """What was received for ``due``; less than due is refused (``change_due``)."""
        return cls(received, change_due(received, due))


def make_change(amount: Decimal, available: Count | None = None) -> Count:
    """Notes and coins for ``amount`` from what ``available`` holds (all, if None).

    Largest notes first, as a teller would; when the box lacks a note, fewer of
    it and more of the smaller ones (¥60 from a ¥50 and three ¥20 is three ¥20).
    The search is exact: if the box can make the amount, it is made.
    """
    if below_jiao(amount):
        raise InvalidValue("invalid.cash.below_jiao")
    left = to_fen(amount.quantize(FEN))
    have = [MAX_COUNT if available is None else available.get(v) for v in DENOMINATIONS]
    reach = [0] * (len(DENOMINATIONS) + 1)  # what denominations i.. can make at most
    for i in range(len(DENOMINATIONS) - 1, -1, -1):
        reach[i] = reach[i + 1] + DENOMINATIONS[i] * have[i]
    dead: set[tuple[int, int]] = set()

    def search(i: int, left: int) -> dict[int, int] | None:
        if left == 0:
            return {}
        if i == len(DENOMINATIONS) or reach[i] < left or (i, left) in dead:
            return None
        value = DENOMINATIONS[i]
        for take in range(min(left // value, have[i]), -1, -1):
            rest = search(i + 1, left - take * value)
            if rest is not None:
                return {value: take, **rest} if take else rest
        dead.add((i, left))
        return None

    pieces = search(0, left)
    if pieces is None:
        raise InvalidValue("invalid.cash.cannot_make", amount=str(amount))
    return Count(pieces)
