"""The pairing handshake as people see it: after each step, who is told what, and where."""

from __future__ import annotations

from collections.abc import Callable

from bot.i18n import Translator
from bot.pairings import Answered, AnswerResult, Asked, RequestInfo
from bot.services import Services
from bot.slack_api import Delivery
from handlers.blocks.common import mention
from handlers.blocks.handshake import answered_message, introduction, request_message
from handlers.blocks.suggestions import other_mentors_blocks
from handlers.home import refresh_homes

Respond = Callable[[str], None]

NOT_SENT = {
    Asked.ALREADY_PENDING: "request.already_pending",
    Asked.NOT_AVAILABLE: "request.not_available",
    Asked.NO_PROFILE: "find.no_profile",
    Asked.NOT_A_MENTEE: "find.not_a_mentee",
}


def send_request(services: Services, mentee_id: str, mentor_id: str, note: str) -> str:
    """Ask the mentor in a DM; what to tell the mentee."""
    t, mentor = services.people.translator_for(mentee_id), mention(mentor_id)
    result = services.pairings.ask(mentee_id, mentor_id, note)
    if result.asked is not Asked.SENT or result.request is None or result.mentee is None:
        return t(NOT_SENT[result.asked], mentor=mentor)
    text, blocks = request_message(services.people.translator_for(mentor_id), result.request, result.mentee)
    posted = services.messenger.post(mentor_id, text, blocks)
    if posted.delivery is Delivery.FAILED:
        services.pairings.undeliverable(result.request.request_id)
        return t("request.undelivered", mentor=mentor)
    if posted.ok and posted.data:
        channel, ts = str(posted.data.get("channel") or ""), str(posted.data.get("ts") or "")
        services.pairings.delivered(result.request.request_id, channel, ts)
    refresh_homes(services, mentee_id, mentor_id)
    return t("request.sent", mentor=mentor) if posted.ok else t("error.slack_unsure")


def accept(services: Services, request_id: int, mentor_id: str, respond: Respond) -> None:
    result = services.pairings.accept(request_id, mentor_id)
    if result.request is None or result.answered not in (Answered.DONE, Answered.NO_ROOM):
        respond(why_not(services.people.translator_for(mentor_id), result))
        return
    if result.answered is Answered.DONE and result.pairing_id is not None:
        _introduce(services, result.request, result.pairing_id)
    else:
        _no_room(services, result.request)
    refresh_homes(services, result.request.mentee_id, mentor_id)


def decline(services: Services, request_id: int, mentor_id: str, reason: str) -> str:
    """Decline, tell the mentee kindly with the next suggestion; what to tell the mentor."""
    t = services.people.translator_for(mentor_id)
    result = services.pairings.decline(request_id, mentor_id, reason)
    request = result.request
    if result.answered is not Answered.DONE or request is None:
        return why_not(t, result)
    _update_request(services, request, t("request.declined.mentor", mentee=mention(request.mentee_id)))
    tm = services.people.translator_for(request.mentee_id)
    headline = tm("request.declined.mentee", mentor=mention(mentor_id))
    _tell_with_others(services, request.mentee_id, headline, limit=1)
    refresh_homes(services, request.mentee_id, mentor_id)
    return t("decline.done", mentee=mention(request.mentee_id))


def why_not(t: Translator, result: AnswerResult) -> str:
    """Why an answer changed nothing, in words."""
    if result.request is None or result.answered is Answered.NOT_FOUND:
        return t("request.not_found")
    if result.answered is Answered.NOT_YOURS:
        return t("request.not_yours")
    return t(f"request.closed.{result.request.status.value}")


def _introduce(services: Services, request: RequestInfo, pairing_id: int) -> None:
    """Open the pair's group DM and post the introduction; then tell each of them."""
    mentor, mentee = mention(request.mentor_id), mention(request.mentee_id)
    t_mentor = services.people.translator_for(request.mentor_id)
    t_mentee = services.people.translator_for(request.mentee_id)
    opened = services.messenger.call("conversations.open", users=f"{request.mentor_id},{request.mentee_id}")
    channel = (opened.data or {}).get("channel", {}).get("id") if opened.ok else None
    if not channel:
        _update_request(services, request, t_mentor("request.accepted.no_chat", mentor=mentor, mentee=mentee))
        services.messenger.post(request.mentee_id, t_mentee("request.accepted.no_chat", mentor=mentor, mentee=mentee))
        return
    services.pairings.paired(pairing_id, channel)
    profile = services.profiles.get(request.mentee_id)
    languages = list(dict.fromkeys([t_mentee, t_mentor]))  # once in each language they use
    text, blocks = introduction(
        languages,
        request.mentor_id,
        request.mentee_id,
        profile.goals if profile else "",
        services.settings.checkin_cadence,
    )
    services.messenger.post(channel, text, blocks)
    _update_request(services, request, t_mentor("request.accepted.mentor", mentee=mentee))
    services.messenger.post(request.mentee_id, t_mentee("request.accepted.mentee", mentor=mentor))


def _no_room(services: Services, request: RequestInfo) -> None:
    t_mentor = services.people.translator_for(request.mentor_id)
    _update_request(services, request, t_mentor("request.no_room.mentor", mentee=mention(request.mentee_id)))
    t_mentee = services.people.translator_for(request.mentee_id)
    _tell_with_others(
        services, request.mentee_id, t_mentee("request.no_room.mentee", mentor=mention(request.mentor_id))
    )


def _tell_with_others(services: Services, mentee_id: str, headline: str, limit: int = 3) -> None:
    t = services.people.translator_for(mentee_id)
    others = services.suggestions.find(mentee_id, limit)
    services.messenger.post(mentee_id, headline, other_mentors_blocks(t, headline, others))


def _update_request(services: Services, request: RequestInfo, outcome: str) -> None:
    """The mentor's copy of the request loses its buttons and says what happened."""
    if not (request.dm_channel and request.dm_ts):  # its delivery was never confirmed: nothing to update
        return
    t = services.people.translator_for(request.mentor_id)
    text, blocks = answered_message(t, request, outcome)
    services.messenger.call("chat.update", channel=request.dm_channel, ts=request.dm_ts, text=text, blocks=blocks)
