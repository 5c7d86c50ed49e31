"""The feedback releases: snapshots of the figures HR may see, one per ISO week at most.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_release",
        sa.Column("week", sa.String(length=8), primary_key=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feedback_release")
