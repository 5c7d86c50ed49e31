"""The pairing handshake's news: who is told what after each step, written as letters (bot.delivery.letters).

bot.pairings changes the state and, in the same transaction, calls these to write the news; the
dispatcher sends it later (handlers/deliveries.py renders each kind in its reader's language). What
a letter's outcome changes (a request Slack refused is dropped, a group DM that opened is kept) is
decided here too, by the `after_…` hooks, in the transaction that marks the letter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS
from bot.delivery.letters import ASKING, INTRODUCING, News, Notice, Request
from bot.delivery.outbox import Ended, Job
from bot.delivery.slack_replies import opened_channel, posted
from bot.i18n import Who
from storage.pairings import forget_request, remember_pairing_channel, remember_request_message
from storage.rounds import from_a_round

# -- what each step of the handshake tells whom ------------------------------------------------------


def asked(news: News, request: Request) -> None:
    """A new request: to the mentor's DM (the mentee hears if it can't get there)."""
    news.ask_mentor(request)


def accepted(news: News, request: Request, withdrawn: Sequence[Request]) -> None:
    """After the start's introduction (bot.lifecycle), whose outcome says what each of them is told: the mentee's
    other requests, withdrawn."""
    for other in withdrawn:
        news.update_copy(other, Notice("request.withdrawn.mentor", {"mentee": Who(other.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id, *(other.mentor_id for other in withdrawn))


def no_room(news: News, request: Request) -> None:
    """The mentor's last place went to someone else a moment before: the mentee is shown others."""
    news.update_copy(request, Notice("request.no_room.mentor", {"mentee": Who(request.mentee_id)}))
    news.tell(request.mentee_id, Notice("request.no_room.mentee", {"mentor": Who(request.mentor_id)}), mentors=3)
    news.refresh(request.mentee_id, request.mentor_id)


def declined(news: News, request: Request) -> None:
    """The mentee told kindly, with the next mentor who could fit; then the mentor's copy updated."""
    news.tell(request.mentee_id, Notice("request.declined.mentee", {"mentor": Who(request.mentor_id)}), mentors=1)
    news.update_copy(request, Notice("request.declined.mentor", {"mentee": Who(request.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id)


def expired(news: News, request: Request) -> None:
    """Three working days without an answer: the mentee told kindly, with the next mentor who could fit."""
    news.tell(request.mentee_id, Notice("request.expired.mentee", {"mentor": Who(request.mentor_id)}), mentors=1)
    news.update_copy(request, Notice("request.expired.mentor", {"mentee": Who(request.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id)


def withdrawn(news: News, request: Request) -> None:
    news.update_copy(request, Notice("request.withdrawn_by_mentee", {"mentee": Who(request.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id)


def left(news: News, request: Request, leaver: str) -> None:
    """Withdrawn because one of them left the workspace: whoever is still here is told (a mentee, with a mentor
    who could fit)."""
    if leaver == request.mentee_id:
        news.update_copy(request, Notice("left.request.mentor", {"mentee": Who(leaver)}))
        news.refresh(request.mentor_id)
    else:
        news.tell(request.mentee_id, Notice("left.request.mentee", {"mentor": Who(leaver)}), mentors=1)
        news.refresh(request.mentee_id)


# -- what a letter's outcome changes ---------------------------------------------------------------


def after_asking(session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
    """Sent: remember where the mentor's copy is. Refused: drop the request, tell the mentee. Unknown: say so."""
    request = _request_of(job)
    news = News(session, now)
    mentor = {"mentor": Who(request.mentor_id)}
    if ended is Ended.SENT:
        message = posted(data)
        if message is not None:
            remember_request_message(session, request.request_id, request.mentor_id, message.channel, message.ts)
    elif ended is Ended.REFUSED:
        forget_request(session, request.request_id)
        news.tell(request.mentee_id, Notice("request.undelivered", mentor))
    else:  # it may have arrived: kept, not resent, and the mentee knows to check
        news.tell(request.mentee_id, Notice("request.unsure", mentor))
    news.refresh(request.mentee_id, request.mentor_id)


def after_introducing(session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
    """The news for both, now that it is known whether they have a group DM with the introduction in it."""
    request = _request_of(job)
    channel = opened_channel(job)
    both = {"mentor": Who(request.mentor_id), "mentee": Who(request.mentee_id)}
    news = News(session, now)
    if ended is Ended.REFUSED or not channel:
        news.update_copy(request, Notice("request.accepted.no_chat", both))
        news.tell(request.mentee_id, Notice("request.accepted.no_chat", both), order_key=request.order_key)
        return
    # Sent, or unknown after the group DM opened: the introduction most likely arrived.
    introduction = INTRODUCING.read(job.subject)
    remember_pairing_channel(session, int(introduction.pairing), channel)
    news.update_copy(request, Notice("request.accepted.mentor", both))
    others = [Notice("request.others_withdrawn")] if introduction.others_withdrawn else []
    # A matching round's pair both accepted HR's proposal: nobody "accepted your request".
    accepted = "round.started.mentee" if from_a_round(session, request.request_id) else "request.accepted.mentee"
    news.tell(request.mentee_id, Notice(accepted, both), *others, order_key=request.order_key)


KINDS.follow(ASKING, after_asking)
KINDS.follow(INTRODUCING, after_introducing)


def _request_of(job: Job) -> Request:
    return Request.from_subject(job.subject)
