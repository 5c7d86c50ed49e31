"""Profiles: role, function area, what people share and want to learn, capacity.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("user_id", sa.String(length=32), primary_key=True),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("function_area", sa.String(length=60), nullable=False),
        sa.Column("skills", sa.String(length=1000), nullable=False),
        sa.Column("goals", sa.String(length=1000), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("skill_words", sa.String(length=2000), nullable=False),
        sa.Column("goal_words", sa.String(length=2000), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_profile_function_area", "profile", ["function_area"])


def downgrade() -> None:
    op.drop_index("ix_profile_function_area", table_name="profile")
    op.drop_table("profile")
