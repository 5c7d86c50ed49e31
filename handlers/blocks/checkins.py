"""Block Kit for the check-in rhythm: the pair's nudge, 'did you meet?', its two dialogs, and App Home lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    DatePickerElement,
    DividerBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.checkins.rules import Cadence
from bot.checkins.service import MAX_NOTE, PROGRESS, Answer, Outcome, RhythmView
from bot.i18n import Phrase, Translator
from bot.text import escape
from bot.typed import calendar_date, whole_number
from handlers.blocks.common import as_dicts, calendar_day, mention, section

YES = "checkin.yes"
LATER = "checkin.later"
PAUSE = "checkin.pause"
END = "checkin.end"
CADENCE = "checkin.cadence"
MET_CALLBACK = "checkin.met"
PAUSE_CALLBACK = "checkin.pause"
DATE_BLOCK, DATE_ACTION = "date", "value"
NOTE_BLOCK, NOTE_ACTION = "note", "value"
PROGRESS_BLOCK, PROGRESS_ACTION = "progress", "value"
CADENCES = frozenset(cadence.value for cadence in Cadence)

WHY_NOT = {
    Outcome.CLOSED: "checkin.closed",
    Outcome.NOT_ACTIVE: "checkin.not_active",
    Outcome.ENDED: "checkin.ended",
    Outcome.NOT_YOURS: "checkin.not_yours",
    Outcome.NOT_FOUND: "checkin.not_found",
    Outcome.NOT_CURRENT: "checkin.not_current",
}


CADENCE_WORDS = {
    Cadence.WEEKLY: "cadence.weekly",
    Cadence.BIWEEKLY: "cadence.biweekly",
    Cadence.MONTHLY: "cadence.monthly",
}


def cadence_word(t: Translator, cadence: Cadence) -> str:
    return t(CADENCE_WORDS[cadence])


def nudge_message(
    translators: Sequence[Translator], mentor_id: str, mentee_id: str, cadence: Cadence, topic: str | None
) -> tuple[str, list[dict[str, Any]]]:
    """The pair's 'time to catch up', once in each language they use, with a topic from the mentee's goals."""
    blocks: list[Block] = []
    for t in translators:
        if blocks:
            blocks.append(DividerBlock())
        text = t(
            "checkin.nudge", mentor=mention(mentor_id), mentee=mention(mentee_id), cadence=cadence_word(t, cadence)
        )
        blocks.append(section(text))
        if topic:
            blocks.append(section(t("checkin.nudge.topic", topic=escape(topic))))
    first = translators[0]
    text = first(
        "checkin.nudge", mentor=mention(mentor_id), mentee=mention(mentee_id), cadence=cadence_word(first, cadence)
    )
    return text, as_dicts(blocks)


def ask_message(
    t: Translator, pairing_id: int, period: int, other_id: str, cadence: Cadence
) -> tuple[str, list[dict[str, Any]]]:
    """'Did you meet?' with its one-click answers and the rhythm to change."""
    text = t("checkin.ask", other=mention(other_id), cadence=cadence_word(t, cadence))
    value = f"{pairing_id}:{period}"
    buttons = [
        ButtonElement(text=t("checkin.ask.yes"), action_id=YES, value=value, style="primary"),
        ButtonElement(text=t("checkin.ask.later"), action_id=LATER, value=value),
        ButtonElement(text=t("checkin.ask.pause"), action_id=PAUSE, value=value),
        ButtonElement(text=t("checkin.ask.end"), action_id=END, value=value, style="danger", confirm=end_confirm(t)),
    ]
    blocks: list[Block] = [
        section(text),
        ActionsBlock(block_id="checkin", elements=buttons),
        section(t("checkin.ask.cadence"), cadence_menu(t, pairing_id, cadence)),
    ]
    return text, as_dicts(blocks)


def quiet_message(
    t: Translator, pairing_id: int, period: int, other_id: str, cadence: Cadence
) -> tuple[str, list[dict[str, Any]]]:
    """The gentle note after two quiet periods: pause, meet less often, or end, kindly; nothing else."""
    text = t("checkin.quiet", other=mention(other_id))
    value = f"{pairing_id}:{period}"
    buttons = [
        ButtonElement(text=t("checkin.ask.pause"), action_id=PAUSE, value=value),
        ButtonElement(text=t("checkin.ask.end"), action_id=END, value=value, style="danger", confirm=end_confirm(t)),
    ]
    blocks: list[Block] = [
        section(text),
        ActionsBlock(block_id="checkin", elements=buttons),
        section(t("checkin.ask.cadence"), cadence_menu(t, pairing_id, cadence)),
    ]
    return text, as_dicts(blocks)


def end_confirm(t: Translator) -> ConfirmObject:
    return ConfirmObject(
        title=t("checkin.end.confirm.title"),
        text=PlainTextObject(text=t("checkin.end.confirm.text")),
        confirm=t("checkin.end.confirm.yes"),
        deny=t("checkin.end.confirm.no"),
        style="danger",
    )


def cadence_menu(t: Translator, pairing_id: int, current: Cadence) -> StaticSelectElement:
    options = [Option(value=f"{pairing_id}:{c.value}", text=cadence_word(t, c)) for c in Cadence]
    chosen = next(option for option in options if option.value == f"{pairing_id}:{current.value}")
    return StaticSelectElement(action_id=CADENCE, options=options, initial_option=chosen)


def met_modal(t: Translator, pairing_id: int, period: int, today: date, note_days: int) -> dict[str, Any]:
    """The "we met" dialog; its note's hint says who reads it and when it is deleted (`NOTE_RETENTION_DAYS`)."""
    progress = [Option(value=str(n), text=str(n)) for n in PROGRESS]
    view = View(
        type="modal",
        callback_id=MET_CALLBACK,
        private_metadata=f"{pairing_id}:{period}",
        title=PlainTextObject(text=t("checkin.met.title")),
        submit=PlainTextObject(text=t("checkin.met.submit")),
        close=PlainTextObject(text=t("checkin.met.cancel")),
        blocks=[
            InputBlock(
                block_id=DATE_BLOCK,
                label=t("checkin.met.date"),
                element=DatePickerElement(action_id=DATE_ACTION, initial_date=today.isoformat()),
            ),
            InputBlock(
                block_id=NOTE_BLOCK,
                label=t("checkin.met.topics"),
                hint=t("checkin.met.topics.hint", count=note_days),
                optional=True,
                element=PlainTextInputElement(action_id=NOTE_ACTION, multiline=True, max_length=MAX_NOTE),
            ),
            InputBlock(
                block_id=PROGRESS_BLOCK,
                label=t("checkin.met.progress"),
                optional=True,
                element=StaticSelectElement(action_id=PROGRESS_ACTION, options=progress),
            ),
        ],
    )
    return dict(view.to_dict())


def pause_modal(t: Translator, pairing_id: int, tomorrow: date) -> dict[str, Any]:
    view = View(
        type="modal",
        callback_id=PAUSE_CALLBACK,
        private_metadata=str(pairing_id),
        title=PlainTextObject(text=t("checkin.pause.title")),
        submit=PlainTextObject(text=t("checkin.pause.submit")),
        close=PlainTextObject(text=t("checkin.met.cancel")),
        blocks=[
            section(t("checkin.pause.intro")),
            InputBlock(
                block_id=DATE_BLOCK,
                label=t("checkin.pause.date"),
                element=DatePickerElement(action_id=DATE_ACTION, initial_date=tomorrow.isoformat()),
            ),
        ],
    )
    return dict(view.to_dict())


def read_choice(values: dict[str, Any], block: str, key: str) -> Any:
    value = values.get(block, {}).get("value")
    return value.get(key) if isinstance(value, dict) else None


def read_date(values: dict[str, Any]) -> date | None:
    """The day picked; None when none was, or it doesn't exist (a date picker sends neither; a forged form may)."""
    raw = read_choice(values, DATE_BLOCK, "selected_date")
    return calendar_date(raw) if isinstance(raw, str) else None


def read_progress(values: dict[str, Any]) -> int | None:
    """The progress picked, None when none was (it is optional); ValueError when it is not one offered."""
    option = read_choice(values, PROGRESS_BLOCK, "selected_option")
    raw = option.get("value") if isinstance(option, dict) else None
    if raw is None:
        return None
    progress = whole_number(raw, PROGRESS) if isinstance(raw, str) else None
    if progress is None:
        raise ValueError("not a progress offered")
    return progress


def read_note(values: dict[str, Any]) -> str:
    raw = read_choice(values, NOTE_BLOCK, "value")
    return raw if isinstance(raw, str) else ""


def why_not(t: Translator, answer: Answer) -> str:
    return t(why_not_phrase(answer).key)


def why_not_phrase(answer: Answer) -> Phrase:
    """Why an answer changed nothing."""
    return Phrase(WHY_NOT.get(answer.outcome, "checkin.not_found"))


def choice_blocks(t: Translator, title_key: str, rhythms: Sequence[RhythmView], action_id: str) -> list[dict[str, Any]]:
    """`/mentor pause|end` for someone in more than one pairing: one button per pairing."""
    blocks: list[Block] = [section(t(title_key))]
    for rhythm in rhythms:
        button = ButtonElement(
            text=t("checkin.ask.end" if action_id == END else "checkin.ask.pause"),
            action_id=action_id,
            value=f"{rhythm.pairing_id}:{rhythm.period}",
            confirm=end_confirm(t) if action_id == END else None,
        )
        blocks.append(section(t("checkin.choose.with", other=mention(rhythm.other_id)), button))
    return as_dicts(blocks)


def home_lines(t: Translator, rhythms: Sequence[RhythmView]) -> list[Block]:
    """Per current pairing: cadence (a menu to change it), last check-in, the next prompt, or paused."""
    blocks: list[Block] = []
    for rhythm in rhythms:
        who = t("checkin.choose.with", other=mention(rhythm.other_id))
        if rhythm.paused_until is not None:
            line = t("checkin.home.paused", until=calendar_day(rhythm.paused_until))
        else:
            last = calendar_day(rhythm.last_checkin_on) if rhythm.last_checkin_on else t("checkin.home.never")
            upcoming = _moment(rhythm.next_prompt_at) if rhythm.next_prompt_at else t("checkin.home.nothing")
            line = t("checkin.home.line", cadence=cadence_word(t, rhythm.cadence), last=last, next=upcoming)
        if rhythm.stalled:
            line += "\n" + t("checkin.home.stalled.mentor" if rhythm.i_mentor else "checkin.home.stalled.mentee")
        blocks.append(section(f"{who}\n{line}", cadence_menu(t, rhythm.pairing_id, rhythm.cadence)))
    return blocks


def _moment(moment: datetime) -> str:
    """Shown by Slack in the reader's own zone and format."""
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{moment.date().isoformat()}>"
