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


def benefit_in_cash(station, amount: str = "3,000.00", **values):
    """周八 collects a ¥3,000.00 survival benefit of P2016000006 in cash at the counter."""
    defaults = {"payment_method": "cash", "benefit_type": "survival", "amount": amount}
    return submission(station, "3301", **{**defaults, **values})


def post_acknowledged(station, sub, who, tendered=None):
    """Post ``sub`` as a teller who read and acknowledged every warning on the review screen."""
    _context, assessment = station.postings.review(sub, who)
    seen = frozenset(f.code for f in assessment.warnings)
    return station.postings.post(sub, who, seen, tendered=tendered)


def post_approved(station, sub, who, tendered=None, approver: str | None = None):
    """Post ``sub`` with a supervisor's local approval whenever the review asks for one.

    王强 (S001) signs level 1, 陈刚 (M001) level 2; every warning is acknowledged.
    """
    from workstation.services.overrides import Ask

    _context, assessment = station.postings.review(sub, who)
    level = assessment.level_needed
    if level:
        ask = Ask("posting", sub.idempotency_key, sub.digest(station.clock.now().date()), level, {})
        approver = approver or ("S001" if level == 1 else "M001")
        station.overrides.approve_local(who, ask, approver, "demo1234", "customer_confirmed")
    seen = frozenset(f.code for f in assessment.warnings)
    return station.postings.post(sub, who, seen, tendered=tendered)


def reverse_approved(station, who, serial: str, reason: str = "录入错误，客户要求撤销"):
    """Reverse ``serial`` with 王强's (S001) local approval."""
    from workstation.services.reversal import ReversalRequest

    request = ReversalRequest(serial, reason, uuid.uuid4().hex)
    ask = station.reversals.ask(request, who)
    station.overrides.approve_local(who, ask, "S001", "demo1234", "customer_confirmed")
    return station.reversals.reverse(request, who)


def loan_repayment_in_cash(station, amount: str = "500.00", **values):
    """李四 repays part of the policy loan on P2024000002 in cash (any amount up to ¥10,000)."""
    defaults = {"payment_method": "cash", "amount": amount}
    return submission(station, "3202", **{**defaults, **values})


def journal_payloads(station, event: str) -> list[dict]:
    """The payloads of every journal entry of ``event``, oldest first."""
    import json

    from sqlalchemy import select

    from workstation.db.models import JournalEntry

    with station.db.read() as s:
        rows = s.scalars(
            select(JournalEntry.payload)
            .where(JournalEntry.event == event)
            .order_by(JournalEntry.seq)
        ).all()
    return [json.loads(row) for row in rows]


def in_both_languages(message) -> bool:
    """True when a refusal's message has its text in the Chinese and the English catalogs."""
    from workstation.domain.i18n import Catalog

    return all(message.key in Catalog.load(lang).entries for lang in ("zh", "en"))
