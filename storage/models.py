"""The tables. Every datetime is timezone-aware UTC (see storage.db.UTCDateTime)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel

from storage.db import UTCDateTime


class ProcessedEvent(SQLModel, table=True):
    """An Events API delivery claimed by one replica, so each `event_id` is acted on once."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    done: bool = Field(default=False)
    claimed_at: datetime = Field(sa_type=UTCDateTime)


class Person(SQLModel, table=True):
    """What Slack says about a person that the bot uses, cached so requests stay quick.

    Only what the bot uses: the locale (their language), the time zone (when prompts arrive, how
    working hours overlap) and whether they are gone (deactivated, deleted, or a bot), which rules
    them out of matching.
    """

    __tablename__ = "person"

    user_id: str = Field(primary_key=True, max_length=32)
    locale: str = Field(default="en-US", max_length=16)
    tz: str = Field(default="UTC", max_length=64)
    gone: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Since when Slack has said they are gone: ERASE_AFTER_DAYS later the tick erases them (bot.privacy).
    gone_since: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    fetched_at: datetime = Field(sa_type=UTCDateTime)
    # When they joined the workspace (Slack's `team_join`), if the bot saw it: newcomers are preferred (bot.welcomes).
    joined_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Profile(SQLModel, table=True):
    """Who someone is in the programme. The word sets are kept normalised, so matching needn't re-parse."""

    __tablename__ = "profile"

    user_id: str = Field(primary_key=True, max_length=32)
    role: str = Field(max_length=8)
    function_area: str = Field(max_length=60, index=True)
    skills: str = Field(default="", max_length=1000)
    goals: str = Field(default="", max_length=1000)
    capacity: int = Field(default=2)
    available: bool = Field(default=True)
    skill_words: str = Field(default="", max_length=2000)
    goal_words: str = Field(default="", max_length=2000)
    updated_at: datetime = Field(sa_type=UTCDateTime, index=True)  # indexed: the waiting-mentee scan reads it
    # When the profile was first saved: the digest's "new profiles" and how long a mentee has been waiting.
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    # A mentor who likes helping newcomers settle in: it counts when a newcomer looks for a mentor (bot.matching).
    likes_newcomers: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    NO_ROOM = "no_room"  # accepted when the mentor's last slot had just been taken


_PENDING = text("status = 'pending'")
# What retention has still to blank: partial indexes, so the tick's look every minute finds it without a scan and
# a row leaves the index once its text is gone. storage/retention.py queries with these very clauses: SQLite uses
# a partial index only when the query repeats its condition (a bound parameter would not match).
REASON_KEPT = text("decline_reason <> ''")
NOTE_KEPT = text("note <> ''")


class PairingRequest(SQLModel, table=True):
    """A mentee asking a mentor. At most one pending request per mentee and mentor (a partial unique index)."""

    __tablename__ = "pairing_request"
    __table_args__ = (
        Index(
            "uq_pairing_request_pending",
            "mentee_id",
            "mentor_id",
            unique=True,
            sqlite_where=_PENDING,
            postgresql_where=_PENDING,
        ),
        Index("ix_pairing_request_reason_kept", "answered_at", sqlite_where=REASON_KEPT, postgresql_where=REASON_KEPT),
    )

    id: int | None = Field(default=None, primary_key=True)
    mentee_id: str = Field(max_length=32, index=True)
    mentor_id: str = Field(max_length=32, index=True)
    status: str = Field(max_length=12)
    note: str = Field(default="", max_length=1000)
    decline_reason: str = Field(default="", max_length=1000)  # private: never shown to the mentee; 90 days
    created_at: datetime = Field(sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    dm_channel: str = Field(default="", max_length=32)  # the mentor's copy of the request, to update it later
    dm_ts: str = Field(default="", max_length=32)
    # When it expires unanswered (three working days in the mentor's zone); the tick looks for those due.
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class PairingStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class Pairing(SQLModel, table=True):
    """A mentor and a mentee working together; it takes one of the mentor's slots until it ends."""

    __tablename__ = "pairing"

    id: int | None = Field(default=None, primary_key=True)
    mentor_id: str = Field(max_length=32, index=True)
    mentee_id: str = Field(max_length=32, index=True)
    status: str = Field(max_length=12)
    request_id: int | None = Field(default=None, foreign_key="pairing_request.id")
    channel_id: str = Field(default="", max_length=32)  # their group DM
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)  # a freed place (bot.waiting)


class Rhythm(SQLModel, table=True):
    """A pairing's check-in rhythm: its cadence, the period under way, and when the planner next looks at it."""

    __tablename__ = "checkin_rhythm"

    pairing_id: int = Field(primary_key=True, foreign_key="pairing.id", ondelete="CASCADE")
    cadence: str = Field(max_length=12)
    period: int = Field(default=0)  # the period under way, counted from 0 when the pairing began
    period_start: date
    planned: int = Field(default=-1)  # the period whose prompts are in the outbox (-1: none, or to be re-planned)
    paused_until: date | None = Field(default=None)
    last_checkin_on: date | None = Field(default=None)
    # The first period of the current run without a check-in: the periods ended since it are the quiet ones.
    quiet_from: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    # Quiet three periods in a row: the mentee may look for another mentor (None: not stalled).
    stalled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    programme_round: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})  # periods continued
    # When the tick next writes the evaluation asks (the midpoint's or the end's day begins); None: none due.
    next_evaluation_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    next_plan_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)  # None: nothing to plan


class Checkin(SQLModel, table=True):
    """'We met', for one period of a pairing: one partner's answer closes the period for both (a unique key)."""

    __tablename__ = "checkin"
    __table_args__ = (
        UniqueConstraint("pairing_id", "period"),
        Index("ix_checkin_note_kept", "created_at", sqlite_where=NOTE_KEPT, postgresql_where=NOTE_KEPT),
        # The digest: did a pairing log a check-in between two moments? One seek per pairing and week.
        Index("ix_checkin_pairing_created", "pairing_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="pairing.id", ondelete="CASCADE", index=True)
    period: int
    logged_by: str = Field(max_length=32)
    met_on: date
    progress: int | None = Field(default=None)  # 1 to 5, toward the mentee's goals
    # Private to the pair: never shown to HR nor in their exports; blanked NOTE_RETENTION_DAYS after it was written.
    note: str = Field(default="", max_length=1000)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Evaluation(SQLModel, table=True):
    """That one side of a pairing has answered its midpoint or end evaluation, and at an end its choice.

    Only what the bot needs to act: refusing a second answer, App Home's "waiting", and continuing or closing
    once both have chosen. The scores and the comment are in the anonymous store (`Feedback`), written in a
    transaction of their own, with nothing that leads back here. No time is kept: nothing the bot does needs it.
    `step` counts the evaluations of the pairing (twice the programme round, plus 1 at the end); one answer per side.
    """

    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("pairing_id", "step", "side"),)

    id: int | None = Field(default=None, primary_key=True)
    pairing_id: int = Field(foreign_key="pairing.id", ondelete="CASCADE", index=True)
    step: int
    side: str = Field(max_length=8)  # mentor or mentee
    carry_on: bool | None = Field(default=None)  # at an end: another programme period?


class Feedback(SQLModel, table=True):
    """One anonymous answer: feedback someone gave, or one side's evaluation scores. Nothing here points to a person.

    No user id nor anything derived from one, no pairing, no time finer than the ISO week (`2027-W09`), a random
    key, and on SQLite no rowid (so the physical order of rows is the random key's, not the order they came in).
    The only groupings are those the released figures use: topic, role and function area.
    """

    __tablename__ = "feedback"
    __table_args__ = {"sqlite_with_rowid": False}

    id: str = Field(primary_key=True, max_length=32)  # uuid4().hex: random, never a sequence
    topic: str = Field(max_length=24)  # bot.feedback: programme, received, given, evaluation.midpoint, evaluation.end
    role: str = Field(max_length=8)  # mentor, mentee or both: the author's role in the programme
    function_area: str = Field(default="", max_length=60)
    week: str = Field(max_length=8)  # ISO week, `YYYY-Www`: the finest time kept
    rating: int  # 1 to 5: the rating given, or an evaluation's "how useful"
    progress: int | None = Field(default=None)  # 1 to 5: an evaluation's "progress toward the goals"
    recommend: int | None = Field(default=None)  # 1 to 5: an evaluation's "would recommend"
    comment: str = Field(default="", max_length=1000)


class FeedbackGiven(SQLModel, table=True):
    """That someone gave feedback on a topic this ISO week: the once-a-week rule, apart from what they said.

    Written in its own transaction, never with the feedback row, and deleted once the week is over.
    """

    __tablename__ = "feedback_given"

    week: str = Field(primary_key=True, max_length=8)
    topic: str = Field(primary_key=True, max_length=24)
    user_id: str = Field(primary_key=True, max_length=32)


class FeedbackRelease(SQLModel, table=True):
    """A snapshot of the feedback figures HR may see (bot.feedback.release), at most one per ISO week.

    The week is the key, so two replicas trying the same week's release save it once.
    """

    __tablename__ = "feedback_release"

    week: str = Field(primary_key=True, max_length=8)  # the ISO week it was released in
    snapshot: str = Field(sa_type=Text)  # JSON: the figures, the comments and their week ranges, k
    counts: str = Field(sa_type=Text)  # JSON: the answers per topic, role and area it was built on


class DigestFigures(SQLModel, table=True):
    """The figures a weekly HR digest showed, kept so next week's can say what changed (bot.digest.service).

    Plain counts and Slack ids of people HR may help (the stalled pairings, the longest waiting): nothing
    private. The week is the key: a week's digest is posted once, and its figures saved once.
    """

    __tablename__ = "digest_figures"

    week: str = Field(primary_key=True, max_length=8)  # the digest's ISO week, on HR's calendar
    figures: str = Field(sa_type=Text)  # JSON: bot.digest.figures.figures_to_json
    sent_at: datetime = Field(sa_type=UTCDateTime)


class OutboxState(StrEnum):
    PENDING = "pending"  # waiting for its time (and for earlier rows of its order key)
    CLAIMED = "claimed"  # a dispatcher holds its lease; nothing has been sent
    SENDING = "sending"  # committed before the Slack call: if the lease runs out now, the outcome is unknown
    SENT = "sent"
    UNKNOWN = "unknown"  # may or may not have arrived: never resent
    FAILED = "failed"  # gave up after retries; an operator may re-queue it
    REFUSED = "refused"  # Slack refused the call (`channel_not_found`, …): nothing reached anyone
    CANCELLED = "cancelled"  # by design: nothing to send any more (the reader left, the news is moot)
    EXPIRED = "expired"  # too old to be worth sending


class OutboxRow(SQLModel, table=True):
    """One thing the bot must send because something changed, written in the same transaction as the change.

    It stores intent, never text: the kind and the ids it is about; the words are rendered when it is sent,
    in the recipient's language at that moment.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    recipient: str = Field(default="", max_length=32)
    # JSON: the ids and choices it is about (and a named follow-up's own words, up to 1000 characters: Text)
    subject: str = Field(default="{}", sa_type=Text)
    unique_key: str | None = Field(default=None, max_length=200, unique=True)  # what must never be sent twice
    order_key: str = Field(default="", max_length=64, index=True)  # rows with one key are sent in id order
    state: str = Field(default=OutboxState.PENDING.value, max_length=12)
    due_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_by: str = Field(default="", max_length=40)  # the claim that holds it: one per claim, not per process
    repeatable: bool = Field(default=False)  # the call being made may be repeated without anyone seeing it twice
    attempts: int = Field(default=0)  # tries that failed with a 5xx or an unreachable Slack (not 429s, deferrals)
    progress: str = Field(default="{}", max_length=500)  # JSON: what a multi-step kind has done so far
    error: str = Field(default="", max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The pairing a letter is about, if any: what a pairing's pause or end makes moot is found by it.
    pairing_id: int | None = Field(default=None, index=True)


class MethodGate(SQLModel, table=True):
    """After a 429, no process calls this Web API method before `not_before`."""

    __tablename__ = "method_gate"

    method: str = Field(primary_key=True, max_length=64)
    not_before: datetime = Field(sa_type=UTCDateTime)


class AuditRow(SQLModel, table=True):
    """Who did what when, for HR's `/mentor admin audit`: every admin command (refused ones too) and every
    privacy deletion. `detail` is a word the bot chose, never text anyone typed; a deletion's actor is the random
    tombstone the erased person left (bot.privacy.tombstone), never the person."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=32)  # a Slack user id, a tombstone, or `system`
    action: str = Field(max_length=40)
    detail: str = Field(default="", max_length=200)


class WaitingWatermark(SQLModel, table=True):
    """How far the tick has looked for mentors who changed or had a place freed (bot.waiting): one row."""

    __tablename__ = "waiting_watermark"

    id: int = Field(default=1, primary_key=True)
    checked_until: datetime = Field(sa_type=UTCDateTime)


class WaitingOptOut(SQLModel, table=True):
    """A mentee who asked not to be told when a fitting mentor has room ("Don't tell me about new mentors")."""

    __tablename__ = "waiting_opt_out"

    user_id: str = Field(primary_key=True, max_length=32)
    since: datetime = Field(sa_type=UTCDateTime)


class WaitingTold(SQLModel, table=True):
    """A waiting mentee was told about this mentor once: never again about the same one."""

    __tablename__ = "waiting_told"

    mentee_id: str = Field(primary_key=True, max_length=32)
    mentor_id: str = Field(primary_key=True, max_length=32, index=True)
    told_at: datetime = Field(sa_type=UTCDateTime)


class PoolVersion(SQLModel, table=True):
    """One row: bumped in the same transaction as any change to who could mentor whom (profiles, pairings,
    people gone or back), so each process rebuilds its copy of the mentor pool only when it changed (bot.pool)."""

    __tablename__ = "pool_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0, sa_type=BigInteger)


# What Alembic compares and migrates: every table above.
metadata = SQLModel.metadata


class KnowledgeSession(SQLModel, table=True):
    """A knowledge session a mentor hosts (bot/knowledge): its seats, and the announcement in its channel.

    `taken` counts the attending seats and changes only with a `knowledge_seat` row, under the row lock
    every change to a session's seats takes first (storage/knowledge.py `lock_knowledge_session`).
    """

    __tablename__ = "knowledge_session"

    id: int | None = Field(default=None, primary_key=True)
    host_id: str = Field(max_length=32, index=True)
    title: str = Field(max_length=150)
    learn: str = Field(default="", max_length=2000)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    minutes: int
    seats: int
    taken: int = Field(default=0)
    changes: int = Field(default=0)  # bumped by every change, so only the newest announcement update is sent
    host_tz: str = Field(default="UTC", max_length=64)  # the organiser's zone, named in the invite
    channel: str = Field(max_length=32)
    announce_ts: str = Field(default="", max_length=32)  # the announcement, once posted (to update it)
    created_at: datetime = Field(sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SeatStatus(StrEnum):
    ATTENDING = "attending"
    WAITING = "waiting"


class KnowledgeSeat(SQLModel, table=True):
    """Someone who joined a knowledge session: a seat, or a place on its waiting list (in `id` order)."""

    __tablename__ = "knowledge_seat"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_knowledge_seat_person"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="knowledge_session.id", ondelete="CASCADE", index=True)
    user_id: str = Field(max_length=32, index=True)
    status: str = Field(max_length=12)
    joined_at: datetime = Field(sa_type=UTCDateTime)


class ProposalStatus(StrEnum):
    DRAFT = "draft"  # in a round's preview, not sent
    OPEN = "open"  # sent: waiting for both answers
    ACCEPTED = "accepted"  # both accepted: the pairing started
    DECLINED = "declined"  # one of them declined
    EXPIRED = "expired"  # not both answered in time
    DROPPED = "dropped"  # no longer valid when HR sent the round (or when both had accepted)


_OPEN_PROPOSAL = text("status = 'open'")


class MatchRound(SQLModel, table=True):
    """A matching round an HR admin previewed (`/mentor admin match`); sent once (`sent_at`), by one click."""

    __tablename__ = "match_round"

    id: int | None = Field(default=None, primary_key=True)
    area: str = Field(default="", max_length=60)  # "" for every area
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    total_score: float = Field(default=0.0)
    greedy_score: float = Field(default=0.0)


class RoundProposal(SQLModel, table=True):
    """A pair a round proposes: both must accept. A person is in at most one open proposal (a partial unique index
    per side), so two rounds sent at once never propose the same person twice."""

    __tablename__ = "round_proposal"
    __table_args__ = (
        Index(
            "uq_round_proposal_open_mentee",
            "mentee_id",
            unique=True,
            sqlite_where=_OPEN_PROPOSAL,
            postgresql_where=_OPEN_PROPOSAL,
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="match_round.id", ondelete="CASCADE", index=True)
    mentee_id: str = Field(max_length=32, index=True)
    mentor_id: str = Field(max_length=32, index=True)
    score: float = Field(default=0.0)
    reasons: str = Field(default="[]", sa_type=Text)  # JSON: the reasons as phrases (keys and values), as HR saw them
    mentee_answer: str = Field(default="", max_length=12)  # "", accepted or declined
    mentor_answer: str = Field(default="", max_length=12)
    status: str = Field(default=ProposalStatus.DRAFT.value, max_length=12)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    request_id: int | None = Field(default=None, index=True)  # the accepted request the pairing started from
