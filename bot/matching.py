"""Who fits whom: a mentor's score for a mentee, with a reason in plain words for every point.

Pure functions over plain values. The weights live in `WEIGHTS`, one place, so a programme
can see (and tune) what a match is made of. Candidates are filtered in SQL before they get
here (area, availability, capacity, exclusions); this module only ranks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.i18n import Language, Phrase
from bot.text import clip


@dataclass(frozen=True)
class Weights:
    same_area: float = 3.0  # a pairing works best within a function area or field
    # Each topic word the mentor shares that the mentee wants to learn: the words of `profile_topic`,
    # so SQL counts them exactly as this module does, and can rank before it limits (storage.matching).
    per_shared_topic: float = 2.0
    max_shared_topics: int = 3  # beyond three, more overlap says little more
    same_language: float = 1.0  # they can talk in the language both use in Slack
    full_day_overlap: float = 2.0  # scaled by the share of the working day they have in common
    per_free_slot: float = 0.5  # a mentor with room to spare, up to `max_free_slots`
    max_free_slots: int = 2
    # A newcomer (their first 90 days, bot.welcomes.rules) and a mentor who likes helping newcomers settle in.
    newcomer: float = 2.0


WEIGHTS = Weights()

_WORD = re.compile(r"[^\W_]+(?:[+#]+|(?:\.[^\W\d_]+)+)?")
_VERSION = re.compile(r"^v?\d+(\.\d+)*$")
# Words too common to say anything about a skill, in both languages.
_FILLER_EN = "a an and at for from how in into of on or the to with my me i want learn learning more about"
_FILLER_NL = "een en de het van voor met in op om te ik wil leren meer over mijn hoe"
_STOP_WORDS = frozenset(_FILLER_EN.split()) | frozenset(_FILLER_NL.split())
_LIST_SEPARATOR = re.compile(r"[,;/\n]|\s(?:and|en|&)\s", re.IGNORECASE)
MAX_PHRASE = 40  # a reason names a topic; a whole sentence of someone's profile is not a topic
MAX_WORD = 40  # longer "words" are pasted links or noise, never a topic two people share


def normalise_word(word: str) -> str:
    """`Python` and `pythons` → `python`: case, and simple plurals (not `ss`: `class`, `process`)."""
    word = word.lower()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def topic_words(text: str) -> frozenset[str]:
    """The normalised words of a free-text field, without versions and filler: "Python 3" → {python}."""
    words = (normalise_word(w) for w in _WORD.findall(text))
    return frozenset(w for w in words if 1 < len(w) <= MAX_WORD and w not in _STOP_WORDS and not _VERSION.match(w))


@dataclass(frozen=True)
class Mentee:
    user_id: str
    function_area: str
    goal_words: frozenset[str]
    language: Language
    tz: str
    newcomer: bool = False  # in their first days in the workspace (bot.welcomes.rules.is_newcomer)


@dataclass(frozen=True)
class Mentor:
    user_id: str
    function_area: str
    skill_words: frozenset[str]
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


def shared_topics(mentee: Mentee, mentor: Mentor) -> list[str]:
    """The things the mentor shares that the mentee wants, as the mentor wrote them, in their order.

    A thing is a phrase of the mentor's list ("code review", not "code" and "review"); it is shared
    when one of its words is among the mentee's goals.
    """
    wanted = mentee.goal_words & mentor.skill_words
    if not wanted:  # the common case: no need to read the mentor's text at all
        return []
    return [phrase for phrase in topic_phrases(mentor.skills_text) if topic_words(phrase) & wanted]


def topic_phrases(text: str) -> list[str]:
    """The items of a free-text list: split on commas, semicolons, slashes, lines, "and"/"en" and "&"."""
    phrases = (phrase.strip(" .:-()") for phrase in _LIST_SEPARATOR.split(text))
    return [clip(phrase, MAX_PHRASE) for phrase in phrases if phrase]


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
    total, reasons = 0.0, []
    if mentor.function_area == mentee.function_area:
        total += weights.same_area
        reasons.append(Reason("match.same_area", {"area": mentor.function_area}))
    shared = mentee.goal_words & mentor.skill_words
    if shared:
        total += weights.per_shared_topic * min(len(shared), weights.max_shared_topics)
        # Named as the mentor wrote them; a word only in a clipped phrase is named as it is.
        topics = shared_topics(mentee, mentor) or sorted(shared)
        reasons.append(Reason("match.shared_topics", {"topics": ", ".join(topics[: weights.max_shared_topics])}))
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
    """The working-hours term, to the thousandth: SQL adds the very same number (storage.matching.Points)."""
    return round(weights.full_day_overlap * overlap, 3)


def best_mentors(
    mentee: Mentee, mentors: Iterable[Mentor], hours: tuple[time, time], on: date, limit: int = 3
) -> list[Suggestion]:
    """The `limit` best, highest score first; ties go to the mentor with more room, then by id."""
    scored = [score(mentee, mentor, hours, on) for mentor in mentors if mentor.user_id != mentee.user_id]
    scored.sort(key=lambda s: (-s.score, -s.mentor.free_slots, s.mentor.user_id))
    return scored[:limit]
