"""HR's tools on the digest's figures: `/mentor admin stats`, `export` and `stalled` (the HR check is the caller's)."""
