"""The pandas engine: the reference implementation of :class:`~netgraph.engines.base.Engine`.

It delegates to the scoring package (:func:`netgraph.scoring.prepare`,
:func:`netgraph.scoring.score`) and to :func:`netgraph.scoring.company_ties.company_links`; its
state is a :class:`netgraph.scoring.Prepared`. Other engines are checked against it.

Examples
--------
>>> import pandas as pd
>>> from netgraph.data import schema
>>> from netgraph.engines.pandas import PandasEngine
>>> ids = ["in:a", "in:b"]
>>> people = pd.DataFrame({"person_id": ids})
>>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties", ids)
>>> engine = PandasEngine()
>>> state = engine.prepare(people, ties)
>>> engine.score(state, None, "2026-01-01")[["a", "b", "strength", "tier"]]
      a     b  strength  tier
0  in:a  in:b  0.030054  cold
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from netgraph.engines.base import Engine
from netgraph.scoring import Prepared, StrengthModel, prepare, score

if TYPE_CHECKING:
    from netgraph.scoring.company_ties import CompanyTieModel

__all__ = ["PandasEngine"]


class PandasEngine(Engine):
    """Columnar work with numpy and pandas, in memory (the default engine, ``"pandas"``).

    Examples
    --------
    >>> from netgraph.engines.pandas import PandasEngine
    >>> PandasEngine()
    PandasEngine(name='pandas')
    """

    name = "pandas"

    def prepare(self, people: pd.DataFrame | None, ties: pd.DataFrame,
                interactions: pd.DataFrame | None = None,
                affiliations: pd.DataFrame | None = None,
                overrides: pd.DataFrame | None = None) -> Prepared:
        """:func:`netgraph.scoring.prepare` of the tables (see :meth:`Engine.prepare`)."""
        ids = None if people is None else people["person_id"]
        return prepare(ties, interactions, affiliations, overrides, people=ids)

    def score(self, state: Prepared, model: StrengthModel | None, at: Any, *,
              ties: Sequence[int] | np.ndarray | None = None,
              forecast: bool = False) -> pd.DataFrame:
        """:func:`netgraph.scoring.score` (see :meth:`Engine.score`); ``model=None`` is
        the default :class:`~netgraph.scoring.StrengthModel`."""
        return score(state, model, at, ties=ties, forecast=forecast)

    def tie_evidence(self, state: Prepared, model: StrengthModel | None, at: Any,
                     ties: Sequence[int] | np.ndarray | None = None) -> pd.DataFrame:
        """Per-tie evidence from the Prepared arrays (see :meth:`Engine.tie_evidence`).

        Examples
        --------
        >>> import pandas as pd
        >>> from netgraph.data import schema
        >>> from netgraph.engines.pandas import PandasEngine
        >>> ties = schema.conform(pd.DataFrame({"a": ["in:a"], "b": ["in:b"]}), "ties")
        >>> engine = PandasEngine()
        >>> engine.tie_evidence(engine.prepare(None, ties), None, "2026-01-01").n_events
        0    0.0
        Name: n_events, dtype: float64
        """
        from netgraph._time import to_days
        from netgraph.scoring.evidence import tie_evidence

        model = StrengthModel() if model is None else model
        rows = None if ties is None else np.asarray(ties, dtype="int64").ravel()
        if rows is not None and len(rows) and (rows.min() < 0 or rows.max() >= state.n_ties):
            from netgraph.errors import InputError

            raise InputError("tie rows out of range",
                             expected=f"positions 0..{state.n_ties - 1} of the ties table")
        return tie_evidence(state, model, to_days(at), rows)

    def company_links(self, affiliations: pd.DataFrame,
                      company_model: CompanyTieModel | None, at: Any) -> pd.DataFrame:
        """:func:`netgraph.scoring.company_ties.company_links` (see :meth:`Engine.company_links`)."""
        from netgraph.scoring.company_ties import company_links

        return company_links(affiliations, model=company_model, at=at)
