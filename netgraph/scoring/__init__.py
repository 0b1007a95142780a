"""Tie strength: the model, the per-tie evidence, scores at a date, history and explanations."""
