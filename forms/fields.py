"""Checking what a teller types into a field, by field type.

``check`` never raises: it returns the normalised value and the text to show
back, or a bilingual message saying what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from forms.roles import FieldRole
from forms.schema import FieldSpec
from workstation.domain.bankcard import group_bank_card, parse_bank_card
from workstation.domain.contact import parse_email, parse_postcode
from workstation.domain.dates import check_not_future, check_not_past, parse_date
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import Msg, msg
from workstation.domain.identity import LONG_TERM, parse_id_expiry, parse_resident_id
from workstation.domain.money import check_range, format_money, parse_money
from workstation.domain.names import parse_person_name, parse_policy_no
from workstation.domain.phone import parse_mobile
from workstation.domain.relations import RELATIONS  # the one list, in the domain
from workstation.domain.text import fold

DEFAULT_MAX_LENGTH = {"text": 100, "free_text": 500}


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one raw value."""

    value: object = None
    """Normalised: str, Decimal, date, ResidentId, or None for empty or long-term."""
    text: str = ""
    """How to show the value back (e.g. ``12,000.00``); empty when invalid."""
    problem: Msg | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


Checker = Callable[[FieldSpec, str, date], tuple[object, str]]


def _text(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
    text = raw.strip()
    limit = spec.max_length or DEFAULT_MAX_LENGTH[spec.type]
    if len(text) > limit:
        raise InvalidValue("invalid.text_too_long", max=limit)
    return text, text


def _resident_id(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
    rid = parse_resident_id(raw, today)
    return rid, rid.number


def _expiry(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
    expiry = parse_id_expiry(raw)
    return expiry, LONG_TERM if expiry is None else expiry.isoformat()


def _money(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
    amount = parse_money(raw)
    check_range(amount, spec.min, spec.max)
    return amount, format_money(amount)


def _date(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
    day = parse_date(raw)
    if spec.not_future:
        check_not_future(day, today)
    if spec.not_past:
        check_not_past(day, today)
    return day, day.isoformat()


def _choice(values: tuple[str, ...], problem: str) -> Checker:
    def check(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
        value = raw.strip()
        allowed = values or tuple(option.value for option in spec.options)
        if value not in allowed:
            raise InvalidValue(problem)
        return value, value

    return check


def _simple(parse: Callable[[str], str], show: Callable[[str], str] = str) -> Checker:
    def check(spec: FieldSpec, raw: str, today: date) -> tuple[object, str]:
        value = parse(raw)
        return value, show(value)

    return check


CHECKERS: dict[str, Checker] = {
    "text": _text,
    "free_text": _text,
    "name": _simple(parse_person_name),
    "cn_resident_id": _resident_id,
    "id_expiry": _expiry,
    "phone": _simple(parse_mobile),
    "bank_card": _simple(parse_bank_card, group_bank_card),
    "money": _money,
    "date": _date,
    "choice": _choice((), "invalid.choice"),
    "relation": _choice(RELATIONS, "invalid.relation"),
    "policy_no": _simple(parse_policy_no),
}

ROLE_CHECKS: dict[FieldRole, Callable[[str], str]] = {
    FieldRole.NEW_POSTCODE: parse_postcode,
    FieldRole.NEW_EMAIL: parse_email,
}
"""A text field whose role says more than its type: checked as that, at the field and again
whenever the form is checked (F10, the service's posting)."""


def check(
    spec: FieldSpec, raw: str | None, today: date, *, required: bool | None = None
) -> Checked:
    """Check ``raw`` against ``spec``; blank is fine unless the field is required."""
    if raw is None or not raw.strip():
        needed = spec.required if required is None else required
        return Checked(problem=msg("invalid.required")) if needed else Checked()
    raw = fold(raw)
    try:
        value, text = CHECKERS[spec.type](spec, raw, today)
        if spec.role in ROLE_CHECKS:
            value = text = ROLE_CHECKS[spec.role](text)
    except InvalidValue as refusal:
        return Checked(problem=refusal.msg)
    return Checked(value, text)


def normalise(spec: FieldSpec, raw: str, today: date) -> str:
    """The one canonical text of a typed value, which every later step uses.

    A value that passes its check becomes the text its check shows back, the same for
    every accepted way of typing it (``p２０２４０００００１`` → ``P2024000001``,
    `` 44030419820309049x`` → ``44030419820309049X``, ``6222-0210-0012-3450`` →
    ``6222 0210 0012 3450``, ``￥12000`` → ``12,000.00``); a value that does not is only
    folded (see :func:`fold`), so it is refused as it reads.
    """
    checked = check(spec, raw, today, required=False)
    return checked.text if checked.ok and checked.text else fold(raw)


def option_label(spec: FieldSpec, value: str, lang: str) -> str | None:
    """The label of a choice value, in ``lang``; relations come from the catalog."""
    for option in spec.options:
        if option.value == value:
            return option.label.get(lang)
    return None
