"""The pairing handshake as people see it: after each step, who is told what, and where.

Dialogs are answered first (Slack waits at most 3 seconds) and the messages to others follow;
a failure after that answer is told to the person in a DM.
"""

from __future__ import annotations

import logging

from bot.i18n import Translator
from bot.pairings import Answered, AnswerResult, Asked, AskResult, RequestInfo
from bot.services import Services
from bot.slack_api import Delivery
from handlers.blocks.common import mention
from handlers.blocks.handshake import answered_message, introduction, request_message
from handlers.blocks.suggestions import other_mentors_blocks
from handlers.home import refresh_homes

log = logging.getLogger(__name__)

NOT_SENT = {
    Asked.ALREADY_PAIRED: "find.has_mentor",
    Asked.ALREADY_PENDING: "request.already_pending",
    Asked.NOT_AVAILABLE: "request.not_available",
    Asked.NO_PROFILE: "find.no_profile",
    Asked.NOT_A_MENTEE: "find.not_a_mentee",
}


def asked_text(t: Translator, result: AskResult, mentor_id: str) -> str:
    """What the request dialog says once sent."""
    key = "request.sent" if result.asked is Asked.SENT else NOT_SENT[result.asked]
    return t(key, mentor=mention(mentor_id))


def deliver_request(services: Services, result: AskResult) -> None:
    """The request in the mentor's DM; if Slack refuses it, it is dropped and the mentee told."""
    request, mentee = result.request, result.mentee
    if result.asked is not Asked.SENT or request is None or mentee is None:
        return
    text, blocks = request_message(services.people.translator_for(request.mentor_id), request, mentee)
    posted = services.messenger.post(request.mentor_id, text, blocks)
    t = services.people.translator_for(request.mentee_id)
    if posted.delivery is Delivery.FAILED:
        services.pairings.undeliverable(request.request_id)
        services.messenger.post(request.mentee_id, t("request.undelivered", mentor=mention(request.mentor_id)))
        return
    if posted.ok and posted.data:
        channel, ts = str(posted.data.get("channel") or ""), str(posted.data.get("ts") or "")
        services.pairings.delivered(request.request_id, channel, ts)
    else:  # it may have arrived: kept, not resent
        services.messenger.post(request.mentee_id, t("request.unsure", mentor=mention(request.mentor_id)))
    refresh_homes(services, request.mentee_id, request.mentor_id)


def accept(services: Services, request_id: int, mentor_id: str) -> str | None:
    """Pair them and tell everyone; or why nothing changed, for the mentor."""
    result = services.pairings.accept(request_id, mentor_id)
    if result.request is None or result.answered not in (Answered.DONE, Answered.NO_ROOM):
        return why_not(services.people.translator_for(mentor_id), result)
    if result.answered is Answered.DONE and result.pairing_id is not None:
        _introduce(services, result.request, result.pairing_id, others_withdrawn=bool(result.withdrawn))
        _withdrawn(services, result.withdrawn)
    else:
        _no_room(services, result.request)
    refresh_homes(services, result.request.mentee_id, mentor_id, *(r.mentor_id for r in result.withdrawn))
    return None


def declined(services: Services, result: AnswerResult) -> None:
    """After a decline: the mentee told kindly with the next suggestion, then the mentor's copy updated."""
    request = result.request
    if result.answered is not Answered.DONE or request is None:
        return
    t_mentee = services.people.translator_for(request.mentee_id)
    headline = t_mentee("request.declined.mentee", mentor=mention(request.mentor_id))
    _tell_with_others(services, request.mentee_id, headline, limit=1)
    t_mentor = services.people.translator_for(request.mentor_id)
    _update_request(services, request, t_mentor("request.declined.mentor", mentee=mention(request.mentee_id)))
    refresh_homes(services, request.mentee_id, request.mentor_id)


def withdraw(services: Services, request_id: int, mentee_id: str) -> str | None:
    """Take a request back; the mentor's copy says so. Why nothing changed, for the mentee, if so."""
    result = services.pairings.withdraw(request_id, mentee_id)
    request = result.request
    if result.answered is not Answered.DONE or request is None:
        return why_not(services.people.translator_for(mentee_id), result)
    t_mentor = services.people.translator_for(request.mentor_id)
    _update_request(services, request, t_mentor("request.withdrawn_by_mentee", mentee=mention(mentee_id)))
    refresh_homes(services, mentee_id, request.mentor_id)
    return None


def declined_text(t: Translator, result: AnswerResult) -> str:
    if result.answered is Answered.DONE and result.request is not None:
        return t("decline.done", mentee=mention(result.request.mentee_id))
    return why_not(t, result)


def why_not(t: Translator, result: AnswerResult) -> str:
    """Why an answer changed nothing, in words."""
    if result.request is None or result.answered is Answered.NOT_FOUND:
        return t("request.not_found")
    if result.answered is Answered.NOT_YOURS:
        return t("request.not_yours")
    return t(f"request.closed.{result.request.status.value}")


def _introduce(services: Services, request: RequestInfo, pairing_id: int, *, others_withdrawn: bool) -> None:
    """Open the pair's group DM and post the introduction; then tell each of them."""
    mentor, mentee = mention(request.mentor_id), mention(request.mentee_id)
    t_mentor = services.people.translator_for(request.mentor_id)
    t_mentee = services.people.translator_for(request.mentee_id)
    channel = _introduction(services, request, [t_mentee, t_mentor])
    if channel is None:
        _update_request(services, request, t_mentor("request.accepted.no_chat", mentor=mentor, mentee=mentee))
        services.messenger.post(request.mentee_id, t_mentee("request.accepted.no_chat", mentor=mentor, mentee=mentee))
        return
    services.pairings.paired(pairing_id, channel)  # stays empty when no introduction could be posted
    _update_request(services, request, t_mentor("request.accepted.mentor", mentee=mentee))
    told = t_mentee("request.accepted.mentee", mentor=mentor)
    if others_withdrawn:
        told += " " + t_mentee("request.others_withdrawn")
    services.messenger.post(request.mentee_id, told)


def _introduction(services: Services, request: RequestInfo, translators: list[Translator]) -> str | None:
    """The group DM with the introduction in it, or None when Slack refused either."""
    opened = services.messenger.call("conversations.open", users=f"{request.mentor_id},{request.mentee_id}")
    channel = (opened.data or {}).get("channel", {}).get("id") if opened.ok else None
    if not channel:
        return None
    profile = services.profiles.get(request.mentee_id)
    goals, cadence = profile.goals if profile else "", services.settings.checkin_cadence
    languages = list(dict.fromkeys(translators))  # once in each language they use
    text, blocks = introduction(languages, request.mentor_id, request.mentee_id, goals, cadence)
    posted = services.messenger.post(channel, text, blocks)
    return None if posted.delivery is Delivery.FAILED else str(channel)


def _withdrawn(services: Services, requests: tuple[RequestInfo, ...]) -> None:
    """The mentee has a mentor now: the other mentors' copies say there is nothing left to do."""
    for request in requests:
        t = services.people.translator_for(request.mentor_id)
        _update_request(services, request, t("request.withdrawn.mentor", mentee=mention(request.mentee_id)))


def _no_room(services: Services, request: RequestInfo) -> None:
    t_mentor = services.people.translator_for(request.mentor_id)
    _update_request(services, request, t_mentor("request.no_room.mentor", mentee=mention(request.mentee_id)))
    t_mentee = services.people.translator_for(request.mentee_id)
    headline = t_mentee("request.no_room.mentee", mentor=mention(request.mentor_id))
    _tell_with_others(services, request.mentee_id, headline)


def _tell_with_others(services: Services, mentee_id: str, headline: str, limit: int = 3) -> None:
    """The news first; other mentors only if they can be found (the news must arrive regardless)."""
    try:
        t = services.people.translator_for(mentee_id)
        blocks = other_mentors_blocks(t, headline, services.suggestions.find(mentee_id, limit))
    except Exception:
        log.exception("finding other mentors failed; the news goes out without them")
        blocks = None
    services.messenger.post(mentee_id, headline, blocks)


def _update_request(services: Services, request: RequestInfo, outcome: str) -> None:
    """The mentor's copy of the request loses its buttons and says what happened."""
    if not (request.dm_channel and request.dm_ts):  # never confirmed, nor clicked: nothing to update
        return
    t = services.people.translator_for(request.mentor_id)
    text, blocks = answered_message(t, request, outcome)
    services.messenger.call("chat.update", channel=request.dm_channel, ts=request.dm_ts, text=text, blocks=blocks)
