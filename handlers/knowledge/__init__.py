"""Knowledge sessions in Slack: the dialog, the announcement and its buttons, and what the outbox sends."""
