"""Delivery: the outbox, its dispatcher, the Slack Web API client and the vocabulary of letters."""
