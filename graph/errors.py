"""Exceptions of the graph package and the located problem record they carry.

Validation never stops at the first problem: it collects :class:`Problem` records and
raises one :class:`DatasetError` whose message lists them all, one per line, as
``file:line: entry: field: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    file: str
    message: str
    line: int | None = None
    entry: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class GraphError(Exception):
    """Base class of every error this package raises on purpose."""


class DatasetError(GraphError):
    """A dataset (files, upload or mapping) failed validation; holds every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class UnknownNodeError(GraphError, KeyError):
    """A node was asked for by an id or label that the graph does not hold."""

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()):
        self.query = query
        self.suggestions = suggestions
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no node with id or label {query!r}{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


class ExtractError(DatasetError):
    """Extraction from a large KGX graph could not run: bad files, columns, seeds or paths."""
