"""The mentor pool: a per-process copy of every open mentor as numpy arrays, scored for many mentees at once."""
