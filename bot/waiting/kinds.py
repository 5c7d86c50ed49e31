"""The waiting mentee's notice: one outbox row, keyed by mentee and ISO week (bot.waiting.rules.week_key).

It names only the mentor; handlers/waiting/deliveries.py checks at send time that the mentee still waits
and may still ask that mentor, and renders the reasons in the mentee's language then.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.kinds import KINDS, Cancels, KindSpec, Payload
from bot.waiting.rules import KEY


@dataclass(frozen=True)
class FittingMentor(Payload):
    mentor: str


NOTICES = KINDS.declare(KindSpec(KEY, FittingMentor, FittingMentor("U2"), frozenset({Cancels.PERSON_LEAVES})))
