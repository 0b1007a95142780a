"""The netgraph exception hierarchy.

Every error netgraph raises on purpose derives from :class:`NetgraphError`, so
``except ng.NetgraphError`` catches them all. Each also derives from the
built-in exception a Python user would expect (``ValueError`` for bad input,
``LookupError`` for an unknown name), so generic handlers keep working.

Examples
--------
>>> import netgraph as ng
>>> try:
...     raise ng.InputError("no usable rows", file="c.csv", line=4,
...                         expected="a 'First Name' column", hint="Export again.")
... except ng.NetgraphError as err:
...     print(err)
c.csv, line 4: no usable rows. Expected a 'First Name' column. Hint: Export again.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

__all__ = ["InputError", "NetgraphError", "NotFoundError", "WorkspaceError"]


class NetgraphError(Exception):
    """Root of every error netgraph raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, in one sentence.
    hint : str, optional
        How to fix it, in a library user's words.
    cli_hint : str, optional
        How to fix it, in a command-line user's words (default: *hint*).
        The ``netgraph`` command prints this one (:meth:`for_cli`).

    Examples
    --------
    >>> from netgraph import NetgraphError
    >>> str(NetgraphError("the workspace is locked", hint="Close the other session."))
    'the workspace is locked Hint: Close the other session.'
    >>> NetgraphError("bad date", hint="Pass at='2026-01-31'.",
    ...               cli_hint="Pass --at 2026-01-31.").for_cli()
    'bad date Hint: Pass --at 2026-01-31.'
    """

    def __init__(self, message: str, *, hint: str | None = None,
                 cli_hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        self.cli_hint = cli_hint
        super().__init__(self._render())

    def _hint_text(self, cli: bool) -> str:
        hint = (self.cli_hint or self.hint) if cli else self.hint
        return f" Hint: {hint}" if hint else ""

    def _render(self, cli: bool = False) -> str:
        return self.message + self._hint_text(cli)

    def for_cli(self) -> str:
        """The message as the ``netgraph`` command prints it (with the CLI hint)."""
        return self._render(cli=True)


class InputError(NetgraphError, ValueError):
    """A file, frame or parameter that netgraph cannot use.

    Parameters
    ----------
    message : str
        What is wrong.
    file : str or path-like, optional
        The file at fault.
    line : int, optional
        The 1-based line of the file at fault, where known.
    expected : str, optional
        What netgraph expected to find there.
    hint : str, optional
        How to fix it.

    Examples
    --------
    >>> from netgraph import InputError
    >>> err = InputError("no header", file="c.csv", line=1, expected="'First Name'")
    >>> isinstance(err, ValueError), err.file, err.line
    (True, 'c.csv', 1)
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | PathLike[str] | None = None,
        line: int | None = None,
        expected: str | None = None,
        hint: str | None = None,
        cli_hint: str | None = None,
    ) -> None:
        self.file = None if file is None else str(file)
        self.line = line
        self.expected = expected
        super().__init__(message, hint=hint, cli_hint=cli_hint)

    def _render(self, cli: bool = False) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f", line {self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        text = where + self.message.rstrip(".") + "."
        if self.expected:
            text += f" Expected {self.expected.rstrip('.')}."
        return text + self._hint_text(cli)


class NotFoundError(NetgraphError, LookupError):
    """A person or company name that the network does not know.

    Parameters
    ----------
    message : str
        What was not found.
    suggestions : sequence of str, optional
        The closest known names, best first.
    hint : str, optional
        How to fix it.

    Examples
    --------
    >>> from netgraph import NotFoundError
    >>> str(NotFoundError("nobody named 'Grace Hoper'", suggestions=["Grace Hopper"]))
    "nobody named 'Grace Hoper'. Did you mean: 'Grace Hopper'?"
    """

    def __init__(
        self, message: str, *, suggestions: Sequence[str] = (), hint: str | None = None,
        cli_hint: str | None = None,
    ) -> None:
        self.suggestions = list(suggestions)
        super().__init__(message, hint=hint, cli_hint=cli_hint)

    def _render(self, cli: bool = False) -> str:
        text = self.message.rstrip(".") + "."
        if self.suggestions:
            text += " Did you mean: " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return text + self._hint_text(cli)

    def __str__(self) -> str:  # LookupError/KeyError would quote the message
        return self._render()


class WorkspaceError(NetgraphError, OSError):
    """A saved network (SQLite workspace file) that cannot be read or written.

    Examples
    --------
    >>> import netgraph as ng
    >>> try:
    ...     ng.Network.load("/nonexistent/net.db")
    ... except ng.WorkspaceError as err:
    ...     print(type(err).__name__, isinstance(err, OSError))
    WorkspaceError True
    """
