"""Topic words mentors share (for finding them in SQL), pairing requests, and pairings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.db import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade() -> None:
    op.create_table(
        "profile_topic",
        sa.Column("user_id", sa.String(length=32), sa.ForeignKey("profile.user_id", ondelete="CASCADE")),
        sa.Column("word", sa.String(length=40)),
        sa.PrimaryKeyConstraint("user_id", "word"),
    )
    op.create_index("ix_profile_topic_word", "profile_topic", ["word"])
    _fill_topics()
    op.create_table(
        "pairing_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("mentee_id", sa.String(length=32), nullable=False),
        sa.Column("mentor_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("decline_reason", sa.String(length=1000), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("dm_channel", sa.String(length=32), nullable=False),
        sa.Column("dm_ts", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_pairing_request_mentee_id", "pairing_request", ["mentee_id"])
    op.create_index("ix_pairing_request_mentor_id", "pairing_request", ["mentor_id"])
    op.create_index(
        "uq_pairing_request_pending",
        "pairing_request",
        ["mentee_id", "mentor_id"],
        unique=True,
        sqlite_where=PENDING,
        postgresql_where=PENDING,
    )
    op.create_table(
        "pairing",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("mentor_id", sa.String(length=32), nullable=False),
        sa.Column("mentee_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("pairing_request.id"), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_pairing_mentor_id", "pairing", ["mentor_id"])
    op.create_index("ix_pairing_mentee_id", "pairing", ["mentee_id"])


MAX_WORD = 40  # as bot.matching.MAX_WORD when this was written; older profiles may hold longer "words"


def _fill_topics() -> None:
    """Profiles saved before this revision keep their words in `skill_words`: copy them over."""
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT user_id, skill_words FROM profile WHERE role <> 'mentee'"))
    topics = [
        {"user_id": user_id, "word": word}
        for user_id, words in rows
        for word in set(words.split())
        if len(word) <= MAX_WORD
    ]
    if topics:
        connection.execute(sa.text("INSERT INTO profile_topic (user_id, word) VALUES (:user_id, :word)"), topics)


def downgrade() -> None:
    op.drop_table("pairing")
    op.drop_index("uq_pairing_request_pending", table_name="pairing_request")
    op.drop_table("pairing_request")
    op.drop_index("ix_profile_topic_word", table_name="profile_topic")
    op.drop_table("profile_topic")
