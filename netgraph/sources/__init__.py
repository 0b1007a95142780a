"""Data sources: files in, normalised frames and an :class:`ImportReport` out.

Each source is one module (LinkedIn export, contacts, job history, interaction
logs, ...). ``csvfile`` holds the shared CSV reading helpers and ``report`` the
import report.
"""
