"""Renders what the stand-in recorded as a person would see it, in plain text for a terminal."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from bot.standin.server import Call

_MENTION = re.compile(r"<@(U[A-Z0-9]+)>")
_DATE = re.compile(r"<!date\^\d+\^[^|>]*\|([^>]*)>")

WHERE = {
    "response_url": "privately, under the command",
    "chat.postMessage": "in a message",
    "chat.postEphemeral": "privately, in the channel",
    "chat.update": "as an updated message",
    "views.publish": "on the App Home tab",
    "views.open": "in a dialog",
    "views.update": "in the updated dialog",
}


def render_call(call: Call, names: Mapping[str, str] | None = None) -> list[str]:
    """The lines a person sees for one call (empty for calls nobody sees, like `users.info`)."""
    if call.method not in WHERE:
        return []
    # On the raw text, before unescaping: "&lt;@U1&gt;" someone typed must stay text.
    args = json.loads(readable(json.dumps(call.args), names or {}))
    return _lines(args)


def readable(raw: str, names: Mapping[str, str]) -> str:
    """Mentions as `@Name` and dates as their fallback, as a Slack client would show them."""
    raw = _MENTION.sub(lambda m: "@" + json.dumps(names.get(m.group(1), m.group(1)))[1:-1], raw)
    return _DATE.sub(lambda m: m.group(1), raw)


def _lines(args: dict[str, Any]) -> list[str]:
    source = args.get("view") or args
    blocks = source.get("blocks") or []
    lines = [line for block in blocks for line in render_block(block)]
    if not lines and args.get("text"):
        lines = [_shown(str(args["text"]))]
    title = (source.get("title") or {}).get("text") if isinstance(source.get("title"), dict) else None
    return ([f"[{title}]"] if title else []) + lines


def render_block(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        return [_shown(_text(block.get("text"))).upper()]
    if kind == "section":
        lines = _shown(_text(block.get("text"))).splitlines()
        lines += [_shown(_text(field)) for field in block.get("fields") or []]
        accessory = block.get("accessory")
        return lines + ([_element(accessory)] if isinstance(accessory, dict) else [])
    if kind == "context":
        text = " ".join(_shown(_text(element)) for element in block.get("elements") or [])
        return ["  " + line for line in text.splitlines()]
    if kind == "actions":
        return [" ".join(_element(element) for element in block.get("elements") or [])]
    if kind == "input":
        return [f"{_shown(_text(block.get('label')))}: ____"]
    if kind == "divider":
        return ["-" * 40]
    return []


def _element(element: dict[str, Any]) -> str:
    return f"[{_shown(_text(element.get('text')))}]" if element.get("type") == "button" else ""


def _text(obj: Any) -> str:
    return str(obj.get("text", "")) if isinstance(obj, dict) else ""


def _shown(text: str) -> str:
    # Slack shows &lt; as "<": so does the terminal.
    return html.unescape(text)
