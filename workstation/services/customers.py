"""Finding a customer from one text box (客户查询): resident ID, mobile, card, policy or name.

What was typed is recognised by its shape and checked as the form's field would
check it (the resident ID's check digit, the card's Luhn digit); a name is
matched exactly first, then by its beginning. Each customer found comes with the
policies where they are the holder or the insured, so a teller can start a
business without asking for the policy number. Resident IDs and phones leave
masked, as every screen shows them. Looking a customer up writes nothing and is
not journaled: like finding a policy on the form, it is a read (only revealing a
full number is journaled, see :mod:`workstation.services.inquiry`).

A search never raises for what a teller types: a result with ``problem`` says why
nothing is listed (too short, not recognised, a wrong check digit, nobody found).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from workstation.db.engine import Database
from workstation.db.models import BankAccount, Customer, Policy
from workstation.domain.bankcard import parse_bank_card
from workstation.domain.errors import InvalidValue
from workstation.domain.i18n import Msg, msg
from workstation.domain.identity import parse_resident_id
from workstation.domain.masking import mask_value
from workstation.domain.names import MIN_NAME, parse_person_name
from workstation.domain.phone import parse_mobile
from workstation.domain.statuses import PolicyStatus
from workstation.domain.text import fold

LIMIT = 20
"""At most this many customers are listed; the result says when there are more."""

_SEPARATORS = re.compile(r"[\s-]+")
_POLICY_NO = re.compile(r"P[0-9]{10}")
_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")
_MOBILE = re.compile(r"(?:\+?86)?1[0-9]{10}")
_CARD = re.compile(r"[0-9]{16,19}")
_ROLES = (Policy.holder_id, Policy.insured_id)
_STATUS_ORDER = {status.value: i for i, status in enumerate(PolicyStatus)}
"""In force first, then lapsed (still reinstatable), then the ended ones."""


class Kind:
    """What the text typed was read as."""

    RESIDENT_ID = "resident_id"
    PHONE = "phone"
    CARD = "card"
    POLICY_NO = "policy_no"
    NAME = "name"


@dataclass(frozen=True)
class CustomerPolicy:
    policy_no: str
    status: str
    """A :class:`~workstation.domain.statuses.PolicyStatus` value."""
    roles: tuple[str, ...]
    """``policyholder``, ``insured`` or both: keys of the catalog's [applicant] section."""
    product_name_zh: str
    product_name_en: str
    holder_name: str


@dataclass(frozen=True)
class CustomerFound:
    name: str
    id_masked: str
    phone_masked: str | None
    policies: tuple[CustomerPolicy, ...]
    """In force first, then by policy number."""


@dataclass(frozen=True)
class CustomerResults:
    query: str
    kind: str | None
    """A :class:`Kind`; None when the text was not recognised."""
    value: str | None = None
    """What was searched for, as read: ``P2024000001`` for ``p2024000001``."""
    customers: tuple[CustomerFound, ...] = ()
    more: bool = False
    """More customers matched than are listed (:data:`LIMIT`): type more of the name."""
    problem: Msg | None = None
    """Why nothing is listed; None when customers are."""


def recognise(text: str, today: date) -> tuple[str, str] | Msg:
    """(kind, value) for what was typed, or the message saying why it cannot be searched."""
    folded = fold(text)
    compact = _SEPARATORS.sub("", folded).upper()
    if not compact:
        return msg("customer_search.empty")
    try:
        if _POLICY_NO.fullmatch(compact):
            return Kind.POLICY_NO, compact
        if _RESIDENT_ID.fullmatch(compact):
            return Kind.RESIDENT_ID, parse_resident_id(compact, today).number
        if _MOBILE.fullmatch(compact):
            return Kind.PHONE, parse_mobile(compact)
        if _CARD.fullmatch(compact):
            return Kind.CARD, parse_bank_card(compact)
    except InvalidValue as refused:
        return refused.msg
    if len(folded) < MIN_NAME:
        return msg("customer_search.too_short", least=MIN_NAME)
    if any(ch.isdigit() for ch in compact):
        return msg("customer_search.unrecognised")
    try:
        return Kind.NAME, parse_person_name(folded)
    except InvalidValue:
        return msg("customer_search.unrecognised")


class CustomerSearch:
    """Customers and their policies from the policy directory's tables; reads only.

    Every look-up is one indexed query (``customers.id_number``, ``bank_accounts.card_no``,
    the policy number, ``policies.holder_id`` and ``insured_id``) except the phone and
    the name, whose columns carry no index yet (see ARCHITECTURE.md).
    """

    def __init__(self, db: Database, limit: int = LIMIT) -> None:
        self.db, self.limit = db, limit

    def search(self, text: str, today: date) -> CustomerResults:
        read = recognise(text, today)
        if isinstance(read, Msg):
            return CustomerResults(text, None, problem=read)
        kind, value = read
        with self.db.read() as s:
            ids = list(s.scalars(self._statement(kind, value).limit(self.limit + 1)))
            more = len(ids) > self.limit
            ids = ids[: self.limit]
            found = _with_policies(s.scalars(select(Customer).where(Customer.id.in_(ids))), s)
        customers = tuple(found[i] for i in ids)
        if not customers:
            return CustomerResults(
                text, kind, value, problem=msg("customer_search.nobody", query=value)
            )
        return CustomerResults(text, kind, value, customers, more)

    def _statement(self, kind: str, value: str) -> Select[int]:
        """The ids of the customers found, in the order they are listed."""
        ids = select(Customer.id)
        if kind == Kind.RESIDENT_ID:
            return ids.where(Customer.id_number == value)
        if kind == Kind.PHONE:
            return ids.where(Customer.phone == value).order_by(Customer.name, Customer.id_number)
        if kind == Kind.CARD:
            return ids.join(BankAccount, BankAccount.customer_id == Customer.id).where(
                BankAccount.card_no == value
            )
        if kind == Kind.POLICY_NO:
            people = (select(column).where(Policy.policy_no == value) for column in _ROLES)
            return ids.where(or_(*(Customer.id.in_(q) for q in people))).order_by(Customer.id)
        exact = Customer.name == value
        prefix = Customer.name.like(_like_prefix(value), escape="\\")
        # exact names first, then by name: 张三 before 张三丰
        return ids.where(or_(exact, prefix)).order_by(~exact, Customer.name, Customer.id_number)


def _like_prefix(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _with_policies(customers: Iterable[Customer], s: Session) -> dict[int, CustomerFound]:
    """Each customer, masked, with the policies they hold or are insured by (one query)."""
    people = {c.id: c for c in customers}
    statement = (
        select(Policy, Customer.name)
        .join(Customer, Customer.id == Policy.holder_id)
        .where(or_(Policy.holder_id.in_(people), Policy.insured_id.in_(people)))
    )
    policies: dict[int, list[CustomerPolicy]] = {i: [] for i in people}
    for policy, holder_name in s.execute(statement):
        for person in {policy.holder_id, policy.insured_id} & people.keys():
            roles = tuple(
                role
                for role, who in (
                    ("policyholder", policy.holder_id),
                    ("insured", policy.insured_id),
                )
                if who == person
            )
            policies[person].append(
                CustomerPolicy(
                    policy.policy_no,
                    policy.status,
                    roles,
                    policy.product_name_zh,
                    policy.product_name_en,
                    holder_name,
                )
            )
    return {
        i: CustomerFound(
            c.name,
            mask_value("cn_resident_id", c.id_number),
            None if c.phone is None else mask_value("phone", c.phone),
            tuple(
                sorted(policies[i], key=lambda p: (_STATUS_ORDER.get(p.status, 99), p.policy_no))
            ),
        )
        for i, c in people.items()
    }
