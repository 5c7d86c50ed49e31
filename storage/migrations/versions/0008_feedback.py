"""The anonymous store: feedback and evaluation scores with nothing that points to a person, and the once-a-week
record of who gave feedback on what, kept apart from it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("function_area", sa.String(length=60), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("recommend", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(length=1000), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "feedback_given",
        sa.Column("week", sa.String(length=8), primary_key=True),
        sa.Column("topic", sa.String(length=24), primary_key=True),
        sa.Column("user_id", sa.String(length=32), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("feedback_given")
    op.drop_table("feedback")
