"""Feedback's Slack side: `/mentor feedback` and the buttons that open its dialog, the dialog's answer, and the
HR follow-up's DM."""
