"""Warm introduction paths: the path index, target resolution, search and results."""
