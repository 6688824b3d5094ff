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

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

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
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=16), nullable=False),
        sa.Column("issued_counter", sa.String(length=2), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("for_counter", sa.String(length=2), nullable=True),
        sa.Column("counter", sa.String(length=2), nullable=True),
        sa.Column("teller", sa.String(length=16), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("triage_error", sa.Boolean(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_tickets_status")),
        sa.CheckConstraint(f"priority IN ({PRIORITIES})", name=op.f("ck_tickets_priority")),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_tickets_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["staff.staff_id"], name=op.f("fk_tickets_issued_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["tickets.id"], name=op.f("fk_tickets_parent_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
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
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=True),
        sa.Column("staff", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_ticket_events_kind")),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_ticket_events_branch_code_branches")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_events_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
    )
    op.create_index("ix_ticket_events_kind", "ticket_events", ["kind", "id"])
    op.create_index(op.f("ix_ticket_events_ticket_id"), "ticket_events", ["ticket_id"])
    op.create_table(
        "queue_windows",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("counter", sa.String(length=2), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff", sa.String(length=16), nullable=True),
        sa.Column("priority_run", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "state IN ('closed', 'open', 'paused')", name=op.f("ck_queue_windows_state")
        ),
        sa.CheckConstraint(
            "reason IS NULL OR reason IN ('break', 'back_office', 'handover', 'fault')",
            name=op.f("ck_queue_windows_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_queue_windows_branch_code_branches")
        ),
        sa.PrimaryKeyConstraint("branch_code", "counter", name=op.f("pk_queue_windows")),
    )
    op.create_table(
        "ticket_numbers",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branches.code"], name=op.f("fk_ticket_numbers_branch_code_branches")
        ),
        sa.PrimaryKeyConstraint(
            "branch_code", "business_date", "service", name=op.f("pk_ticket_numbers")
        ),
    )


def upgrade() -> None:
    _tickets()
    _events_windows_numbers()
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ticket_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_postings_ticket_id"), ["ticket_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_postings_ticket_id_tickets"), "tickets", ["ticket_id"], ["id"]
        )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_staff_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_staff_role"), ROLES_AFTER)


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_staff_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_staff_role"), ROLES_BEFORE)
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.drop_constraint("fk_postings_ticket_id_tickets", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_postings_ticket_id"))
        batch_op.drop_column("ticket_id")
    op.drop_table("ticket_numbers")
    op.drop_table("queue_windows")
    op.drop_index(op.f("ix_ticket_events_ticket_id"), table_name="ticket_events")
    op.drop_index("ix_ticket_events_kind", table_name="ticket_events")
    op.drop_table("ticket_events")
    op.drop_index("ix_tickets_window", table_name="tickets")
    op.drop_index("ix_tickets_for_counter", table_name="tickets")
    op.drop_index("ix_tickets_queue", table_name="tickets")
    op.drop_table("tickets")
