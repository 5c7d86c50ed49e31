"""The release rules hold for any stream of answers: random weeks of them, a release tried after each week."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.feedback.release import (
    ALL,
    BREAKDOWNS,
    Partition,
    Release,
    Response,
    cell_of,
    make_release,
    value_of,
)

AREAS = ("Engineering", "Sales", "Legal")
TOPICS = ("programme", "received", "evaluation.end")
ROLES = ("mentor", "mentee", "both")


@st.composite
def streams(draw: st.DrawFn) -> list[list[Response]]:
    """Weeks of answers from a few combinations of topic, role and area only: a programme where, say, every
    mentee is in Sales, so that one partition's groups nest in another's (what subtraction across them needs)."""
    cells = draw(
        st.lists(st.tuples(*map(st.sampled_from, (TOPICS, ROLES, AREAS))), min_size=1, max_size=5, unique=True)
    )
    answer = st.builds(
        lambda cell, rating, comment: Response(
            cell[0], cell[1], cell[2], week="", rating=rating, progress=3, recommend=4, comment=comment
        ),
        st.sampled_from(cells),
        st.integers(1, 5),
        st.sampled_from(["", "", "good", "<!channel> meh"]),
    )
    return draw(st.lists(st.lists(answer, max_size=9), min_size=1, max_size=7))


RUNS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def week(n: int) -> str:
    return f"2027-W{n + 10:02d}"


def releases(stream: Sequence[Sequence[Response]], k: int) -> list[tuple[Release, list[Response]]]:
    """Each release made, with the answers it counted: one try after each week."""
    made: list[tuple[Release, list[Response]]] = []
    given_so_far: list[Response] = []
    rng = random.Random(7)  # noqa: S311 (a shuffle for display)
    for n, answers_of_week in enumerate(stream):
        given_so_far += [Response(**{**vars(a), "week": week(n)}) for a in answers_of_week]
        release = make_release(given_so_far, made[-1][0] if made else None, k, week(n + 1), rng, AREAS)
        if release is not None:
            made.append((release, list(given_so_far)))
    return made


def members(answers: Iterable[Response], partition: Partition, value: str) -> list[Response]:
    return [a for a in answers if value_of(cell_of(a), partition) == value]


def known_sets(release: Release, answers: list[Response]) -> list[frozenset[int]]:
    """What can be added up from a release: each shown group, and each partition's hidden remainder."""
    everyone = frozenset(range(len(answers)))
    shown = [
        frozenset(i for i, a in enumerate(answers) if value_of(cell_of(a), f.partition) == f.value)
        for f in release.figures
        if f.shown
    ]
    sets = list(shown)
    if release.figure(Partition.PROGRAMME, ALL) and release.figure(Partition.PROGRAMME, ALL).shown:  # type: ignore[union-attr]
        for partition in BREAKDOWNS:
            visible: set[int] = set()
            for f in release.figures:
                if f.shown and f.partition == partition:
                    visible |= {i for i, a in enumerate(answers) if value_of(cell_of(a), partition) == f.value}
            sets.append(everyone - visible)
    return sets


def small(n: int, k: int) -> bool:
    return 0 < n < k


@RUNS
@given(streams(), st.integers(3, 5))
def test_no_released_figure_comes_from_a_group_below_k(stream: list[list[Response]], k: int) -> None:
    for release, answers in releases(stream, k):
        counted = [a for a in answers if a.week < release.week]
        for figure in release.figures:
            if figure.shown:
                group = members(counted, figure.partition, figure.value)
                assert figure.count == len(group) >= k
                assert figure.rating == round(sum(a.rating for a in group) / len(group), 1)


@RUNS
@given(streams(), st.integers(3, 5))
def test_no_hidden_figure_can_be_worked_out_by_subtraction_within_a_release(
    stream: list[list[Response]], k: int
) -> None:
    for release, answers in releases(stream, k):
        counted = [a for a in answers if a.week < release.week]
        sets = known_sets(release, counted)
        for whole in sets:
            assert not small(len(whole), k)  # a remainder: the total less a partition's shown groups
            for part in sets:
                if part <= whole:  # across partitions too: e.g. every mentee is in Sales
                    assert not small(len(whole - part), k)


@RUNS
@given(streams(), st.integers(3, 5))
def test_two_consecutive_releases_never_differ_by_fewer_than_k_answers(stream: list[list[Response]], k: int) -> None:
    made = releases(stream, k)
    for (before, _), (after, answers) in itertools.pairwise(made):
        if not before.shown_groups():
            continue  # a release that showed nothing gives nothing to compare with
        old = [a for a in answers if a.week < before.week]
        new = [a for a in answers if a.week < after.week]
        assert len(new) - len(old) >= k
        for partition, value in before.shown_groups() | after.shown_groups():
            grown = len(members(new, partition, value)) - len(members(old, partition, value))
            assert not small(grown, k)
        for partition in BREAKDOWNS:
            hidden = {
                f.value
                for f in after.figures
                if f.partition == partition
                and not (f.shown and (before.figure(partition, f.value) or f).shown)  # hidden in either
            }
            grown = sum(len(members(new, partition, v)) - len(members(old, partition, v)) for v in hidden)
            assert not small(grown, k)


@RUNS
@given(streams(), st.integers(3, 5))
def test_comments_come_from_shown_topics_in_ranges_of_at_least_k_that_never_change(
    stream: list[list[Response]], k: int
) -> None:
    dated: dict[tuple[str, str], tuple[str, str]] = {}
    for release, answers in releases(stream, k):
        counted = [a for a in answers if a.week < release.week]
        for comment in release.comments:
            assert (Partition.TOPIC, comment.topic) in release.shown_groups()
            in_range = [
                a for a in counted if a.topic == comment.topic and comment.first_week <= a.week <= comment.last_week
            ]
            assert len(in_range) >= k
        for topic, ranges in release.dated.items():
            for (_, end), (start, _) in itertools.pairwise(ranges):
                assert end < start  # a topic's ranges never overlap
            for first, last in ranges:
                for a in counted:
                    if a.topic == topic and first <= a.week <= last:
                        assert dated.setdefault((topic, a.week), (first, last)) == (first, last)
