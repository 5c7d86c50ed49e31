"""What a signed body must look like before Bolt reads it.

Bolt indexes what Slack always sends without looking (`view["type"]`, `actions[0]["action_id"]`,
`body["workflow_step"]`, `event.get(…)` on whatever `event` is), also while building the
arguments of an error handler, so a body of another shape would crash it with a 500. Each
check here names a field Bolt or our handlers read; a body that fails one gets a 400.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from bot.slack_ids import user_id

_URL_SCHEMES = ("https://", "http://")


def parse_slack_body(body: str, content_type: str) -> tuple[dict[str, Any] | None, str]:
    """The body as Slack meant it (a command's form, an interaction's payload, an event), or why not."""
    if media_type(content_type) == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            return None, "body is not JSON"
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            return None, "JSON body without a type"
        return _checked(data, _event_problem(data) or _common_problem(data))
    form = {key: values[-1] for key, values in parse_qs(body, keep_blank_values=True).items()}
    if "payload" not in form:
        if "ssl_check" in form:
            return form, ""
        if "command" not in form:
            return None, "form body that is neither a command nor a payload"
        missing = [name for name in ("user_id", "response_url") if not form.get(name)]
        if not missing and user_id(form["user_id"]) is None:
            return None, "command whose user_id is not a user id"
        return _checked(form, f"command without {missing[0]}" if missing else _url_problem(form))
    try:
        payload = json.loads(form["payload"])
    except ValueError:
        return None, "payload is not JSON"
    return _checked(payload, _payload_problem(payload))


def media_type(content_type: str) -> str:
    """`Application/JSON; charset=utf-8` is `application/json`: the type is case-insensitive, parameters aside."""
    return content_type.split(";", 1)[0].strip().lower()


def _checked(data: Any, problem: str | None) -> tuple[dict[str, Any] | None, str]:
    return (None, problem) if problem else (data, "")


def _event_problem(data: dict[str, Any]) -> str | None:
    if data["type"] != "event_callback":
        return None
    event = data.get("event")
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return "event_callback without an event"
    if not isinstance(data.get("event_id"), str) or not 0 < len(data["event_id"]) <= 64:
        return "event_callback without a usable event_id"
    # Bolt looks for the user and channel in these too, when the event itself has none.
    nested = [event.get(name) for name in ("message", "previous_message", "item", "assistant_thread")]
    return _ids_problem(data) or _ids_problem(event) or next(filter(None, map(_ids_problem, _dicts(nested))), None)


def _ids_problem(data: dict[str, Any]) -> str | None:
    """Bolt reads these as ids (a string, or an object with a string `id`); anything else crashes it."""
    for name in ("team", "enterprise", "channel", "user"):
        value = data.get(name)
        if value is None or isinstance(value, str):
            continue
        if not (isinstance(value, dict) and isinstance(value.get("id", ""), str)):
            return f"{name} is neither an id nor an object with one"
    authorizations = data.get("authorizations")
    if authorizations is not None and not (
        isinstance(authorizations, list) and all(isinstance(a, dict) for a in authorizations)
    ):
        return "authorizations is not a list of objects"
    return None


def _common_problem(data: dict[str, Any]) -> str | None:
    """Fields any kind of body may carry, which Bolt (or a listener) reads as objects whenever present."""
    for name in ("event", "view", "container", "state"):
        if name in data and not isinstance(data[name], dict):
            return f"{name} is not an object"
    view = data.get("view")
    if view is not None and not isinstance(view.get("type"), str):
        return "view without a type"  # Bolt's `to_step` reads view["type"] before any listener runs
    if "actions" in data and not (isinstance(data["actions"], list) and all(map(_is_dict, data["actions"]))):
        return "actions is not a list of objects"
    return _state_problem(data.get("state")) or _state_problem((view or {}).get("state")) or _url_problem(data)


def _state_problem(state: Any) -> str | None:
    """`state.values` is {block_id: {action_id: {…}}}; listeners walk it that way."""
    if state is None:
        return None
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        return "state without values"
    if not all(isinstance(block, dict) and all(map(_is_dict, block.values())) for block in values.values()):
        return "state values that are not objects of objects"
    return None


def _url_problem(data: dict[str, Any]) -> str | None:
    """A response_url (or the list a modal may carry) is a web address, as listeners reply to it."""
    urls = [data["response_url"]] if "response_url" in data else []
    listed = data.get("response_urls", [])
    if not isinstance(listed, list) or not all(map(_is_dict, listed)):
        return "response_urls is not a list of objects"
    urls += [entry.get("response_url") for entry in listed]
    if not all(isinstance(url, str) and url.startswith(_URL_SCHEMES) for url in urls):
        return "response_url is not a web address"
    return None


def _payload_problem(payload: Any) -> str | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return "payload without a type"
    user = payload.get("user")
    if not isinstance(user, dict) or user_id(user.get("id")) is None:
        return f"{payload['type']} without a user"
    return _kind_problem(payload["type"], payload) or _common_problem(payload) or _ids_problem(payload)


def _kind_problem(kind: str, payload: dict[str, Any]) -> str | None:
    """What Bolt reads blindly in each kind of interaction, before or while choosing a listener."""
    actions = payload.get("actions")
    if kind in ("view_submission", "view_closed") and not isinstance(payload.get("view"), dict):
        return f"{kind} without a view"
    if kind == "view_submission" and payload["view"].get("state") is None:
        return "view_submission without state values"
    if kind == "block_actions" and not (
        actions
        and isinstance(actions, list)
        and all(_is_dict(a) and isinstance(a.get("action_id"), str) for a in actions)
    ):
        return "block_actions without actions"
    if kind == "interactive_message" and "callback_id" in payload and not (actions and isinstance(actions, list)):
        return "interactive_message without actions"
    if kind == "workflow_step_edit" and "callback_id" in payload and "workflow_step" not in payload:
        return "workflow_step_edit without a workflow_step"
    if kind == "block_suggestion" and not isinstance(payload.get("action_id", ""), str | None):
        return "block_suggestion whose action_id is not text"
    return None


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


def _dicts(values: list[Any]) -> list[dict[str, Any]]:
    return [value for value in values if isinstance(value, dict)]
