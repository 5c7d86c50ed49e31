"""What the HR digest reads: when a profile was first saved (new profiles, how long a mentee has waited), and an
index of check-ins by pairing and time (whether a pairing met within its rhythm before a week's end: one index
seek per pairing and week, not a scan of its check-ins).

Profiles saved before this revision get the time of their last save: the closest the data holds.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


# Added with a default and filled in, without rebuilding the table: on SQLite a rebuild drops the old table,
# and that deletes every profile's topics (ON DELETE CASCADE).
LONG_AGO = sa.text("'2000-01-01 00:00:00'")


def upgrade() -> None:
    op.add_column("profile", sa.Column("created_at", UTCDateTime(), nullable=False, server_default=LONG_AGO))
    op.execute(sa.text("UPDATE profile SET created_at = updated_at"))
    if op.get_bind().dialect.name != "sqlite":  # SQLite keeps the default (dropping it needs a rebuild); unused
        op.alter_column("profile", "created_at", server_default=None)
    op.create_index("ix_profile_created_at", "profile", ["created_at"])
    op.create_index("ix_checkin_pairing_created", "checkin", ["pairing_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_checkin_pairing_created", table_name="checkin")
    op.drop_index("ix_profile_created_at", table_name="profile")
    op.drop_column("profile", "created_at")
