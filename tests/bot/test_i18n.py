"""The catalog: both languages complete, with the same placeholders, and really translated."""

from __future__ import annotations

import pytest

from bot.i18n import CATALOG, EN, NL, SAME_IN_BOTH, Language, Translator, language_for_locale, placeholders
from storage.models import RequestStatus


def test_both_languages_have_the_same_keys() -> None:
    assert set(EN) == set(NL)


@pytest.mark.parametrize("key", sorted(EN))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    assert placeholders(EN[key]) == placeholders(NL[key])


@pytest.mark.parametrize("key", sorted(set(EN) - SAME_IN_BOTH))
def test_dutch_differs_from_english(key: str) -> None:
    assert EN[key] != NL[key]


def test_every_language_has_a_catalog() -> None:
    assert set(CATALOG) == set(Language)


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
    assert f"request.closed.{status.value}" in EN
