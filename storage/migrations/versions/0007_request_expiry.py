"""Requests expire: when a request still waiting for an answer expires, indexed for the tick.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Requests already waiting get five days from when they were sent: three working days with a weekend between.
WAITING_REQUESTS_GET = timedelta(days=5)


def upgrade() -> None:
    op.add_column("pairing_request", sa.Column("expires_at", UTCDateTime(), nullable=True))
    op.create_index("ix_pairing_request_expires_at", "pairing_request", ["expires_at"])
    requests = sa.table(
        "pairing_request",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("created_at", UTCDateTime()),
        sa.column("expires_at", UTCDateTime()),
    )
    bind = op.get_bind()
    waiting = bind.execute(sa.select(requests.c.id, requests.c.created_at).where(requests.c.status == "pending"))
    for request_id, created_at in list(waiting):
        bind.execute(
            sa.update(requests).where(requests.c.id == request_id).values(expires_at=created_at + WAITING_REQUESTS_GET)
        )


def downgrade() -> None:
    op.drop_index("ix_pairing_request_expires_at", table_name="pairing_request")
    op.drop_column("pairing_request", "expires_at")
