"""Building submissions as a teller would, for the service tests."""

from __future__ import annotations

import uuid

from forms.state import FormState
from workstation.services.submission import Submission


def submission(station, code: str, *, by_agent: bool = False, key: str | None = None, **values):
    """The template's sample form with ``values`` changed, every document ticked."""
    template = station.templates.by_code(code)
    state = FormState(template, station.clock.now().date(), by_agent=by_agent)
    for spec in template.fields:
        state.values[spec.key] = spec.sample
    for name, value in values.items():
        state.values[name] = value
    state.ticked = {d.key for d in state.documents()}
    return Submission.from_state(state, key or uuid.uuid4().hex)


def surrender(station, **values):
    """张三 surrenders P2024000001 (cash value ¥86,400.00) to his ICBC card."""
    defaults = {"applicant_id_expiry": "长期", "amount": "86,400.00"}
    return submission(station, "3101", **{**defaults, **values})


def renewal_in_cash(station, amount: str = "12,000.00", **values):
    """张三 pays the ¥12,000.00 renewal premium of P2024000001 in cash."""
    defaults = {"policy_no": "P2024000001", "payment_method": "cash", "amount": amount}
    return submission(station, "1101", **{**defaults, **values})


def contact_change(station, **values):
    """张三 changes the contact details of P2024000001: no money, no duplicate rule."""
    return submission(station, "2001", **values)


def on_shift(station, staff_id: str = "T001", password: str = "demo1234"):
    """Sign in and open a shift with an empty box (the demo tills start empty)."""
    from workstation.domain.cash import Count

    who = station.auth.sign_in(staff_id, password)
    station.till.open(who, Count())
    return who
