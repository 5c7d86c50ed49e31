"""HR's tools: the programme's tables as CSV files for HR, and acting on stalled pairings kindly."""
