"""The synonym table: groups of terms that mean one thing, and reading text as the concepts it names.

A concept is a group's id (`~` and its first term, which no word can spell) or, for a word in no
group, the normalised word itself. Terms may be several words ("public speaking", "feedback geven"):
reading a list item, the longest term that starts at each word wins and its words are used up.
The built-in groups ship in `builtin.txt`; HR adds its own with SYNONYMS_FILE, in the same format:
one group per line, terms separated by commas, `#` starts a comment. A group that shares a term
with another (HR's with a built-in one, say) is merged with it: extending, never contradicting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bot.synonyms.words import MAX_PHRASE, is_topic_word, list_items, words_of
from bot.text import clip

MAX_TERM_WORDS = 4  # "spreken in het openbaar"; longer is a sentence, not a term
MAX_TERM = 60
CONCEPT_MARK = "~"  # a group's id starts with it; a word never does (bot.synonyms.words.WORD)
BUILT_IN_NAME = "builtin.txt"

Term = tuple[str, ...]  # a term's normalised words


class SynonymsError(ValueError):
    """A bad line in a synonyms file: one line naming the file, the line number and what is wrong."""

    def __init__(self, source: str, line: int, problem: str) -> None:
        super().__init__(f"{source}, line {line}: {problem}")
        self.source, self.line, self.problem = source, line, problem


@dataclass(frozen=True)
class Item:
    """One item of someone's list as they wrote it (clipped to what a reason may show), read as concepts.

    `wording`: each concept with the normalised words that named it, so a reason can tell "you both
    wrote kubernetes" from "you wrote k8s; they wrote kubernetes".
    """

    text: str
    concepts: frozenset[str]
    wording: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Topics:
    """What someone wrote in a list field (skills, goals), read as concepts."""

    items: tuple[Item, ...] = ()

    @property
    def concepts(self) -> frozenset[str]:
        return frozenset().union(*(item.concepts for item in self.items))

    def wording(self, concepts: Iterable[str]) -> frozenset[tuple[str, str]]:
        wanted = set(concepts)
        return frozenset(pair for item in self.items for pair in item.wording if pair[0] in wanted)

    def naming(self, concepts: Iterable[str]) -> list[str]:
        """The items (as written, in their order) that name any of these concepts."""
        wanted = set(concepts)
        return [item.text for item in self.items if item.concepts & wanted]


NO_TOPICS = Topics()


class Synonyms:
    """Terms → their group's concept. Immutable once built; reading text is cached per text."""

    def __init__(self, groups: Iterable[Iterable[Term]]) -> None:
        self._concept_of: dict[Term, str] = {}
        for group in _merged([list(g) for g in groups]):
            concept = CONCEPT_MARK + " ".join(group[0])
            for term in group:
                self._concept_of[term] = concept
        self._longest = max((len(term) for term in self._concept_of), default=1)
        self.topics = lru_cache(maxsize=65536)(self._topics)  # the pool reads thousands of profiles

    def __len__(self) -> int:
        return len(set(self._concept_of.values()))

    def concept_of(self, term: str) -> str | None:
        return self._concept_of.get(tuple(words_of(term)))

    def terms(self) -> Mapping[Term, str]:
        return dict(self._concept_of)

    def concepts(self, text: str) -> frozenset[str]:
        return self.topics(text).concepts

    def _topics(self, text: str) -> Topics:
        return Topics(tuple(self._item(item) for item in list_items(text)))

    def _item(self, text: str) -> Item:
        words, found, at = words_of(text), [], 0
        while at < len(words):
            for size in range(min(self._longest, len(words) - at), 0, -1):
                term = tuple(words[at : at + size])
                concept = self._concept_of.get(term)
                if concept is not None:
                    found.append((concept, " ".join(term)))
                    at += size
                    break
            else:
                if is_topic_word(words[at]):
                    found.append((words[at], words[at]))
                at += 1
        wording = frozenset(found)
        return Item(clip(text, MAX_PHRASE), frozenset(concept for concept, _ in wording), wording)


def _merged(groups: list[list[Term]]) -> list[list[Term]]:
    """Groups that share a term become one (in the order first seen), without repeating a term."""
    merged: list[list[Term]] = []
    where: dict[Term, int] = {}
    for group in groups:
        into = {where[term] for term in group if term in where}
        if not into:
            merged.append([])
            target = len(merged) - 1
        else:
            target = min(into)
            for other in sorted(into - {target}):
                merged[target] += [t for t in merged[other] if t not in merged[target]]
                for term in merged[other]:
                    where[term] = target
                merged[other] = []
        for term in group:
            if term not in merged[target]:
                merged[target].append(term)
            where[term] = target
    return [group for group in merged if group]


def parse_groups(text: str, source: str) -> list[list[Term]]:
    """The groups of a synonyms file; SynonymsError for the first bad line."""
    groups = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            groups.append(_group(content, source, number))
    return groups


def _group(content: str, source: str, number: int) -> list[Term]:
    terms: list[Term] = []
    for raw in content.split(","):
        written = raw.strip()
        if not written:
            raise SynonymsError(source, number, "an empty term (two commas in a row, or one at an end)")
        words = tuple(words_of(written))
        if not words:
            raise SynonymsError(source, number, f"the term {written!r} has no letters or digits")
        if len(written) > MAX_TERM or len(words) > MAX_TERM_WORDS:
            raise SynonymsError(
                source, number, f"the term {clip(written, 30)!r} is too long (at most {MAX_TERM_WORDS} words)"
            )
        if words not in terms:
            terms.append(words)
    if len(terms) < 2:
        raise SynonymsError(source, number, "a group needs at least two different terms, separated by commas")
    return terms


def built_in_groups() -> list[list[Term]]:
    text = resources.files("bot.synonyms").joinpath(BUILT_IN_NAME).read_text(encoding="utf-8")
    return parse_groups(text, BUILT_IN_NAME)


def load_synonyms(path: Path | None = None) -> Synonyms:
    """The built-in table, extended with HR's file when there is one (SynonymsError for a bad line)."""
    groups = built_in_groups()
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise SynonymsError(str(path), 0, f"can't be read as UTF-8 text ({type(e).__name__})") from None
        groups += parse_groups(text, str(path))
    return Synonyms(groups)


@lru_cache(maxsize=1)
def built_in() -> Synonyms:
    """The shipped table alone: what tests, the demo and anything built without settings use."""
    return Synonyms(built_in_groups())
