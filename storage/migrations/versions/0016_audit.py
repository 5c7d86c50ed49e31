"""The audit trail: who did what when (admin commands, refused ones too, and privacy deletions); and since
when someone has been gone, so the tick erases them after a grace period (people gone before this revision:
from now on).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    op.add_column("person", sa.Column("gone_since", UTCDateTime(), nullable=True))
    op.execute(sa.text("UPDATE person SET gone_since = fetched_at WHERE gone"))
    op.create_index("ix_person_gone_since", "person", ["gone_since"])


def downgrade() -> None:
    op.drop_index("ix_person_gone_since", table_name="person")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("gone_since")
    op.drop_index("ix_audit_at", table_name="audit")
    op.drop_table("audit")
