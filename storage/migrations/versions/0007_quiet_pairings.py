"""Quiet pairings: when a waiting request expires (indexed for the tick), how long a rhythm went quiet,
and the evaluations at a pairing's midpoint and end.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Requests already waiting get five days from when they were sent: three working days with a weekend between.
WAITING_REQUESTS_GET = timedelta(days=5)


def upgrade() -> None:
    op.add_column("checkin_rhythm", sa.Column("quiet_from", sa.Integer(), nullable=False, server_default=sa.text("0")))
    op.add_column("checkin_rhythm", sa.Column("stalled_at", UTCDateTime(), nullable=True))
    op.add_column(
        "checkin_rhythm", sa.Column("programme_round", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )
    op.add_column("checkin_rhythm", sa.Column("next_evaluation_at", UTCDateTime(), nullable=True))
    op.create_index("ix_checkin_rhythm_next_evaluation_at", "checkin_rhythm", ["next_evaluation_at"])
    op.create_table(
        "evaluation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pairing_id", sa.Integer(), sa.ForeignKey("pairing.id", ondelete="CASCADE"), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("usefulness", sa.Integer(), nullable=False),
        sa.Column("recommend", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(length=1000), nullable=False),
        sa.Column("carry_on", sa.Boolean(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("pairing_id", "step", "side"),
    )
    op.create_index("ix_evaluation_pairing_id", "evaluation", ["pairing_id"])
    op.add_column("pairing_request", sa.Column("expires_at", UTCDateTime(), nullable=True))
    op.create_index("ix_pairing_request_expires_at", "pairing_request", ["expires_at"])
    requests = sa.table(
        "pairing_request",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("created_at", UTCDateTime()),
        sa.column("expires_at", UTCDateTime()),
    )
    bind = op.get_bind()
    waiting = bind.execute(sa.select(requests.c.id, requests.c.created_at).where(requests.c.status == "pending"))
    for request_id, created_at in list(waiting):
        bind.execute(
            sa.update(requests).where(requests.c.id == request_id).values(expires_at=created_at + WAITING_REQUESTS_GET)
        )


def downgrade() -> None:
    op.drop_index("ix_evaluation_pairing_id", table_name="evaluation")
    op.drop_table("evaluation")
    op.drop_index("ix_pairing_request_expires_at", table_name="pairing_request")
    with op.batch_alter_table("pairing_request") as batch:
        batch.drop_column("expires_at")
    op.drop_index("ix_checkin_rhythm_next_evaluation_at", table_name="checkin_rhythm")
    with op.batch_alter_table("checkin_rhythm") as batch:
        batch.drop_column("next_evaluation_at")
        batch.drop_column("programme_round")
        batch.drop_column("stalled_at")
        batch.drop_column("quiet_from")
