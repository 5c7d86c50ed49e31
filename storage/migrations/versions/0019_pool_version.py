"""The mentor pool's version: one row, bumped with every change to who could mentor whom, so each process
rebuilds its in-memory copy of the pool only when something changed (bot.pool).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pool_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO pool_version (id, version) VALUES (1, 0)")  # a literal: no parameters to replay


def downgrade() -> None:
    op.drop_table("pool_version")
