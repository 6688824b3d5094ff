"""What the review will refuse, said at the field as the teller leaves it (issue 16.9).

An ID already expired on the business date, and an applicant's ID that is not the
policyholder's (or the insured's) where the template says that person must apply. The
value itself is well formed, so these are not :func:`forms.fields.check` problems: the
review still decides (``risk.rules.identity``), in the same words; the form only says so
early. Who must apply is :meth:`forms.schema.ApplicantSpec.applying`, the review's rule.
"""

from __future__ import annotations

from datetime import date

from forms.roles import FieldRole
from forms.state import FormState
from workstation.domain.i18n import Msg, msg
from workstation.domain.identity import ResidentId

PREFIX = {"policyholder": "holder", "insured": "insured"}
"""Who applies → their values in what a looked-up policy offers (``holder.id_number``)."""


def field_advice(state: FormState, key: str) -> Msg | None:
    """What the review will refuse about field ``key`` as it stands, or None."""
    spec = state.template.field(key)
    checked = state.checked(key)
    if not checked.ok or not state.visible(spec):
        return None  # its own problem is shown instead
    expired = isinstance(checked.value, date) and checked.value < state.today
    if spec.type == "id_expiry" and expired:
        label = msg("risk.label", zh=spec.label.zh, en=spec.label.en)
        return msg("risk.id_not_expired.expired", field=label, expiry=checked.text)
    if spec.role == FieldRole.APPLICANT_ID and isinstance(checked.value, ResidentId):
        return _not_the_person(state, checked.value.number)
    return None


def _not_the_person(state: FormState, number: str) -> Msg | None:
    template = state.template
    role_key = template.key_for(FieldRole.APPLICANT_ROLE)
    who = template.applicant.applying(state.values.get(role_key) if role_key else None)
    expected = state.policy_source().get(f"{PREFIX[who]}.id_number") if who in PREFIX else None
    if not expected or expected == number:
        return None
    return msg("risk.applicant_allowed.not_the_person", role=msg(f"applicant.{who}"))
