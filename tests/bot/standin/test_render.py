"""The demo's terminal rendering of Slack's mrkdwn: what a reader takes from it, nothing more, nothing less."""

from __future__ import annotations

from bot.standin.render import plain, render_call
from bot.standin.server import Call


def test_bold_italics_strikes_and_code_show_as_their_words() -> None:
    assert plain("*Mentorbot* pairs _you_ with ~nobody~ a `mentor`") == "Mentorbot pairs you with nobody a mentor"


def test_markers_inside_code_and_words_stay() -> None:
    assert plain("`*not bold*` snake_case_name 2*3*4") == "*not bold* snake_case_name 2*3*4"


def test_escaped_text_shows_as_typed_and_a_typed_mention_stays_text() -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "&lt;@U1&gt; &amp; <@U1>"}}
    call = Call("chat.postMessage", {"channel": "C1", "blocks": [section]}, 0.0, True)

    assert render_call(call, {"U1": "Una"}) == ["<@U1> & @Una"]


def test_a_link_shows_its_label() -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "see <https://example.com/x|the guide>"}}
    call = Call("chat.postMessage", {"channel": "C1", "blocks": [section]}, 0.0, True)

    assert render_call(call) == ["see the guide"]
