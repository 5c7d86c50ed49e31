"""The catalog: every key the code says is in every language, no entry is dead or stale, the Dutch keeps to
the glossary, and HR's own entries (MESSAGES_DIR) override single entries or are refused line by line."""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import (
    DOMAIN,
    EN,
    NL,
    SHIPPED,
    CatalogError,
    Language,
    Messages,
    Translator,
    language_for_locale,
    load_catalogs,
    placeholders,
    shipped_po,
)
from handlers.blocks.handshake import CLOSED
from storage.models import RequestStatus

ROOT = Path(__file__).resolve().parents[2]
CODE = [path for folder in ("bot", "handlers") for path in sorted((ROOT / folder).rglob("*.py"))]
KEY = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
# Calls whose first argument is a catalog key (a translator `t`, `translators[0]`, or a phrase of the domain).
SAYS = {"t", "Phrase", "Reason", "Notice"}
# Keys whose Dutch is rightly the same as the English (names, words both languages share).
SAME_IN_BOTH = frozenset(
    {"status.role.mentor", "status.role.mentee", "cadence.weekly", "digest.checkins.title", "admin.audit.system"}
)


def _key_strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _said_at(node: ast.AST) -> list[str]:
    """The strings this node hands to the catalog: a call's key, a map of keys, `key = …`, `problem=…`."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        said = _key_strings(node.args[0]) if node.args and (name in SAYS or isinstance(func, ast.Subscript)) else []
        return said + [s for kw in node.keywords if kw.arg == "problem" for s in _key_strings(kw.value)]
    if isinstance(node, ast.Dict):
        values = [v.value if isinstance(v, ast.Constant) else None for v in node.values]
        keys = [v for v in values if isinstance(v, str) and KEY.match(v)]
        return keys if len(keys) == len(values) else []
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("key", "more") for t in node.targets):
        return _key_strings(node.value)
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):  # errors[field] = key
        return _key_strings(node.value)
    return []


def _keys_said_in_code() -> set[str]:
    nodes = (node for path in CODE for node in ast.walk(ast.parse(path.read_text())))
    return {s for node in nodes for s in _said_at(node) if KEY.match(s)}


def _strings_in_code() -> set[str]:
    return {s for path in CODE for s in _key_strings(ast.parse(path.read_text()))}


def english_fingerprint(key: str) -> str:
    """What nl.po's `#. en: …` comment of a key must say: a hash of the English it was translated from."""
    return hashlib.sha256("\x00".join(SHIPPED[Language.EN].forms(key)).encode()).hexdigest()[:12]


def test_every_language_has_a_catalog_file() -> None:
    assert all(shipped_po(language).is_file() for language in Language)
    assert set(SHIPPED) == set(Language)


def test_the_scan_finds_keys_where_the_code_says_them() -> None:
    said = _keys_said_in_code()
    assert {"help.title", "match.room", "checkin.cadence.partner.weekly", "profile.error.area"} <= said
    assert "checkin.met" not in said  # a callback id, not a key


@pytest.mark.parametrize("language", list(Language))
def test_every_key_the_code_says_is_in_the_catalog(language: Language) -> None:
    assert _keys_said_in_code() - SHIPPED[language].keys() == set()


@pytest.mark.parametrize("language", list(Language))
def test_every_entry_is_named_somewhere_in_the_code(language: Language) -> None:
    assert SHIPPED[language].keys() - _strings_in_code() == set()


def test_both_languages_have_the_same_entries() -> None:
    assert SHIPPED[Language.EN].keys() == SHIPPED[Language.NL].keys()
    assert set(SHIPPED[Language.EN].plurals) == set(SHIPPED[Language.NL].plurals)


@pytest.mark.parametrize("key", sorted(SHIPPED[Language.EN].keys()))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    def names(language: Language) -> set[str]:
        return set().union(*(placeholders(text) for text in SHIPPED[language].forms(key)))

    assert names(Language.EN) == names(Language.NL)


@pytest.mark.parametrize("key", sorted(set(EN) - SAME_IN_BOTH))
def test_dutch_differs_from_english(key: str) -> None:
    assert EN[key] != NL[key]


def _shipped_dutch() -> list[tuple[str, list[str], bool]]:
    with shipped_po(Language.NL).open("rb") as po:
        catalog = read_po(po, locale="nl", domain=DOMAIN)
    return [
        (message.id if isinstance(message.id, str) else message.id[0], message.auto_comments, message.fuzzy)
        for message in catalog
        if message.id
    ]


@pytest.mark.parametrize(("key", "comments", "fuzzy"), _shipped_dutch(), ids=lambda v: v if isinstance(v, str) else "")
def test_dutch_was_translated_from_the_current_english(key: str, comments: list[str], fuzzy: bool) -> None:
    """A Dutch entry whose English changed since is stale: check the Dutch, then renew its `#. en:` line."""
    assert not fuzzy, f"nl.po marks {key} fuzzy: check the Dutch, then remove the flag"
    now = f"en: {english_fingerprint(key)}"
    assert now in comments, (
        f"nl.po's {key} was made from older English: check the Dutch, then make its comment #. {now}"
    )


def test_a_stale_dutch_entry_is_noticed(tmp_path: Path) -> None:
    english = shipped_po(Language.EN).read_text()
    changed = english.replace('msgstr "Welcome to Mentorbot"', 'msgstr "Welcome to Mentorbot!"')
    assert changed != english
    (tmp_path / "en.po").write_text(changed)
    renewed = load_catalogs(tmp_path)[Language.EN].forms("home.title")
    fingerprint = hashlib.sha256("\x00".join(renewed).encode()).hexdigest()[:12]
    assert fingerprint != english_fingerprint("home.title")


# Words and patterns the glossary (shared/GLOSSARY-nl.md) rules out of the Dutch, and why.
RULED_OUT = {
    r"koppeling": "the relationship is a mentortraject (koppeling is an integration in HR software)",
    r"mentorschap": "the relationship is a mentortraject (mentorschap is the mentor's role)",
    r"mentorpartner|\bpartner": "the other person is 'de ander', or their name",
    r"beëindig": "a pairing stops (stoppen/gestopt); beëindigen is for ending employment",
    r"gepraat|\bpraten\b": "people 'spreken elkaar' or have a 'gesprek'",
    r"\baflo(o)?pen\b|\bafloopt\b|\bliep af\b": "the programme period is 'afgerond'",
    r"capaciteit": "a mentor has 'plekken'",
    r"(^|[^\w-])[uU]\b(?!-)|\buw\b": "address people as je, not u",
    r"\bweer verder\b|\bweer begint\b": "a pause is 'hervat'",
    r"check-ins? gedaan": "a check-in is 'vastgelegd'",
    r"\bdie (weet|kreeg|heeft|ziet|antwoordt|accepteert|kon)\b": "repeat the name rather than 'die' for they",
    r"\b\d+ tot \d+\b": "write '1 tot en met 5' or '(1–5)'",
    r"\bHoud\b.*\bonder de\b": "write 'Maximaal N tekens.'",
    r"mentor te zijn": "'om je mentor te worden'",
    r"\bzie\b": "'bekijk', not 'zie'",
    r" :": "no space before a colon",
    r",\s*sorry[.!]?$": "a sorry opens the sentence in Dutch, or is left out",
    r"\b(Ik vond|Je vroeg|Jullie kozen|Die kreeg)\b": "Dutch uses the perfect tense here",
}


def _ruled_out(text: str) -> list[str]:
    return [why for pattern, why in RULED_OUT.items() if re.search(pattern, text, re.IGNORECASE)]


@pytest.mark.parametrize("key", sorted(SHIPPED[Language.NL].keys()))
def test_dutch_keeps_to_the_glossary(key: str) -> None:
    assert [why for text in SHIPPED[Language.NL].forms(key) for why in _ruled_out(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "*Mentorbot* houdt de koppeling levend.",
        "Je mentorschap met {other}",
        "Je mentorpartner krijgt een bericht",
        "Mentorschap beëindigen",
        "Ja, we hebben gepraat",
        "Als die koppeling afloopt",
        "We bewaren je capaciteit.",
        "Kunt u dit invullen?",
        "Weer verder op",
        "geen check-in gedaan",
        "Die weet het.",
        "Een getal van 1 tot 5",
        "Houd dit onder de 500 tekens.",
        "Je vroeg {who} om je mentor te zijn",
        "zie je profiel",
        "Kies een datum :",
        "Net bezet, sorry.",
    ],
)
def test_the_glossary_check_catches_what_it_rules_out(text: str) -> None:
    assert _ruled_out(text)


@pytest.mark.parametrize(
    "text",
    [
        "*Mentorbot* koppelt je aan een mentor",
        "zijn nu gekoppeld",
        "de afgelopen week",
        "HR-beheerders",
        "Die datum bestaat niet",
        "Een getal van 1 tot en met 5",
        "Sorry, er ging iets mis.",
    ],
)
def test_the_glossary_check_allows_what_it_allows(text: str) -> None:
    assert _ruled_out(text) == []


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        (Language.EN, "has room for 1 more mentee", "has room for 3 more mentees"),
        (Language.NL, "heeft nog 1 plek vrij", "heeft nog 3 plekken vrij"),
    ],
)
def test_a_plural_entry_takes_the_form_its_count_needs(language: Language, one: str, many: str) -> None:
    t = Translator(language)
    assert (t("match.room", count=1), t("match.room", count=3)) == (one, many)


def test_a_plural_entry_without_a_count_is_refused() -> None:
    with pytest.raises(TypeError, match=r"match\.room"):
        Translator(Language.EN)("match.room")


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("nl-NL", Language.NL),
        ("nl-BE", Language.NL),
        ("en-US", Language.EN),
        ("de-DE", Language.EN),
        (None, Language.EN),
    ],
)
def test_language_follows_the_slack_locale(locale: str | None, language: Language) -> None:
    assert language_for_locale(locale) is language


def test_translator_fills_in_placeholders() -> None:
    assert "`x`" in Translator(Language.EN)("help.not_understood", text="x")


@pytest.mark.parametrize("status", list(RequestStatus))
def test_every_request_state_can_be_told(status: RequestStatus) -> None:
    assert CLOSED[status.value] in EN


# HR's own entries (MESSAGES_DIR)


def _po(*entries: tuple[str, str]) -> str:
    body = "".join(f'\nmsgid "{key}"\nmsgstr "{text}"\n' for key, text in entries)
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + body


def test_hr_rewords_a_single_entry(tmp_path: Path) -> None:
    (tmp_path / "nl.po").write_text(_po(("help.title", "*Mentorbot* zoekt een mentor met je mee.")))
    catalogs = load_catalogs(tmp_path)
    assert Translator(Language.NL, catalogs)("help.title") == "*Mentorbot* zoekt een mentor met je mee."
    assert Translator(Language.NL, catalogs)("help.usage") == NL["help.usage"]
    assert Translator(Language.EN, catalogs)("help.title") == EN["help.title"]


def test_a_fuzzy_entry_of_hrs_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "en.po").write_text(_po() + '\n#, fuzzy\nmsgid "help.title"\nmsgstr "Draft"\n')
    assert Translator(Language.EN, load_catalogs(tmp_path))("help.title") == EN["help.title"]


def test_hr_can_reword_a_plural_entry(tmp_path: Path) -> None:
    plural = 'msgid "match.room"\nmsgid_plural "match.room"\nmsgstr[0] "one place left"\nmsgstr[1] "{count} places"\n'
    (tmp_path / "en.po").write_text(_po() + "\n" + plural.replace('"one place left"', '"{count} place left"'))
    catalogs = load_catalogs(tmp_path)
    assert Translator(Language.EN, catalogs)("match.room", count=1) == "1 place left"
    assert Translator(Language.EN, catalogs)("match.room", count=2) == "2 places"


@pytest.mark.parametrize(
    ("entry", "line"),
    [
        (("help.titel", "Hallo"), "nl.po: 'help.titel' is not an entry of the bot's catalog"),
        (("request.sent", "Verstuurd naar {mentee}."), "nl.po: 'request.sent' has {mentee}, which the original"),
        (("request.sent", "Verstuurd."), "nl.po: 'request.sent' lacks {mentor}, which the original has"),
        (("request.sent", "Verstuurd naar {mentor."), "nl.po: 'request.sent' is not a valid text"),
        (("match.room", "nog plek"), "nl.po: 'match.room' needs plural forms"),
    ],
)
def test_an_entry_hr_cannot_use_is_one_line_naming_it(tmp_path: Path, entry: tuple[str, str], line: str) -> None:
    (tmp_path / "nl.po").write_text(_po(entry, ("help.title", "Goed")))
    with pytest.raises(CatalogError) as raised:
        load_catalogs(tmp_path)
    [problem] = raised.value.problems
    assert problem.startswith(line)
    assert str(raised.value).splitlines()[1:] == [problem]


def test_every_unusable_entry_is_told_at_once(tmp_path: Path) -> None:
    (tmp_path / "nl.po").write_text(_po(("help.titel", "Hallo"), ("request.sent", "Verstuurd.")))
    (tmp_path / "en.po").write_text(_po(("home.titel", "Hi")))
    (tmp_path / "de.po").write_text(_po())
    with pytest.raises(CatalogError) as raised:
        load_catalogs(tmp_path)
    assert [problem.split(":")[0] for problem in raised.value.problems] == ["de.po", "en.po", "nl.po", "nl.po"]


def test_a_file_that_is_not_a_po_file_is_told(tmp_path: Path) -> None:
    (tmp_path / "nl.po").write_text('msgid "help.title"\nhelp.title = Hallo\n')
    with pytest.raises(CatalogError, match=r"nl\.po: not a readable \.po file"):
        load_catalogs(tmp_path)


def test_without_messages_dir_the_shipped_catalogs_are_used() -> None:
    catalogs = load_catalogs(None)
    assert catalogs is SHIPPED
    assert all(isinstance(messages, Messages) for messages in catalogs.values())
