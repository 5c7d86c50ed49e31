"""How the weekly HR digest reaches HR_CHANNEL: rendered when it goes out, posted, then its chart shared.

Two calls show something, and each is made at most once (bot/delivery/outbox.py):

1. Everything is rendered first (figures, blocks, the chart's PNG and its alt text): a failure there leaves
   nothing half-posted, and the row is tried again.
2. The digest is posted (`chat.postMessage`). No answer or a 5xx: the row is unknown and nothing more is
   made (no chart under a digest that may not be there, and never a second digest). Posted: recorded on the
   row (`posted`), and the weekly digest's figures kept for next week's.
3. The chart is shared in the channel (bot.delivery.files.share_file: an upload URL and the bytes, which are
   repeatable, then `files.completeUploadExternal`, shown once). A row put back after step 2 (a 429, a process
   that died) resumes here and never posts the digest again.

`not_in_channel` or `channel_not_found` on either visible step: the HR admins are told by DM once per digest,
and the row waits and tries again (a refused call shows nobody anything) until the bot is invited.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.delivery.files import CHANNEL_REFUSALS, FileToShare, share_file
from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job, RefusedError
from bot.digest.chart import chart_alt_text, chart_png, chart_title
from bot.digest.kinds import DIGEST, DIGESTS, DigestAbout
from bot.i18n import Translator, language_for_locale
from bot.services import Services
from handlers.blocks.common import as_dicts, context, mention
from handlers.digest.blocks import digest_blocks, digest_text

log = logging.getLogger(__name__)

POSTED = "posted"  # the row's progress: the digest's message is in the channel (its ts)


class DigestSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def digest(self, job: Job) -> Mapping[str, Any]:
        about = DIGESTS.read(job.subject)
        channel = self._services.settings.hr_channel
        if not channel:
            raise job.skip("HR_CHANNEL is not set")
        service = self._services.digest
        ready = service.to_send(about)
        t = self.reader_translator()
        text = digest_text(ready.digest, t)
        blocks = digest_blocks(ready.digest, t, late_since=ready.late_since) + asked_by_blocks(t, about)
        alt_text = chart_alt_text(ready.digest, t)
        chart = FileToShare(
            filename=f"mentorbot-digest-{about.week}.png",
            title=chart_title(ready.digest, t),
            content=chart_png(ready.digest, t),
            alt_text=alt_text,
            comment=alt_text,  # the message the chart comes with says what it shows, for anyone who can't see it
        )
        if not job.progress.get(POSTED):
            try:
                data = job.call("chat.postMessage", channel=channel, text=text, blocks=blocks)
            except RefusedError as e:
                raise self._refused(job, about, e) from None
            job.record(**{POSTED: str(data.get("ts") or "")})
            service.posted(about, ready.digest)
        try:
            share_file(job, channel, chart)
        except RefusedError as e:
            raise self._refused(job, about, e) from None
        return {"channel": channel, "ts": job.progress.get(POSTED)}

    def reader_translator(self) -> Translator:
        """The first HR admin's language; English without HR admins."""
        people, reader = self._services.people, self._services.digest.reader
        return people.translator_for(reader) if reader else people.translator_in(language_for_locale(None))

    def _refused(self, job: Job, about: DigestAbout, refusal: RefusedError) -> Exception:
        """Slack refusing the channel itself defers the row (the HR admins told once); any other refusal stands."""
        if not (refusal.by_slack and refusal.error in CHANNEL_REFUSALS):  # the post's, or the share's
            return refusal
        log.info("outbox row %s (%s): HR_CHANNEL refused (%s); the digest waits", job.row_id, DIGEST, refusal.error)
        return job.defer(self._services.digest.channel_refused(job.row_id, about.week, refusal.error))


def asked_by_blocks(t: Translator, about: DigestAbout) -> list[dict[str, Any]]:
    """A digest an HR admin posted now says who asked for it, so the channel can tell it from the weekly one."""
    if about.weekly:
        return []
    return as_dicts([context(t("digest.asked_by", who=mention(about.asked_by)))])


def senders(services: Services) -> dict[str, Sender]:
    return {DIGEST: DigestSenders(services).digest}
