"""`mentorbot demo`: the programme offline, against the Slack stand-in, with real signed requests.

It never reads DATABASE_URL or .env, so a demo cannot write into a real database.
"""

from __future__ import annotations

import dataclasses
import io
import secrets
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from bot.app import build
from bot.i18n import EN, NL, Language, language_for_locale
from bot.runtime.operations import Operations
from bot.runtime.settings import Settings
from bot.runtime.web import EVENTS_PATH, SlackHttpEntry
from bot.standin.driver import InlineExecutor, SlackDriver, serving
from bot.standin.payloads import home_opened, profile_submission, text_submission, view_submission
from bot.standin.render import DIVIDER, WHERE, label_of, render_call, shown_text
from bot.standin.server import Call, SlackStandIn
from storage.db import describe, make_session_factory
from storage.migrate import upgrade
from storage.models import Feedback
from storage.uow import UnitOfWork

PEOPLE = {
    "UANNA": ("Anna de Vries", "en-GB", "Europe/Amsterdam"),
    "UDAAN": ("Daan Jansen", "nl-NL", "Europe/Amsterdam"),
    "USOFIA": ("Sofia Rossi", "en-US", "America/New_York"),
    "UMEI": ("Mei Tanaka", "en-US", "Asia/Tokyo"),
    "ULARS": ("Lars Berg", "en-GB", "Europe/Oslo"),
    "UKENJI": ("Kenji Sato", "en-US", "Asia/Tokyo"),
}
NEW_JOINER = "UKENJI"  # joins the workspace during the story, and is welcomed (bot/welcomes)
LANGUAGES = {Language.EN: "English", Language.NL: "Dutch"}
HR_CHANNEL = "CHRMENTORING"
LEARNING = "CLEARNING"  # where knowledge sessions are announced
CHANNELS = {HR_CHANNEL: "Everyone in #hr-mentoring", LEARNING: "Everyone in #learning"}  # by who reads them
CHANNEL_NAMES = {"#learning": LEARNING}  # as a person picks one in a dialog
# The story's simulated clock starts here: Monday 1 March 2027, 10:00 in Amsterdam.
STORY_BEGINS = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
BEGINS_SAID = "Monday 1 March 2027, 10:00 in Amsterdam"
STORY_ZONE = ZoneInfo("Europe/Amsterdam")


@dataclass
class Story:
    """Tells the demo step by step: what someone did, then what each person saw."""

    driver: SlackDriver
    slack: SlackStandIn
    out: TextIO
    seen: int = field(default=0)
    # The buttons each person has been shown, newest last: (label, action_id, value). People click
    # what they see, so the demo needs no knowledge of the handlers' ids.
    buttons: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    # The dialog each person has open, to name the field a problem is shown under.
    dialogs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Lines already shown on an App Home, and whose: the welcome and the tips need telling only once.
    home_lines: dict[str, str] = field(default_factory=dict)
    # The simulated clock, and the tick that `serve` would run every minute: weeks pass in a moment.
    clock: FrozenDateTimeFactory | None = None
    operations: Operations | None = None

    def cast(self, working_hours: str) -> None:
        """Who takes part: what the bot's language and the hours people share follow from."""
        print(
            f"The cast, each with their Slack language and time zone (everyone works {working_hours}):", file=self.out
        )
        width = max(len(name) for name, _, _ in PEOPLE.values())
        for name, locale, tz in PEOPLE.values():
            language = LANGUAGES[language_for_locale(locale)]
            print(f"  {name:<{width}}  {language:<7}  {tz}", file=self.out)

    def command(self, user_id: str, text: str) -> None:
        self._heading(f"{self._name(user_id)} types “{f'/mentor {text}'.strip()}”")
        self.driver.command(user_id, text)
        self._show_new(user_id)

    def saves_profile(self, user_id: str, **fields: str) -> None:
        said = ", ".join(f"{name}: {value}" for name, value in fields.items() if value)
        empty = " and ".join(name for name, value in fields.items() if not value)
        self._heading(f"{self._name(user_id)} saves a profile ({said})" + (f", leaving {empty} empty" if empty else ""))
        answer = self.driver.interaction(profile_submission(user_id, **fields)).json()
        self._show_answer(user_id, answer)
        self._show_problems(user_id, answer.get("errors") or {})
        self._show_new(user_id)

    def clicks(self, user_id: str, label: str, next_to: str | None = None) -> None:
        """Click the newest button with this label the person was shown (next to someone, if said)."""
        shown = [b for b in self.buttons.get(user_id, []) if b[0] == label and next_to in (None, b[2])]
        _, action_id, value = shown[-1]
        beside = f" next to {self._name(next_to)}" if next_to else ""
        self._heading(f"{self._name(user_id)} clicks {label}{beside}")
        self.driver.click(user_id, action_id, value)
        self._show_new(user_id)

    def sends_dialog(self, user_id: str, text: str) -> None:
        """Send the dialog the person has open, writing `text` in its one field."""
        dialog = self.dialogs[user_id]
        callback_id, metadata = str(dialog["callback_id"]), str(dialog.get("private_metadata") or "")
        self._heading(f"{self._name(user_id)} sends the dialog" + (f", writing “{text}”" if text else ""))
        answer = self.driver.interaction(text_submission(user_id, callback_id, metadata, text)).json()
        self._show_answer(user_id, answer)
        self._show_new(user_id)

    def fills_in(self, user_id: str, answers: Mapping[str, str]) -> None:
        """Send the dialog the person has open with these answers, each under its field's label as shown;
        the other fields are sent as the dialog offered them (Slack sends a date picker's date, for one)."""
        dialog = self.dialogs[user_id]
        said = "; ".join(f"{label} “{value}”" for label, value in answers.items())
        self._heading(f"{self._name(user_id)} sends the dialog: {said}")
        metadata = str(dialog.get("private_metadata") or "")
        payload = view_submission(user_id, str(dialog["callback_id"]), dialog_state(dialog, answers), metadata)
        answer = self.driver.interaction(payload).json()
        self._show_answer(user_id, answer)
        self._show_problems(user_id, answer.get("errors") or {})
        self._show_new(user_id)

    def time_passes(self, until: datetime, heading: str, nothing: str = "") -> None:
        """The simulated clock moves on to `until`; the tick runs at each moment something falls due on the
        way, as `serve`'s clock would each minute. Then what people were sent meanwhile (or `nothing`)."""
        clock, operations = self.clock, self.operations
        if clock is None or operations is None:
            raise RuntimeError("the story has no simulated clock")
        self._heading(heading)
        operations.tick()
        shown = self._show_dated(datetime.now(UTC), until, shown=0)
        while (due := operations.next_due()) is not None and datetime.now(UTC) < due < until:
            clock.move_to(due)
            operations.tick()
            shown = self._show_dated(due, until, shown)
        clock.move_to(until)
        operations.tick()
        if not self._show_dated(until, until, shown) and nothing:
            print(f"  {nothing}", file=self.out)

    def _show_dated(self, moment: datetime, heading_moment: datetime, shown: int) -> int:
        """What a tick at `moment` made people see, under its date unless it is the heading's own moment."""
        out, self.out = self.out, io.StringIO()
        try:
            seen_now = self._show_new("")
        finally:
            said, self.out = self.out.getvalue(), out
        if seen_now and (moment != heading_moment or shown):
            local = moment.astimezone(STORY_ZONE)
            print(f"  ── {local:%A} {local.day} {local:%B}, {local:%H:%M} in Amsterdam", file=self.out)
        print(said, end="", file=self.out)
        return shown + seen_now

    def joins(self, user_id: str) -> None:
        """Someone joins the workspace: Slack sends `team_join` with their user object."""
        name, _, tz = PEOPLE[user_id]
        self._heading(f"{name} joins the workspace (time zone {tz}); Slack tells Mentorbot with `team_join`")
        flags = {"deleted": False, "is_bot": False, "is_restricted": False, "is_ultra_restricted": False}
        self.driver.event({"type": "team_join", "user": {"id": user_id, "tz": tz, **flags}})
        self._show_new(user_id)

    def opens_home(self, user_id: str) -> None:
        self._heading(f"{self._name(user_id)} opens Mentorbot's App Home")
        self.driver.event(home_opened(user_id))
        self._show_new(user_id, home=True)

    def _heading(self, text: str) -> None:
        print(f"\n▶ {text}", file=self.out)

    def _show_new(self, user_id: str, *, home: bool = False) -> int:
        """What the last step made people see (how many things); App Home refreshes only when someone looks."""
        calls = self.slack.calls[self.seen :]
        self.seen += len(calls)
        return sum(self._show(user_id, call) for call in calls if home or call.method != "views.publish")

    def _show_problems(self, user_id: str, errors: dict[str, str]) -> None:
        """A refused dialog stays open, each problem in red under its field: said as the person sees it."""
        dialog = self.dialogs.get(user_id, {})
        for block_id, problem in errors.items():
            where = label_of(dialog, block_id) or block_id
            print(f"  {self._name(user_id)} sees, in the dialog, under “{where}”:", file=self.out)
            print(f"  │ ! {problem}", file=self.out)

    def _show_answer(self, user_id: str, answer: dict[str, Any]) -> None:
        """The dialog's own answer comes first: the bot gives it before writing to anyone else."""
        if answer.get("response_action") == "update":
            self._show(user_id, Call("views.update", {"view": answer["view"]}, 0.0, True))

    def _show(self, user_id: str, call: Call) -> bool:
        channels = {channel: name.lstrip("#") for name, channel in CHANNEL_NAMES.items()}
        lines = render_call(call, {**{uid: name for uid, (name, _, _) in PEOPLE.items()}, **channels})
        if not lines:
            return False
        for viewer in self._viewers(call, user_id):
            # A channel's buttons are there for everyone in it (a knowledge session's "I'll join").
            for clicker in PEOPLE if viewer in CHANNELS else [viewer]:
                self.buttons.setdefault(clicker, []).extend(buttons_in(call))
            if call.method in ("views.open", "views.update"):
                self.dialogs[viewer] = call.args["view"]
        if call.method == "views.publish":
            lines = self._new_on_home(lines, self._name(self._viewers(call, user_id)[0]))
        whom = self._whom(call, user_id)
        verb = "see" if " and " in whom else "sees"
        print(f"  {whom} {verb}, {WHERE[call.method]}:", file=self.out)
        for line in lines:
            print(f"  │ {line}", file=self.out)
        return True

    def _new_on_home(self, lines: list[str], owner: str) -> list[str]:
        """An App Home with its parts (between dividers) that earlier ones showed already folded to one line.

        The welcome and the tips read the same for everyone in a language; what is someone's own stays.
        """
        shown: list[str] = []
        for part in _parts(lines):
            if len(part) > 1 and all(line in self.home_lines for line in part):
                first = next(line for line in part if line != DIVIDER)
                shown.append(f"“{first}” … (as on {self.home_lines[first]}'s App Home)")
            else:
                shown += part
        for line in lines:
            self.home_lines.setdefault(line, owner)
        return shown

    def _whom(self, call: Call, user_id: str) -> str:
        return " and ".join(sorted(self._name(viewer) for viewer in self._viewers(call, user_id)))

    def _viewers(self, call: Call, user_id: str) -> list[str]:
        """Who sees a call: the App Home's owner, the person a DM went to, or the pair in a group DM."""
        target = str(call.args.get("user_id") or call.args.get("channel") or call.args.get("channel_id") or user_id)
        if target in CHANNELS:
            return [target]
        members = self.slack.members_of(target)
        if members:
            return sorted(members)
        return [target if target in PEOPLE else user_id]

    def _name(self, user_id: str) -> str:
        if user_id in CHANNELS:
            return CHANNELS[user_id]
        return PEOPLE[user_id][0].split()[0] if user_id in PEOPLE else user_id


def buttons_in(call: Call) -> list[tuple[str, str, str]]:
    """The buttons in a message or view: (label, action_id, value)."""
    blocks = (call.args.get("view") or call.args).get("blocks") or []
    # In the order people see them: a section's button with its section.
    elements = [element for block in blocks for element in [block.get("accessory"), *(block.get("elements") or [])]]
    return [
        (str(e["text"]["text"]), str(e["action_id"]), str(e.get("value") or ""))
        for e in elements
        if isinstance(e, dict) and e.get("type") == "button"
    ]


def dialog_state(view: Mapping[str, Any], answers: Mapping[str, str]) -> dict[str, Any]:
    """The values Slack sends with a submitted dialog: each field's answer (found by its label as shown, an
    option by its text), or what the field held when it opened."""
    values: dict[str, Any] = {}
    for block in view.get("blocks") or []:
        if block.get("type") != "input":
            continue
        element = block["element"]
        answer = answers.get(shown_text(block.get("label")))
        kind = element["type"]
        if kind == "datepicker":
            state = {"selected_date": answer or element.get("initial_date")}
        elif kind == "datetimepicker":  # a local time in Amsterdam, as the person picks it
            moment = datetime.fromisoformat(answer).replace(tzinfo=STORY_ZONE) if answer else None
            state = {"selected_date_time": int(moment.timestamp()) if moment else element.get("initial_date_time")}
        elif kind == "conversations_select":
            state = {"selected_conversation": CHANNEL_NAMES.get(answer or "", answer)}
        elif kind in ("static_select", "radio_buttons"):
            offered = [o for o in element.get("options") or [] if shown_text(o.get("text")) == answer]
            state = {"selected_option": offered[0] if offered else element.get("initial_option")}
        else:
            state = {"value": answer or element.get("initial_value")}
        values[str(block["block_id"])] = {str(element["action_id"]): {"type": kind, **state}}
    return values


def _parts(lines: list[str]) -> list[list[str]]:
    """Lines cut where a divider starts a new part."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if line == DIVIDER and parts[-1]:
            parts.append([])
        parts[-1].append(line)
    return parts


def run_demo(database_url: str | None = None, out: TextIO = sys.stdout) -> int:
    with tempfile.TemporaryDirectory(prefix="mentorbot-demo-") as tmp, SlackStandIn() as slack:
        for user_id, (name, locale, tz) in PEOPLE.items():
            slack.add_user(user_id, name, locale=locale, tz=tz)
        secret = secrets.token_hex(16)
        settings = Settings(
            slack_bot_token="xoxb-demo",
            slack_signing_secret=secret,
            slack_api_url=slack.api_url,
            database_url=database_url or f"sqlite:///{Path(tmp) / 'demo.db'}",
            programme_months=DEMO_PROGRAMME_MONTHS,  # the evaluations come within the story, not half a year on
            hr_admins=frozenset({HR_ADMIN}),
        )
        bot = build(settings, listener_executor=InlineExecutor(), inline=True)
        try:
            upgrade(bot.engine)
            print("Mentorbot demo: the real app, a local stand-in for Slack, signed requests.\n", file=out)
            # Every process's clock, the app's included, reads the simulated time; Slack's signatures too.
            with serving(SlackHttpEntry(bot.app, secret)) as base_url, freeze_time(STORY_BEGINS) as clock:
                assert isinstance(clock, FrozenDateTimeFactory)
                driver = SlackDriver(base_url + EVENTS_PATH, secret, slack)
                story = Story(driver, slack, out, clock=clock, operations=bot.operations)
                start, end = settings.working_hours
                story.cast(f"{start:%H:%M}-{end:%H:%M} local time")
                print(f"\nThe story begins on {BEGINS_SAID}; a simulated clock moves it on.", file=out)
                print(f"A programme period lasts {DEMO_PROGRAMME_MONTHS} months here (PROGRAMME_MONTHS).", file=out)
                _tell(story)
                _feedback_release(story, bot.engine)
                _digest(story, settings, secret)
                _show_outbox(bot.operations.outbox_status(), out)
        finally:
            bot.engine.dispose()
    kept = (
        f"its tables and rows stay in {describe(make_url(database_url))}"
        if database_url
        else "the throwaway database is gone"
    )
    print(f"\nDemo finished: nothing was sent to Slack, and {kept}.", file=out)
    return 0


def _show_outbox(status: list[str], out: TextIO) -> None:
    """What an operator would see: everything above went out through the outbox, each row once."""
    print("\n▶ An operator types `mentorbot outbox status`", file=out)
    for line in status:
        print(f"  │ {line}", file=out)


def _tell(story: Story) -> None:
    story.command("UANNA", "help")
    story.command("UDAAN", "")
    story.command("UDAAN", "koffie")
    story.command("UANNA", "find")
    story.command("UANNA", "profile")
    story.saves_profile("UANNA", role="mentee", goals="")
    story.saves_profile("UANNA", role="mentee", goals="Python, code reviews and feedback geven")
    story.saves_profile("UDAAN", role="mentor", skills="Python, Kubernetes, code review", capacity="2")
    story.saves_profile("USOFIA", role="both", area="Data", skills="Python, SQL, dashboards", goals="public speaking")
    story.saves_profile("UMEI", role="mentor", skills="Python, giving feedback", capacity="1", likes_newcomers="yes")
    story.saves_profile("ULARS", role="mentor", area="Design", skills="Figma, user research")
    story.command("UANNA", "find")
    story.clicks("UANNA", "Request", next_to="UMEI")
    story.sends_dialog("UANNA", "")
    story.clicks("UMEI", "Decline")
    story.sends_dialog("UMEI", "Fully booked until March")
    story.clicks("UANNA", "Request", next_to="UDAAN")
    story.sends_dialog("UANNA", "I review a lot of pull requests and want to get better at it.")
    story.clicks("UDAAN", "Accepteren")
    story.command("UDAAN", "status")
    for user_id in PEOPLE:
        if user_id != NEW_JOINER:  # not in the workspace yet
            story.opens_home(user_id)
    _welcome(story)
    _check_ins(story)
    _feedback(story)


def _welcome(story: Story) -> None:
    """Kenji joins in Tokyo after his working day there: welcomed the next morning, he asks for a buddy."""
    story.joins(NEW_JOINER)
    print(
        "  Nobody is sent anything yet: it is evening in Tokyo. The welcome waits for his first working day.",
        file=story.out,
    )
    story.time_passes(_utc("2027-03-02 01:00"), "Tuesday 2 March, 10:00 in Tokyo: Kenji's first working morning")
    story.clicks(NEW_JOINER, EN["welcome.buddy.button"])
    story.fills_in(NEW_JOINER, {EN["profile.area.label"]: "Engineering"})


def _check_ins(story: Story) -> None:
    """Weeks pass on the simulated clock: Anna and Daan's check-in rhythm (every two weeks), paused and resumed."""
    story.time_passes(_utc("2027-03-11 09:00"), "Ten days later, Thursday 11 March, 10:00 in Amsterdam")
    story.clicks("UANNA", EN["checkin.ask.yes"])
    story.fills_in("UANNA", {EN["checkin.met.topics"]: "Two of my pull requests", EN["checkin.met.progress"]: "4"})
    _waiting(story)
    story.time_passes(_utc("2027-03-15 08:00"), "Two weeks after they were paired, Monday 15 March, 09:00 in Amsterdam")
    story.time_passes(_utc("2027-03-16 14:00"), "The next day, Tuesday 16 March, 15:00 in Amsterdam")
    story.command("UDAAN", "pause")
    story.fills_in("UDAAN", {NL["checkin.pause.date"]: "2027-03-29"})
    story.time_passes(
        _utc("2027-03-25 09:00"),
        "Thursday 25 March, 10:00 in Amsterdam, when they would be asked “did you meet?”",
        nothing="Nobody is asked anything: the pairing is paused.",
    )
    story.time_passes(
        _utc("2027-03-29 08:00"), "Monday 29 March, 10:00 in Amsterdam (summer time since Sunday): the pause is over"
    )
    story.opens_home("UANNA")
    _programme(story)


def _waiting(story: Story) -> None:
    """Sofia has waited since 1 March for someone who teaches public speaking: Lars adds it, and the tick tells her."""
    story.saves_profile("ULARS", role="mentor", area="Design", skills="Figma, user research, public speaking")
    story.time_passes(
        _utc("2027-03-11 15:00"), "Later that day, 10:00 in New York: Sofia, still waiting, hears of a mentor who fits"
    )


def _programme(story: Story) -> None:
    """Half-way, an evaluation; then weeks without a check-in: a gentle note, and the pairing marked stalled."""
    story.time_passes(
        _utc("2027-04-02 09:00"), "Friday 2 April, 11:00 in Amsterdam: half-way through their two-month programme"
    )
    story.clicks("UANNA", EN["evaluation.open"])
    story.fills_in(
        "UANNA",
        {EN["evaluation.progress"]: "4", EN["evaluation.usefulness"]: "5", EN["evaluation.recommend"]: "5"},
    )
    story.time_passes(
        _utc("2027-05-11 09:00"), "Six weeks on, Tuesday 11 May: Anna and Daan haven't checked in since March"
    )
    story.opens_home("UANNA")


def _feedback(story: Story) -> None:
    """Sofia gives anonymous feedback on the programme: thanked in the dialog; a second one this week is refused."""
    answers = {
        EN["feedback.topic"]: EN["feedback.topic.programme"],
        EN["feedback.rating"]: "4",
        EN["feedback.comment"]: "The reminders keep us meeting; a list of session ideas would help.",
    }
    story.command("USOFIA", "feedback")
    story.fills_in("USOFIA", answers)
    story.command("USOFIA", "feedback")
    story.fills_in("USOFIA", {**answers, EN["feedback.rating"]: "5"})
    _knowledge_session(story)


def _knowledge_session(story: Story) -> None:
    """Mei hosts a knowledge session with two seats: Anna and Lars take them, Sofia waits; Lars leaves, and
    Sofia gets his seat (told by DM, with the calendar invite)."""
    print("\n▶ Mei has invited Mentorbot to #learning (`/invite @Mentorbot`)", file=story.out)
    story.slack.add_channel(LEARNING)
    story.command("UANNA", "session")
    story.command("UMEI", "session")
    offer = {
        EN["knowledge.field.title"]: "Giving feedback that lands",
        EN["knowledge.field.learn"]: "How to give feedback people can act on, with examples from code reviews.",
        EN["knowledge.field.when"]: "2027-05-13 15:00",
        EN["knowledge.field.seats"]: "0",
        EN["knowledge.field.channel"]: "#learning",
    }
    story.fills_in("UMEI", offer)
    story.fills_in("UMEI", {**offer, EN["knowledge.field.seats"]: "2"})
    story.clicks("UANNA", EN["knowledge.join"])
    story.clicks("ULARS", EN["knowledge.join"])
    story.clicks("USOFIA", EN["knowledge.join"])
    story.clicks("UMEI", EN["knowledge.who"])
    story.clicks("ULARS", EN["knowledge.leave"])


DEMO_PROGRAMME_MONTHS = 2
EXPORT_LINES_SHOWN = 16  # of the privacy export's JSON
HR_ADMIN = "USOFIA"
# A week of anonymous answers: (how many, topic, role, area, rating, comment).
ANSWERS = [
    (3, "programme", "mentee", "Engineering", 4, ""),
    (1, "programme", "mentee", "Engineering", 5, "The first agenda made it easy to start. <!channel>"),
    (1, "programme", "mentee", "Engineering", 3, "More time for it in the sprint would help."),
    (4, "given", "mentor", "Data", 5, ""),
    (3, "received", "mentee", "Design", 3, ""),
]


def _feedback_release(story: Story, engine: Engine) -> None:
    """A week of anonymous feedback, released the Monday after; an HR admin reads it, someone else can't."""
    print(
        "\n▶ In the week of 10 May, twelve colleagues give anonymous feedback (written straight into the anonymous"
        " store here: giving feedback is a step of its own)",
        file=story.out,
    )
    with UnitOfWork(make_session_factory(engine)) as uow:
        for n, topic, role, area, rating, comment in ANSWERS:
            for _ in range(n):
                uow.session.add(
                    Feedback(
                        id=secrets.token_hex(16),
                        topic=topic,
                        role=role,
                        function_area=area,
                        week="2027-W19",
                        rating=rating,
                        comment=comment,
                    )
                )
        uow.commit()
    story.time_passes(
        _utc("2027-05-17 08:00"),
        "Monday 17 May: the tick releases last week's feedback figures (FEEDBACK_MIN_GROUP is 5)",
        nothing="Nobody is sent anything: the release waits for HR to read it.",
    )
    story.command(HR_ADMIN, "admin feedback")
    story.command("UANNA", "admin feedback")


def _digest(story: Story, settings: Settings, secret: str) -> None:
    """HR sets up the weekly digest: told how, they set HR_CHANNEL and restart; a preview; Monday's digest, whose
    chart is written to a file in the working directory."""
    story.command(HR_ADMIN, "admin digest")
    if story.clock is None:
        raise RuntimeError("the story has no simulated clock")
    story.clock.move_to(_utc("2027-05-18 08:00"))
    print(
        "\n▶ Tuesday 18 May: HR sets HR_CHANNEL to #hr-mentoring's id, invites Mentorbot there (`/invite @Mentorbot`)"
        " and restarts it",
        file=story.out,
    )
    story.slack.add_channel(HR_CHANNEL)
    bot = build(dataclasses.replace(settings, hr_channel=HR_CHANNEL), listener_executor=InlineExecutor(), inline=True)
    try:
        with serving(SlackHttpEntry(bot.app, secret)) as base_url:
            story.driver = SlackDriver(base_url + EVENTS_PATH, secret, story.slack)
            story.operations = bot.operations
            story.command(HR_ADMIN, "admin digest")
            story.time_passes(_utc("2027-05-24 07:00"), "Monday 24 May, 09:00 in Amsterdam: the weekly HR digest")
            _export(story)  # while the restarted bot serves
            _round(story)
    finally:
        bot.engine.dispose()
    for chart in story.slack.files_in(HR_CHANNEL):
        path = Path.cwd() / chart.filename
        path.write_bytes(chart.content)
        print(f"  (The chart, as HR sees it in the channel, is written to {path})", file=story.out)


def _round(story: Story) -> None:
    """A small matching round: Lars now offers "presenteren", which Sofia's "public speaking" means too; HR previews
    the round, sends it, and both accept: their pairing starts as an accepted request's does."""
    story.saves_profile("ULARS", role="mentor", area="Design", skills="Figma, user research, presenteren")
    story.command(HR_ADMIN, "admin match")
    story.clicks(HR_ADMIN, EN["round.send"])
    story.clicks("ULARS", EN["round.accept"])
    story.clicks("USOFIA", EN["round.accept"])


def _export(story: Story) -> None:
    """Anna asks for everything Mentorbot stores about her: a JSON file in her DM, its first lines shown."""
    story.command("UANNA", "privacy export")
    for export in story.slack.files_in(story.slack.dm_of("UANNA")):
        lines = export.content.decode().splitlines()
        print(f"  (Anna's {export.filename}, {len(lines)} lines, begins:)", file=story.out)
        for line in lines[:EXPORT_LINES_SHOWN]:
            print(f"  │ {line}", file=story.out)


def _utc(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)
