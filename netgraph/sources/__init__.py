"""Data sources: files in, normalised frames and an :class:`ImportReport` out.

Each source is one module, named for the data it reads: ``linkedin`` (the
LinkedIn export), ``contacts``, ``history`` (job history) and
``interactions`` (interaction logs). Each declares itself once with
:func:`~netgraph.sources.registry.register_source`; ``Network.import_source``,
the ``Network.import_*`` methods and ``netgraph import KIND`` find it there.
``csvfile`` holds the shared CSV reading helpers (and the one rule of
job-history dates), ``importers`` merges read frames into the network's
tables, and ``report`` the import report.
"""
