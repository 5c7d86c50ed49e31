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
from bot.synonyms.words import WORD, normalise_word
from storage.digest import (
    Window,
    checkin_counts,
    goal_words_of_mentees,
    offered_words,
    pairing_counts,
    places,
    profile_counts,
    request_counts,
    stalled_pairings,
    waiting_mentees,
    weekly_completion,
)

WEEK = timedelta(days=7)
NAMED = 10  # stalled pairings and waiting mentees named: enough for HR to act on, short enough to read


def read_figures(session: Session, now: datetime, *, hr_zone: ZoneInfo, k: int, named: int = NAMED) -> Figures:
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
        unmet_skills=_unmet_skills(session, k),
        asked_by_at_least=k,
        stalled_pairings=tuple(StalledPairing(*row) for row in stalled_pairings(session, named)),
        waiting_longest=tuple(WaitingMentee(user_id, since) for user_id, since in waiting_named),
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


def _unmet_skills(session: Session, k: int) -> tuple[UnmetSkill, ...]:
    """Words at least `k` mentees have among their goals that no mentor offers, the most asked for first.

    Each is shown as the mentees wrote it most often ("Kubernetes"), never as the normalised word
    matching compares ("kubernete").
    """
    mentees = goal_words_of_mentees(session)
    asked = Counter(word for words, _ in mentees for word in set(words.split()))
    often = {word: n for word, n in asked.items() if n >= k}
    offered = offered_words(session, often)
    missing = sorted(((n, word) for word, n in often.items() if word not in offered), key=lambda p: (-p[0], p[1]))
    written = _as_written({word for _, word in missing}, (goals for _, goals in mentees))
    return tuple(UnmetSkill(written.get(word, word), n) for n, word in missing)


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
