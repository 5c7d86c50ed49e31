"""An immutable snapshot of the open mentors, as arrays numpy can score in one go.

Built from storage.pool.open_mentor_rows: the profile text is read as concepts here, in the process,
with the synonym table it runs with, so a new SYNONYMS_FILE needs no migration (the stored word sets
are plain normalised words). Concepts are a CSC-like index: for concept `c`, the mentors who offer it
are `concept_mentors[concept_ptr[c]:concept_ptr[c + 1]]`, so scoring touches only the concepts a
mentee wants, never a mentors-by-concepts matrix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time

import numpy as np
import numpy.typing as npt

from bot.i18n import Language, language_for_locale
from bot.matching import Mentee, Mentor
from bot.synonyms.table import Synonyms
from storage.pool import MentorRow

LANGUAGES = tuple(Language)
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class MenteeVector:
    """A mentee in the pool's terms: indices into its tables (-1: nobody in the pool has it)."""

    area: int
    concepts: IntArray  # the pool's concept ids of what they want to learn (concepts no mentor offers left out)
    language: int
    zone_points: npt.NDArray[np.float64]  # the working-hours term against each of the pool's zones
    newcomer: bool


@dataclass(frozen=True, eq=False)
class MentorPool:
    """Every open mentor (a mentor, available, not gone, with a place free) at one version, sorted by user id.

    `free` is each mentor's remaining places (capacity - active and paused pairings), always ≥ 1.
    Mentor `i` is `mentor_ids[i]`, `mentors[i]` (the plain value bot.matching scores), `area[i]`, …
    """

    version: int
    hours: tuple[time, time]
    on: date  # the day the working-hours term is for (daylight saving time moves it)
    mentor_ids: tuple[str, ...]
    mentors: tuple[Mentor, ...]
    free: IntArray
    area: IntArray
    areas: tuple[str, ...]
    language: IntArray
    zone: IntArray
    zones: tuple[str, ...]
    likes_newcomers: npt.NDArray[np.bool_]
    concept_ptr: IntArray
    concept_mentors: IntArray
    concept_ids: Mapping[str, int]
    index_of: Mapping[str, int] = field(repr=False)

    def __len__(self) -> int:
        return len(self.mentor_ids)

    def mentee_vector(self, mentee: Mentee) -> MenteeVector:
        from bot.pool.scoring import zone_points  # the scoring owns the terms

        area = self.areas.index(mentee.function_area) if mentee.function_area in self.areas else -1
        ids = sorted(self.concept_ids[c] for c in mentee.goals.concepts if c in self.concept_ids)
        language = LANGUAGES.index(mentee.language)
        zones = zone_points(self, mentee.tz)
        return MenteeVector(area, np.array(ids, dtype=np.int64), language, zones, mentee.newcomer)

    def mentors_offering(self, concept: int) -> IntArray:
        return self.concept_mentors[self.concept_ptr[concept] : self.concept_ptr[concept + 1]]


def build_pool(
    rows: Sequence[MentorRow], synonyms: Synonyms, hours: tuple[time, time], on: date, version: int
) -> MentorPool:
    """The pool of these rows (sorted by user id), their skills read as concepts with `synonyms`."""
    rows = sorted(rows, key=lambda row: row.user_id)
    mentors = tuple(mentor_of(row, synonyms) for row in rows)
    areas = tuple(sorted({row.function_area for row in rows}))
    zones = tuple(sorted({row.tz for row in rows}))
    area_of = {area: i for i, area in enumerate(areas)}
    zone_of = {zone: i for i, zone in enumerate(zones)}
    concept_ids: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []  # (concept id, mentor index)
    for i, mentor in enumerate(mentors):
        for concept in mentor.skills.concepts:
            pairs.append((concept_ids.setdefault(concept, len(concept_ids)), i))
    by_concept = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    counts = np.bincount(by_concept[:, 0], minlength=len(concept_ids))
    return MentorPool(
        version=version,
        hours=hours,
        on=on,
        mentor_ids=tuple(row.user_id for row in rows),
        mentors=mentors,
        free=np.array([row.capacity - row.taken for row in rows], dtype=np.int64),
        area=np.array([area_of[row.function_area] for row in rows], dtype=np.int64),
        areas=areas,
        language=np.array([LANGUAGES.index(m.language) for m in mentors], dtype=np.int64),
        zone=np.array([zone_of[row.tz] for row in rows], dtype=np.int64),
        zones=zones,
        likes_newcomers=np.array([row.likes_newcomers for row in rows], dtype=np.bool_),
        concept_ptr=np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
        concept_mentors=by_concept[:, 1].copy(),
        concept_ids=concept_ids,
        index_of={user_id: i for i, user_id in enumerate(row.user_id for row in rows)},
    )


def mentor_of(row: MentorRow, synonyms: Synonyms) -> Mentor:
    """A pool row as the reference scorer reads a mentor (bot.matching)."""
    return Mentor(
        user_id=row.user_id,
        function_area=row.function_area,
        skills=synonyms.topics(row.skills),
        skills_text=row.skills,
        language=language_for_locale(row.locale),
        tz=row.tz,
        free_slots=row.capacity - row.taken,
        likes_newcomers=row.likes_newcomers,
    )
