"""The engine interface: the three columnar jobs a compute engine does for a network.

A :class:`~netgraph.Network` hands its tables to an engine and gets frames back; nothing
else about the engine leaks out. An engine

1. **prepares** the per-tie evidence once per version of the tables
   (:meth:`Engine.prepare`; the result is the engine's own, opaque *state*),
2. **scores** every tie (or some tie rows) at a date from that state
   (:meth:`Engine.score`: the frame of :func:`netgraph.scoring.score`), and
3. computes the **person-to-company links** at a date (:meth:`Engine.company_links`:
   the frame of :func:`netgraph.scoring.company_ties.company_links`), and
4. aggregates the **per-tie evidence** at a date (:meth:`Engine.tie_evidence`: counts,
   first and last contact, weighted volume by who reached out, exponentially decayed
   recent volume, channels used), the heavy part of any strength formula.

The pandas engine (:class:`netgraph.engines.pandas.PandasEngine`) is the reference: another
engine (DuckDB, Spark, ...) is one module with a subclass of :class:`Engine` whose frames
equal the reference's, plus one :func:`netgraph.engines.register_engine` call.

Examples
--------
>>> from netgraph.engines.base import Engine
>>> sorted(Engine.__abstractmethods__)
['company_links', 'prepare', 'score', 'tie_evidence']
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # only for annotations: keep `import netgraph.engines` light
    import numpy as np
    import pandas as pd

    from netgraph.scoring import StrengthModel
    from netgraph.scoring.company_ties import CompanyTieModel

__all__ = ["Engine"]


class Engine(ABC):
    """Base class of compute engines (see :mod:`netgraph.engines.base`).

    Subclasses implement the three methods below and set :attr:`name`. Engines hold no
    data of their own between calls: everything a score needs is in the *state* that
    :meth:`prepare` returned, so one engine object can serve many networks.

    Attributes
    ----------
    name : str
        Short name, as registered (``"pandas"``).

    Examples
    --------
    >>> from netgraph.engines import get_engine
    >>> from netgraph.engines.base import Engine
    >>> engine = get_engine("pandas")
    >>> isinstance(engine, Engine), engine.name
    (True, 'pandas')
    """

    name: ClassVar[str] = ""

    @abstractmethod
    def prepare(self, people: pd.DataFrame | None, ties: pd.DataFrame,
                interactions: pd.DataFrame | None = None,
                affiliations: pd.DataFrame | None = None,
                overrides: pd.DataFrame | None = None) -> Any:
        """Prepare the model-independent per-tie evidence of the canonical tables.

        Parameters
        ----------
        people : pandas.DataFrame or None
            The ``people`` table: its ``person_id`` column, in order, defines the person
            codes. ``None``: the people named by *ties*.
        ties : pandas.DataFrame
            The ``ties`` table; scores have one row per tie row, in this order.
        interactions, affiliations, overrides : pandas.DataFrame, optional
            The canonical tables of those names (:mod:`netgraph.data.schema`).

        Returns
        -------
        object
            Engine-specific state, passed back unchanged to :meth:`score`. Callers cache
            it until the tables change and never look inside.
        """

    @abstractmethod
    def score(self, state: Any, model: StrengthModel, at: Any, *,
              ties: Sequence[int] | np.ndarray | None = None,
              forecast: bool = False) -> pd.DataFrame:
        """Strength of every tie (or the tie rows *ties*) at *at*, with its evidence.

        Parameters
        ----------
        state : object
            What :meth:`prepare` of this engine returned.
        model : StrengthModel
        at : timestamp-like
            When to evaluate (``None``: now; naive dates are UTC).
        ties : sequence of int, optional
            Tie rows to score; default all, in order.
        forecast : bool, default False
            Add the ``peak``, ``next_tier_on`` and ``goes_cold_on`` columns.

        Returns
        -------
        pandas.DataFrame
            Exactly the frame :func:`netgraph.scoring.score` returns (same index,
            columns, dtypes and values).
        """

    @abstractmethod
    def company_links(self, affiliations: pd.DataFrame, company_model: CompanyTieModel,
                      at: Any) -> pd.DataFrame:
        """Person-to-company strengths at *at*: the last hop of every warm path.

        Parameters
        ----------
        affiliations : pandas.DataFrame
            The ``affiliations`` table.
        company_model : CompanyTieModel
        at : timestamp-like

        Returns
        -------
        pandas.DataFrame
            Exactly the frame :func:`netgraph.scoring.company_ties.company_links` returns.
        """

    @abstractmethod
    def tie_evidence(self, state: Any, model: StrengthModel | None, at: Any,
                     ties: Sequence[int] | np.ndarray | None = None) -> pd.DataFrame:
        """Per-tie evidence at *at*: the sufficient statistics of the interactions.

        Over each tie's interactions with a time <= *at* (a contact after *at* changes
        nothing), with ``w = weight[channel] * (max(participants, 2) - 1) **
        -group_exponent`` (participants clipped to 2..255) and times in float days since
        the epoch.

        Parameters
        ----------
        state : object
            What :meth:`prepare` of this engine returned.
        model : StrengthModel or None
            Its ``weights``, ``group_exponent`` and ``recent_days`` are read.
        at : timestamp-like
        ties : sequence of int, optional
            Tie rows (in this order); default all.

        Returns
        -------
        pandas.DataFrame
            One row per tie row (RangeIndex), every column float64 (the frame of
            :func:`netgraph.scoring.evidence.tie_evidence`): ``n_events``, ``first_day``,
            ``last_day`` (NaN when none), ``volume`` (sum of w), ``w_a``, ``w_b``,
            ``w_both`` (the volume started by side *a*, by side *b*, or two-way /
            unknown, meetings and calls), ``recent_0``, ``recent_1``, ... (sum of
            ``w * exp(-(at - t) / tau_k)`` for each ``tau_k`` of ``recent_days``),
            ``channels_mask`` (bit *i* set when channel ``CHANNELS[i]`` was used).
        """

    def local_prepared(self, state: Any, rows: Sequence[int] | np.ndarray | None = None
                       ) -> Any:
        """A pandas :class:`~netgraph.scoring.Prepared` holding (at least) the
        interactions of tie *rows* (default all), for the one-tie views (history,
        explanations) that run on pandas whatever the engine.

        The pandas engine's state already is one; other engines fetch the rows' events.
        """
        return state

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"
