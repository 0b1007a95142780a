"""What "warmest" means: the path objective, named and swappable.

The search minimises a sum of non-negative edge costs. An :class:`Objective`
says how a hop's strength (a tie, or the last hop into a company) becomes
that cost, and how a path's total cost reads back as its score. The default,
``"likely_intro"``, is the most likely introduction: cost ``-log(strength)``,
so the cheapest path is the one whose product of strengths (its
probability) is highest.

``"job_mobility"`` ranks by the expected job-mobility value of an
introduction. Rajkumar, Saint-Jacques, Bojinov, Brynjolfsson and Aral, "A
causal test of the strength of weak ties", *Science* 377 (2022) 1304-1310,
ran randomised variations of LinkedIn's "People You May Know" over 20
million people and 2 billion new ties (2015-2019) and measured which new
ties later carried a job move (a "job transmission": the person took a job
at the contact's employer). Tie strength was measured two ways: the number
of mutual connections (structural) and interaction intensity (messages).
Job transmission was an inverted U over strength: moderately weak ties (by
mutual connections) and the weakest ties (by interaction intensity) led to
the most job mobility, the strongest ties to the least. Our strength is an
interaction-based chance that the person acts on a request, so the value of
a hop is that chance times a bell over strength (:func:`job_mobility_value`,
peak 0.3, width 0.2): a tie too weak to act gives nothing however novel its
information, a very close tie (the paper's strongest) little. The product
peaks at strength 0.4. Every person-person hop is priced this way (the
paper measured the job seeker's own tie: 1-hop paths are exactly that case;
on longer paths each link's weak-tie value multiplies, a modelling choice);
the hop into the company keeps its plain probability (a current employee
can refer you whatever the tie). The score is the product of the hop
values, an expected value, not a probability.

Objectives are looked up by name in a registry: :func:`register_objective`
adds one, :func:`get_objective` finds one (an unknown name is an
:class:`~netgraph.InputError` listing the known ones), :func:`objectives`
lists them. The path index is built for one objective
(``PathIndex.build(..., objective=...)``); a query for another builds that
objective's costs once and keeps them in the index's memo.

Examples
--------
>>> import numpy as np
>>> from netgraph.routing.objectives import Objective, get_objective, objectives
>>> likely = get_objective("likely_intro")
>>> likely.edge_costs(np.array([0.5, 0.25])).round(4).tolist()
[0.6931, 1.3863]
>>> float(likely.score(likely.edge_costs(np.array([0.5, 0.5])).sum()))
0.25
>>> "likely_intro" in objectives()
True
>>> get_objective("shortest")
Traceback (most recent call last):
...
netgraph.errors.InputError: no objective named 'shortest'. Expected one of: likely_intro... Hint: ...
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from netgraph.errors import InputError

__all__ = [
    "DEFAULT_OBJECTIVE",
    "JOB_MOBILITY",
    "Objective",
    "get_objective",
    "job_mobility_value",
    "objectives",
    "register_objective",
]

#: The objective used when none is named: the most likely introduction.
DEFAULT_OBJECTIVE = "likely_intro"


@dataclass(frozen=True)
class Objective:
    """A path objective: hop strengths to additive costs, and total cost back to a score.

    Parameters
    ----------
    name : str
        The name it is registered and asked for by.
    description : str
        One line saying what the best path is under this objective.
    cost : callable
        Vectorised: an array of hop strengths in (0, 1] (tie strengths and
        person-company strengths alike) to an array of non-negative,
        finite-or-inf additive costs of the same shape. The search finds the
        paths of least total cost.
    score : callable
        Vectorised: an array of total path costs to scores (higher is
        better; 0 for an infinite cost).
    is_probability : bool, default False
        True when ``score(total cost)`` is the path's probability (the
        product of its strengths); results then rank by that exact product.
    link_cost : callable, optional
        The cost of the last hop into a company (a person-company strength),
        when it differs from *cost* (default: *cost*).

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.routing.objectives import Objective
    >>> hops = Objective("fewest_hops", "fewest hops", lambda s: np.ones_like(s),
    ...                  lambda c: 1.0 / (1.0 + c))
    >>> hops.path_score([0.9, 0.2])
    0.3333333333333333
    """

    name: str
    description: str
    cost: Callable[[np.ndarray], np.ndarray]
    score: Callable[[np.ndarray], np.ndarray]
    is_probability: bool = False
    link_cost: Callable[[np.ndarray], np.ndarray] | None = None

    def link_costs(self, strength: np.ndarray) -> np.ndarray:
        """Costs of hops into a company (*link_cost*, else :meth:`edge_costs`)."""
        if self.link_cost is None:
            return self.edge_costs(strength)
        return Objective(self.name, self.description, self.link_cost, self.score
                         ).edge_costs(strength)

    def edge_costs(self, strength: np.ndarray) -> np.ndarray:
        """Costs (float64) of hops of the given strengths, checked to be non-negative.

        Raises
        ------
        InputError
            The objective's cost function gave a negative or NaN cost, or an
            array of another shape.
        """
        s = np.asarray(strength, dtype=np.float64)
        with np.errstate(divide="ignore"):
            c = np.asarray(self.cost(s), dtype=np.float64)
        if c.shape != s.shape:
            raise InputError(f"objective {self.name!r} gave {c.shape} costs for {s.shape} "
                             "strengths", expected="one cost per strength")
        bad = ~(c >= 0)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"objective {self.name!r} gave cost {c.flat[i]!r} for strength "
                             f"{s.flat[i]!r}", expected="non-negative costs",
                             hint="The search adds costs along a path; they must be >= 0.")
        return c

    def path_score(self, strengths: Sequence[float], link: float | None = None) -> float:
        """The score of one path from its hop strengths (exact: the product of the
        strengths when the objective is a probability); *link* is the strength of
        the hop into a company, when *strengths* leave it out."""
        if self.is_probability:
            return math.prod(float(s) for s in strengths) * (1.0 if link is None else link)
        total = self.edge_costs(np.asarray(list(strengths), dtype=np.float64)).sum()
        if link is not None:
            total += self.link_costs(np.asarray([link], dtype=np.float64)).sum()
        return float(self.score(np.asarray(total)))


def _neg_log(strength: np.ndarray) -> np.ndarray:
    return -np.log(strength)


def _exp_neg(cost: np.ndarray) -> np.ndarray:
    return np.exp(-np.asarray(cost, dtype=np.float64))


_REGISTRY: dict[str, Objective] = {}


def register_objective(objective: Objective, *, replace: bool = False) -> Objective:
    """Make *objective* available by its name (to ``warm_paths(..., objective=name)``).

    Parameters
    ----------
    objective : Objective
    replace : bool, default False
        Replace another objective registered under the same name.

    Returns
    -------
    Objective
        The objective, registered.

    Raises
    ------
    InputError
        Not an :class:`Objective`, or its name is taken (and not *replace*).

    Examples
    --------
    >>> import numpy as np
    >>> from netgraph.routing.objectives import Objective, register_objective
    >>> flat = Objective("flat_doc", "every hop costs 1", np.ones_like, lambda c: -c)
    >>> register_objective(flat).name
    'flat_doc'
    >>> register_objective(Objective("flat_doc", "other", np.ones_like, lambda c: -c))
    Traceback (most recent call last):
    ...
    netgraph.errors.InputError: an objective named 'flat_doc' is already registered. Hint: ...
    """
    if not isinstance(objective, Objective):
        raise InputError(f"{objective!r} is not an Objective",
                         expected="netgraph.routing.Objective(name, description, cost, score)")
    if not isinstance(objective.name, str) or not objective.name:
        raise InputError(f"objective name {objective.name!r} is not a name")
    old = _REGISTRY.get(objective.name)
    if old is not None and old is not objective and not replace:
        raise InputError(f"an objective named {objective.name!r} is already registered",
                         hint="Pass replace=True to replace it, or choose another name.")
    _REGISTRY[objective.name] = objective
    return objective


def get_objective(objective: str | Objective | None = None) -> Objective:
    """The objective of a name (an :class:`Objective` is returned as is; None: the default).

    Raises
    ------
    InputError
        No objective of that name (the known ones are listed).

    Examples
    --------
    >>> from netgraph.routing.objectives import get_objective
    >>> get_objective().name
    'likely_intro'
    """
    if objective is None:
        objective = DEFAULT_OBJECTIVE
    if isinstance(objective, Objective):
        return objective
    found = _REGISTRY.get(objective) if isinstance(objective, str) else None
    if found is None:
        raise InputError(f"no objective named {objective!r}",
                         expected="one of: " + ", ".join(_REGISTRY),
                         hint="Register it first with netgraph.routing.register_objective.")
    return found


def objectives() -> dict[str, Objective]:
    """The registered objectives by name (a copy), in registration order.

    Examples
    --------
    >>> from netgraph.routing.objectives import objectives
    >>> objectives()["likely_intro"].description
    'most likely introduction: the product of the hop strengths is highest'
    """
    return dict(_REGISTRY)


register_objective(Objective(
    DEFAULT_OBJECTIVE,
    "most likely introduction: the product of the hop strengths is highest",
    _neg_log, _exp_neg, is_probability=True))


# ---------------------------------------------------------------- weak ties and new jobs
#: Name of the weak-ties objective.
JOB_MOBILITY = "job_mobility"
#: Tie strength at which the weak-tie bonus is highest (the centre of the bell).
JOB_MOBILITY_PEAK = 0.3
#: Width (standard deviation) of the bell over tie strength.
JOB_MOBILITY_WIDTH = 0.2


def job_mobility_value(strength: np.ndarray, peak: float = JOB_MOBILITY_PEAK,
                       width: float = JOB_MOBILITY_WIDTH) -> np.ndarray:
    """Expected job-mobility value of asking along a tie of the given strength.

    ``value(s) = s * exp(-(s - peak)^2 / (2 width^2))``: the chance the
    person acts (*s*, our strength) times how much a tie of that strength
    helps a job move (a bell over strength, after Rajkumar et al. 2022).
    With the defaults (peak 0.3, width 0.2) the value is highest at
    ``s* = (peak + sqrt(peak^2 + 4 width^2)) / 2 = 0.4``, a moderately weak
    tie on our scale (the "developing" tier starts at 0.3), and falls fast
    for close ties (0.9 is worth 0.01) and slowly for cold ones.

    Examples
    --------
    >>> import numpy as np
    >>> job_mobility_value(np.array([0.1, 0.4, 0.9])).round(3).tolist()
    [0.061, 0.353, 0.01]
    """
    s = np.asarray(strength, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return s * np.exp(-((s - peak) ** 2) / (2.0 * width ** 2))


def _job_mobility_cost(strength: np.ndarray) -> np.ndarray:
    # -log(value): -log(s) + (s - peak)^2 / (2 w^2) >= 0 for s in (0, 1]
    s = np.asarray(strength, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return -np.log(s) + (s - JOB_MOBILITY_PEAK) ** 2 / (2.0 * JOB_MOBILITY_WIDTH ** 2)


register_objective(Objective(
    JOB_MOBILITY,
    "most likely to lead to a new job: moderately weak ties first (Rajkumar et al. 2022)",
    _job_mobility_cost, _exp_neg, is_probability=False, link_cost=_neg_log))
