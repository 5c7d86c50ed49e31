"""The words of a free-text field, normalised: what matching and the stored word sets are made of."""

from __future__ import annotations

import re

from bot.text import clip

WORD = re.compile(r"[^\W_]+(?:[+#]+|(?:\.[^\W\d_]+)+)?")
_VERSION = re.compile(r"^v?\d+(\.\d+)*$")
# Words too common to say anything about a skill, in both languages.
_FILLER_EN = "a an and at for from how in into of on or the to with my me i want learn learning more about"
_FILLER_NL = "een en de het van voor met in op om te ik wil leren meer over mijn hoe"
STOP_WORDS = frozenset(_FILLER_EN.split()) | frozenset(_FILLER_NL.split())
_LIST_SEPARATOR = re.compile(r"[,;/\n]|\s(?:and|en|&)\s", re.IGNORECASE)
MAX_PHRASE = 40  # a reason names a topic; a whole sentence of someone's profile is not a topic
MAX_WORD = 40  # longer "words" are pasted links or noise, never a topic two people share


def normalise_word(word: str) -> str:
    """`Python` and `pythons` → `python`: case, and simple plurals (not `ss`: `class`, `process`)."""
    word = word.lower()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def words_of(text: str) -> list[str]:
    """Every normalised word, in order, filler included (a synonym such as "speaking in public" has some)."""
    return [normalise_word(w) for w in WORD.findall(text)]


def is_topic_word(word: str) -> bool:
    """A normalised word that says something: not filler, not a version number, not noise."""
    return 1 < len(word) <= MAX_WORD and word not in STOP_WORDS and not _VERSION.match(word)


def topic_words(text: str) -> frozenset[str]:
    """The normalised words of a free-text field, without versions and filler: "Python 3" → {python}."""
    return frozenset(w for w in words_of(text) if is_topic_word(w))


def list_items(text: str) -> list[str]:
    """The items of a free-text list as written: split on commas, semicolons, slashes, lines, "and"/"en", "&"."""
    items = (item.strip(" .:-()") for item in _LIST_SEPARATOR.split(text))
    return [item for item in items if item]


def topic_phrases(text: str) -> list[str]:
    """The items of a free-text list, each clipped to what a reason may name."""
    return [clip(item, MAX_PHRASE) for item in list_items(text)]
