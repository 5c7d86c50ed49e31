"""Synonyms: what people write, read as concepts, so "presenteren" meets "public speaking" (EN and NL)."""
