"""Welcoming new joiners: when someone joined the workspace (newcomers are preferred in suggestions), and
whether a mentor likes helping newcomers settle in.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("person", sa.Column("joined_at", UTCDateTime(), nullable=True))
    op.add_column("profile", sa.Column("likes_newcomers", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        batch.drop_column("likes_newcomers")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("joined_at")
