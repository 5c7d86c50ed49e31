"""Who fits whom: a mentor's score for a mentee, with a reason in plain words for every point.

Pure functions over plain values: the reference scorer. The weights live in `WEIGHTS`, one place,
so a programme can see (and tune) what a match is made of. Topics are compared as concepts
(bot.synonyms): "presenteren" and "public speaking" are one. bot.pool scores a whole pool of
mentors at once with numpy and must equal `score` to the thousandth (a property test holds it to
that); who may be suggested at all is storage.matching's rule, not this module's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.i18n import Language, Phrase, Who
from bot.synonyms.table import Topics
from bot.synonyms.words import normalise_word as normalise_word
from bot.synonyms.words import topic_phrases as topic_phrases
from bot.synonyms.words import topic_words as topic_words


@dataclass(frozen=True)
class Weights:
    same_area: float = 3.0  # a pairing works best within a function area or field
    # Each concept the mentor offers that the mentee wants to learn (a synonym group, or a word in none).
    per_shared_topic: float = 2.0
    max_shared_topics: int = 3  # beyond three, more overlap says little more
    same_language: float = 1.0  # they can talk in the language both use in Slack
    full_day_overlap: float = 2.0  # scaled by the share of the working day they have in common
    per_free_slot: float = 0.5  # a mentor with room to spare, up to `max_free_slots`
    max_free_slots: int = 2
    # A newcomer (their first 90 days, bot.welcomes.rules) and a mentor who likes helping newcomers settle in.
    newcomer: float = 2.0


WEIGHTS = Weights()


@dataclass(frozen=True)
class Mentee:
    user_id: str
    function_area: str
    goals: Topics  # what they want to learn, as they wrote it and as concepts
    language: Language
    tz: str
    newcomer: bool = False  # in their first days in the workspace (bot.welcomes.rules.is_newcomer)


@dataclass(frozen=True)
class Mentor:
    user_id: str
    function_area: str
    skills: Topics  # what they offer, as they wrote it and as concepts
    skills_text: str
    language: Language
    tz: str
    free_slots: int
    likes_newcomers: bool = False  # "I like helping newcomers settle in", ticked in their profile


Reason = Phrase  # why a mentor fits, in words the reader's language supplies


@dataclass(frozen=True)
class Suggestion:
    mentor: Mentor
    score: float
    reasons: tuple[Reason, ...]


def shared_concepts(mentee: Mentee, mentor: Mentor) -> frozenset[str]:
    return mentee.goals.concepts & mentor.skills.concepts


def topics_reason(mentee: Mentee, mentor: Mentor, shared: frozenset[str], weights: Weights = WEIGHTS) -> Reason:
    """The shared topics as each wrote them: "shares Python", or "you asked for k8s; Alma offers kubernetes"."""
    offered = mentor.skills.naming(shared)[: weights.max_shared_topics]
    if same_wording(mentee.goals, mentor.skills, shared):
        return Reason("match.shared_topics", {"topics": ", ".join(offered)})
    asked = mentee.goals.naming(shared)[: weights.max_shared_topics]
    return Reason(
        "match.asked_offered",
        {"asked": ", ".join(asked), "mentor": Who(mentor.user_id), "offered": ", ".join(offered)},
    )


def same_wording(goals: Topics, skills: Topics, concepts: Iterable[str]) -> bool:
    """Whether both named every one of these concepts with the same words (no synonym was needed)."""
    asked, offered = goals.wording(concepts), skills.wording(concepts)
    return all({w for c, w in asked if c == concept} & {w for c, w in offered if c == concept} for concept in concepts)


@lru_cache(maxsize=4096)  # a handful of time zones, thousands of mentors per find
def working_overlap(tz_a: str, tz_b: str, hours: tuple[time, time], on: date) -> float:
    """The share (0 to 1) of a working day two people in these zones have in common, on `on`."""
    start_a, end_a = _working_day(tz_a, hours, on)
    start_b, end_b = _working_day(tz_b, hours, on)
    common = min(end_a, end_b) - max(start_a, start_b)
    return max(common, timedelta(0)) / (end_a - start_a)


def _working_day(tz: str, hours: tuple[time, time], on: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    return datetime.combine(on, hours[0], zone), datetime.combine(on, hours[1], zone)


def score(mentee: Mentee, mentor: Mentor, hours: tuple[time, time], on: date, weights: Weights = WEIGHTS) -> Suggestion:
    """The score and its reasons. bot.pool.scoring adds the same terms in the same order: change both."""
    total, reasons = 0.0, []
    if mentor.function_area == mentee.function_area:
        total += weights.same_area
        reasons.append(Reason("match.same_area", {"area": mentor.function_area}))
    shared = shared_concepts(mentee, mentor)
    if shared:
        total += weights.per_shared_topic * min(len(shared), weights.max_shared_topics)
        reasons.append(topics_reason(mentee, mentor, shared, weights))
    if mentor.language is mentee.language:
        total += weights.same_language
        reasons.append(Reason("match.same_language"))
    overlap = working_overlap(mentee.tz, mentor.tz, hours, on)
    if overlap > 0:
        total += hours_points(overlap, weights)
        reasons.append(Reason("match.hours_overlap", {"percent": round(overlap * 100)}))
    if mentor.free_slots > 0:
        total += weights.per_free_slot * min(mentor.free_slots, weights.max_free_slots)
        reasons.append(Reason("match.room", {"count": mentor.free_slots}))  # plural forms by count
    if mentee.newcomer and mentor.likes_newcomers:
        total += weights.newcomer
        reasons.append(Reason("match.newcomer"))
    return Suggestion(mentor, round(total, 3), tuple(reasons))


def hours_points(overlap: float, weights: Weights = WEIGHTS) -> float:
    """The working-hours term, to the thousandth: bot.pool adds the very same number."""
    return round(weights.full_day_overlap * overlap, 3)


def best_mentors(
    mentee: Mentee, mentors: Iterable[Mentor], hours: tuple[time, time], on: date, limit: int = 3
) -> list[Suggestion]:
    """The `limit` best, highest score first; ties go to the mentor with more room, then by id."""
    scored = [score(mentee, mentor, hours, on) for mentor in mentors if mentor.user_id != mentee.user_id]
    scored.sort(key=lambda s: (-s.score, -s.mentor.free_slots, s.mentor.user_id))
    return scored[:limit]
