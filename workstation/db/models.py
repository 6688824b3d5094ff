"""Typed SQLAlchemy 2 models. The schema itself changes only through Alembic."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workstation.db.base import Base, one_of
from workstation.domain.staff import Role


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
        CheckConstraint(one_of("role", Role), name="role"),
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


JOURNAL_SEQ = BigInteger().with_variant(Integer(), "sqlite")
"""On SQLite an ``INTEGER`` primary key is the table's rowid: entries are stored by ``seq``
and appending writes no separate index of it (a ``BIGINT`` key would be one, migration 0019)."""


class JournalEntry(Base):
    """One link of the electronic journal's HMAC chain. Rows are never updated."""

    __tablename__ = "journal_entries"

    seq: Mapped[int] = mapped_column(JOURNAL_SEQ, primary_key=True, autoincrement=False)
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


class SchemaUpgrade(Base):
    """A ``workstation db upgrade`` that moved the schema: to which revision, by which program.

    A counter whose program is older than the schema names the newest row's version.
    """

    __tablename__ = "schema_upgrades"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[str] = mapped_column(String(32))
    program_version: Mapped[str] = mapped_column(String(32))
    upgraded_at: Mapped[datetime]


# Importing this module registers every table (Alembic and tests read Base.metadata).
from workstation.db.checklists import BranchOpening, ChecklistTick  # noqa: E402
from workstation.db.incidents import Incident, IncidentAction, IncidentStep  # noqa: E402
from workstation.db.ledger import (  # noqa: E402
    BusinessDay,
    CashMovement,
    Override,
    OverrideRequest,
    Posting,
    PrintRecord,
    SerialCounter,
)
from workstation.db.opinions import Opinion  # noqa: E402
from workstation.db.policies import BankAccount, Beneficiary, Customer, Policy  # noqa: E402
from workstation.db.queue import QueueWindow, Ticket, TicketEvent, TicketNumber  # noqa: E402
from workstation.db.ratings import Rating  # noqa: E402
from workstation.db.tills import DocumentPrint, Handover, Shift, VaultTransfer  # noqa: E402

__all__ = [
    "BankAccount",
    "Base",
    "Beneficiary",
    "Branch",
    "BranchOpening",
    "BusinessDay",
    "CashMovement",
    "ChecklistTick",
    "Counter",
    "Customer",
    "DocumentPrint",
    "Handover",
    "Incident",
    "IncidentAction",
    "IncidentStep",
    "JournalEntry",
    "JournalHead",
    "Opinion",
    "Override",
    "OverrideRequest",
    "Policy",
    "Posting",
    "PrintRecord",
    "QueueWindow",
    "Rating",
    "SchemaUpgrade",
    "SerialCounter",
    "Shift",
    "SignOn",
    "Staff",
    "Ticket",
    "TicketEvent",
    "TicketNumber",
    "VaultTransfer",
]
