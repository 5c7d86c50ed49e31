"""Matching rounds: a round HR previewed and sent once, and the pairs it proposed (both must accept).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    op.create_table(
        "match_round",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("area", sa.String(length=60), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("total_score", sa.Float(), nullable=False),
        sa.Column("greedy_score", sa.Float(), nullable=False),
    )
    op.create_table(
        "round_proposal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("match_round.id", ondelete="CASCADE"), nullable=False),
        sa.Column("mentee_id", sa.String(length=32), nullable=False),
        sa.Column("mentor_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("mentee_answer", sa.String(length=12), nullable=False),
        sa.Column("mentor_answer", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
    )
    op.create_index("ix_round_proposal_round_id", "round_proposal", ["round_id"])
    op.create_index("ix_round_proposal_mentee_id", "round_proposal", ["mentee_id"])
    op.create_index("ix_round_proposal_mentor_id", "round_proposal", ["mentor_id"])
    op.create_index("ix_round_proposal_expires_at", "round_proposal", ["expires_at"])
    op.create_index("ix_round_proposal_request_id", "round_proposal", ["request_id"])
    op.create_index(
        "uq_round_proposal_open_mentee",
        "round_proposal",
        ["mentee_id"],
        unique=True,
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )


def downgrade() -> None:
    op.drop_table("round_proposal")
    op.drop_table("match_round")
