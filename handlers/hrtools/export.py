"""`/mentor admin export`: answered at once; the CSV files are built and sent by DM through the outbox
(handlers/hrtools/deliveries.py). The HR check is the caller's (handlers/admin)."""

from __future__ import annotations

from handlers.invocation import Invocation


def ask_export(invocation: Invocation) -> None:
    queued = invocation.services.hrtools.ask_export(invocation.user_id)
    invocation.reply(invocation.t("admin.export.queued" if queued else "admin.export.already"))
