"""A round's plan over the pool: the pool's scores and reasons, each unmatched mentee with why."""

from __future__ import annotations

from datetime import date, time

from bot.i18n import Language
from bot.matching import Mentee
from bot.pool.snapshot import MentorPool, build_pool
from bot.rounds.plan import Unmatched, plan_round
from bot.synonyms.table import built_in
from storage.pool import MentorRow

HOURS = (time(9), time(17))
ON = date(2027, 3, 1)
SYNONYMS = built_in()


def pool_of(*rows: MentorRow) -> MentorPool:
    return build_pool(list(rows), SYNONYMS, HOURS, ON, 1)


def mentor(user_id: str, area: str, skills: str, capacity: int = 1, taken: int = 0) -> MentorRow:
    return MentorRow(user_id, area, skills, capacity, taken, "en-US", "Europe/London")


def mentee(user_id: str, area: str, goals: str) -> Mentee:
    return Mentee(user_id, area, SYNONYMS.topics(goals), Language.EN, "Europe/London")


def test_the_round_gives_each_mentor_the_mentee_it_fits_best_overall() -> None:
    pool = pool_of(mentor("M1", "Engineering", "Python, Kubernetes"), mentor("M2", "Engineering", "Python"))
    first, second = mentee("E1", "Engineering", "Python"), mentee("E2", "Engineering", "Python, k8s")

    plan = plan_round(pool, [first, second], {}, {})

    assert {(p.mentee_id, p.mentor_id) for p in plan.pairs} == {("E1", "M2"), ("E2", "M1")}
    assert plan.total >= plan.greedy_total
    assert plan.unmatched == ()


def test_reasons_are_the_pools_in_words() -> None:
    pool = pool_of(mentor("M1", "Data", "public speaking"))

    [pair] = plan_round(pool, [mentee("E1", "Engineering", "presenteren")], {}, {}).pairs

    assert "match.asked_offered" in {reason.key for reason in pair.reasons}


def test_each_unmatched_mentee_is_told_why() -> None:
    pool = pool_of(mentor("M1", "Engineering", "Python"), mentor("M2", "Data", "SQL"), mentor("M3", "Design", "Figma"))
    full = pool_of(mentor("M4", "Finance", "budgets", capacity=1, taken=1))
    mentees = [
        mentee("E1", "Engineering", "Python"),  # gets M1
        mentee("E2", "Engineering", "Python"),  # M1 went to E1
        mentee("E3", "Data", "SQL"),  # M2 declined them
        mentee("E4", "Design", "Figma"),  # M3's one place is promised in an open proposal
        mentee("E5", "Finance", "budgets"),  # M4 has no place left
        mentee("E6", "Legal", "contracts"),  # nobody fits
    ]

    plan = plan_round(pool, mentees, {"M3": 1}, {"E3": {"M2"}}, full)

    assert [(p.mentee_id, p.mentor_id) for p in plan.pairs] == [("E1", "M1")]
    assert dict(plan.unmatched) == {
        "E2": Unmatched.OUTMATCHED,
        "E3": Unmatched.ONLY_DECLINED,
        "E4": Unmatched.ALL_FULL,
        "E5": Unmatched.ALL_FULL,
        "E6": Unmatched.NO_MENTOR,
    }
    assert plan.mentors_with_room == 2


def test_an_empty_pool_leaves_everyone_unmatched_with_no_mentor() -> None:
    plan = plan_round(pool_of(), [mentee("E1", "Engineering", "Python")], {}, {})

    assert plan.pairs == ()
    assert dict(plan.unmatched) == {"E1": Unmatched.NO_MENTOR}
