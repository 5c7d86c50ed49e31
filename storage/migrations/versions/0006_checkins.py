"""The check-in rhythm: each pairing's cadence and period, and the check-ins logged.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkin_rhythm",
        sa.Column("pairing_id", sa.Integer(), sa.ForeignKey("pairing.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("cadence", sa.String(length=12), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("paused_until", sa.Date(), nullable=True),
        sa.Column("last_checkin_on", sa.Date(), nullable=True),
        sa.Column("next_plan_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_checkin_rhythm_next_plan_at", "checkin_rhythm", ["next_plan_at"])
    op.create_table(
        "checkin",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pairing_id", sa.Integer(), sa.ForeignKey("pairing.id", ondelete="CASCADE"), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("logged_by", sa.String(length=32), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("pairing_id", "period"),
    )
    op.create_index("ix_checkin_pairing_id", "checkin", ["pairing_id"])
    # Pairings made before the rhythm existed get one, planned at the next tick.
    op.execute(
        "INSERT INTO checkin_rhythm (pairing_id, cadence, period, period_start, planned, next_plan_at)"
        " SELECT id, 'biweekly', 0, CURRENT_DATE, -1, CURRENT_TIMESTAMP FROM pairing WHERE status = 'active'"
    )


def downgrade() -> None:
    op.drop_index("ix_checkin_pairing_id", table_name="checkin")
    op.drop_table("checkin")
    op.drop_index("ix_checkin_rhythm_next_plan_at", table_name="checkin_rhythm")
    op.drop_table("checkin_rhythm")
