"""The weekly HR digest's figures, kept so the next week's digest can say what changed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_figures",
        sa.Column("week", sa.String(length=8), primary_key=True),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("digest_figures")
