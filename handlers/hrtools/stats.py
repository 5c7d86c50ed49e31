"""`/mentor admin stats`: the figures of the last weekly digest, privately and at once, in the caller's language.

They are the figures kept when the digest was posted, rendered by the digest's own blocks. Before the first
digest, the figures are read now, and the answer says so.
"""

from __future__ import annotations

from handlers.blocks.common import context
from handlers.digest.blocks import digest_blocks, digest_text
from handlers.invocation import Invocation


def show_stats(invocation: Invocation) -> None:
    services, t = invocation.services, invocation.t
    digest = services.digest.last_posted()
    if digest is None:
        digest, note = services.digest.preview(), t("admin.stats.now")
    else:
        note = t("admin.stats.kept", week=digest.week)
    blocks = [context(note).to_dict(), *digest_blocks(digest, t, feedback=False)]
    invocation.reply(digest_text(digest, t), blocks)
