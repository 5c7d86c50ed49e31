"""An HTTP server on loopback that answers like Slack's Web API and records every call.

It checks required arguments the way Slack does (a fresh `trigger_id` for `views.open`,
text or blocks for a message, Block Kit that slack-sdk's models accept), and can be told
to fail the next call to a method with a 429, a 500 or an error code, or to be slow.
`apps.connections.open`, with an app-level token, opens Socket Mode (`slack.socket`).
Files go up in Slack's three steps (bot/standin/files.py); the POST of the bytes to an upload URL is
recorded as a call to `upload_url`, and can be failed or slowed like any method.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from bot.standin.checks import message_problem, view_problem
from bot.standin.files import UPLOAD_PATH, FileStore, Share

if TYPE_CHECKING:  # its WebSocket server needs `websockets`, a dev dependency the demo must do without
    from bot.standin.socket_mode import SocketModeStandIn

TRIGGER_LIFETIME_SECONDS = 3.0
RESPONSE_URL_LIFETIME_SECONDS = 30 * 60
RESPONSE_URL_USES = 5
BOT_USER_ID = "UMENTORBOT"
# Methods that take the app-level token (xapp-…), and take no other; every other method refuses it.
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
# What the bot posts to a URL Slack gave it, with no token: the URL is the permission.
UNSIGNED = frozenset({"response_url", "upload_url"})

Answer = tuple[int, dict[str, str], dict[str, Any]]


@dataclass(frozen=True)
class Call:
    """One request the bot made: the API method (or `response_url`), its arguments, and when."""

    method: str
    args: dict[str, Any]
    at: float
    answered_ok: bool
    files: tuple[Share, ...] = ()  # what a `files.completeUploadExternal` shared


@dataclass
class _Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    times: int = 1
    done_anyway: bool = False
    hang: float = 0.0  # seconds before answering, so the caller times out (after the call took effect, if done)


@dataclass
class _Hook:
    issued: float
    uses: int = 0


@dataclass
class StandInState:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    triggers: dict[str, float] = field(default_factory=dict)
    hooks: dict[str, _Hook] = field(default_factory=dict)
    failures: dict[str, list[_Failure]] = field(default_factory=dict)
    conversations: dict[frozenset[str], str] = field(default_factory=dict)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    slow: dict[str, float] = field(default_factory=dict)
    lag: float = 0.0  # real seconds before every answer: a slow Slack (unlike slow_down's, this one is waited)
    rate_limits: dict[str, int] = field(default_factory=dict)  # method → calls allowed per second
    recent: dict[str, list[float]] = field(default_factory=dict)  # method → when its recent calls came
    late: float = 0.0  # how far the stand-in's clock runs ahead of the real one, from slow answers
    channels: dict[str, bool] = field(default_factory=dict)  # a channel set up by a test → the bot is a member
    files: FileStore = field(default_factory=FileStore)


class _Server(ThreadingHTTPServer):
    # Slack takes any number of calls at once; socketserver's backlog of 5 resets connections when twenty
    # replies go out together, and a reset post is one whose outcome is unknown (never resent).
    request_queue_size = 128


class SlackStandIn:
    """Start with `with SlackStandIn() as slack:`; point the bot at `slack.api_url`."""

    def __init__(self) -> None:
        self.state = StandInState()
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._socket: SocketModeStandIn | None = None
        self._content = b""  # the bytes of the upload being answered (under the lock)
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="slack-standin", daemon=True
        )

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> SlackStandIn:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._socket is not None:
            self._socket.stop()
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    @property
    def socket(self) -> SocketModeStandIn:
        """Slack's side of Socket Mode, started on first use (by a test, or the app's `apps.connections.open`)."""
        with self._lock:
            if self._socket is None:
                from bot.standin.socket_mode import SocketModeStandIn

                self._socket = SocketModeStandIn(self)
            return self._socket

    # -- what tests and the demo set up --------------------------------------------------
    def add_user(self, user_id: str, name: str, *, locale: str = "en-US", tz: str = "Europe/London") -> None:
        with self._lock:
            self.state.users[user_id] = {
                "id": user_id,
                "name": name.lower().replace(" ", "."),
                "real_name": name,
                "tz": tz,
                "locale": locale,
                "is_bot": False,
            }

    def add_channel(self, channel: str, *, bot_member: bool = True) -> None:
        """A channel (`C…`), with the bot in it or not (not: a share there is refused `not_in_channel`).

        Called again, it changes only whether the bot is a member (someone invited it, or removed it).
        Files are shared only in channels set up here or conversations the bot opened (`channel_not_found`
        otherwise); a message to a channel set up without the bot is refused `not_in_channel`.
        """
        with self._lock:
            self.state.channels[channel] = bot_member

    def new_trigger_id(self) -> str:
        """A trigger id as Slack puts in an interaction: usable once, for three seconds."""
        with self._lock:
            trigger = f"{next(self._ids)}.trigger"
            self.state.triggers[trigger] = self._now()
            return trigger

    def response_url(self) -> str:
        """A response_url as Slack puts in a command or a click: five uses within thirty minutes."""
        with self._lock:
            hook = str(next(self._ids))
            self.state.hooks[hook] = _Hook(self._now())
            return f"{self.base_url}/respond/{hook}"

    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        done_anyway: bool = False,
    ) -> None:
        """Make the next `times` calls to `method` answer with `status` (and `error`, or `Retry-After`).

        `done_anyway`: the call takes effect all the same, like a message posted before a timeout.
        """
        with self._lock:
            failure = _Failure(status, error, retry_after, times, done_anyway)
            self.state.failures.setdefault(method, []).append(failure)

    def hang_next(self, method: str, seconds: float, *, done_anyway: bool = True) -> None:
        """The next call to `method` takes effect (unless told otherwise) but is answered only after
        `seconds` of real time: a caller with a shorter timeout never learns what became of it."""
        with self._lock:
            failure = _Failure(done_anyway=done_anyway, hang=seconds)
            self.state.failures.setdefault(method, []).append(failure)

    def lag_everything(self, seconds: float) -> None:
        """Every call, response_urls included, is answered `seconds` later in real time (after it took effect)."""
        with self._lock:
            self.state.lag = seconds

    def rate_limit(self, method: str, per_second: int) -> None:
        """As Slack's rate limits: past `per_second` calls within a second, 429 with `Retry-After: 1`."""
        with self._lock:
            self.state.rate_limits[method] = per_second

    def slow_down(self, method: str, seconds: float) -> None:
        """From now on each call to `method` takes `seconds` (0: no longer slow).

        The time passes on the stand-in's own clock, not the test's: triggers and response_urls
        age as if Slack had taken that long, and nobody waits.
        """
        with self._lock:
            self.state.slow[method] = seconds

    def _now(self) -> float:
        return time.time() + self.state.late

    # -- what tests and the demo read ----------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self.state.calls)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def files_in(self, channel: str) -> list[Share]:
        """The files shared in a conversation, oldest first: name, title, bytes and the comment they came with."""
        with self._lock:
            return [share for share in self.state.files.shares if share.channel == channel]

    # -- serving -------------------------------------------------------------------------
    def answer(self, method: str, args: dict[str, Any], token: str | None) -> tuple[Answer, float]:
        """Slack's answer to a call, and how long to wait before giving it.

        An upload's bytes come in `args["content"]`; they are kept with the file, not in the recorded call.
        """
        headers: dict[str, str]
        with self._lock:
            self._content = args.pop("content", b"") if method == "upload_url" else b""
            shares_before = len(self.state.files.shares)
            self.state.late += self.state.slow.get(method, 0.0)
            failure = self._take_failure(method) or self._over_rate_limit(method)
            hang = failure.hang if failure is not None else 0.0
            if failure is not None and hang and failure.done_anyway:
                status, headers, body = 200, {}, self._reply(method, args)
            elif failure is not None:
                if failure.done_anyway:
                    self._reply(method, args)
                status, headers, body = _failed(failure)
            elif method == "response_url" and (refused := self._hook_problem(token)):
                status, headers, body = 404, {}, {"ok": False, "error": refused}
            elif method == "upload_url" and (problem := self.state.files.upload_problem(args)):
                status, headers, body = problem[0], {}, {"ok": False, "error": problem[1]}
            elif method not in UNSIGNED and not token:
                status, headers, body = 200, {}, {"ok": False, "error": "not_authed"}
            elif method not in UNSIGNED and (token or "").startswith("xapp-") != (method in APP_TOKEN_METHODS):
                status, headers, body = 200, {}, {"ok": False, "error": "not_allowed_token_type"}
            else:
                status, headers, body = 200, {}, self._reply(method, args)
            ok = status == 200 and bool(body.get("ok"))
            shared = tuple(self.state.files.shares[shares_before:])
            self.state.calls.append(Call(method, args, time.monotonic(), ok, shared))
            self._lock.notify_all()
            return (status, headers, body), max(hang, self.state.lag)

    def _over_rate_limit(self, method: str) -> _Failure | None:
        allowed = self.state.rate_limits.get(method)
        if allowed is None:
            return None
        now = time.monotonic()
        recent = [at for at in self.state.recent.get(method, []) if now - at < 1.0]
        if len(recent) >= allowed:
            self.state.recent[method] = recent
            return _Failure(status=429, retry_after=1)
        self.state.recent[method] = [*recent, now]
        return None

    def _hook_problem(self, hook_id: str | None) -> str | None:
        """Slack's refusal of a response_url that is unknown, too old or used up; else counts this use."""
        hook = self.state.hooks.get(hook_id or "")
        if hook is None:
            return "invalid_url"
        if self._now() - hook.issued > RESPONSE_URL_LIFETIME_SECONDS:
            return "expired_url"
        if hook.uses >= RESPONSE_URL_USES:
            return "used_url"
        hook.uses += 1
        return None

    def _take_failure(self, method: str) -> _Failure | None:
        queue = self.state.failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        return failure

    def _reply(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        handler = _METHODS.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        return handler(self, args)

    def _new_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ids):06d}"

    # -- the methods ---------------------------------------------------------------------
    def _connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.socket.open_link()}

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "user_id": BOT_USER_ID, "team_id": "TSTANDIN", "bot_id": "BSTANDIN"}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.state.users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        shown = dict(user)
        if str(args.get("include_locale")).lower() not in ("true", "1"):
            shown.pop("locale")
        return {"ok": True, "user": shown}

    def _post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel") or "")
        if channel.startswith(("U", "W")):  # a user id: Slack posts in the app's DM with them
            if channel not in self.state.users:
                return {"ok": False, "error": "channel_not_found"}
            channel = self._conversation(frozenset({channel}))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if self.state.channels.get(channel) is False:
            return {"ok": False, "error": "not_in_channel"}
        problem = message_problem(args)
        if problem:
            return {"ok": False, "error": problem}
        ts = self._new_ts()
        self.state.messages[(str(channel), ts)] = args
        return {"ok": True, "channel": channel, "ts": ts, "message": {"text": args.get("text"), "ts": ts}}

    def _post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if str(args.get("user")) not in self.state.users:
            return {"ok": False, "error": "user_not_found"}
        problem = message_problem(args)
        return {"ok": False, "error": problem} if problem else {"ok": True, "message_ts": self._new_ts()}

    def _update_message(self, args: dict[str, Any]) -> dict[str, Any]:
        key = (str(args.get("channel")), str(args.get("ts")))
        if key not in self.state.messages:
            return {"ok": False, "error": "message_not_found"}
        problem = message_problem(args)
        if problem:
            return {"ok": False, "error": problem}
        self.state.messages[key] = args
        return {"ok": True, "channel": key[0], "ts": key[1]}

    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        issued = self.state.triggers.pop(str(args.get("trigger_id")), None)
        if issued is None:
            return {"ok": False, "error": "invalid_trigger_id"}
        if self._now() - issued > TRIGGER_LIFETIME_SECONDS:
            return {"ok": False, "error": "expired_trigger_id"}
        return self._store_view(args.get("view"), "modal")

    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        if str(args.get("view_id")) not in self.state.views:
            return {"ok": False, "error": "not_found"}
        return self._store_view(args.get("view"), "modal", view_id=str(args["view_id"]))

    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        if str(args.get("user_id")) not in self.state.users:
            return {"ok": False, "error": "user_not_found"}
        return self._store_view(args.get("view"), "home")

    def _store_view(self, view: Any, kind: str, view_id: str | None = None) -> dict[str, Any]:
        if isinstance(view, str):
            view = json.loads(view)
        problem = view_problem(view, kind)
        if problem:
            return {"ok": False, "error": problem}
        view_id = view_id or f"V{next(self._ids):08d}"
        stored = {**view, "id": view_id}
        self.state.views[view_id] = stored
        return {"ok": True, "view": stored}

    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = frozenset(u.strip() for u in str(args.get("users") or "").split(",") if u.strip())
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        if any(user not in self.state.users for user in users):
            return {"ok": False, "error": "user_not_found"}
        if len(users) > 8:
            return {"ok": False, "error": "too_many_users"}
        return {"ok": True, "channel": {"id": self._conversation(users)}}

    def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        """A channel set up by a test (the bot a member or not), or a conversation the bot opened."""
        channel = str(args.get("channel") or "")
        member = self.state.channels.get(channel)
        if member is None and channel not in self.state.conversations.values():
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {"id": channel, "is_member": member is not False, "is_archived": False}}

    def _conversation(self, users: frozenset[str]) -> str:
        """The DM or group DM of these people: the same id each time, as in Slack."""
        channel = self.state.conversations.get(users)
        if channel is None:
            channel = f"{'D' if len(users) == 1 else 'G'}{next(self._ids):08d}"
            self.state.conversations[users] = channel
        return channel

    def messages_in(self, channel: str) -> list[tuple[str, dict[str, Any]]]:
        """The messages in a conversation as they stand now (updates applied), oldest first, with their ts."""
        with self._lock:
            return sorted((ts, args) for (where, ts), args in self.state.messages.items() if where == channel)

    def dm_of(self, user_id: str) -> str:
        """The bot's DM with a person, once it has written there ("" before)."""
        with self._lock:
            return self.state.conversations.get(frozenset({user_id}), "")

    def members_of(self, channel: str) -> frozenset[str]:
        """Who is in a conversation the bot opened (for tests: a group DM of exactly the two)."""
        return next((users for users, known in self.state.conversations.items() if known == channel), frozenset())

    def _upload_url(self, args: dict[str, Any]) -> dict[str, Any]:
        return self.state.files.upload_url(args, self.base_url)

    def _receive_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        return self.state.files.receive(args, self._content)

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        return self.state.files.complete(args, self._share_problem)

    def _share_problem(self, channel: str) -> str | None:
        """Slack's refusal of a share in `channel`: unknown to it, or the bot not a member."""
        member = self.state.channels.get(channel)
        if member is None and channel not in self.state.conversations.values():
            return "channel_not_found"
        return "not_in_channel" if member is False else None

    def _response_url(self, args: dict[str, Any]) -> dict[str, Any]:
        problem = message_problem(args)
        return {"ok": False, "error": problem} if problem else {"ok": True}

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls to `method` arrived (for work done on another thread)."""
        with self._lock:
            self._lock.wait_for(lambda: len([c for c in self.state.calls if c.method == method]) >= count, timeout)
        return self.calls_to(method)


_METHODS: dict[str, Callable[[SlackStandIn, dict[str, Any]], dict[str, Any]]] = {
    "apps.connections.open": SlackStandIn._connections_open,
    "auth.test": SlackStandIn._auth_test,
    "users.info": SlackStandIn._users_info,
    "chat.postMessage": SlackStandIn._post_message,
    "chat.postEphemeral": SlackStandIn._post_ephemeral,
    "chat.update": SlackStandIn._update_message,
    "views.open": SlackStandIn._views_open,
    "views.update": SlackStandIn._views_update,
    "views.publish": SlackStandIn._views_publish,
    "conversations.open": SlackStandIn._conversations_open,
    "conversations.info": SlackStandIn._conversations_info,
    "files.getUploadURLExternal": SlackStandIn._upload_url,
    "files.completeUploadExternal": SlackStandIn._complete_upload,
    "response_url": SlackStandIn._response_url,
    "upload_url": SlackStandIn._receive_upload,
}


def _failed(failure: _Failure) -> Answer:
    headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
    if failure.status == 429:
        return 429, headers, {"ok": False, "error": "ratelimited"}
    if failure.status >= 500:
        return failure.status, headers, {"ok": False, "error": "internal_error"}
    return failure.status, headers, {"ok": False, "error": failure.error or "fatal_error"}


def _handler_for(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if self.path.startswith(UPLOAD_PATH):
                self._upload(self.rfile.read(length))
                return
            raw = self.rfile.read(length).decode("utf-8")
            args = _parse_args(raw, self.headers.get("Content-Type", ""))
            if self.path.startswith("/api/"):
                method = self.path.removeprefix("/api/").split("?", 1)[0]
                json_body = self.headers.get("Content-Type", "").startswith("application/json")
                token = _token(self.headers.get("Authorization"), args, json_body=json_body)
            elif self.path.startswith("/respond/"):
                method, token = "response_url", self.path.removeprefix("/respond/")  # the hook's id
            else:
                self.send_error(404)
                return
            (status, headers, body), hang = standin.answer(method, args, token)
            if hang:
                time.sleep(hang)  # outside the lock: the stand-in goes on answering others
            self._send(status, headers, json.dumps(body).encode(), "application/json; charset=utf-8")

        def _upload(self, content: bytes) -> None:
            """Slack's upload service answers in plain text: `OK - <bytes>`, or what went wrong."""
            file_id = self.path.removeprefix(UPLOAD_PATH).split("?", 1)[0]
            args = {"file_id": file_id, "length": len(content), "content": content}
            (status, headers, body), hang = standin.answer("upload_url", args, None)
            if hang:
                time.sleep(hang)
            text = str(body.get("text") or body.get("error") or "")
            self._send(status, headers, text.encode(), "text/plain; charset=utf-8")

        def _send(self, status: int, headers: dict[str, str], payload: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            try:
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the bot gave up waiting (a test's hung call): Slack's answer goes nowhere, as it would

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the calls are recorded, not logged."""

    return Handler


def _parse_args(raw: str, content_type: str) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        data = json.loads(raw or "{}")
        return data if isinstance(data, dict) else {}
    args: dict[str, Any] = {key: values[-1] for key, values in parse_qs(raw, keep_blank_values=True).items()}
    for key in ("blocks", "view", "attachments", "files"):
        if isinstance(args.get(key), str) and args[key].startswith(("[", "{")):
            args[key] = json.loads(args[key])
    return args


def _token(authorization: str | None, args: dict[str, Any], *, json_body: bool) -> str | None:
    """As Slack: the Authorization header, or a `token` field in a form body (never in a JSON body)."""
    token = args.pop("token", None)
    if authorization and authorization.startswith("Bearer "):
        return authorization.removeprefix("Bearer ")
    return str(token) if token and not json_body else None
