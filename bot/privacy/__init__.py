"""People's own data: an export of everything stored about them, and their erasure (GDPR articles 15, 17, 20)."""
