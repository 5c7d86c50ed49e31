"""The check-in rhythm: the pure scheduling rules, the planner, and what people answer."""
