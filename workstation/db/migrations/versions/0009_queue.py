"""queue

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28

The lobby and the queue: tickets numbered per service per business date, their
events, the windows' state, the postings' link to the ticket being served, and
the lobby role.
"""

import sqlalchemy as sa
from alembic import op

from workstation.db.migrations import columns as cols

revision = "0009"
down_revision = "0008"

ROLES_BEFORE = "role IN ('teller', 'supervisor', 'admin')"
ROLES_AFTER = "role IN ('teller', 'supervisor', 'admin', 'lobby')"
STATUSES = "'waiting', 'called', 'serving', 'parked', 'done', 'no_show', 'transferred', 'cancelled'"
PRIORITIES = "'none', 'elderly', 'disabled', 'pregnant', 'vip'"
KINDS = (
    "'issue', 'call', 'recall', 'start', 'finish', 'no_show', 'reinstate', 'park', 'call_back',"
    " 'transfer', 'cancel', 'window_open', 'window_pause', 'window_resume', 'window_close'"
)


QUEUE_INDEX = ["branch_code", "business_date", "status", "service", "priority", "queued_at", "id"]
"""A service's waiting tickets of one priority in queue order: a counter reads only their heads,
and the people ahead of a new ticket are counted in it alone."""
FOR_COUNTER_INDEX = ["for_counter", "branch_code", "business_date", "status", "queued_at", "id"]
"""The tickets transferred to one counter, in queue order (no sort of the whole queue)."""


def _tickets() -> None:
    cols.keyed_table(
        "tickets",
        cols.branch_code(),
        cols.business_date(),
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        cols.stamp("arrived_at"),
        cols.stamp("queued_at"),
        cols.staff("issued_by"),
        cols.counter("issued_counter", nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        cols.counter("for_counter", nullable=True),
        cols.counter(nullable=True),
        cols.staff("teller", nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        cols.stamp("called_at", nullable=True),
        cols.stamp("started_at", nullable=True),
        cols.stamp("finished_at", nullable=True),
        sa.Column("triage_error", sa.Boolean(), nullable=False),
        cols.one_of("tickets", "status", STATUSES),
        cols.one_of("tickets", "priority", PRIORITIES),
        cols.branch_fk("tickets"),
        cols.staff_fk("tickets", "issued_by"),
        cols.foreign_key("tickets", "parent_id", "tickets"),
        sa.UniqueConstraint(
            "branch_code",
            "business_date",
            "service",
            "number",
            name=op.f("uq_tickets_branch_code"),
        ),
    )
    op.create_index("ix_tickets_queue", "tickets", QUEUE_INDEX)
    op.create_index("ix_tickets_for_counter", "tickets", FOR_COUNTER_INDEX)
    op.create_index("ix_tickets_window", "tickets", ["branch_code", "counter", "status"])


def _events_windows_numbers() -> None:
    cols.keyed_table(
        "ticket_events",
        cols.branch_code(),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        cols.stamp("at"),
        cols.counter(nullable=True),
        cols.staff("staff"),
        sa.Column("detail", sa.Text(), nullable=False),
        cols.one_of("ticket_events", "kind", KINDS),
        cols.branch_fk("ticket_events"),
        cols.foreign_key("ticket_events", "ticket_id", "tickets"),
    )
    op.create_index("ix_ticket_events_kind", "ticket_events", ["kind", "id"])
    op.create_index(op.f("ix_ticket_events_ticket_id"), "ticket_events", ["ticket_id"])
    op.create_table(
        "queue_windows",
        cols.branch_code(),
        cols.counter(),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=True),
        cols.stamp("since"),
        cols.staff("staff", nullable=True),
        sa.Column("priority_run", sa.Integer(), nullable=False),
        cols.one_of("queue_windows", "state", "'closed', 'open', 'paused'"),
        sa.CheckConstraint(
            "reason IS NULL OR reason IN ('break', 'back_office', 'handover', 'fault')",
            name=op.f("ck_queue_windows_reason"),
        ),
        cols.branch_fk("queue_windows"),
        cols.primary_key("queue_windows", "branch_code", "counter"),
    )
    op.create_table(
        "ticket_numbers",
        cols.branch_code(),
        cols.business_date(),
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        cols.branch_fk("ticket_numbers"),
        cols.primary_key("ticket_numbers", "branch_code", "business_date", "service"),
    )


def upgrade() -> None:
    _tickets()
    _events_windows_numbers()
    with op.batch_alter_table("postings", schema=None) as batch_op:
        cols.add_reference(batch_op, "postings", "ticket_id", "tickets")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_staff_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_staff_role"), ROLES_AFTER)


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_staff_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_staff_role"), ROLES_BEFORE)
    with op.batch_alter_table("postings", schema=None) as batch_op:
        cols.drop_reference(batch_op, "postings", "ticket_id", "tickets")
    cols.drop_tables("ticket_numbers", "queue_windows", "ticket_events", "tickets")
