"""Exceptions of the graph package and the located problem record they carry.

Validation never stops at the first problem: it collects :class:`Problem` records and
raises one :class:`DatasetError` whose message lists them all, one per line, as
``file:line: entry: field: message``. Problems that share a ``code`` (one kind of
import warning, found on many rows) are listed once per code: the count, the first
locations and what the importer does about them (:func:`grouped_lines`).
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
    # The kind of problem when many rows may share it (an import warning's code).
    code: str | None = None

    @property
    def where(self) -> str:
        """``file:line`` (or ``file entry``): the short location used in grouped reports."""
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return f"{self.file} {self.entry}" if self.entry else self.file

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


def grouped_lines(
    problems: list[Problem] | tuple[Problem, ...],
    titles: dict[str, tuple[str, str]] | None = None,
    first: int = 3,
) -> list[str]:
    """One line per problem without a code, one line per code for the rest (in first-seen order).

    A code's line: the count and the first ``first`` locations, with ``titles[code]``
    (what was found, what was done) or else the code and the first problem's message.

    >>> ps = [Problem(file="e.tsv", line=n, message="padded", code="short_row") for n in (2, 3, 5, 9)]
    >>> grouped_lines([Problem(file="n.tsv", message="unreadable"), *ps])
    ['n.tsv: unreadable', 'short_row: 4 (e.tsv:2, e.tsv:3, e.tsv:5, ...): padded']
    """
    out: list[str | list[Problem]] = []
    groups: dict[str, list[Problem]] = {}
    for p in problems:
        if p.code is None:
            out.append(str(p))
        elif p.code in groups:
            groups[p.code].append(p)
        else:
            groups[p.code] = [p]
            out.append(groups[p.code])
    lines = []
    for item in out:
        if isinstance(item, str):
            lines.append(item)
            continue
        head = item[0]
        places = ", ".join(p.where for p in item[:first]) + (", ..." if len(item) > first else "")
        title, action = (titles or {}).get(head.code, (head.code, head.message))
        lines.append(f"{title}: {len(item)} ({places}): {action}")
    return lines


class DatasetError(GraphError):
    """A dataset (files, upload or mapping) failed validation; holds every problem found.

    Problems with a ``code`` are listed grouped (:func:`grouped_lines`); ``titles`` names
    the codes.
    """

    def __init__(
        self,
        problems: list[Problem] | tuple[Problem, ...],
        titles: dict[str, tuple[str, str]] | None = None,
    ):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        super().__init__("\n".join([head, *(f"  {line}" for line in grouped_lines(self.problems, titles))]))


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
