"""Amounts in Chinese financial capitals (中文大写金额), as bank vouchers write them.

The rules follow 《支付结算办法》 (附一, 正确填写票据和结算凭证的基本规定) and
GB/T practice:

- digits 零壹贰叁肆伍陆柒捌玖; 拾佰仟 inside a group of four digits, 万 and 亿
  for the groups (万亿 for 10^12); 元 for the yuan, then 角 and 分;
- a run of zeros between two non-zero digits is read as one 零, written just
  before the next non-zero digit, never at the end of a group nor before a
  unit (``105,000`` → 壹拾万零伍仟, ``1,000,010,000`` → 壹拾亿零壹万);
- a leading 壹拾 keeps its 壹 (bank practice: 壹拾元, never 拾元);
- between 元 and 角: when the whole yuan group is zero (``100,000.10``) its zero
  is read, 壹拾万元零壹角; zeros that merely end a non-zero yuan group are not
  (``20,300.45`` → 贰万零叁佰元肆角伍分): the standard lets either be written,
  and this is its own example ``107,000.53`` → 壹拾万零柒仟元伍角叁分;
- 角 zero and 分 not: 零 before the 分 (壹佰元零伍分);
- 整 ends an amount without 分 (壹仟贰佰叁拾肆元伍角整); an amount under one
  yuan has no 元 (伍分, 伍角整); zero is 零元整.
"""

from __future__ import annotations

from decimal import Decimal

from workstation.domain.money import to_fen

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PREFIX = "人民币"
MAX_AMOUNT = Decimal("9999999999999.99")
_IN_GROUP = ("", "拾", "佰", "仟")
# The unit written after each group of four digits, lowest group first. The
# 亿 after the third group also closes the fourth (万亿 = 10^12).
_GROUP_UNIT = ("", "万", "亿", "万")


def amount_in_words(amount: Decimal) -> str:
    """``Decimal("86400.00")`` → ``人民币捌万陆仟肆佰元整``.

    Raises ``ValueError`` for a negative amount, a fraction of a fen, more than
    ``9,999,999,999,999.99`` or a value that is not finite, and ``TypeError``
    for anything but a ``Decimal``.
    """
    fen_total = to_fen(amount)
    if fen_total < 0:
        raise ValueError(f"{amount} is negative: capitals are written for amounts of zero or more")
    if fen_total > to_fen(MAX_AMOUNT):
        raise ValueError(f"{amount} is more than {MAX_AMOUNT}")
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return f"{PREFIX}零元整"
    words, zero_pending = _yuan_words(yuan)
    if yuan:
        words += "元"
        # The yuan group's own trailing zeros are not read before 角; a whole
        # zero yuan group is (see the module docstring).
        zero_pending = zero_pending and yuan % 10_000 == 0
    if jiao:
        words += ("零" if zero_pending else "") + DIGITS[jiao] + "角"
    if not fen:
        return f"{PREFIX}{words}整"
    zero_before_fen = yuan > 0 and jiao == 0
    return f"{PREFIX}{words}{'零' if zero_before_fen else ''}{DIGITS[fen]}分"


def _yuan_words(yuan: int) -> tuple[str, bool]:
    """The whole yuan in capitals (without 元), and whether zeros end the number."""
    if yuan == 0:
        return "", False
    digits = str(yuan)
    words: list[str] = []
    zero_pending = False
    group_has_digit = False
    for index, char in enumerate(digits):
        place = len(digits) - 1 - index
        group, within = divmod(place, 4)
        digit = int(char)
        if digit:
            if zero_pending:
                words.append("零")
                zero_pending = False
            words.append(DIGITS[digit] + _IN_GROUP[within])
            group_has_digit = True
        elif words:
            zero_pending = True
        if within == 0 and group:
            # 亿 closes the 亿 group even when only the 万亿 group above it had digits.
            if group_has_digit or (group == 2 and words):
                words.append(_GROUP_UNIT[group])
            group_has_digit = False
    return "".join(words), zero_pending
