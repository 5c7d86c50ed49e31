"""Retention: partial indexes on what is still to be blanked (check-in notes by when they were written, decline
reasons by when the request was answered), so the tick finds them every minute without a scan.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

NOTE_KEPT = sa.text("note <> ''")
REASON_KEPT = sa.text("decline_reason <> ''")


def upgrade() -> None:
    op.create_index(
        "ix_checkin_note_kept", "checkin", ["created_at"], sqlite_where=NOTE_KEPT, postgresql_where=NOTE_KEPT
    )
    op.create_index(
        "ix_pairing_request_reason_kept",
        "pairing_request",
        ["answered_at"],
        sqlite_where=REASON_KEPT,
        postgresql_where=REASON_KEPT,
    )


def downgrade() -> None:
    op.drop_index("ix_pairing_request_reason_kept", table_name="pairing_request")
    op.drop_index("ix_checkin_note_kept", table_name="checkin")
