"""The HR digest as Block Kit: each figure with its change since last week, who may need help, the feedback release.

Pure: a `Digest` and a translator in, blocks out. People appear as mentions of their ids; the only words anyone
typed are a release's comments, escaped here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, HeaderBlock, PlainTextObject

from bot.digest.chart import chart_title
from bot.digest.figures import Changes, Digest, Figures, Rate
from bot.feedback.release import Partition, Release
from bot.i18n import Translator
from bot.text import escape, escape_within
from handlers.blocks.common import as_dicts, calendar_day, context, local_date, mention, section
from handlers.blocks.release import TOPICS, figure_line
from handlers.hrtools.stalled import OPEN as OPEN_STALLED

COMMENTS_SHOWN = 5  # the digest is an overview: /mentor admin feedback has the rest
COMMENT_LIMIT = 500
SKILLS_SHOWN = 10


def digest_text(digest: Digest, t: Translator) -> str:
    """The notification's text: the week and the three figures HR looks at first."""
    now = digest.now
    if now.participants == 0:
        return t("digest.text.empty", week=digest.week)
    return t(
        "digest.text",
        week=digest.week,
        participants=now.participants,
        waiting=now.mentees_waiting,
        stalled=now.stalled,
    )


def digest_blocks(
    digest: Digest,
    t: Translator,
    *,
    late_since: date | None = None,
    preview: bool = False,
    feedback: bool = True,
) -> list[dict[str, Any]]:
    """The digest; without `feedback`, its release section is left out (`/mentor admin stats`)."""
    now, change = digest.now, digest.changes
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=chart_title(digest, t)))]
    if preview:
        blocks.append(context(t("digest.preview")))
    if late_since is not None:
        blocks.append(context(t("digest.late", due=calendar_day(late_since))))
    since = t("digest.since", since=local_date(now.since), at=local_date(now.at))
    blocks.append(context(since if digest.last is not None else f"{since} {t('digest.first')}"))
    blocks += [
        section(_people(now, change, t)),
        section(_pairings(now, change, t)),
        section(_checkins(now, change, t)),
        section(_skills(now, t)),
        DividerBlock(),
        section(_stalled(now, t)),
        *_act_on_stalled(now, t),
        section(_waiting(now, t)),
        DividerBlock(),
        *(_feedback(digest.release, t) if feedback else []),
        context(t("digest.footer")),
    ]
    return as_dicts(blocks)


def _with_change(value: int, changed: int | None) -> str:
    """`12 (+3)`; no change shown the first week."""
    if changed is None:
        return str(value)
    return f"{value} ({'±' if changed == 0 else '+' if changed > 0 else '−'}{abs(changed)})"


def _percent(rate: Rate, points: int | None) -> str:
    shown = f"{round((rate.value or 0) * 100)}%"
    if points is None:
        return shown
    return f"{shown} ({'±' if points == 0 else '+' if points > 0 else '−'}{abs(points)})"


def _people(now: Figures, change: Changes, t: Translator) -> str:
    def figure(name: str) -> str:
        return _with_change(getattr(now, name), change.of(name))

    lines = [
        t("digest.people"),
        t("digest.participants", value=figure("participants"), new=figure("new_profiles")),
    ]
    if now.mentees_waiting and now.longest_wait_since is not None:
        lines.append(t("digest.waiting", value=figure("mentees_waiting"), since=local_date(now.longest_wait_since)))
    else:
        lines.append(t("digest.waiting.none"))
    if now.places_offered:
        used = _percent(now.capacity_used, change.capacity_points)
        lines.append(t("digest.capacity", taken=now.places_taken, offered=now.places_offered, used=used))
    else:
        lines.append(t("digest.capacity.none"))
    return "\n".join(lines)


def _pairings(now: Figures, change: Changes, t: Translator) -> str:
    def figure(name: str) -> str:
        return _with_change(getattr(now, name), change.of(name))

    return "\n".join(
        [
            t("digest.pairings"),
            t(
                "digest.requests",
                sent=figure("requests_sent"),
                accepted=figure("requests_accepted"),
                declined=figure("requests_declined"),
                expired=figure("requests_expired"),
            ),
            t("digest.pairings.week", formed=figure("pairings_formed"), ended=figure("pairings_ended")),
            t(
                "digest.pairings.now",
                active=figure("active"),
                paused=figure("paused"),
                stalled=figure("stalled"),
                ended=figure("ended"),
            ),
        ]
    )


def _checkins(now: Figures, change: Changes, t: Translator) -> str:
    lines = [t("digest.checkins.title")]
    if now.checkins_ever == 0:
        lines.append(t("digest.checkins.none"))
    else:
        lines.append(t("digest.checkins", value=_with_change(now.checkins, change.of("checkins"))))
    if now.completion.due:
        rate = _percent(now.completion, change.completion_points)
        lines.append(t("digest.completion", rate=rate, met=now.completion.met, due=now.completion.due))
    else:
        lines.append(t("digest.completion.none"))
    lines.append(t("digest.knowledge", held=now.sessions_held, seats=now.session_seats_taken))
    return "\n".join(lines)


def _skills(now: Figures, t: Translator) -> str:
    if not now.unmet_skills:
        return t("digest.skills.none", k=now.asked_by_at_least)
    lines = [t("digest.skills", k=now.asked_by_at_least)]
    lines += [
        t("digest.skill", word=escape(skill.word), count=skill.mentees) for skill in now.unmet_skills[:SKILLS_SHOWN]
    ]
    return "\n".join(lines)


def _stalled(now: Figures, t: Translator) -> str:
    if not now.stalled_pairings:
        return t("digest.stalled.none")
    lines = [t("digest.stalled", count=now.stalled)]
    lines += [
        t("digest.stalled.line", mentor=mention(p.mentor_id), mentee=mention(p.mentee_id), since=local_date(p.since))
        for p in now.stalled_pairings
    ]
    if now.stalled > len(now.stalled_pairings):
        lines.append(t("digest.more", count=now.stalled - len(now.stalled_pairings)))
    return "\n".join(lines)


def _act_on_stalled(now: Figures, t: Translator) -> list[Block]:
    """A button that lists them privately to the HR admin who clicks, to act on (handlers/hrtools/stalled.py)."""
    if not now.stalled_pairings:
        return []
    return [ActionsBlock(elements=[ButtonElement(text=t("digest.stalled.act"), action_id=OPEN_STALLED, value="open")])]


def _waiting(now: Figures, t: Translator) -> str:
    if not now.waiting_longest:
        return t("digest.waiting.named.none")
    lines = [t("digest.waiting.named", count=now.mentees_waiting)]
    lines += [
        t("digest.waiting.line", mentee=mention(w.user_id), since=local_date(w.since)) for w in now.waiting_longest
    ]
    if now.mentees_waiting > len(now.waiting_longest):
        lines.append(t("digest.more", count=now.mentees_waiting - len(now.waiting_longest)))
    return "\n".join(lines)


def _feedback(release: Release | None, t: Translator) -> list[Block]:
    """The current release as released: its programme and topic groups, under k said so; a few comments."""
    if release is None:
        return [section(t("admin.feedback.none.title"))]
    shown = (Partition.PROGRAMME, Partition.TOPIC)
    lines = [t("digest.feedback", week=release.week, k=release.k)]
    lines += [figure_line(t, f) for f in release.figures if f.partition in shown]
    blocks: list[Block] = [section("\n".join(lines))]
    for comment in release.comments[:COMMENTS_SHOWN]:
        weeks = (
            comment.first_week
            if comment.first_week == comment.last_week
            else f"{comment.first_week}–{comment.last_week}"
        )
        topic = t(TOPICS[comment.topic]) if comment.topic in TOPICS else escape(comment.topic)
        text = escape_within(comment.text, COMMENT_LIMIT)
        blocks.append(section(t("admin.feedback.comment", text=text, topic=topic, weeks=weeks)))
    return blocks
