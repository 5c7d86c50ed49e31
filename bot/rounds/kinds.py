"""The outbox kind of a round's proposal: a DM to each of the two, with the reasons and Accept / Decline."""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.kinds import KINDS, Cancels, KindSpec, Payload

ROUND_PROPOSE = "round.propose"


@dataclass(frozen=True)
class Proposed(Payload):
    """Which proposal; the reader is the row's recipient (its mentee or its mentor)."""

    proposal: int


PROPOSING = KINDS.declare(KindSpec(ROUND_PROPOSE, Proposed, Proposed(1), frozenset({Cancels.PERSON_LEAVES})))


def proposal_key(proposal_id: int, user_id: str) -> str:
    """One DM per proposal and person: two clicks on "Send the proposals" send it once."""
    return f"{ROUND_PROPOSE}:{proposal_id}:{user_id}"
