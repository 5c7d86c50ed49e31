"""The profile modal, and reading what it sent back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticSelectElement,
)

from bot.i18n import Translator
from bot.profiles import DEFAULT_CAPACITY, ProfileData, ProfileForm, Role
from handlers.blocks.common import context, modal
from handlers.blocks.handshake import notice_modal

CALLBACK_ID = "profile"
ACTION = "value"
LIKES_NEWCOMERS = "likes_newcomers"


ROLES = {Role.MENTOR: "profile.role.mentor", Role.MENTEE: "profile.role.mentee", Role.BOTH: "profile.role.both"}
AVAILABILITY = {"open": "profile.available.open", "paused": "profile.available.paused"}


def profile_modal(
    t: Translator,
    areas: Sequence[str],
    existing: ProfileData | None,
    draft: ProfileData | None = None,
    callback_id: str = CALLBACK_ID,
) -> dict[str, Any]:
    """The profile dialog: `existing` to edit, or a first one filled in from `draft` (a welcome's buddy, whose
    dialog has its own `callback_id`)."""
    roles = [Option(value=role.value, text=t(ROLES[role])) for role in Role]
    area_options = [Option(value=area, text=area) for area in areas]
    availability = [Option(value=v, text=t(key)) for v, key in AVAILABILITY.items()]
    blocks: list[Any] = []
    if existing is None:
        blocks.append(context(t("profile.first_time")))
    existing = existing or draft
    role = existing.role.value if existing else None
    blocks += [
        InputBlock(
            block_id="role",
            label=t("profile.role.label"),
            element=RadioButtonsElement(action_id=ACTION, options=roles, initial_option=_pick(roles, role)),
        ),
        InputBlock(
            block_id="function_area",
            label=t("profile.area.label"),
            element=StaticSelectElement(
                action_id=ACTION,
                placeholder=t("profile.area.placeholder"),
                options=area_options,
                initial_option=_pick(area_options, existing.function_area if existing else None),
            ),
        ),
        _text_input("skills", t("profile.skills.label"), t("profile.skills.hint"), existing.skills if existing else ""),
        _text_input("goals", t("profile.goals.label"), t("profile.goals.hint"), existing.goals if existing else ""),
        InputBlock(
            block_id="capacity",
            label=t("profile.capacity.label"),
            hint=t("profile.capacity.hint"),
            element=PlainTextInputElement(
                action_id=ACTION, initial_value=str(existing.capacity if existing else DEFAULT_CAPACITY)
            ),
        ),
        InputBlock(
            block_id="available",
            label=t("profile.available.label"),
            element=RadioButtonsElement(
                action_id=ACTION,
                options=availability,
                initial_option=_pick(availability, "paused" if existing and not existing.available else "open"),
            ),
        ),
    ]
    if existing is None or existing.role.mentors:  # a mentee who starts mentoring finds it the next time
        blocks.append(_newcomers_input(t, existing is not None and existing.likes_newcomers))
    return modal(callback_id, t("profile.title"), t("profile.submit"), t("profile.close"), blocks)


def _newcomers_input(t: Translator, ticked: bool) -> InputBlock:
    option = Option(value=LIKES_NEWCOMERS, text=t("profile.newcomers.option"))
    return InputBlock(
        block_id=LIKES_NEWCOMERS,
        label=t("profile.newcomers.label"),
        hint=t("profile.newcomers.hint"),
        optional=True,
        element=CheckboxesElement(action_id=ACTION, options=[option], initial_options=[option] if ticked else None),
    )


def saved_modal(t: Translator) -> dict[str, Any]:
    return notice_modal(t, "profile.title", t("profile.saved"))


def read_profile_form(state_values: dict[str, Any]) -> ProfileForm:
    def field(block_id: str) -> dict[str, Any]:
        value = state_values.get(block_id, {}).get(ACTION)
        return value if isinstance(value, dict) else {}

    def chosen(block_id: str) -> str:
        option = field(block_id).get("selected_option")
        return str(option.get("value", "")) if isinstance(option, dict) else ""

    def typed(block_id: str) -> str:
        return str(field(block_id).get("value") or "")

    def ticked(block_id: str) -> bool:
        options = field(block_id).get("selected_options")
        return isinstance(options, list) and any(isinstance(o, dict) and o.get("value") == block_id for o in options)

    return ProfileForm(
        role=chosen("role"),
        function_area=chosen("function_area"),
        skills=typed("skills"),
        goals=typed("goals"),
        capacity=typed("capacity"),
        available=chosen("available") != "paused",
        likes_newcomers=ticked(LIKES_NEWCOMERS),
    )


def _text_input(block_id: str, label: str, hint: str, initial: str) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        optional=True,  # required or not depends on the role: checked on submit
        element=PlainTextInputElement(action_id=ACTION, multiline=True, initial_value=initial or None),
    )


def _pick(options: list[Option], value: str | None) -> Option | None:
    return next((option for option in options if option.value == value), None)
