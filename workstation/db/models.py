"""Typed SQLAlchemy 2 models. The schema itself changes only through Alembic."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workstation.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


class Branch(Base):
    __tablename__ = "branches"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]


class Counter(Base):
    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("branch_code", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    number: Mapped[str] = mapped_column(String(2))
    name_zh: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(50))
    flexible: Mapped[bool] = mapped_column(default=False)
    """A flexible window (弹性窗口), opened when queues grow."""


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("role IN ('teller', 'supervisor', 'admin')", name="role"),
        CheckConstraint("level BETWEEN 0 AND 2", name="level"),
    )

    staff_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(default=0)
    """Authority level for overrides: 0 approves nothing, 1 and 2 approve up to their limits."""
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]


class SignOn(Base):
    """One person signed in at one counter, from sign-in until sign-out."""

    __tablename__ = "sign_ons"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"), index=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    counter: Mapped[str] = mapped_column(String(2))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(16))
    """sign_out, forced, superseded or locked_out."""
    ended_by: Mapped[str | None] = mapped_column(String(16))


class JournalEntry(Base):
    """One link of the electronic journal's HMAC chain. Rows are never updated."""

    __tablename__ = "journal_entries"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    occurred_at: Mapped[datetime]
    branch_code: Mapped[str | None] = mapped_column(String(8))
    counter: Mapped[str | None] = mapped_column(String(2))
    staff_id: Mapped[str | None] = mapped_column(String(16))
    event: Mapped[str] = mapped_column(String(32), index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class JournalHead(Base):
    """The single row that appends lock: last sequence number and hash."""

    __tablename__ = "journal_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


# The policy directory (保单/客户资料): a local stand-in for the core system.

POLICY_STATUSES = ("in_force", "lapsed", "surrendered", "matured", "terminated", "cancelled")
PAYMENT_FREQUENCIES = ("single", "annual", "semiannual", "quarterly", "monthly")
RELATIONS = (
    "self",
    "spouse",
    "child",
    "parent",
    "sibling",
    "grandchild",
    "grandparent",
    "employer",
    "other",
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Customer(Base):
    """A person known to the core system: holder, insured or beneficiary."""

    __tablename__ = "customers"
    __table_args__ = (CheckConstraint("sex IN ('M', 'F')", name="sex"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    id_type: Mapped[str] = mapped_column(String(16), default="resident_id")
    id_number: Mapped[str] = mapped_column(String(18), unique=True, index=True)
    id_expiry: Mapped[date | None]
    """NULL means the document never expires (长期)."""
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[date]
    phone: Mapped[str | None] = mapped_column(String(11))
    address: Mapped[str | None] = mapped_column(String(200))

    bank_accounts: Mapped[list[BankAccount]] = relationship(
        back_populates="customer", order_by="BankAccount.id"
    )


class BankAccount(Base):
    __tablename__ = "bank_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    card_no: Mapped[str] = mapped_column(String(19), unique=True)
    bank_name_zh: Mapped[str] = mapped_column(String(50))
    bank_name_en: Mapped[str] = mapped_column(String(80))
    account_name: Mapped[str] = mapped_column(String(50))
    """The name on the account, as the bank holds it."""

    customer: Mapped[Customer] = relationship(back_populates="bank_accounts")


class Policy(Base):
    __tablename__ = "policies"
    __table_args__ = (
        CheckConstraint(_one_of("status", POLICY_STATUSES), name="status"),
        CheckConstraint(_one_of("payment_frequency", PAYMENT_FREQUENCIES), name="frequency"),
    )

    policy_no: Mapped[str] = mapped_column(String(16), primary_key=True)
    branch_code: Mapped[str] = mapped_column(ForeignKey("branches.code"))
    product_code: Mapped[str] = mapped_column(String(16))
    product_name_zh: Mapped[str] = mapped_column(String(100))
    product_name_en: Mapped[str] = mapped_column(String(150))
    status: Mapped[str] = mapped_column(String(16))
    holder_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    insured_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    issue_date: Mapped[date]
    delivered_on: Mapped[date | None]
    """The day the holder signed for the policy; the free-look period starts here."""
    payment_frequency: Mapped[str] = mapped_column(String(12))
    premium_fen: Mapped[int] = mapped_column(BigInteger)
    """The regular premium (the single premium for a single-premium policy)."""
    paid_to_date: Mapped[date | None]
    next_due_date: Mapped[date | None]
    cash_value_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    loan_balance_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    lapse_date: Mapped[date | None]
    maturity_date: Mapped[date | None]
    maturity_benefit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    survival_benefit_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    sum_assured_fen: Mapped[int] = mapped_column(BigInteger)
    payout_account_id: Mapped[int | None] = mapped_column(ForeignKey("bank_accounts.id"))

    holder: Mapped[Customer] = relationship(foreign_keys=[holder_id])
    insured: Mapped[Customer] = relationship(foreign_keys=[insured_id])
    payout_account: Mapped[BankAccount | None] = relationship()
    beneficiaries: Mapped[list[Beneficiary]] = relationship(
        back_populates="policy", order_by="[Beneficiary.priority, Beneficiary.id]"
    )


class Beneficiary(Base):
    """A named death beneficiary; shares add up to 100 within one priority."""

    __tablename__ = "beneficiaries"
    __table_args__ = (
        CheckConstraint(_one_of("relation", RELATIONS), name="relation"),
        CheckConstraint("share_pct BETWEEN 1 AND 100", name="share_pct"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_no: Mapped[str] = mapped_column(ForeignKey("policies.policy_no"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str | None] = mapped_column(String(18))
    relation: Mapped[str] = mapped_column(String(16))
    """Relation to the insured: a key of the [relation] catalog section."""
    share_pct: Mapped[int]
    priority: Mapped[int] = mapped_column(default=1)
    """Order of entitlement (受益顺序): 1 first; a later order takes only if no earlier one."""

    policy: Mapped[Policy] = relationship(back_populates="beneficiaries")
    customer: Mapped[Customer | None] = relationship()
