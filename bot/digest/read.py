"""Reading the digest's figures: the named queries of storage/digest.py, in the caller's unit of work.

A fixed number of statements, whatever the size of the programme (bench/digest.py counts them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.digest.figures import (
    WEEKS_CHARTED,
    WEEKS_RATED,
    Figures,
    Rate,
    StalledPairing,
    UnmetSkill,
    WaitingMentee,
    WeekRate,
)
from bot.synonyms.table import Synonyms, Topics
from bot.synonyms.words import WORD, normalise_word
from storage.digest import (
    Window,
    checkin_counts,
    goals_of_mentees,
    pairing_counts,
    places,
    profile_counts,
    request_counts,
    skills_of_mentors,
    stalled_pairings,
    waiting_mentees,
    weekly_completion,
)
from storage.knowledge import held_between

WEEK = timedelta(days=7)
NAMED = 10  # stalled pairings and waiting mentees named: enough for HR to act on, short enough to read


def read_figures(
    session: Session, now: datetime, *, hr_zone: ZoneInfo, k: int, synonyms: Synonyms, named: int = NAMED
) -> Figures:
    """The programme's figures at `now`; "this week" is the seven days before it. `k`: how many mentees must ask
    for a skill before it is shown as missing (the feedback's group size, so no one's goal stands out)."""
    week = Window(now - WEEK, now)
    participants, new_profiles = profile_counts(session, week)
    sent, accepted, declined, expired = request_counts(session, week)
    pairings = pairing_counts(session, week)
    checkins, checkins_ever = checkin_counts(session, week)
    taken, offered = places(session)
    waiting, longest, waiting_named = waiting_mentees(session, named)
    weekly = _weekly(session, now, hr_zone)
    held, seats_taken = held_between(session, week.since, week.until)  # one statement
    return Figures(
        at=now,
        since=week.since,
        participants=participants,
        new_profiles=new_profiles,
        mentees_waiting=waiting,
        longest_wait_since=longest,
        requests_sent=sent,
        requests_accepted=accepted,
        requests_declined=declined,
        requests_expired=expired,
        pairings_formed=pairings.formed,
        pairings_ended=pairings.ended_this_week,
        active=pairings.active,
        paused=pairings.paused,
        stalled=pairings.stalled,
        ended=pairings.ended,
        checkins=checkins,
        checkins_ever=checkins_ever,
        completion=_over(weekly[-WEEKS_RATED:]),
        places_taken=taken,
        places_offered=offered,
        weekly=weekly,
        unmet_skills=_unmet_skills(session, k, synonyms),
        asked_by_at_least=k,
        stalled_pairings=tuple(StalledPairing(*row) for row in stalled_pairings(session, named)),
        waiting_longest=tuple(WaitingMentee(user_id, since) for user_id, since in waiting_named),
        sessions_held=held,
        session_seats_taken=seats_taken,
    )


def _weekly(session: Session, now: datetime, hr_zone: ZoneInfo) -> tuple[WeekRate, ...]:
    """The last WEEKS_CHARTED weeks, oldest first, each labelled by its last day in HR's zone."""
    ends = [now - n * WEEK for n in range(WEEKS_CHARTED)]
    counted = weekly_completion(session, ends)
    weeks = [
        WeekRate(moment.astimezone(hr_zone).date(), Rate(met, due))
        for moment, (due, met) in zip(ends, counted, strict=True)
    ]
    return tuple(reversed(weeks))


def _over(weeks: tuple[WeekRate, ...]) -> Rate:
    return Rate(sum(w.rate.met for w in weeks), sum(w.rate.due for w in weeks))


def _unmet_skills(session: Session, k: int, synonyms: Synonyms) -> tuple[UnmetSkill, ...]:
    """What at least `k` mentees want to learn that no mentor offers, the most asked for first, read as concepts
    with the synonym table matching uses: "presenteren" asked for is offered by a mentor of "public speaking".

    Each is shown as the mentees wrote it most often ("Kubernetes"), never as the normalised word
    matching compares ("kubernete").
    """
    goals = goals_of_mentees(session)
    wanted = [synonyms.topics(text) for text in goals]
    asked = Counter(concept for topics in wanted for concept in topics.concepts)
    often = {concept: n for concept, n in asked.items() if n >= k}
    offered = frozenset().union(*(synonyms.concepts(skills) for skills in skills_of_mentors(session)))
    missing = sorted(((n, c) for c, n in often.items() if c not in offered), key=lambda p: (-p[0], p[1]))
    # Each missing concept by the term the mentees used for it most often, then that term as they spelt it.
    terms = {concept: _most_used_term(concept, wanted) for _, concept in missing}
    written = _as_written({word for term in terms.values() for word in term.split()}, goals)
    return tuple(
        UnmetSkill(" ".join(written.get(word, word) for word in terms[concept].split()), n) for n, concept in missing
    )


def _most_used_term(concept: str, wanted: Iterable[Topics]) -> str:
    """The normalised words that named `concept` most often among the mentees (ties: the first alphabetically)."""
    used = Counter(term for topics in wanted for _, term in topics.wording([concept]))
    return min(used, key=lambda term: (-used[term], term))


def _as_written(words: set[str], texts: Iterable[str]) -> dict[str, str]:
    """For each normalised word, its most frequent spelling in `texts` (ties: the first alphabetically)."""
    if not words:
        return {}
    spellings: dict[str, Counter[str]] = {word: Counter() for word in words}
    for text in texts:
        for raw in WORD.findall(text):
            found = spellings.get(normalise_word(raw))
            if found is not None:
                found[raw] += 1
    return {word: min(c, key=lambda s: (-c[s], s)) for word, c in spellings.items() if c}
