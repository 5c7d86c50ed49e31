"""The HR digest's Slack side: its blocks (and the sender that posts them)."""
