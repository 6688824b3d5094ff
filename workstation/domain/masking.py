"""Personal numbers as screens and paper show them: masked unless someone may see them in full.

A value is masked by the type of the field it came from (resident ID, bank
card, phone). A record written before lines carried their type is masked by
its shape instead, so an old record never shows more than a new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
