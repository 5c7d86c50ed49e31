"""The HR digest's Slack side."""
