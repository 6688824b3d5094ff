"""Whatever a day brings, the box is its opening plus what moved, as a simple model says."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.conftest import fresh_station
from tests.ledger_support import (
    benefit_in_cash,
    loan_repayment_in_cash,
    on_shift,
    post_approved,
    reverse_approved,
)
from workstation.db.ledger import CashMovement, Posting
from workstation.db.models import Policy
from workstation.db.tills import Shift
from workstation.domain.cash import make_change
from workstation.domain.money import format_money, from_fen, to_fen
from workstation.services.posting import PostingRefused
from workstation.services.tills import TillRefused

pytestmark = pytest.mark.db

PW = "demo1234"
jiao = st.integers(1, 50_000).map(lambda j: j * 10)
"""¥0.10 to ¥5,000.00 in fen: cash is counted in notes and coins down to the jiao."""

steps = st.lists(
    st.one_of(
        st.tuples(st.just("in"), jiao, st.integers(0, 1_000).map(lambda j: j * 10)),
        st.tuples(st.just("out"), jiao),
        st.tuples(st.just("reverse"), st.integers(0, 20)),
        st.tuples(st.just("from_vault"), jiao),
        st.tuples(st.just("to_vault"), jiao),
    ),
    max_size=8,
)


@dataclass
class Model:
    """The counter's box as a teller would keep it on paper, in fen."""

    box: int = 0
    cash: list[tuple[str, int]] = field(default_factory=list)
    """Serials of cash postings not yet reversed, with what each moved (+ in, − out)."""


def _yuan(amount_fen: int) -> str:
    return format_money(from_fen(amount_fen))


def _benefit_due(station, amount_fen: int) -> str:
    """A policy like 周八's P2016000006 with a survival benefit of ``amount_fen`` due: a
    benefit is paid once per due date and in full, so each payout needs one of its own."""
    with station.db.write() as s:
        source = s.get(Policy, "P2016000006")
        number = f"P2099{s.scalar(select(func.count()).select_from(Policy)):06d}"
        columns = {c.key: getattr(source, c.key) for c in Policy.__table__.columns}
        s.add(Policy(**{**columns, "policy_no": number, "survival_benefit_fen": amount_fen}))
    return number


def _do(station, who, model: Model, step: tuple) -> None:
    kind, *args = step
    if kind == "in":
        amount, change = args
        sub = loan_repayment_in_cash(station, _yuan(amount))
        posted = post_approved(station, sub, who, tendered=from_fen(amount + change))
        assert posted.change == from_fen(change)
        model.box += amount
        model.cash.append((posted.serial, amount))
    elif kind == "out":
        (amount,) = args
        sub = benefit_in_cash(station, _yuan(amount), policy_no=_benefit_due(station, amount))
        if amount > model.box:
            with pytest.raises(PostingRefused) as blocked:
                post_approved(station, sub, who)
            assert "cash_on_hand.short" in blocked.value.msg.params["codes"]
            return
        posted = post_approved(station, sub, who)
        model.box -= amount
        model.cash.append((posted.serial, -amount))
    elif kind == "reverse" and model.cash:
        index = args[0] % len(model.cash)
        serial, moved = model.cash[index]
        if moved > model.box:  # a cash-in paid back with cash the box no longer holds
            with pytest.raises(PostingRefused) as refused:
                reverse_approved(station, who, serial)
            assert refused.value.msg.key == "reversal.not_enough_cash"
            return
        model.cash.pop(index)
        reverse_approved(station, who, serial)
        model.box -= moved
    elif kind in ("from_vault", "to_vault"):
        (amount,) = args
        count = make_change(from_fen(amount))
        if kind == "to_vault" and amount > model.box:
            with pytest.raises(TillRefused):
                station.till.vault_transfer(who, kind, count, "S001", PW)
            return
        station.till.vault_transfer(who, kind, count, "S001", PW)
        model.box += amount if kind == "from_vault" else -amount


def _settle(station, who, model: Model) -> None:
    """The box never goes negative: a reversal that would pay out more than it holds is
    refused, so nothing stands between the teller and close."""
    assert model.box >= 0
    assert station.till.readiness(who) == []


def _opening_plus_movements(station) -> list[tuple[int, int]]:
    """Per shift: what the service says it held at the end (or holds now), and its opening
    plus the sum of its movements."""
    with station.db.read() as s:
        shifts = s.scalars(select(Shift).order_by(Shift.id)).all()
        found = []
        for shift in shifts:
            moved = s.scalar(
                select(func.coalesce(func.sum(CashMovement.amount_fen), 0)).where(
                    CashMovement.shift_id == shift.id, CashMovement.kind != "variance"
                )
            )
            found.append((shift.expected_fen, shift.opening_fen + moved))
        return found


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(before=steps, after=steps)
def test_the_box_is_its_opening_plus_every_movement(databases, memory_keyring, before, after):
    with fresh_station(databases, memory_keyring) as station:
        model = Model()
        who = on_shift(station, "T001")
        for step in before:
            _do(station, who, model, step)
        _settle(station, who, model)
        assert station.till.current(who).expected == from_fen(model.box)

        count = make_change(from_fen(model.box))
        who, handover = station.closing.handover(who, count, [], "T002", PW, count)
        assert handover.outgoing.variance == D("0.00")
        for step in after:
            _do(station, who, model, step)
        _settle(station, who, model)

        assert station.till.current(who).expected == from_fen(model.box)
        closed = station.closing.close(who, make_change(from_fen(model.box)))
        assert closed.variance == D("0.00") and closed.expected == from_fen(model.box)

        ends = _opening_plus_movements(station)
        assert [recorded for recorded, _ in ends] == [to_fen(handover.outgoing.expected), model.box]
        assert all(recorded == summed for recorded, summed in ends)
        with station.db.read() as s:
            assert not s.scalars(select(CashMovement).where(CashMovement.kind == "variance")).all()
            posted_cash = s.scalar(
                select(func.count()).where(Posting.status == "posted", Posting.method == "cash")
            )
        assert posted_cash == len(model.cash)
