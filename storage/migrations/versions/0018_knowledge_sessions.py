"""Knowledge sessions a mentor hosts, and their seats and waiting lists.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "knowledge_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("host_id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("learn", sa.String(length=2000), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("host_tz", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("announce_ts", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_knowledge_session_host_id", "knowledge_session", ["host_id"])
    op.create_index("ix_knowledge_session_starts_at", "knowledge_session", ["starts_at"])
    op.create_table(
        "knowledge_seat",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id", sa.Integer(), sa.ForeignKey("knowledge_session.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("session_id", "user_id", name="uq_knowledge_seat_person"),
    )
    op.create_index("ix_knowledge_seat_session_id", "knowledge_seat", ["session_id"])
    op.create_index("ix_knowledge_seat_user_id", "knowledge_seat", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_knowledge_seat_user_id", table_name="knowledge_seat")
    op.drop_index("ix_knowledge_seat_session_id", table_name="knowledge_seat")
    op.drop_table("knowledge_seat")
    op.drop_index("ix_knowledge_session_starts_at", table_name="knowledge_session")
    op.drop_index("ix_knowledge_session_host_id", table_name="knowledge_session")
    op.drop_table("knowledge_session")
