"""The table of mentors' words goes: nothing reads it since find scores the in-memory pool (bot.pool) and the
digest compares concepts with the synonym table (bot.digest.read). The words stay in `profile.skill_words`.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

MAX_WORD = 40  # as 0003 had it


def upgrade() -> None:
    op.drop_index("ix_profile_topic_word", table_name="profile_topic")
    op.drop_table("profile_topic")


def downgrade() -> None:
    op.create_table(
        "profile_topic",
        sa.Column("user_id", sa.String(length=32), sa.ForeignKey("profile.user_id", ondelete="CASCADE")),
        sa.Column("word", sa.String(length=40)),
        sa.PrimaryKeyConstraint("user_id", "word"),
    )
    op.create_index("ix_profile_topic_word", "profile_topic", ["word"])
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
