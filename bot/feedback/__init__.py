"""Anonymous feedback: giving it (giving.py, over the pure rules in rules.py)."""
