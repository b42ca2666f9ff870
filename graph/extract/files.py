"""The node and edge files of an extraction: where they are, their format, their columns.

Checked before any engine starts, so a wrong path, a missing column or a file that is not
gzip although it says so is a clear :class:`~graph.errors.ExtractError` in a second, not
a stack trace from the engine minutes later. Only the first lines are read here; the
engines read the files in place.

Formats: KGX TSV (a header row; ``|`` joins list values) and KGX JSON Lines (one object a
line), each plain or gzipped (``.tsv``, ``.tsv.gz``, ``.jsonl``, ``.jsonl.gz``).

>>> within("/srv/graphs", "/srv/graphs/kg2/edges.tsv")
True
>>> within("/srv/graphs", "/srv/graphs/../etc/passwd")
False
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from graph.errors import ExtractError, Problem

REQUIRED = {"nodes": ("id",), "edges": ("subject", "predicate", "object")}
SUFFIXES = (".tsv", ".tsv.gz", ".jsonl", ".jsonl.gz")
SNIFF_LINES = 1000  # JSON Lines have no header: the first lines must name the columns
EXTRA = "_extra"  # a column past the header's last: set only on rows with too many fields


def within(base: str | Path, path: str | Path) -> bool:
    """True if ``path`` (resolved, symlinks followed) is ``base`` or inside it."""
    root = Path(base).resolve()
    target = (root / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    return target == root or root in target.parents


@dataclass(frozen=True, kw_only=True)
class GraphFile:
    """One KGX file: resolved path, format (``tsv`` or ``jsonl``), gzip or not, its columns."""

    path: Path
    role: str  # "nodes" or "edges"
    fmt: str
    gz: bool
    columns: tuple[str, ...]

    @property
    def display(self) -> str:
        return self.path.name


@dataclass(frozen=True, kw_only=True)
class GraphFiles:
    nodes: GraphFile
    edges: GraphFile


def _format(path: Path) -> tuple[str, bool] | None:
    name = path.name.lower()
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix.split(".")[1], suffix.endswith(".gz")
    return None


def _first_lines(path: Path, gz: bool, count: int) -> list[str]:
    raw = path.open("rb")
    stream = gzip.GzipFile(fileobj=raw) if gz else raw
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    try:
        lines = []
        for line in text:
            lines.append(line.rstrip("\r\n"))
            if len(lines) >= count:
                break
        return lines
    finally:
        text.close()


def inspect(path: str | Path, role: str, allowed: str | Path | None = None) -> GraphFile:
    """Check one file and read its columns; raise ExtractError naming the file and the problem."""
    given = str(path)
    if allowed is not None and not within(allowed, path):
        raise ExtractError(
            [Problem(file=given, message=f"outside the directory extraction may read ({allowed})")]
        )
    resolved = (Path(allowed) / path if allowed is not None else Path(path)).resolve()
    if not resolved.is_file():
        raise ExtractError([Problem(file=given, message="no such file")])
    kind = _format(resolved)
    if kind is None:
        raise ExtractError(
            [Problem(file=given, message=f"not a KGX file this reads; expected one of {', '.join(SUFFIXES)}")]
        )
    fmt, gz = kind
    try:
        lines = _first_lines(resolved, gz, 1 if fmt == "tsv" else SNIFF_LINES)
    except (OSError, EOFError, zlib.error) as exc:
        problem = f"not a readable gzip file ({exc})" if gz else f"cannot read: {exc}"
        raise ExtractError([Problem(file=given, message=problem)]) from None
    if fmt == "tsv":
        if not lines or not lines[0].strip():
            raise ExtractError(
                [Problem(file=given, line=1, message="empty: a KGX TSV starts with a header row")]
            )
        columns = tuple(c.strip().lstrip("\ufeff") for c in lines[0].split("\t"))
        dupes = sorted({c for c in columns if columns.count(c) > 1 or not c})
        if dupes:
            raise ExtractError(
                [Problem(file=given, line=1, message=f"header names a column twice or not at all: {dupes}")]
            )
    else:
        seen: dict[str, None] = {}
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                seen.update(dict.fromkeys(record))
        columns = tuple(seen)
    missing = [c for c in REQUIRED[role] if c not in columns]
    if missing:
        where = "the header" if fmt == "tsv" else f"the first {SNIFF_LINES} lines"
        raise ExtractError(
            [
                Problem(
                    file=given,
                    line=1 if fmt == "tsv" else None,
                    message=f"a KGX {role} file needs column(s) {', '.join(REQUIRED[role])}; "
                    f"missing from {where}: {', '.join(missing)}",
                )
            ]
        )
    return GraphFile(path=resolved, role=role, fmt=fmt, gz=gz, columns=columns)


def inspect_pair(nodes: str | Path, edges: str | Path, allowed: str | Path | None = None) -> GraphFiles:
    """Both files checked; every problem of both reported together."""
    found: dict[str, GraphFile] = {}
    problems: list[Problem] = []
    for role, path in (("nodes", nodes), ("edges", edges)):
        try:
            found[role] = inspect(path, role, allowed)
        except ExtractError as exc:
            problems += exc.problems
    if problems:
        raise ExtractError(problems)
    return GraphFiles(nodes=found["nodes"], edges=found["edges"])
