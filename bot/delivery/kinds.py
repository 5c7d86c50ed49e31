"""The one registry of outbox kinds: each kind's name, payload type, sender, and what makes it moot.

A feature declares its kinds in its own module (`KINDS.declare(KindSpec(...))`, next to what writes
them) and its handlers give each a sender; bot/app.py hands the dispatcher `KINDS.kinds(senders)`, which
refuses a declared kind without a sender or a sender for a kind nobody declared. What to cancel when a
pairing pauses or ends, or a person leaves, is read from here (`cancelled_by`), never listed by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, Self, TypeVar

from sqlalchemy.orm import Session

from bot.delivery.outbox import Ended, Job, Kind, Letter

Sender = Callable[[Job], Mapping[str, Any]]  # renders and sends one letter (`job.call`), in handlers/*deliveries.py
# What a letter's outcome (sent, refused, unknown) changes, in the sending's transaction: the domain's (`Kind.after`).
After = Callable[[Session, Job, Ended, Mapping[str, Any], datetime], None]


class Payload:
    """A letter's subject as a frozen dataclass whose fields are its JSON keys (override both ways to differ)."""

    def to_subject(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_subject(cls, subject: Mapping[str, Any]) -> Self:
        # A key a row lacks takes its field's default (a row written before the field was); none: an error.
        names = [field.name for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
        return cls(**{name: subject[name] for name in names if name in subject})


@dataclass(frozen=True)
class Nothing(Payload):
    """No subject: the sender reads what is true when it goes out (an App Home tab, `/mentor find`)."""


class Cancels(StrEnum):
    """What makes a waiting letter moot: its row is cancelled, unsent, in that change's transaction."""

    PAIRING_PAUSES = "the pairing paused"
    PAIRING_ENDS = "the pairing ended"
    PERSON_LEAVES = "the recipient left"


P = TypeVar("P", bound=Payload)


@dataclass(frozen=True)
class KindSpec(Generic[P]):
    """One kind of letter.

    `name` is the row's kind, or, with `sent_as`, a family of another kind's letters (the stall note is a
    `tell`). A kind about a pairing (its payload has a `pairing`, or `about_pairing`) writes its rows with
    their `pairing_id`, so a pairing's rows are found by it (`storage.outbox.about_pairing`), whatever
    their unique keys. `survives` says why a kind outlives its pairing or its reader.
    """

    name: str
    payload: type[P]
    example: P  # a payload as written, for the round-trip check
    cancelled_by: frozenset[Cancels] = frozenset({Cancels.PERSON_LEAVES})
    sent_as: str = ""
    about_pairing: bool = False  # its payload names no pairing, but its unique key does (the stall note)
    survives: str = ""

    @property
    def kind(self) -> str:
        return self.sent_as or self.name

    @property
    def is_about_pairing(self) -> bool:
        return self.about_pairing or "pairing" in {field.name for field in dataclasses.fields(self.payload)}  # type: ignore[arg-type]

    def letter(self, recipient: str, payload: P, **more: Any) -> Letter:
        """The row to write: `payload` as its subject (`more`: unique_key, order_key, due_at, expires_at, and
        `pairing_id` for a kind `about_pairing` whose payload doesn't name it)."""
        if not isinstance(payload, self.payload):
            raise TypeError(f"{self.name} carries {self.payload.__name__}, not {type(payload).__name__}")
        if self.is_about_pairing:
            more.setdefault("pairing_id", getattr(payload, "pairing", None))
            if more["pairing_id"] is None:
                raise ValueError(f"a letter of {self.name} says which pairing it is about")
        elif more.get("pairing_id") is not None:
            raise ValueError(f"{self.name} is not about a pairing: its pause or end would leave it alone")
        return Letter(self.kind, recipient, payload.to_subject(), **more)

    def read(self, subject: Mapping[str, Any]) -> P:
        return self.payload.from_subject(subject)

    def pairing_key(self, pairing_id: int, *rest: object) -> str:
        return ":".join(str(part) for part in (self.name, pairing_id, *rest))


class MissingSenderError(LookupError):
    pass


class Registry:
    def __init__(self) -> None:
        self._specs: dict[str, KindSpec[Any]] = {}
        self._afters: dict[str, After] = {}

    def declare(self, spec: KindSpec[P]) -> KindSpec[P]:
        known = self._specs.get(spec.name)
        if known is not None and known != spec:
            raise ValueError(f"kind {spec.name!r} is declared twice, differently")
        self._specs[spec.name] = spec
        return spec

    def follow(self, spec: KindSpec[Any], after: After) -> None:
        """The domain's step after a letter of this kind was sent, refused, or may have arrived (`Kind.after`)."""
        self._afters[spec.kind] = after

    @property
    def specs(self) -> tuple[KindSpec[Any], ...]:
        return tuple(self._specs.values())

    def kinds(self, senders: Mapping[str, Sender]) -> dict[str, Kind]:
        """The dispatcher's table: every declared kind with its sender and its `after` step.

        A declared kind without a sender, or a sender for a kind nobody declared, is refused: at start-up.
        """
        declared = {spec.kind for spec in self._specs.values()}
        missing = sorted(declared - senders.keys())
        if missing:
            raise MissingSenderError(f"kinds without a sender: {', '.join(missing)}")
        unknown = sorted(senders.keys() - declared)
        if unknown:
            raise MissingSenderError(f"senders for undeclared kinds: {', '.join(unknown)}")
        return {
            kind: Kind(send, self._afters[kind]) if kind in self._afters else Kind(send)
            for kind, send in senders.items()
        }

    def cancelled_by(self, change: Cancels) -> tuple[str, ...]:
        """The names of the kinds `change` makes moot."""
        return tuple(spec.name for spec in self._specs.values() if change in spec.cancelled_by)

    def pairing_rows_cancelled_by(self, change: Cancels) -> tuple[str, ...]:
        """The row kinds of a pairing's letters that `change` (it paused or ended) makes moot.

        A row kind two specs share (`tell`, the stall note's) is the moot one's here: only letters of kinds
        about a pairing carry a `pairing_id` (`KindSpec.letter`), so a plain `tell` is never found by it.
        """
        about = [spec for spec in self._specs.values() if spec.is_about_pairing and change in spec.cancelled_by]
        return tuple(sorted({spec.kind for spec in about}))

    def kept_when(self, change: Cancels) -> tuple[str, ...]:
        """The row kinds `change` leaves alone (a person leaving: what records their leaving)."""
        cancelled = {spec.kind for spec in self._specs.values() if change in spec.cancelled_by}
        return tuple(sorted({spec.kind for spec in self._specs.values()} - cancelled))


KINDS = Registry()  # the kinds every feature declares (filled as their modules are imported)
