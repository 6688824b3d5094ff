"""Personal numbers as screens and paper show them: masked unless someone may see them in full.

A value is masked by the type of the field it came from (resident ID, bank
card, phone). A record written before lines carried their type is masked by
its shape instead, so an old record never shows more than a new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from workstation.domain.bankcard import mask_bank_card
from workstation.domain.identity import mask_resident_id
from workstation.domain.phone import mask_mobile
from workstation.domain.staff import Role

MASKERS: dict[str, Callable[[str], str]] = {
    "cn_resident_id": mask_resident_id,
    "bank_card": mask_bank_card,
    "phone": mask_mobile,
}
"""Field type → how its value is masked."""

_SHAPES = (
    (re.compile(r"\d{17}[\dX]"), "cn_resident_id"),
    (re.compile(r"1\d{10}"), "phone"),
    (re.compile(r"\d{13,19}"), "bank_card"),
)

REVEALERS = frozenset({Role.SUPERVISOR})
"""Who may reveal a full number on screen: supervisors, who answer for what they approve
and who check a customer's papers against the record; a teller typed it from the card in
front of them and an administrator has no business with customers."""


def mask_value(field_type: str | None, text: str) -> str:
    """``text`` masked as its field type asks; with no type, as its shape suggests."""
    compact = re.sub(r"[\s-]", "", text).upper()
    if field_type is None:
        field_type = next((kind for shape, kind in _SHAPES if shape.fullmatch(compact)), None)
    mask = MASKERS.get(field_type or "")
    if mask is None or not compact:
        return text
    return mask(compact)


def may_reveal(role: Role) -> bool:
    """Whether a person of ``role`` may see a full resident ID, card or phone on screen."""
    return role in REVEALERS


_IN_TEXT = (
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "cn_resident_id"),
    (re.compile(r"(?<!\d)\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?(?!\d)"), "bank_card"),
    (re.compile(r"(?<!\d)\d{16,19}(?!\d)"), "bank_card"),
    (re.compile(r"(?<!\d)1\d{10}(?!\d)"), "phone"),
)
"""What looks like a personal number anywhere in a text: an 18-character resident ID, a
16–19 digit card (plain or in groups of four), an 11-digit mobile; longest shapes first."""


def mask_numbers_in(text: str) -> str:
    """``text`` with every run shaped like a resident ID, a card or a mobile masked.

    A safety net for free text (log lines, error messages): what the caller should
    not have put there is still not written in clear.
    """
    for shape, kind in _IN_TEXT:
        text = shape.sub(partial(_masked, kind), text)
    return text


def _masked(kind: str, found: re.Match[str]) -> str:
    return mask_value(kind, found.group())
