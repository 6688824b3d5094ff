"""The policy directory (保单/客户资料): policies and customers, read through one interface.

Screens and services ask a :class:`PolicyDirectory`; :class:`LocalPolicyDirectory`
reads the local tables, and a core-system adapter can replace it later. Only
plain frozen dataclasses leave this module, never ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any, Protocol

from sqlalchemy import Row, Select, bindparam, or_, select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.models import BankAccount, Beneficiary, Customer, Policy
from workstation.domain.dates import add_months, add_years
from workstation.domain.money import FEN, from_fen
from workstation.domain.statuses import PolicyStatus
from workstation.services.effects import DoneToday

ZERO = Decimal("0.00")
PERIOD_MONTHS = {"annual": 12, "semiannual": 6, "quarterly": 3, "monthly": 1}
"""Months one regular premium covers, by payment frequency (a single premium covers all)."""


@dataclass(frozen=True)
class PersonView:
    name: str
    id_number: str
    id_expiry: date | None
    """None means a long-term document (长期)."""
    sex: str
    birth_date: date
    phone: str | None
    address: str | None = None


@dataclass(frozen=True)
class BeneficiaryView:
    name: str
    id_number: str | None
    relation: str
    """Relation to the insured: a key of the [relation] catalog section."""
    share_pct: int
    priority: int


@dataclass(frozen=True)
class BankAccountView:
    card_no: str
    bank_name_zh: str
    bank_name_en: str
    account_name: str


@dataclass(frozen=True)
class PolicyView:
    policy_no: str
    product_code: str
    product_name_zh: str
    product_name_en: str
    status: str
    holder: PersonView
    insured: PersonView
    beneficiaries: tuple[BeneficiaryView, ...]
    issue_date: date
    delivered_on: date | None
    payment_frequency: str
    premium: Decimal
    paid_to_date: date | None
    next_due_date: date | None
    cash_value: Decimal
    loan_balance: Decimal
    lapse_date: date | None
    maturity_date: date | None
    maturity_benefit: Decimal
    survival_benefit: Decimal
    sum_assured: Decimal
    payout_account: BankAccountView | None
    """The bank account on file for the policy (premium debits and payouts)."""
    done_today: tuple[DoneToday, ...] = ()
    """The day's unreversed postings on the policy, oldest first; already applied."""
    benefits_paid: tuple[tuple[str, date], ...] = ()
    """(benefit, due date) paid today: maturity or survival."""

    def done(self, *kinds: str) -> tuple[DoneToday, ...]:
        """Today's postings whose effect is one of ``kinds``."""
        return tuple(d for d in self.done_today if d.effect.kind in kinds)

    @property
    def surrender_value(self) -> Decimal:
        """What a surrender pays: the cash value less the loan balance, never below 0.00."""
        return max(self.cash_value - self.loan_balance, ZERO)

    @property
    def premium_paid(self) -> Decimal:
        """The premiums paid so far: one premium per period from issue to the paid-to date
        (a free-look cancellation refunds them); a single premium once."""
        months = PERIOD_MONTHS.get(self.payment_frequency)
        if months is None or self.paid_to_date is None:
            return self.premium
        periods = 1
        while add_months(self.issue_date, months * periods) < self.paid_to_date:
            periods += 1
        return self.premium * periods

    def benefit_due_date(self, benefit: str, today: date) -> date | None:
        """The due date of the maturity benefit (the maturity date, once reached) or of the
        survival benefit (the latest policy anniversary); None when none is due."""
        if benefit == "maturity":
            due = self.maturity_date
            return due if due is not None and due <= today and self.maturity_benefit else None
        if benefit != "survival" or not self.survival_benefit:
            return None
        years = today.year - self.issue_date.year
        if add_years(self.issue_date, years) > today:
            years -= 1
        return add_years(self.issue_date, years) if years >= 1 else None

    def benefit_due(self, benefit: str, today: date) -> Decimal:
        """The amount owed for the benefit now: 0.00 when none is due or it was paid today.
        A maturity benefit is paid net of the loan balance."""
        due = self.benefit_due_date(benefit, today)
        if due is None or (benefit, due) in self.benefits_paid:
            return ZERO
        if benefit == "maturity":
            return max(self.maturity_benefit - self.loan_balance, ZERO)
        return self.survival_benefit

    @property
    def premium_due(self) -> Decimal:
        """The regular premium when an instalment is due (``next_due_date`` set), else 0.00."""
        return self.premium if self.next_due_date is not None else ZERO

    def days_since_delivery(self, today: date) -> int | None:
        """Whole days from the day the holder signed for the policy to ``today``;
        None if delivery is not recorded. The delivery day itself is day 0."""
        if self.delivered_on is None:
            return None
        return (today - self.delivered_on).days

    def in_free_look(self, today: date, days: int = 15) -> bool:
        """Is an in-force policy still within ``days`` days of delivery (犹豫期)?

        Inclusive: delivered on the 1st, a 15-day free look lasts through the
        16th (``0 <= days_since_delivery <= days``). False without a delivery date.
        """
        elapsed = self.days_since_delivery(today)
        return self.status == PolicyStatus.IN_FORCE and elapsed is not None and 0 <= elapsed <= days

    def reinstatable(self, today: date, years: int = 2) -> bool:
        """Can a lapsed policy still be reinstated (复效)?

        Within ``years`` calendar years of the lapse date: lapsed on 2024-08-27,
        reinstatable through 2026-08-26 and no longer on 2026-08-27.
        """
        if self.status != PolicyStatus.LAPSED or self.lapse_date is None:
            return False
        return today < add_years(self.lapse_date, years)

    def max_loan(self, ratio: Decimal = Decimal("0.8")) -> Decimal:
        """The most a policy loan can add: ``ratio`` × cash value − the loan balance,
        never below 0.00, rounded down to the fen."""
        room = ratio * self.cash_value - self.loan_balance
        return max(room, ZERO).quantize(FEN, rounding=ROUND_DOWN)


class PolicyDirectory(Protocol):
    def policy(self, policy_no: str) -> PolicyView | None:
        """The policy with this number, or None."""
        ...

    def customer(self, id_number: str) -> PersonView | None:
        """The customer with this ID number, or None."""
        ...

    def policies_of(self, id_number: str) -> list[PolicyView]:
        """Policies where this person is the holder or the insured, by policy number."""
        ...

    def bank_accounts(self, id_number: str) -> list[BankAccountView]:
        """Bank accounts on file for this person."""
        ...

    def account(self, card_no: str) -> BankAccountView | None:
        """The bank account with this card number, or None."""
        ...


_P, _B = Policy.__table__, Beneficiary.__table__
_H, _I = Customer.__table__.alias("h"), Customer.__table__.alias("i")
_A = BankAccount.__table__.alias("a")
_POLICIES = (
    select(
        _P,
        *(c.label(f"h_{c.key}") for c in _H.c),
        *(c.label(f"i_{c.key}") for c in _I.c),
        *(c.label(f"a_{c.key}") for c in _A.c),
    )
    .join(_H, _H.c.id == _P.c.holder_id)
    .join(_I, _I.c.id == _P.c.insured_id)
    .outerjoin(_A, _A.c.id == _P.c.payout_account_id)
    .order_by(_P.c.policy_no)
)
_POLICY = _POLICIES.where(_P.c.policy_no == bindparam("policy_no"))
_PERSON = select(Customer.id).where(Customer.id_number == bindparam("id_number")).scalar_subquery()
_POLICIES_OF = _POLICIES.where(or_(_P.c.holder_id == _PERSON, _P.c.insured_id == _PERSON))
_BENEFICIARIES = (
    select(_B)
    .where(_B.c.policy_no.in_(bindparam("policy_nos", expanding=True)))
    .order_by(_B.c.priority, _B.c.id)
)
"""Built once, on the Core connection: every posting reads its policy (the ORM's joined
loading cost three times the query)."""


class _Part:
    """One joined table's columns in a row, read as attributes (``h_name`` as ``name``)."""

    def __init__(self, row: Row[Any], prefix: str) -> None:
        self._row, self._prefix = row._mapping, prefix

    def __getattr__(self, name: str) -> Any:
        return self._row[self._prefix + name]


def _policies(s: Session, query: Select[Any], params: dict[str, str]) -> list[PolicyView]:
    """The policies ``query`` finds, with holder, insured, payout account and beneficiaries."""
    conn = s.connection()
    rows = conn.execute(query, params).all()
    if not rows:
        return []
    named: dict[str, list[BeneficiaryView]] = {r.policy_no: [] for r in rows}
    for b in conn.execute(_BENEFICIARIES, {"policy_nos": list(named)}):
        named[b.policy_no].append(_beneficiary_view(b))
    return [_policy_view(r, tuple(named[r.policy_no])) for r in rows]


class LocalPolicyDirectory:
    """The directory over the local tables; each call is one read unit of work."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def policy(self, policy_no: str) -> PolicyView | None:
        with self.db.read() as s:
            return self.policy_in(s, policy_no)

    def policy_in(self, s: Session, policy_no: str) -> PolicyView | None:
        """The same, inside a unit of work already open (posting reads it in its transaction)."""
        found = _policies(s, _POLICY, {"policy_no": policy_no})
        return found[0] if found else None

    def customer(self, id_number: str) -> PersonView | None:
        with self.db.read() as s:
            found = s.scalar(select(Customer).where(Customer.id_number == id_number))
            return None if found is None else _person_view(found)

    def policies_of(self, id_number: str) -> list[PolicyView]:
        with self.db.read() as s:
            return _policies(s, _POLICIES_OF, {"id_number": id_number})

    def bank_accounts(self, id_number: str) -> list[BankAccountView]:
        query = (
            select(BankAccount)
            .join(BankAccount.customer)
            .where(Customer.id_number == id_number)
            .order_by(BankAccount.id)
        )
        with self.db.read() as s:
            return [_account_view(a) for a in s.scalars(query)]

    def account(self, card_no: str) -> BankAccountView | None:
        with self.db.read() as s:
            found = s.scalar(select(BankAccount).where(BankAccount.card_no == card_no))
            return None if found is None else _account_view(found)


def _person_view(c: Customer | _Part) -> PersonView:
    return PersonView(c.name, c.id_number, c.id_expiry, c.sex, c.birth_date, c.phone, c.address)


def _beneficiary_view(b: Row[Any]) -> BeneficiaryView:
    return BeneficiaryView(b.name, b.id_number, b.relation, b.share_pct, b.priority)


def _account_view(a: BankAccount | _Part) -> BankAccountView:
    return BankAccountView(a.card_no, a.bank_name_zh, a.bank_name_en, a.account_name)


def _policy_view(p: Row[Any], beneficiaries: tuple[BeneficiaryView, ...]) -> PolicyView:
    return PolicyView(
        policy_no=p.policy_no,
        product_code=p.product_code,
        product_name_zh=p.product_name_zh,
        product_name_en=p.product_name_en,
        status=p.status,
        holder=_person_view(_Part(p, "h_")),
        insured=_person_view(_Part(p, "i_")),
        beneficiaries=beneficiaries,
        issue_date=p.issue_date,
        delivered_on=p.delivered_on,
        payment_frequency=p.payment_frequency,
        premium=from_fen(p.premium_fen),
        paid_to_date=p.paid_to_date,
        next_due_date=p.next_due_date,
        cash_value=from_fen(p.cash_value_fen),
        loan_balance=from_fen(p.loan_balance_fen),
        lapse_date=p.lapse_date,
        maturity_date=p.maturity_date,
        maturity_benefit=from_fen(p.maturity_benefit_fen),
        survival_benefit=from_fen(p.survival_benefit_fen),
        sum_assured=from_fen(p.sum_assured_fen),
        payout_account=None if p.a_card_no is None else _account_view(_Part(p, "a_")),
    )
