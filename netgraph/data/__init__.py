"""Canonical tables: their schema, person and company identity, and pure merges.

``schema`` declares every table once, ``identity`` keys people and companies and
resolves a query to one person, ``merge`` holds the :class:`Tables` container
and the pure functions that fold imported rows into it.
"""
