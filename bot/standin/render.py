"""Renders what the stand-in recorded as a person would see it, in plain text for a terminal.

Slack's formatting becomes what a reader takes from it: mentions as `@Name`, dates as their
fallback, links as their label, bold, italics, strikes and code as the words alone. Dialogs show
their fields with what each offers and holds, and a section's button sits beside its text. A shared
file shows as a clip with its title, name and size, under the comment it came with.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from bot.standin.files import Share
from bot.standin.server import Call

_MENTION = re.compile(r"<@(U[A-Z0-9]+)>")
_CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|[^>]*)?>")  # a channel as Slack links it: shown as #name when named
_DATE = re.compile(r"<!date\^\d+\^[^|>]*\|([^>]*)>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>")
_CODE = re.compile(r"```(.*?)```|`([^`\n]+)`", re.DOTALL)
# Slack's *bold*, _italic_ and ~strike~: a marker at a word's edge, around text that starts and ends unspaced.
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])")
EMPTY_BOX = "[" + " " * 12 + "]"
DIVIDER = "-" * 40

WHERE = {
    "response_url": "privately, under the command",
    "chat.postMessage": "in a message",
    "chat.postEphemeral": "privately, in the channel",
    "chat.update": "as an updated message",
    "views.publish": "on the App Home tab",
    "views.open": "in a dialog",
    "views.update": "in the updated dialog",
    "files.completeUploadExternal": "as a file shared with them",
}


def render_call(call: Call, names: Mapping[str, str] | None = None) -> list[str]:
    """The lines a person sees for one call (empty for calls nobody sees, like `users.info`)."""
    if call.method not in WHERE:
        return []
    # On the raw text, before unescaping: "&lt;@U1&gt;" someone typed must stay text.
    args = json.loads(readable(json.dumps(call.args), names or {}))
    if call.method == "files.completeUploadExternal":
        return _shared(call.files, args)
    return _lines(args)


def _shared(files: tuple[Share, ...], args: dict[str, Any]) -> list[str]:
    """The comment (or blocks), then each file: nothing when Slack shared nothing (a refused share)."""
    if not files:
        return []
    comment = args.get("initial_comment")
    lines = [plain(str(comment))] if comment else _lines({"blocks": _parsed(args.get("blocks"))})
    return lines + [f"📎 {share.title} ({share.filename}, {share.size:,} bytes)" for share in files]


def _parsed(blocks: Any) -> Any:
    return json.loads(blocks) if isinstance(blocks, str) and blocks.startswith("[") else blocks


def readable(raw: str, names: Mapping[str, str]) -> str:
    """Mentions as `@Name`, dates as their fallback and links as their label, as a Slack client shows them."""
    raw = _MENTION.sub(lambda m: "@" + json.dumps(names.get(m.group(1), m.group(1)))[1:-1], raw)
    raw = _CHANNEL.sub(lambda m: "#" + json.dumps(names.get(m.group(1), m.group(1)))[1:-1], raw)
    raw = _LINK.sub(lambda m: m.group(2) or m.group(1), raw)
    return _DATE.sub(lambda m: m.group(1), raw)


def plain(mrkdwn: str) -> str:
    """Slack's mrkdwn as a terminal can show it: the words without their markers, `&lt;` as `<`."""
    parts = _CODE.split(mrkdwn)
    # split() gives text, then both groups of a code span (one of them None), then text again.
    words = [_unmarked(text) for text in parts[::3]]
    code = [block if block is not None else span for block, span in zip(parts[1::3], parts[2::3], strict=True)]
    joined = words[0] + "".join(span + text for span, text in zip(code, words[1:], strict=True))
    return html.unescape(joined)


def _unmarked(text: str) -> str:
    while True:
        stripped = _EMPHASIS.sub(r"\2", text)
        if stripped == text:
            return text
        text = stripped


def _lines(args: dict[str, Any]) -> list[str]:
    source = args.get("view") or args
    blocks = source.get("blocks") or []
    lines = [line for block in blocks for line in render_block(block)]
    if not lines and args.get("text"):
        lines = [plain(str(args["text"]))]
    if source.get("type") != "modal":
        return lines
    buttons = [_shown(source.get(key)) for key in ("close", "submit") if source.get(key)]
    footer = [" ".join(f"[{label}]" for label in buttons)] if buttons else []
    return [f"== {_shown(source.get('title'))} ==", *lines, *footer]


def render_block(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        return [_shown(block.get("text")).upper()]
    if kind == "section":
        return _section(block)
    if kind == "context":
        text = " ".join(_shown(element) for element in block.get("elements") or [])
        return ["  " + line for line in text.splitlines()]
    if kind == "actions":
        return [" ".join(_element(element) for element in block.get("elements") or [])]
    if kind == "input":
        return _input(block)
    if kind == "divider":
        return [DIVIDER]
    return []


def _section(block: dict[str, Any]) -> list[str]:
    lines = _shown(block.get("text")).splitlines() or [""]
    lines += [_shown(field) for field in block.get("fields") or []]
    accessory = block.get("accessory")
    if isinstance(accessory, dict) and _element(accessory):
        # Slack puts the accessory to the right of the text's first line: so does the terminal.
        lines[0] = f"{lines[0]}  {_element(accessory)}"
    return lines


def _input(block: dict[str, Any]) -> list[str]:
    """A dialog's field: its label, then what it offers and holds (the chosen option marked)."""
    element = block.get("element") or {}
    line = f"{_shown(block.get('label'))}: {_field(element)}"
    hint = _shown(block.get("hint"))
    return [line, *(["  " + hint] if hint else [])]


def _field(element: dict[str, Any]) -> str:
    kind = element.get("type")
    options = [_shown(option.get("text")) for option in _options(element)]
    chosen = _shown((element.get("initial_option") or {}).get("text"))
    if kind == "radio_buttons":
        return "  ".join(f"({'•' if text == chosen else ' '}) {text}" for text in options)
    if kind == "checkboxes":
        ticked = {_shown(option.get("text")) for option in element.get("initial_options") or []}
        return "  ".join(f"[{'x' if text in ticked else ' '}] {text}" for text in options)
    if kind == "static_select":
        shown = chosen or _shown(element.get("placeholder")) or "…"
        return f"[{shown} ▾] one of: {', '.join(options)}"
    if kind == "datepicker":
        return f"[ {element.get('initial_date') or 'a date'} 📅 ]"
    value = str(element.get("initial_value") or "")
    return f"[ {value} ]" if value else EMPTY_BOX


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    groups = element.get("option_groups") or []
    return list(element.get("options") or []) + [option for group in groups for option in group.get("options") or []]


def _element(element: dict[str, Any]) -> str:
    """A button, or a menu showing what it holds, as it sits in a message."""
    if element.get("type") == "static_select":
        return f"[{_shown((element.get('initial_option') or {}).get('text')) or '…'} ▾]"
    return f"[{_shown(element.get('text'))}]" if element.get("type") == "button" else ""


def shown_text(obj: Any) -> str:
    """A text object (a label, an option's text) as a person reads it."""
    return _shown(obj)


def _shown(obj: Any) -> str:
    """A text object as read: mrkdwn rendered, plain text as it is (Slack shows its `&lt;` as `<` too)."""
    if not isinstance(obj, dict):
        return ""
    text = str(obj.get("text", ""))
    return plain(text) if obj.get("type") == "mrkdwn" else html.unescape(text)


def label_of(view: Mapping[str, Any], block_id: str) -> str | None:
    """The label a dialog shows above one of its fields, as read; None if it has no such field."""
    for block in view.get("blocks") or []:
        if block.get("type") == "input" and block.get("block_id") == block_id:
            return _shown(block.get("label"))
    return None
