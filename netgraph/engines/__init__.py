"""Compute engines: the columnar scans over the interactions (pandas is the reference).

An engine (:class:`~netgraph.engines.base.Engine`) prepares per-tie evidence, scores ties
at a date and computes person-to-company links. Engines are looked up by name in a small
registry: ``"pandas"`` (:class:`~netgraph.engines.pandas.PandasEngine`, the reference),
``"duckdb"`` (:class:`~netgraph.engines.duckdb.DuckDBEngine`, ``pip install
'netgraph[duckdb]'``) and ``"spark"`` (:class:`~netgraph.engines.spark.SparkEngine`,
``pip install 'netgraph[spark]'``) are registered by default; adding one (DuckDB, Spark, ...) is one module with an :class:`Engine` subclass and
one :func:`register_engine` call. Engine modules are imported only when an engine is first
asked for, so ``import netgraph.engines`` stays light.

Examples
--------
>>> from netgraph.engines import available_engines, get_engine
>>> available_engines()
('duckdb', 'pandas', 'spark')
>>> get_engine("pandas")
PandasEngine(name='pandas')
>>> get_engine("polars")
Traceback (most recent call last):
...
netgraph.errors.InputError: unknown engine 'polars'. Expected one of: 'duckdb', 'pandas', 'spark'. Hint: ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from netgraph.engines.base import Engine
from netgraph.errors import InputError

__all__ = ["Engine", "available_engines", "get_engine", "register_engine",
           "unregister_engine"]

#: name -> zero-argument callable returning an Engine
_FACTORIES: dict[str, Callable[..., Engine]] = {}


def _pandas_engine() -> Engine:
    from netgraph.engines.pandas import PandasEngine

    return PandasEngine()


def register_engine(name: str, factory: Callable[..., Engine], *, replace: bool = False
                    ) -> None:
    """Make an engine available to :func:`get_engine` under *name*.

    Parameters
    ----------
    name : str
        The engine's name (``"duckdb"``); the factory's engines should carry it as
        :attr:`Engine.name`.
    factory : callable
        Called with no arguments by each :func:`get_engine`; returns an :class:`Engine`.
        An :class:`Engine` subclass itself is a factory. Import heavy dependencies
        inside it (or inside the engine's module), not at registration.
    replace : bool, default False
        Allow replacing an engine already registered under *name*.

    Raises
    ------
    InputError
        If *name* is empty or taken (and not *replace*), or *factory* is not callable.

    Examples
    --------
    >>> from netgraph.engines import get_engine, register_engine, unregister_engine
    >>> from netgraph.engines.pandas import PandasEngine
    >>> class Mine(PandasEngine):
    ...     name = "mine"
    >>> register_engine("mine", Mine)
    >>> get_engine("mine")
    Mine(name='mine')
    >>> unregister_engine("mine")
    """
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"an engine name must be a non-empty string, got {name!r}")
    if not callable(factory):
        raise InputError(f"the factory of engine {name!r} is not callable",
                         expected="a callable returning an Engine (such as its class)")
    if name in _FACTORIES and not replace:
        raise InputError(f"an engine named {name!r} is already registered",
                         hint="Pass replace=True to replace it, or pick another name.")
    _FACTORIES[name] = factory


def unregister_engine(name: str) -> None:
    """Remove the engine registered under *name* (no error if there is none).

    Examples
    --------
    >>> from netgraph.engines import available_engines, unregister_engine
    >>> unregister_engine("not-registered")
    >>> available_engines()
    ('duckdb', 'pandas', 'spark')
    """
    _FACTORIES.pop(name, None)


def available_engines() -> tuple[str, ...]:
    """Names of the registered engines, sorted.

    Examples
    --------
    >>> from netgraph.engines import available_engines
    >>> "pandas" in available_engines()
    True
    """
    return tuple(sorted(_FACTORIES))


def get_engine(name: str | Engine = "pandas", **options: Any) -> Engine:
    """The engine registered under *name* (an :class:`Engine` is returned as it is).

    Parameters
    ----------
    name : str or Engine, default "pandas"
    **options
        Passed to the engine's factory (``memory_limit="4GB"`` for DuckDB, say).

    Returns
    -------
    Engine
        A new engine from the registered factory.

    Raises
    ------
    InputError
        If no engine is registered under *name* (the message lists the known ones), or
        the factory does not return an :class:`Engine`.

    Examples
    --------
    >>> from netgraph.engines import get_engine
    >>> get_engine().name
    'pandas'
    >>> engine = get_engine("pandas")
    >>> get_engine(engine) is engine
    True
    """
    if isinstance(name, Engine):
        if options:
            raise InputError("engine options go with an engine name, not an engine object",
                             hint="Configure the engine object itself, e.g. "
                                  "DuckDBEngine(memory_limit='4GB').")
        return name
    factory = _FACTORIES.get(name) if isinstance(name, str) else None
    if factory is None:
        known = ", ".join(repr(n) for n in available_engines())
        raise InputError(f"unknown engine {name!r}", expected=f"one of: {known}",
                         hint="Register a new engine first with "
                              "netgraph.engines.register_engine(name, factory).",
                         cli_hint=f"Choose one of: {known}.")
    try:
        engine = factory(**options)
    except TypeError as e:
        if not options:
            raise
        raise InputError(f"engine {name!r} does not take these options: {sorted(options)}",
                         hint=str(e)) from None
    if not isinstance(engine, Engine):
        raise InputError(f"the factory of engine {name!r} returned "
                         f"{type(engine).__name__}, not an Engine",
                         expected="an instance of a netgraph.engines.base.Engine subclass")
    return engine


def _duckdb_engine(**options: Any) -> Engine:
    from netgraph.engines.duckdb import DuckDBEngine, import_duckdb

    import_duckdb()
    return DuckDBEngine(**options)


def _spark_engine(**options: Any) -> Engine:
    from netgraph.engines.spark import SparkEngine, import_pyspark

    import_pyspark()
    return SparkEngine(**options)


register_engine("pandas", _pandas_engine)
register_engine("duckdb", _duckdb_engine)
register_engine("spark", _spark_engine)
