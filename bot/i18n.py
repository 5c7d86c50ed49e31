"""The message catalog: every word the bot says, in English and Dutch, read from gettext .po files.

Each language's entries are in `bot/locale/<language>/LC_MESSAGES/mentorbot.po`, keyed by the id the code
uses (`help.title`). HR can reword single entries without a release: `.po` files of their own in
MESSAGES_DIR override the shipped ones, checked once at start-up (`load_catalogs`).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from string import Formatter
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

LOCALE_DIR: Final = Path(__file__).parent / "locale"
DOMAIN: Final = "mentorbot"
# The value a plural entry counts by: `t("match.room", count=2)`.
COUNT: Final = "count"


class Language(StrEnum):
    EN = "en"
    NL = "nl"


def language_for_locale(locale: str | None) -> Language:
    """Slack locales look like `nl-NL`; any Dutch one means Dutch, anything else English."""
    return Language.NL if (locale or "").lower().startswith("nl") else Language.EN


def shipped_po(language: Language) -> Path:
    return LOCALE_DIR / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"


class CatalogError(ValueError):
    """HR's own catalog entries can't be used; one line per problem, naming the file and the entry."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("MESSAGES_DIR has entries the bot can't use:\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Messages:
    """One language's entries: a text per key, or a key's plural forms, chosen by `plural(count)`."""

    texts: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    plural: Callable[[int], int] = field(repr=False)

    def __contains__(self, key: object) -> bool:
        return key in self.texts or key in self.plurals

    def keys(self) -> set[str]:
        return set(self.texts) | set(self.plurals)

    def forms(self, key: str) -> tuple[str, ...]:
        """Every text a key can be said with (one, or one per plural form)."""
        return (self.texts[key],) if key in self.texts else self.plurals[key]

    def render(self, key: str, values: Mapping[str, object]) -> str:
        if key in self.plurals:
            count = values.get(COUNT)
            if not isinstance(count, int):
                raise TypeError(f"{key} has plural forms: it needs a whole number `{COUNT}`, not {count!r}")
            return self.plurals[key][self.plural(count)].format(**values)
        return self.texts[key].format(**values)

    def overridden_by(self, own: Messages) -> Messages:
        return Messages({**self.texts, **own.texts}, {**self.plurals, **own.plurals}, self.plural)


Catalogs = Mapping[Language, Messages]


def read_messages(path: Path, language: Language) -> Messages:
    """A .po file's entries; fuzzy and untranslated ones are left out, as gettext's own tools do."""
    with path.open("rb") as po:
        catalog = read_po(po, locale=language.value, domain=DOMAIN, abort_invalid=True)
    return _messages(catalog)


def _messages(catalog: Catalog) -> Messages:
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:  # the header, or a translation nobody has checked
            continue
        if message.pluralizable and isinstance(message.id, tuple) and isinstance(message.string, tuple):
            if all(message.string):
                plurals[message.id[0]] = tuple(message.string)
        elif isinstance(message.id, str) and isinstance(message.string, str) and message.string:
            texts[message.id] = message.string
    return Messages(texts, plurals, gettext.c2py(catalog.plural_expr))


def load_catalogs(messages_dir: Path | None = None) -> Catalogs:
    """The shipped catalogs, with HR's own entries in `messages_dir` (`en.po`, `nl.po`) over them.

    Raises CatalogError naming every entry of HR's that the bot can't use, so nothing half-works.
    """
    if messages_dir is None:
        return SHIPPED
    catalogs = dict(SHIPPED)
    problems = [
        f"{path.name}: not a catalog the bot reads (it reads {', '.join(f'{lang}.po' for lang in Language)})"
        for path in sorted(messages_dir.glob("*.po"))
        if path.stem not in set(Language)
    ]
    for language in Language:
        path = messages_dir / f"{language.value}.po"
        if not path.is_file():
            continue
        try:
            own = read_messages(path, language)
        except (PoFileError, UnicodeDecodeError) as e:
            problems.append(f"{path.name}: not a readable .po file ({e})")
            continue
        problems += [f"{path.name}: {problem}" for problem in _unusable(own, catalogs[language])]
        catalogs[language] = catalogs[language].overridden_by(own)
    if problems:
        raise CatalogError(problems)
    return catalogs


def _unusable(own: Messages, shipped: Messages) -> list[str]:
    """Why each of HR's entries can't stand in for the shipped one, one line each."""
    problems: list[str] = []
    for key in sorted(own.keys()):
        if key not in shipped:
            problems.append(f"{key!r} is not an entry of the bot's catalog (a typo, or an entry that was removed?)")
        elif (key in own.plurals) != (key in shipped.plurals):
            needs = "plural forms (msgid_plural, msgstr[0], msgstr[1])" if key in shipped.plurals else "one msgstr"
            problems.append(f"{key!r} needs {needs}, as the bot's own entry has")
        else:
            problem = _placeholder_problem(own.forms(key), shipped.forms(key))
            if problem:
                problems.append(f"{key!r} {problem}")
    return problems


def _placeholder_problem(own: tuple[str, ...], shipped: tuple[str, ...]) -> str | None:
    try:
        have = set().union(*(placeholders(text) for text in own))
    except ValueError as e:  # an unpaired brace
        return f"is not a valid text ({e}; write a brace as {{{{ or }}}})"
    expected = set().union(*(placeholders(text) for text in shipped))
    said = []
    if have - expected:
        said.append(f"has {_braced(have - expected)}, which the original doesn't have")
    if expected - have:
        said.append(f"lacks {_braced(expected - have)}, which the original has")
    return "; ".join(said) or None


def _braced(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


# The catalogs as shipped: what tests, the demo and anything built without settings read.
SHIPPED: Final[Catalogs] = {language: read_messages(shipped_po(language), language) for language in Language}
EN: Final = SHIPPED[Language.EN].texts
NL: Final = SHIPPED[Language.NL].texts


@dataclass(frozen=True)
class Who:
    """A person named in a phrase: shown as a mention of their id, never as anything typed."""

    user_id: str


@dataclass(frozen=True)
class Phrase:
    """A catalog key and its values, said in each reader's language where it is shown.

    The domain speaks in phrases (a match's reasons, the handshake's news); handlers render them.
    """

    key: str
    values: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Translator:
    language: Language
    catalogs: Catalogs = field(default_factory=lambda: SHIPPED, compare=False, repr=False)

    def __call__(self, key: str, **values: object) -> str:
        """The key's text with its values filled in; a plural entry picks its form by `count`."""
        return self.catalogs[self.language].render(key, values)
