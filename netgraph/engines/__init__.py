"""Compute engines: the columnar scans over the interactions (pandas is the reference)."""
