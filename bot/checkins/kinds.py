"""The check-ins' kinds of letter: the prompts (a nudge, a question, the gentle note) and the stall note.

Each is about one pairing, keyed `kind:pairing:period…` (bot.checkins.planning.Prompt.unique_key), and
moot once the pairing pauses or ends, or its reader leaves; handlers/checkin_deliveries.py sends them.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.checkins.planning import PromptKind
from bot.delivery.kinds import KINDS, Cancels, KindSpec, Payload
from bot.delivery.letters import TELL, Tell

MOOT = frozenset({Cancels.PAIRING_PAUSES, Cancels.PAIRING_ENDS, Cancels.PERSON_LEAVES})


@dataclass(frozen=True)
class PromptAbout(Payload):
    """A prompt's subject: which pairing's which period it asks about."""

    pairing: int
    period: int


PROMPTS = {kind: KINDS.declare(KindSpec(kind.value, PromptAbout, PromptAbout(7, 2), MOOT)) for kind in PromptKind}

# The mentee's 'another mentor?' news when the pairing stalls: a `tell`, keyed `checkin.stalled:pairing:period`.
STALLED = KINDS.declare(
    KindSpec(
        "checkin.stalled", Tell, Tell([["checkin.stalled.mentee", {"mentor": {"who": "U1"}}]], 1), MOOT, TELL, True
    )
)
