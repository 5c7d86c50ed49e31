"""`/mentor privacy delete`: everything of one person's erased in one unit of work, their partners told kindly.

What goes: their profile and its topics, every request they sent or received (the partner's history is the
pairing, which stays), the notes they wrote in check-ins (blanked: the check-in stays the pair's), the cached
Slack details (`person`), their once-a-week feedback records, their waiting-mentee opt-out and who they were
told of or told about (bot.waiting). Their current pairings end through the
lifecycle (`Erased`: the partner is told, without a name) and what waited to be sent to them is cancelled
(the registry's PERSON_LEAVES). Their seats in knowledge sessions to come are given up (the first waiting
moves up) and the sessions they host are cancelled (bot.knowledge.service.give_up_seats_of_leaver). Rows
their partners keep (pairings, check-ins, outbox rows) name a random tombstone instead of them
(bot.privacy.tombstone), shown as "a former participant". The mentor's copy of a
request they sent is updated to say so (chat.update, through the outbox: the bot kept where it is).
The anonymous store is left alone: nothing in it leads to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.audit.trail import record_in
from bot.delivery.kinds import KINDS, Cancels, KindSpec, Payload
from bot.delivery.letters import News
from bot.delivery.outbox import enqueue_all
from bot.knowledge.service import give_up_seats_of_leaver
from bot.lifecycle import CURRENT, Erased, Pair, end
from bot.pairings import withdraw_requests_of_leaver
from storage.models import PairingStatus
from storage.outbox import cancel_pending_for
from storage.pairings import hold_profile, pairings_of
from storage.privacy import erase_rows_of, request_copies_of, scrub_outbox
from storage.waiting import forget_waiting_of

FORGET_COPY = "privacy.forget_copy"
ERASED = "privacy.delete"  # the audit row's action


@dataclass(frozen=True)
class Copy(Payload):
    """A message of the bot's that quoted the erased person: where it is (nothing about them)."""

    channel: str
    ts: str


FORGETTING_COPY = KINDS.declare(KindSpec(FORGET_COPY, Copy, Copy("D0001", "1700000000.000100")))


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: counts only (`found`: False when nothing was stored about them any more)."""

    found: bool
    pairings_ended: int
    copies_updated: int


def erase(session: Session, user_id: str, tombstone: str, now: datetime) -> Erasure:
    """In the caller's unit of work; running it again finds nothing and tells nobody."""
    found = hold_profile(session, user_id)  # first: an accept for them waits, then finds them gone
    session.expire_all()
    news = News(session, now)
    current = [p for p in pairings_of(session, user_id) if PairingStatus(p.status) in CURRENT]
    ended = sum(end(session, news, Pair(p.id or 0, p.mentor_id, p.mentee_id), Erased(user_id), now) for p in current)
    withdraw_requests_of_leaver(session, news, user_id, now)
    seats = give_up_seats_of_leaver(session, news, user_id, now)  # before their seats go: the next in line moves up
    copies = request_copies_of(session, user_id)
    letters = [FORGETTING_COPY.letter(mentor, Copy(channel, ts)) for mentor, channel, ts in copies]
    enqueue_all(session, letters, now)
    keep = KINDS.kept_when(Cancels.PERSON_LEAVES)
    cancel_pending_for(session, user_id, now, Cancels.PERSON_LEAVES.value, keep=keep)
    erased = erase_rows_of(session, user_id, tombstone)
    forget_waiting_of(session, user_id)  # bot.waiting's opt-out and who was told about whom
    scrub_outbox(session, user_id, tombstone)
    found = found or bool(ended) or bool(seats) or erased
    if found:  # the audit row names the tombstone, never the person
        record_in(session, now, tombstone, ERASED, f"{ended} pairings ended")
    return Erasure(found, ended, len(letters))
