"""Every dialog's submission is registered here, one way, so no dialog can be left out: what was typed is
made fit to store before any listener reads it, and a busy database keeps the dialog open asking to try again.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.i18n import Language, Translator
from bot.services import Services
from bot.typed import printable
from storage.db import DatabaseBusyError

log = logging.getLogger(__name__)

Submitted = Callable[[Ack, dict[str, Any], dict[str, Any], Services], None]
FALLBACK_FIELD = "text"  # a dialog whose payload names no field at all (only a forged one)


def register_view(app: App, callback_id: str, listener: Submitted) -> None:
    """The only way a dialog's submission is registered (tests/handlers/test_busy_database.py checks it)."""
    app.view(callback_id)(busy_means_try_again(with_typed_text_fit_to_store(listener)))


def with_typed_text_fit_to_store(listener: Submitted) -> Submitted:
    """The listener sees every value of the dialog without control characters (bot.typed.printable)."""

    @functools.wraps(listener)
    def cleaned(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
        listener(ack, body, fit_to_store(view), services)

    return cleaned


def busy_means_try_again(listener: Submitted) -> Submitted:
    """A dialog whose save met a busy database stays open, saying so on its first field: nothing was saved,
    and what the person typed is still there for a second try."""

    @functools.wraps(listener)
    def answered(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
        try:
            listener(ack, body, view, services)
        except DatabaseBusyError:
            log.warning("a dialog met a busy database; its person was asked to try again")
            t = _translator_if_possible(services, body["user"]["id"])
            ack(response_action="errors", errors={_first_field(view): t("error.busy")})

    return answered


def fit_to_store(view: dict[str, Any]) -> dict[str, Any]:
    """A copy of the view whose state holds no control characters. Line breaks and tabs stay only in what was
    typed into a field whose block is multi-line, or not described (Slack always sends the blocks back; a
    payload without them is forged, and a line break is harmless where everything typed is escaped)."""
    multiline = {
        block.get("block_id"): bool((block.get("element") or {}).get("multiline"))
        for block in view.get("blocks") or []
        if isinstance(block, dict)
    }
    state = view.get("state") or {}
    values = state.get("values") or {}
    cleaned = {
        block_id: {action: _element(element, multiline.get(block_id, True)) for action, element in fields.items()}
        if isinstance(fields, dict)
        else _strings(fields)
        for block_id, fields in values.items()
    }
    return {**view, "state": {**state, "values": cleaned}}


def _element(element: Any, multiline: bool) -> Any:
    """One input's state: what was typed (its `value`) may keep line breaks; what was picked may not."""
    if not isinstance(element, dict):
        return _strings(element)
    return {
        key: printable(item, multiline=multiline) if key == "value" and isinstance(item, str) else _strings(item)
        for key, item in element.items()
    }


def _strings(value: Any) -> Any:
    """Every string inside, on one line: option values, dates, ids."""
    if isinstance(value, str):
        return printable(value, multiline=False)
    if isinstance(value, list):
        return [_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _strings(item) for key, item in value.items()}
    return value


def _translator_if_possible(services: Services, user_id: str) -> Translator:
    try:
        return services.people.cached_translator_for(user_id)
    except DatabaseBusyError:  # the language is in the database too
        return services.people.translator_in(Language.EN)


def _first_field(view: dict[str, Any]) -> str:
    """The dialog's first input, where Slack shows the error (its blocks, or the fields it sent back, in order)."""
    fields = [block.get("block_id") for block in view.get("blocks") or [] if block.get("type") == "input"]
    fields += list((view.get("state") or {}).get("values") or {})
    return str(next((field for field in fields if field), FALLBACK_FIELD))
