"""An outbox row's subject as text of any length: a named feedback follow-up carries the person's own words
(up to 1000 characters, longer once written as JSON) to the HR admins.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite can't change a column's type in place: batch mode copies the table (its indexes with it).
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("subject", existing_type=sa.String(length=500), type_=sa.Text(), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column("subject", existing_type=sa.Text(), type_=sa.String(length=500), existing_nullable=False)
