"""`/mentor admin feedback`: the current feedback release, as HR reads it."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block

from bot.feedback.release import Comment, Figure, Partition, Release
from bot.i18n import Language, Translator
from bot.text import escape, escape_within
from handlers.blocks.common import as_dicts, context, section

COMMENTS_SHOWN = 20  # a message holds 50 blocks; the shuffle decides which twenty
COMMENT_LIMIT = 900
HEADINGS = {
    Partition.PROGRAMME: "admin.feedback.programme",
    Partition.AREA: "admin.feedback.areas",
    Partition.ROLE: "admin.feedback.roles",
    Partition.TOPIC: "admin.feedback.topics",
}
ROLES = {
    "mentor": "status.role.mentor",
    "mentee": "status.role.mentee",
    "both": "status.role.both",
    "none": "admin.feedback.role.none",
}
TOPICS = {
    "programme": "admin.feedback.topic.programme",
    "received": "admin.feedback.topic.received",
    "given": "admin.feedback.topic.given",
    "evaluation.midpoint": "admin.feedback.topic.midpoint",
    "evaluation.end": "admin.feedback.topic.end",
}


def release_text(t: Translator, release: Release | None) -> str:
    """The notification's text: the title, or that there is nothing yet."""
    return t("admin.feedback.title", week=release.week) if release is not None else t("admin.feedback.none.title")


def release_blocks(t: Translator, release: Release | None, k: int) -> list[dict[str, Any]]:
    if release is None:
        return as_dicts([section(t("admin.feedback.none", k=k))])
    blocks: list[Block] = [section(t("admin.feedback.title", week=release.week))]
    for partition, heading in HEADINGS.items():
        lines = [figure_line(t, f) for f in release.figures if f.partition == partition]
        blocks.append(section("\n".join([t(heading), *lines])))
    blocks += _comments(t, release.comments)
    blocks.append(context(t("admin.feedback.footer", k=release.k)))
    return as_dicts(blocks)


def _name(t: Translator, figure: Figure) -> str:
    if figure.partition == Partition.PROGRAMME:
        return t("admin.feedback.everyone")
    if figure.partition == Partition.ROLE and figure.value in ROLES:
        return t(ROLES[figure.value])
    if figure.partition == Partition.TOPIC and figure.value in TOPICS:
        return t(TOPICS[figure.value])
    return escape(figure.value)  # a function area, as HR configured it


def figure_line(t: Translator, figure: Figure) -> str:
    """A group's figures as one line, or "not enough responses yet" for a group under k (the digest's too)."""
    name = _name(t, figure)
    if figure.count is None or figure.rating is None:
        return "• " + t("admin.feedback.hidden", name=name)
    line = t("admin.feedback.figure", name=name, rating=_decimal(t, figure.rating), count=figure.count)
    if figure.progress is not None and figure.recommend is not None:
        extra = t(
            "admin.feedback.evaluation", progress=_decimal(t, figure.progress), recommend=_decimal(t, figure.recommend)
        )
        line = f"{line}; {extra}"
    return "• " + line


def _decimal(t: Translator, number: float) -> str:
    shown = f"{number:.1f}"
    return shown.replace(".", ",") if t.language == Language.NL else shown


def _comments(t: Translator, comments: tuple[Comment, ...]) -> list[Block]:
    if not comments:
        return []
    blocks: list[Block] = [section(t("admin.feedback.comments"))]
    for comment in comments[:COMMENTS_SHOWN]:
        weeks = (
            comment.first_week
            if comment.first_week == comment.last_week
            else f"{comment.first_week}–{comment.last_week}"
        )
        topic = t(TOPICS[comment.topic]) if comment.topic in TOPICS else escape(comment.topic)
        text = escape_within(comment.text, COMMENT_LIMIT)
        blocks.append(section(t("admin.feedback.comment", text=text, topic=topic, weeks=weeks)))
    if len(comments) > COMMENTS_SHOWN:
        blocks.append(context(t("admin.feedback.more", count=len(comments) - COMMENTS_SHOWN)))
    return blocks
