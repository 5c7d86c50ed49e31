"""The person cache keeps only what the bot uses: no name; whether the person is gone.

`real_name` was stored and never used (and a Slack name over 200 characters overflowed it on
PostgreSQL). `gone` marks someone deactivated, deleted or a bot: never suggested, never asked.
Time zones stored before they were checked are made valid, since matching reads them as zones.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAX_ZONE = 64  # the column's length


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("real_name")
        batch.add_column(sa.Column("gone", sa.Boolean(), nullable=False, server_default=sa.false()))
    _replace_invalid_zones()


def _replace_invalid_zones() -> None:
    """UTC for a zone Python can't load, and a stale cache so Slack is asked again on next use."""
    connection = op.get_bind()
    zones = [zone for (zone,) in connection.execute(sa.text("SELECT DISTINCT tz FROM person"))]
    invalid = [zone for zone in zones if not _loads(zone)]
    if invalid:
        person = sa.table("person", sa.column("tz", sa.String()), sa.column("fetched_at", UTCDateTime()))
        long_ago = datetime(2000, 1, 1, tzinfo=UTC)
        connection.execute(sa.update(person).where(person.c.tz.in_(invalid)).values(tz="UTC", fetched_at=long_ago))


def _loads(zone: str) -> bool:
    try:
        ZoneInfo(zone)
    except (LookupError, ValueError, OSError):
        return False
    return bool(zone) and len(zone) <= MAX_ZONE


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("gone")
        batch.add_column(sa.Column("real_name", sa.String(length=200), nullable=False, server_default=""))
