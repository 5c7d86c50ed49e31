"""The answer to `/mentor status`: a person's profile in brief, their pairings and open requests."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, HeaderBlock, PlainTextObject, SectionBlock

from bot.i18n import Translator
from bot.pairings import Overview, PairingView, RequestView
from bot.profiles import ProfileData, Role
from bot.text import escape, escape_within
from handlers.blocks.common import as_dicts, context, local_date, mention, section

TEXT_SHOWN = 300
LINES_SHOWN = 10  # a section holds 3000 characters; ten lines of a mention and a date fit with room


def status_blocks(t: Translator, overview: Overview) -> list[dict[str, Any]]:
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=t("status.title")))]
    profile = overview.profile
    if profile is None:
        blocks.append(section(t("status.no_profile")))
    else:
        blocks.append(section(profile_lines(t, profile, overview.free_slots)))
    blocks += pairing_sections(t, overview)
    blocks.append(context(t("help.footer")))
    return as_dicts(blocks)


ROLES = {Role.MENTOR: "status.role.mentor", Role.MENTEE: "status.role.mentee", Role.BOTH: "status.role.both"}
# A pairing that isn't active says why, by its state.
NOT_ACTIVE = {"paused": "status.paused", "ended": "status.ended"}


def profile_lines(t: Translator, profile: ProfileData, free_slots: int) -> str:
    availability = t("profile.available.open" if profile.available else "profile.available.paused")
    role = t(ROLES[profile.role])
    lines = [t("status.profile", role=role, area=escape(profile.function_area), availability=availability)]
    if profile.role.mentors:
        lines.append(t("status.room", free=free_slots, capacity=profile.capacity))
        lines.append(t("status.skills", skills=escape_within(profile.skills, TEXT_SHOWN)))
    if profile.role.learns:
        lines.append(t("status.goals", goals=escape_within(profile.goals, TEXT_SHOWN)))
    return "\n".join(lines)


def pairing_sections(t: Translator, overview: Overview) -> list[Block]:
    """Pairings (newest first) and waiting requests, each list cut to what a message can hold."""
    sections: list[Block] = [pairings_section(t, overview)]
    if overview.requests:
        lines = at_most([request_line(t, request) for request in overview.requests], t)
        sections.append(section(t("status.requests") + "\n" + "\n".join(lines)))
    return sections


def pairings_section(t: Translator, overview: Overview) -> SectionBlock:
    lines = at_most([pairing_line(t, p) for p in overview.pairings], t) or [t("status.no_pairings")]
    return section(t("status.pairings") + "\n" + "\n".join(lines))


def at_most(lines: list[str], t: Translator) -> list[str]:
    if len(lines) <= LINES_SHOWN:
        return lines
    return [*lines[:LINES_SHOWN], t("status.more", count=len(lines) - LINES_SHOWN)]


def pairing_line(t: Translator, pairing: PairingView) -> str:
    key = "status.mentoring" if pairing.i_mentor else "status.mentored"
    line = "• " + t(key, who=mention(pairing.other_id, t), since=local_date(pairing.since))
    if not pairing.active:
        line += " " + t(NOT_ACTIVE[pairing.status.value])
    return line


def request_line(t: Translator, request: RequestView) -> str:
    key = "status.request_received" if request.i_mentor else "status.request_sent"
    return "• " + t(key, who=mention(request.other_id, t), since=local_date(request.sent_at))
