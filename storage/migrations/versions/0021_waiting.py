"""Waiting mentees told when a fitting mentor has room: how far the tick has looked, who opted out, who was
told about whom; and the indexes the tick's look reads (profiles changed, pairings ended, since a moment).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "waiting_watermark",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("checked_until", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "waiting_opt_out",
        sa.Column("user_id", sa.String(length=32), primary_key=True),
        sa.Column("since", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "waiting_told",
        sa.Column("mentee_id", sa.String(length=32), primary_key=True),
        sa.Column("mentor_id", sa.String(length=32), primary_key=True),
        sa.Column("told_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_waiting_told_mentor_id", "waiting_told", ["mentor_id"])
    op.create_index("ix_profile_updated_at", "profile", ["updated_at"])
    op.create_index("ix_pairing_ended_at", "pairing", ["ended_at"])


def downgrade() -> None:
    op.drop_index("ix_pairing_ended_at", table_name="pairing")
    op.drop_index("ix_profile_updated_at", table_name="profile")
    op.drop_index("ix_waiting_told_mentor_id", table_name="waiting_told")
    op.drop_table("waiting_told")
    op.drop_table("waiting_opt_out")
    op.drop_table("waiting_watermark")
