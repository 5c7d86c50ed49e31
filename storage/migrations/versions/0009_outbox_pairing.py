"""The outbox's `pairing_id`: the pairing a letter is about, so a pairing's pause or end finds its letters by an
indexed column rather than by the format of their unique keys.

Rows written before carry it only in their unique keys (`name:pairing…`, as the kinds of 0009 write them):
it is read from there. Nullable: most letters (news, App Home) are about no pairing.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The kinds about a pairing when this revision was written, by the first part of their unique keys (the stall
# note is a `tell` keyed `checkin.stalled:…`). Frozen here: later kinds write the column themselves.
PAIRING_KEYS = (
    "checkin.nudge",
    "checkin.ask",
    "checkin.quiet",
    "checkin.stalled",
    "evaluation.ask",
    "pairing.introduce",
)
BATCH = 1000

outbox = sa.table(
    "outbox",
    sa.column("id", sa.Integer()),
    sa.column("unique_key", sa.String()),
    sa.column("pairing_id", sa.Integer()),
)


def upgrade() -> None:
    op.add_column("outbox", sa.Column("pairing_id", sa.Integer(), nullable=True))
    op.create_index("ix_outbox_pairing_id", "outbox", ["pairing_id"])
    bind = op.get_bind()
    for name in PAIRING_KEYS:
        rows = bind.execute(sa.select(outbox.c.id, outbox.c.unique_key).where(outbox.c.unique_key.like(f"{name}:%")))
        found = [{"row": row_id, "pairing": pairing_of(key)} for row_id, key in rows]
        found = [row for row in found if row["pairing"] is not None]
        fill = sa.update(outbox).where(outbox.c.id == sa.bindparam("row")).values(pairing_id=sa.bindparam("pairing"))
        for start in range(0, len(found), BATCH):
            bind.execute(fill, found[start : start + BATCH])


def pairing_of(unique_key: str) -> int | None:
    """`name:pairing` or `name:pairing:…`: the pairing's id (None for a key of another shape)."""
    parts = unique_key.split(":")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def downgrade() -> None:
    op.drop_index("ix_outbox_pairing_id", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("pairing_id")
