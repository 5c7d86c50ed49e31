"""Retention: private texts deleted once their time is up (check-in notes, decline reasons), run by the tick."""
