"""The policy directory's tables: customers, their bank accounts, policies, beneficiaries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workstation.db.base import Base, one_of
from workstation.domain.relations import RELATIONS
from workstation.domain.statuses import PolicyStatus

# The policy directory (保单/客户资料): a local stand-in for the core system.

PAYMENT_FREQUENCIES = ("single", "annual", "semiannual", "quarterly", "monthly")


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
        CheckConstraint(one_of("status", PolicyStatus), name="status"),
        CheckConstraint(one_of("payment_frequency", PAYMENT_FREQUENCIES), name="frequency"),
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
        CheckConstraint(one_of("relation", RELATIONS), name="relation"),
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
