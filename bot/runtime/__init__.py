"""The runtime: how the bot starts, serves Slack, runs its background work and stops."""
