"""Small cases of the release rules: an empty programme, one area, exactly k, nesting groups, steps of k."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from bot.feedback.release import (
    ALL,
    Partition,
    Release,
    Response,
    cells_to_json,
    make_release,
    narrow_combination,
    release_from_json,
    release_to_json,
)
from bot.feedback.rules import iso_week

WEEK = "2027-W10"
NEXT = "2027-W11"
LATER = "2027-W12"


def answers(
    n: int, area: str = "Sales", role: str = "mentee", topic: str = "programme", week: str = WEEK
) -> list[Response]:
    return [Response(topic, role, area, week, rating=1 + i % 5, comment=f"comment {i}") for i in range(n)]


def release(given: list[Response], previous: Release | None = None, k: int = 5, week: str = NEXT) -> Release | None:
    return make_release(given, previous, k, week, random.Random(1), ["Sales", "Legal"])  # noqa: S311 (a shuffle for display)


def shown(made: Release, partition: Partition, value: str) -> bool:
    figure = made.figure(partition, value)
    return figure is not None and figure.shown


def test_an_empty_programme_has_no_release() -> None:
    assert release([]) is None


def test_answers_of_the_week_still_running_wait_for_the_next_release() -> None:
    assert release(answers(9, week=NEXT)) is None


def test_fewer_than_k_answers_show_nothing_but_say_so() -> None:
    made = release(answers(4))

    assert made is not None
    assert not made.shown_groups()
    assert not made.comments
    assert made.figure(Partition.AREA, "Legal") is not None  # listed, as "not enough responses yet"


def test_exactly_k_answers_in_one_area_show_it_and_everything_it_fills() -> None:
    made = release(answers(5))

    assert made is not None
    assert made.shown_groups() == {
        (Partition.PROGRAMME, ALL),
        (Partition.AREA, "Sales"),
        (Partition.ROLE, "mentee"),
        (Partition.TOPIC, "programme"),
    }
    total = made.figure(Partition.PROGRAMME, ALL)
    assert total is not None
    assert (total.count, total.rating) == (5, 3.0)
    assert len(made.comments) == 5
    assert {(c.first_week, c.last_week) for c in made.comments} == {(WEEK, WEEK)}


def test_a_small_area_hides_the_next_smallest_so_the_total_gives_nothing_away() -> None:
    made = release(answers(6) + answers(2, area="Legal") + answers(7, area="Data"))

    assert made is not None
    assert not shown(made, Partition.AREA, "Legal")
    assert not shown(made, Partition.AREA, "Sales")  # else the total minus Sales and Data is Legal's two
    assert shown(made, Partition.AREA, "Data")


def test_groups_that_nest_across_partitions_are_not_both_shown() -> None:
    """Every mentee is in Sales: Sales minus the mentees would be the one mentor in Sales."""
    given = answers(6) + answers(1, role="mentor") + answers(6, area="Legal", role="mentor")

    made = release(given)

    assert made is not None
    assert not (shown(made, Partition.AREA, "Sales") and shown(made, Partition.ROLE, "mentee"))
    assert not (shown(made, Partition.AREA, "Legal") and shown(made, Partition.ROLE, "mentor"))


def test_a_release_stays_until_k_new_answers_came_in() -> None:
    first = release(answers(10))
    assert first is not None

    assert release(answers(10) + answers(4, week=NEXT), first, week=LATER) is None
    second = release(answers(10) + answers(5, week=NEXT), first, week=LATER)
    assert second is not None
    total = second.figure(Partition.PROGRAMME, ALL)
    assert total is not None
    assert total.count == 15


def test_nothing_new_makes_no_new_release() -> None:
    first = release(answers(10))
    assert first is not None

    assert release(answers(10), first, week=LATER) is None


def test_a_shown_group_with_too_few_new_answers_holds_the_release_back() -> None:
    first = release(answers(10) + answers(10, area="Legal"))
    assert first is not None
    assert shown(first, Partition.AREA, "Legal")

    given = answers(10) + answers(10, area="Legal") + answers(9, week=NEXT) + answers(2, area="Legal", week=NEXT)
    assert release(given, first, week=LATER) is None


def test_old_comments_keep_their_weeks_and_new_ones_get_the_new_range() -> None:
    first = release(answers(5))
    assert first is not None
    given = answers(5) + answers(3, week=NEXT) + answers(3, week="2027-W11")
    second = release(given + answers(2, week="2027-W09"), first, week=LATER)  # late rows keep to the old range

    assert second is not None
    ranges = {(c.text, c.first_week, c.last_week) for c in second.comments}
    assert ("comment 4", WEEK, WEEK) in ranges
    assert second.dated["programme"] == ((WEEK, WEEK), (NEXT, NEXT))


def test_comments_are_shuffled() -> None:
    orders = set()
    for seed in range(3):
        made = make_release(answers(20), None, 5, NEXT, random.Random(seed))  # noqa: S311 (a shuffle for display)
        assert made is not None
        orders.add(tuple(c.text for c in made.comments))
    assert len(orders) > 1


def test_an_evaluation_topic_shows_progress_and_recommendation() -> None:
    given = [Response("evaluation.end", "mentee", "Sales", WEEK, 4, progress=2, recommend=5) for _ in range(5)]

    made = release(given)

    assert made is not None
    figure = made.figure(Partition.TOPIC, "evaluation.end")
    assert figure is not None
    assert (figure.rating, figure.progress, figure.recommend) == (4.0, 2.0, 5.0)


def test_a_release_survives_its_round_trip_through_json() -> None:
    made = release(answers(6) + answers(2, area="Legal") + answers(7, area="Data"))
    assert made is not None

    assert release_from_json(release_to_json(made), cells_to_json(made.cells)) == made


def test_a_combination_isolating_fewer_than_k_is_found() -> None:
    # atoms: 0 holds 1 answer, 1 holds 6; rows {0,1} and {1}: their difference is atom 0 alone.
    assert narrow_combination([frozenset({0, 1}), frozenset({1})], [1, 6], 5) == [0, 1]
    assert narrow_combination([frozenset({0, 1}), frozenset({1})], [5, 6], 5) is None


def test_iso_weeks_sort_as_text() -> None:

    assert iso_week(datetime(2027, 1, 1, 12, tzinfo=UTC)) == "2026-W53"
    assert iso_week(datetime(2027, 3, 8, 12, tzinfo=UTC)) == "2027-W10" < "2027-W11"
