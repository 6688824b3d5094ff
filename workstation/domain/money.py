"""Money: ``Decimal`` yuan in Python, integer fen in the database, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from workstation.domain.errors import InvalidValue

FEN = Decimal("0.01")
MAX_INTEGER_DIGITS = 13
# Optional minus (before or after the yuan sign), whole yuan with well-placed
# thousands separators or none, optional decimals.
_AMOUNT = re.compile(
    r"""(?P<minus>-?) \s* [¥￥]? \s* (?P<minus_after_sign>-?) \s*
    (?P<whole> [1-9][0-9]{0,2}(?:,[0-9]{3})+ | [0-9]+ )
    (?: \. (?P<frac>[0-9]+) )?""",
    re.VERBOSE,
)


def parse_money(text: str) -> Decimal:
    """Read an amount typed at the counter; return it as a ``Decimal`` to the fen.

    Accepts ``12000``, ``12,000``, ``12,000.00``, ``12000.5``, ``¥12,000.50``,
    ``￥8000`` and surrounding spaces. Refuses badly placed thousands separators
    and junk (``invalid.money.format``), a minus sign (``invalid.money.negative``),
    more than two decimals (``invalid.money.decimals``) and more than 13 digits
    of whole yuan (``invalid.money.too_large``).
    """
    found = _AMOUNT.fullmatch(text.strip())
    if not found:
        raise InvalidValue("invalid.money.format")
    if found["minus"] or found["minus_after_sign"]:
        raise InvalidValue("invalid.money.negative")
    frac = found["frac"] or ""
    if len(frac) > 2:
        raise InvalidValue("invalid.money.decimals")
    whole = found["whole"].replace(",", "").lstrip("0") or "0"
    if len(whole) > MAX_INTEGER_DIGITS:
        raise InvalidValue("invalid.money.too_large")
    return Decimal(f"{whole}.{frac or '0'}").quantize(FEN)


def format_money(amount: Decimal) -> str:
    """Show an amount with thousands separators and two decimals: ``12,000.00``.

    No currency sign; an amount finer than a fen is rounded half up for display.
    """
    rounded = amount.quantize(FEN, rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    return f"{rounded:,.2f}"


def format_yuan(amount: Decimal) -> str:
    """Show an amount with the yuan sign: ``¥12,000.00``, ``-¥5.00``."""
    text = format_money(amount)
    return f"-¥{text[1:]}" if text.startswith("-") else f"¥{text}"


def to_fen(amount: Decimal) -> int:
    """The amount in whole fen, exactly; ``ValueError`` if it has a fraction of a fen.

    Refuses floats (``TypeError``) and NaN or infinity (``ValueError``).
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"money is a Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"{amount} is not an amount")
    # Integer arithmetic: Decimal operations would round to the context's precision.
    sign, digits, exponent = amount.as_tuple()
    value = int("".join(map(str, digits)))
    shift = int(exponent) + 2
    scale: int = 10 ** abs(shift)  # an int: int ** int is typed int | float
    if shift < 0:
        value, rest = divmod(value, scale)
        if rest:
            raise ValueError(f"{amount} has a fraction of a fen")
    else:
        value *= scale
    return -value if sign else value


def from_fen(fen: int) -> Decimal:
    """An amount in fen as a ``Decimal`` of yuan with two places: 1234 → ``12.34``."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"fen is an int, not {type(fen).__name__}")
    return Decimal(fen).scaleb(-2)


def check_range(amount: Decimal, minimum: Decimal | None, maximum: Decimal | None) -> None:
    """Refuse an amount below ``minimum`` (``invalid.money.min``) or above ``maximum``
    (``invalid.money.max``); ``None`` means no bound on that side.
    """
    if minimum is not None and amount < minimum:
        raise InvalidValue("invalid.money.min", min=format_money(minimum))
    if maximum is not None and amount > maximum:
        raise InvalidValue("invalid.money.max", max=format_money(maximum))


def yuan_of(fen: int | None) -> Decimal | None:
    """:func:`from_fen` of a column that may be NULL: None stays None."""
    return None if fen is None else from_fen(fen)


def fen_of(amount: Decimal | None) -> int | None:
    """:func:`to_fen` of an amount that may be absent: None stays None."""
    return None if amount is None else to_fen(amount)
