"""Which feedback figures may be shown: one release, a snapshot that never gives a small group away.

Pure: the answers, the last release and k in, a new release (or None: the last one stays) out.

How a release is made, in plain words:

1. **Only finished weeks.** A release counts the answers of the ISO weeks before the week it is made in. A week is
   counted whole and never again, so no later release can split it.
2. **The groups.** Programme-wide (everything), per function area, per role and per topic: three partitions of
   the same answers. A group's figures are its count and mean rating; an evaluation topic also shows mean
   progress and would-recommend. Figures are shown only for groups of at least k answers; a smaller group says
   "not enough responses yet".
3. **No subtraction within a partition.** The total minus the shown groups of a partition is what its hidden
   groups hold together. That remainder must be empty or hold at least k answers; where it doesn't, the smallest
   shown group of that partition is hidden too, and so on. Counts and sums (mean times count) go together, so this
   protects both.
4. **No subtraction across partitions.** Someone who knows which combinations of topic, role and area have
   answers (HR knows who is a mentor in which area) can combine partitions: "all mentees are in Sales" makes
   Sales minus the mentees a group of its own. So the release is checked as linear algebra over those
   combinations ("cells"): no sum or difference of shown figures may add up exactly the answers of fewer than
   k people (`narrow_combination`). Where one does, the smallest shown group it uses is hidden, and the check
   runs again.
5. **One snapshot, changed only in steps of k.** With an earlier release, the check of step 4 runs over both
   releases together, telling each cell's older answers from those that came after: comparing the two must
   not isolate fewer than k answers either. Before that, the plain rule: the total, every group shown in either
   release, and each partition's groups hidden in either release together have either no new answers or at
   least k. If the new snapshot fails either, there is no new release: the old one stays until more answers
   come in. Counts only grow between releases, in steps of at least k, so any two releases, consecutive or not,
   differ by 0 or at least k in every group shown in both.
6. **Comments** come only from topic groups shown in the release (the topic is the only grouping a comment is
   shown with; no area, role or rating beside it). Each comment is dated by the range of weeks that was new in
   its topic when it was first released (at least k answers, step 5), never by its own week, so a comment can't
   be narrowed to a week of fewer than k answers; the ranges of one topic never overlap, and an old comment
   keeps its range in later releases. Comments are shuffled in every release and escaped where they are shown.

What this does not hide: a difference between two small groups (S(a) - S(b)) may be derivable where their sum
is not, and a release reveals that a group has fewer than k answers (not how many).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

TOPICS = ("programme", "received", "given", "evaluation.midpoint", "evaluation.end")
ROLES = ("mentor", "mentee", "both", "none")  # none: feedback given without a profile
EVALUATION_TOPICS = frozenset({"evaluation.midpoint", "evaluation.end"})
ALL = "all"  # the one group of the programme-wide partition
# Combinations tried before one is taken as unsafe (and a group hidden): errs on the side of the people.
SEARCH_BUDGET = 20_000


class Partition(StrEnum):
    PROGRAMME = "programme"
    AREA = "area"
    ROLE = "role"
    TOPIC = "topic"


BREAKDOWNS = (Partition.AREA, Partition.ROLE, Partition.TOPIC)


@dataclass(frozen=True)
class Response:
    """One row of the anonymous store, as the release reads it."""

    topic: str
    role: str
    area: str
    week: str  # ISO week, `YYYY-Www`
    rating: int
    progress: int | None = None
    recommend: int | None = None
    comment: str = ""


Cell = tuple[str, str, str]  # topic, role, area: the finest combination any figure is made of
Group = tuple[Partition, str]


@dataclass(frozen=True)
class Figure:
    """A group's figures, or `count` None: not enough responses yet."""

    partition: Partition
    value: str
    count: int | None = None
    rating: float | None = None
    progress: float | None = None
    recommend: float | None = None

    @property
    def shown(self) -> bool:
        return self.count is not None


@dataclass(frozen=True)
class Comment:
    topic: str
    text: str
    first_week: str
    last_week: str


@dataclass(frozen=True)
class Release:
    """One snapshot: what HR may see, and what it was built on (to compare the next one with)."""

    week: str  # the week it was released in; it counts the weeks before
    k: int
    figures: tuple[Figure, ...]
    comments: tuple[Comment, ...]
    cells: Mapping[Cell, int] = field(default_factory=dict)  # answers per cell it counted
    dated: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # per topic: week ranges

    def figure(self, partition: Partition, value: str) -> Figure | None:
        return next((f for f in self.figures if f.partition == partition and f.value == value), None)

    def shown_groups(self) -> set[Group]:
        return {(f.partition, f.value) for f in self.figures if f.shown}


def value_of(cell: Cell, partition: Partition) -> str:
    topic, role, area = cell
    return {Partition.PROGRAMME: ALL, Partition.TOPIC: topic, Partition.ROLE: role, Partition.AREA: area}[partition]


def cell_of(response: Response) -> Cell:
    return (response.topic, response.role, response.area)


def group_count(cells: Mapping[Cell, int], group: Group) -> int:
    return sum(n for cell, n in cells.items() if value_of(cell, group[0]) == group[1])


def make_release(
    responses: Iterable[Response],
    previous: Release | None,
    k: int,
    week: str,
    rng: random.Random,
    areas: Sequence[str] = (),
) -> Release | None:
    """The new release, or None when there is none to make (nothing new, or not yet k new where it counts)."""
    counted = [r for r in responses if r.week < week]
    cells = dict(Counter(cell_of(r) for r in counted))
    if not cells:
        return None  # nothing to release yet
    if previous is not None and not _grew(previous.cells, cells):
        return None  # nothing new (or rows vanished, which the append-only store never does: keep what was shown)
    old = dict(previous.cells) if previous is not None else {}
    earlier = previous.shown_groups() if previous is not None else set()
    if earlier and not _released_groups_grew_in_steps(old, cells, earlier, k):
        return None
    shown = _shown_groups(cells, old, earlier, k)
    if shown is None or (earlier and not _grew_in_steps(old, cells, earlier, shown, k)):
        return None
    groups = _every_group(cells, areas)
    figures = tuple(_figure(group, counted, group in shown) for group in groups)
    dated = _dated(counted, previous, shown)
    return Release(week, k, figures, _comments(counted, shown, dated, rng), cells, dated)


def _grew(old: Mapping[Cell, int], new: Mapping[Cell, int]) -> bool:
    """Something came in, and nothing went."""
    return all(new.get(cell, 0) >= n for cell, n in old.items()) and new != dict(old)


def _all_groups_of(cells: Iterable[Cell]) -> set[Group]:
    return {(p, value_of(cell, p)) for cell in cells for p in Partition}


def _every_group(cells: Mapping[Cell, int], areas: Sequence[str]) -> list[Group]:
    """Every group a release lists, in the order shown: known values first, then any others found."""
    found = _all_groups_of(cells)
    listed: list[Group] = [(Partition.PROGRAMME, ALL)]
    for partition, known in ((Partition.AREA, areas), (Partition.ROLE, ROLES), (Partition.TOPIC, TOPICS)):
        values = list(known) + sorted(v for p, v in found if p == partition and v not in known)
        listed += [(partition, value) for value in values]
    return listed


# -- which groups may be shown --------------------------------------------------------------------------


def _shown_groups(cells: Mapping[Cell, int], old: Mapping[Cell, int], earlier: set[Group], k: int) -> set[Group] | None:
    """Groups of at least k, less those that would let a remainder or a combination be worked out; None when
    only hiding something already released could help (then there is no new release)."""
    shown = {g for g in _all_groups_of(cells) if group_count(cells, g) >= k}
    for partition in BREAKDOWNS:
        _hide_for_remainder(cells, shown, partition, k)
    while True:
        _, weights, rows, owners = _system(cells, old, earlier, shown)
        combination = narrow_combination(rows, weights, k)
        if combination is None:
            return shown
        used = [g for i in combination if (g := owners[i]) is not None]
        if not used:
            return None
        shown.discard(min(used, key=lambda g: (g[0] == Partition.PROGRAMME, group_count(cells, g), g)))


def _hide_for_remainder(cells: Mapping[Cell, int], shown: set[Group], partition: Partition, k: int) -> None:
    """Hide the smallest shown groups of a partition until what its hidden groups hold together is 0 or ≥ k."""
    total = sum(cells.values())
    while True:
        visible = sorted((group_count(cells, g), g) for g in shown if g[0] == partition)
        remainder = total - sum(n for n, _ in visible)
        if remainder == 0 or remainder >= k or not visible:
            return
        shown.discard(visible[0][1])


def _system(
    cells: Mapping[Cell, int], old: Mapping[Cell, int], earlier: set[Group], shown: set[Group]
) -> tuple[list[tuple[Cell, bool]], list[int], list[frozenset[int]], list[Group | None]]:
    """The figures as rows over atoms: an atom is a cell's older answers (those the last release counted) or
    its newer ones. A row of the last release covers older atoms only; its owner is None (it can't be hidden)."""
    atoms: list[tuple[Cell, bool]] = []
    weights: list[int] = []
    for cell, n in sorted(cells.items()):
        for is_new, weight in ((False, old.get(cell, 0)), (True, n - old.get(cell, 0))):
            if weight > 0:
                atoms.append((cell, is_new))
                weights.append(weight)
    rows: list[frozenset[int]] = []
    owners: list[Group | None] = []
    for group in sorted(earlier):
        rows.append(frozenset(i for i, (c, new) in enumerate(atoms) if not new and value_of(c, group[0]) == group[1]))
        owners.append(None)
    for group in sorted(shown):
        rows.append(frozenset(i for i, (c, _) in enumerate(atoms) if value_of(c, group[0]) == group[1]))
        owners.append(group)
    return atoms, weights, rows, owners


def _new_answers(old: Mapping[Cell, int], new: Mapping[Cell, int], members: Iterable[Group]) -> int:
    return sum(group_count(new, g) - group_count(old, g) for g in members)


def _released_groups_grew_in_steps(
    old: Mapping[Cell, int], new: Mapping[Cell, int], earlier: set[Group], k: int
) -> bool:
    """The total and every group the last release showed have no new answers or at least k."""
    return all(_new_answers(old, new, [g]) == 0 or _new_answers(old, new, [g]) >= k for g in earlier)


def _grew_in_steps(
    old: Mapping[Cell, int], new: Mapping[Cell, int], earlier: set[Group], shown: set[Group], k: int
) -> bool:
    """The plain rule between two releases: the total, each group shown in either, and each partition's groups
    hidden in either (together) have no new answers or at least k."""
    groups = _all_groups_of(new)
    together = [[g] for g in earlier | shown | {(Partition.PROGRAMME, ALL)}]
    together += [
        [g for g in groups if g[0] == partition and (g not in earlier or g not in shown)] for partition in BREAKDOWNS
    ]
    return all(_new_answers(old, new, members) == 0 or _new_answers(old, new, members) >= k for members in together)


def narrow_combination(rows: Sequence[frozenset[int]], weights: Sequence[int], k: int) -> list[int] | None:
    """Rows (sets of atoms, each atom holding `weights[a]` answers) whose sums and differences add up exactly the
    answers of a set of atoms holding between 1 and k-1 answers; the indices of the rows used, or None.

    Such a set has only atoms below k, so its combination is zero on every atom of k or more. The combinations
    that are form a subspace; in reduced row echelon form, its 0/1 vectors are exactly the sums of subsets of its
    basis, and a subset's pivots alone already hold that many answers, so only subsets whose pivots hold fewer
    than k are tried. Past SEARCH_BUDGET tries the answer is "unsafe": a group is hidden rather than risked.
    """
    heavy = [a for a, w in enumerate(weights) if w >= k]
    light = [a for a, w in enumerate(weights) if 0 < w < k]
    if not rows or not light:
        return None
    # Combinations of rows (coefficients λ) that vanish on every heavy atom: the null space of that system.
    kernel = _null_space([[Fraction(int(a in row)) for row in rows] for a in heavy], len(rows))
    vectors = [
        ([sum((lam[r] for r, row in enumerate(rows) if a in row), Fraction(0)) for a in light], lam) for lam in kernel
    ]
    basis = [_Basis.of(v, lam, [weights[a] for a in light]) for v, lam in _echelon(vectors)]
    search = _Search(basis, [weights[a] for a in light], k)
    found = search.find(0, {}, 0, ())
    if found is None:
        return None
    return _used([sum((basis[i].lam[r] for i in found), Fraction(0)) for r in range(len(rows))])


@dataclass(frozen=True)
class _Basis:
    entries: Mapping[int, Fraction]  # its non-zero entries, by light atom
    lam: Sequence[Fraction]  # the combination of rows it is
    pivot_weight: int  # answers its pivot atom holds

    @classmethod
    def of(cls, vector: Sequence[Fraction], lam: Sequence[Fraction], weights: Sequence[int]) -> _Basis:
        entries = {i: x for i, x in enumerate(vector) if x != 0}
        return cls(entries, lam, weights[min(entries)])


class _Search:
    """Depth-first over subsets of the basis whose pivots hold fewer than k answers."""

    def __init__(self, basis: Sequence[_Basis], weights: Sequence[int], k: int) -> None:
        self.basis, self.weights, self.k = basis, weights, k
        self.budget = SEARCH_BUDGET

    def find(
        self, start: int, total: Mapping[int, Fraction], held: int, chosen: tuple[int, ...]
    ) -> tuple[int, ...] | None:
        for i in range(start, len(self.basis)):
            if held + self.basis[i].pivot_weight >= self.k:
                continue
            self.budget -= 1
            if self.budget < 0:
                return (*chosen, i)  # too many to try: taken as unsafe
            summed = dict(total)
            for atom, x in self.basis[i].entries.items():
                summed[atom] = summed.get(atom, Fraction(0)) + x
            summed = {atom: x for atom, x in summed.items() if x != 0}
            if all(x == 1 for x in summed.values()) and 0 < sum(self.weights[a] for a in summed) < self.k:
                return (*chosen, i)
            deeper = self.find(i + 1, summed, held + self.basis[i].pivot_weight, (*chosen, i))
            if deeper is not None:
                return deeper
        return None


def _used(lam: Sequence[Fraction]) -> list[int]:
    return [r for r, x in enumerate(lam) if x != 0]


def _null_space(matrix: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of {λ : matrix · λ = 0}, by Gauss-Jordan elimination over fractions (exact)."""
    m = [row[:] for row in matrix]
    pivots: list[int] = []
    r = 0
    for c in range(width):
        pivot = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if pivot is None:
            continue
        m[r], m[pivot] = m[pivot], m[r]
        m[r] = [x / m[r][c] for x in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                m[i] = [a - m[i][c] * b for a, b in zip(m[i], m[r], strict=True)]
        pivots.append(c)
        r += 1
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        lam = [Fraction(0)] * width
        lam[free] = Fraction(1)
        for i, c in enumerate(pivots):
            lam[c] = -m[i][free]
        basis.append(lam)
    return basis


def _echelon(
    vectors: list[tuple[list[Fraction], list[Fraction]]],
) -> list[tuple[list[Fraction], list[Fraction]]]:
    """Reduced row echelon form of the vectors (first part), carrying each one's combination (second part)."""
    rows = [(v[:], lam[:]) for v, lam in vectors]
    width = len(rows[0][0]) if rows else 0
    done: list[tuple[list[Fraction], list[Fraction]]] = []
    for c in range(width):
        pivot = next((row for row in rows if row[0][c] != 0), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        scale = pivot[0][c]
        pivot = ([x / scale for x in pivot[0]], [x / scale for x in pivot[1]])
        rows = [_minus(row, pivot, row[0][c]) for row in rows]
        done = [_minus(row, pivot, row[0][c]) for row in done]
        done.append(pivot)
    return done


def _minus(
    row: tuple[list[Fraction], list[Fraction]], pivot: tuple[list[Fraction], list[Fraction]], times: Fraction
) -> tuple[list[Fraction], list[Fraction]]:
    if times == 0:
        return row
    return (
        [a - times * b for a, b in zip(row[0], pivot[0], strict=True)],
        [a - times * b for a, b in zip(row[1], pivot[1], strict=True)],
    )


# -- what is shown ----------------------------------------------------------------------------------------


def _figure(group: Group, responses: Sequence[Response], shown: bool) -> Figure:
    partition, value = group
    if not shown:
        return Figure(partition, value)
    members = [r for r in responses if value_of(cell_of(r), partition) == value]
    figure = Figure(partition, value, len(members), _mean(r.rating for r in members))
    if partition == Partition.TOPIC and value in EVALUATION_TOPICS:
        progress = [r.progress for r in members]
        recommend = [r.recommend for r in members]
        return Figure(
            partition,
            value,
            figure.count,
            figure.rating,
            _mean(x for x in progress if x is not None) if None not in progress else None,
            _mean(x for x in recommend if x is not None) if None not in recommend else None,
        )
    return figure


def _mean(values: Iterable[int]) -> float:
    numbers = list(values)
    return round(sum(numbers) / len(numbers), 1)


def _dated(
    responses: Sequence[Response], previous: Release | None, shown: set[Group]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per topic, the week ranges its comments are dated by: earlier ranges kept, the weeks new since the last
    range of a shown topic added as one more."""
    dated = {topic: tuple(ranges) for topic, ranges in (previous.dated if previous else {}).items()}
    for partition, topic in shown:
        if partition != Partition.TOPIC:
            continue
        ranges = dated.get(topic, ())
        since = ranges[-1][1] if ranges else ""
        weeks = sorted({r.week for r in responses if r.topic == topic and r.week > since})
        if weeks:
            dated[topic] = (*ranges, (weeks[0], weeks[-1]))
    return dated


def _comments(
    responses: Sequence[Response],
    shown: set[Group],
    dated: Mapping[str, tuple[tuple[str, str], ...]],
    rng: random.Random,
) -> tuple[Comment, ...]:
    comments = []
    for r in responses:
        if not r.comment.strip() or (Partition.TOPIC, r.topic) not in shown:
            continue
        first, last = next(((a, b) for a, b in dated.get(r.topic, ()) if a <= r.week <= b), (r.week, r.week))
        comments.append(Comment(r.topic, r.comment, first, last))
    comments.sort(key=lambda c: (c.topic, c.text, c.first_week))  # the shuffle alone decides the order
    rng.shuffle(comments)
    return tuple(comments)


# -- to and from storage ----------------------------------------------------------------------------------


def release_to_json(release: Release) -> dict[str, Any]:
    return {
        "week": release.week,
        "k": release.k,
        "figures": [[f.partition.value, f.value, f.count, f.rating, f.progress, f.recommend] for f in release.figures],
        "comments": [[c.topic, c.text, c.first_week, c.last_week] for c in release.comments],
        "dated": {topic: [list(r) for r in ranges] for topic, ranges in release.dated.items()},
    }


def cells_to_json(cells: Mapping[Cell, int]) -> list[list[Any]]:
    return [[*cell, n] for cell, n in sorted(cells.items())]


def release_from_json(snapshot: Mapping[str, Any], cells: Sequence[Sequence[Any]]) -> Release:
    return Release(
        week=str(snapshot["week"]),
        k=int(snapshot["k"]),
        figures=tuple(
            Figure(Partition(p), v, n, rating, progress, recommend)
            for p, v, n, rating, progress, recommend in snapshot["figures"]
        ),
        comments=tuple(Comment(*c) for c in snapshot["comments"]),
        cells={(str(t), str(r), str(a)): int(n) for t, r, a, n in cells},
        dated={topic: tuple((a, b) for a, b in ranges) for topic, ranges in snapshot["dated"].items()},
    )
