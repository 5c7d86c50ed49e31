"""Evaluation scores and comments move into the anonymous store: an evaluation row keeps only that a side has
answered a step, and its continue-or-close choice.

Each answer becomes one `feedback` row (topic by step, role by side, the answerer's function area, the ISO week
of its day), inserted in a shuffled order under a random key; then the scores, the comment and the time are
dropped from `evaluation`. A downgrade brings the columns back empty (scores 0, no comment, the pairing's start
as the time) and leaves the moved rows in `feedback`: what moved can't be traced back, by design. Upgrading
again moves nothing twice (rows with score 0 are skipped).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SCORES = ("progress", "usefulness", "recommend")

evaluation = sa.table(
    "evaluation",
    sa.column("pairing_id", sa.Integer()),
    sa.column("step", sa.Integer()),
    sa.column("side", sa.String()),
    sa.column("progress", sa.Integer()),
    sa.column("usefulness", sa.Integer()),
    sa.column("recommend", sa.Integer()),
    sa.column("comment", sa.String()),
    sa.column("created_at", UTCDateTime()),
)
pairing = sa.table(
    "pairing",
    sa.column("id", sa.Integer()),
    sa.column("mentor_id", sa.String()),
    sa.column("mentee_id", sa.String()),
    sa.column("started_at", UTCDateTime()),
)
profile = sa.table("profile", sa.column("user_id", sa.String()), sa.column("function_area", sa.String()))
feedback = sa.table(
    "feedback",
    sa.column("id", sa.String()),
    sa.column("topic", sa.String()),
    sa.column("role", sa.String()),
    sa.column("function_area", sa.String()),
    sa.column("week", sa.String()),
    sa.column("rating", sa.Integer()),
    sa.column("progress", sa.Integer()),
    sa.column("recommend", sa.Integer()),
    sa.column("comment", sa.String()),
)


def iso_week(moment: datetime) -> str:
    """As bot.feedback.rules.iso_week (the UTC day), frozen: a migration must not change when the app does."""
    year, week, _ = moment.date().isocalendar()
    return f"{year}-W{week:02d}"


def upgrade() -> None:
    bind = op.get_bind()
    areas = {user: area for user, area in bind.execute(sa.select(profile.c.user_id, profile.c.function_area))}
    answers = bind.execute(
        sa.select(evaluation, pairing.c.mentor_id, pairing.c.mentee_id)
        .join(pairing, pairing.c.id == evaluation.c.pairing_id)
        .where(evaluation.c.usefulness > 0)  # 0: a row a downgrade brought back empty, with nothing to move
    ).mappings()
    rows: list[dict[str, Any]] = []
    for answer in answers:
        answerer = answer["mentor_id"] if answer["side"] == "mentor" else answer["mentee_id"]
        rows.append(
            {
                "id": uuid4().hex,
                "topic": "evaluation.end" if answer["step"] % 2 == 1 else "evaluation.midpoint",
                "role": answer["side"],
                "function_area": areas.get(answerer) or "",
                "week": iso_week(answer["created_at"]),
                "rating": answer["usefulness"],
                "progress": answer["progress"],
                "recommend": answer["recommend"],
                "comment": answer["comment"],
            }
        )
    random.SystemRandom().shuffle(rows)  # on PostgreSQL rows lie in the order they were inserted: not the answers'
    if rows:
        op.bulk_insert(feedback, rows)
    with op.batch_alter_table("evaluation") as batch:
        for name in (*SCORES, "comment", "created_at"):
            batch.drop_column(name)


def downgrade() -> None:
    with op.batch_alter_table("evaluation") as batch:
        for name in SCORES:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0")))
        batch.add_column(sa.Column("comment", sa.String(length=1000), nullable=False, server_default=""))
        batch.add_column(sa.Column("created_at", UTCDateTime(), nullable=True))
    started = sa.select(pairing.c.started_at).where(pairing.c.id == evaluation.c.pairing_id).scalar_subquery()
    op.execute(evaluation.update().values(created_at=started))
    with op.batch_alter_table("evaluation") as batch:
        batch.alter_column("created_at", existing_type=UTCDateTime(), nullable=False)
        for name in SCORES:
            batch.alter_column(name, existing_type=sa.Integer(), server_default=None)
        batch.alter_column("comment", existing_type=sa.String(length=1000), server_default=None)
