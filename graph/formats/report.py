"""What an import did: counts read and imported, and its warnings grouped by kind.

Only what makes a graph unbuildable stops an import (a node without an id, an edge without
subject or object, an unreadable file, a limit exceeded). Everything else imports with a
warning of one of the kinds in :data:`WARNING_KINDS`, each saying what was found and what
the importer did about it. With ``strict=True`` the same warnings are errors.

The report reads ``imported N of M nodes, K of L edges; W warnings``: M counts the node
rows (or entries) read and N the nodes imported (repeated rows of one id merge into one
node); L counts the edge rows read and K those imported (rows stating the same triple
become evidence items of one edge). Then one line per kind of warning: its count, its
first three locations and what was done.

>>> from graph.errors import Problem
>>> w = [Problem(file="e.tsv", line=n, message="x", code="short_row") for n in range(2, 1002)]
>>> r = ImportReport(nodes_read=3, nodes=3, edges_read=1000, edges=1000, warnings=tuple(w))
>>> print("\\n".join(r.lines()))
imported 3 of 3 nodes, 1000 of 1000 edges; 1000 warnings
  rows with fewer cells than the header: 1000 (e.tsv:2, e.tsv:3, e.tsv:4, ...): padded with empty cells
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.errors import DatasetError, Problem, grouped_lines
from graph.model import Dataset


@dataclass(frozen=True)
class WarningKind:
    """A kind of import warning: what was found, and what the importer did about it."""

    code: str
    found: str
    action: str


WARNING_KINDS: dict[str, WarningKind] = {
    k.code: k
    for k in (
        WarningKind("short_row", "rows with fewer cells than the header", "padded with empty cells"),
        WarningKind("extra_cells", "rows with more cells than the header", "the extra cells left out"),
        WarningKind(
            "category_other",
            "categories with no project node kind",
            "imported as kind `other`, keeping the Biolink category given",
        ),
        WarningKind("no_category", "nodes without a category", "imported as kind `other`"),
        WarningKind(
            "predicate_generalised",
            "predicates with no project equivalent",
            "read as the nearest broader predicate (else related_to); the evidence names the original",
        ),
        WarningKind(
            "edge_label", "edges giving their predicate as `edge_label` (KGX 1.x)", "read as the predicate"
        ),
        WarningKind("predicate_missing", "edges without a predicate", "read as related_to"),
        WarningKind(
            "qualifiers_ignored",
            "qualifiers with no project equivalent",
            "kept in the evidence note",
        ),
        WarningKind(
            "endpoint_missing",
            "edges whose subject or object is not a node of the file",
            "edge left out (no node is made up)",
        ),
        WarningKind(
            "self_loop", "edges from a node to itself", "edge left out (the graph has no such edges)"
        ),
        WarningKind("node_repeated", "node rows repeating an id", "merged into one node, lists united"),
        WarningKind(
            "node_conflict",
            "repeated node rows that disagree",
            "first value kept (another name becomes a synonym)",
        ),
        WarningKind(
            "no_provenance",
            "edges without publications or a knowledge source",
            "cited as the imported file itself",
        ),
        WarningKind(
            "source_not_curie",
            "knowledge sources or publications that are not CURIEs",
            "kept as given, cited without a link",
        ),
        WarningKind(
            "xref_not_curie", "cross-references that are not CURIEs", "left out of the cross-references"
        ),
        WarningKind("id_not_curie", "node ids that are not CURIEs", "given the prefix `local:`"),
        WarningKind(
            "undirected",
            "edges of an undirected graph",
            "read from the end the file lists first to the other",
        ),
    )
}
TITLES = {code: (k.found, k.action) for code, k in WARNING_KINDS.items()}


def is_warning(problem: Problem) -> bool:
    return problem.code in WARNING_KINDS


def split(problems: list[Problem], strict: bool = False) -> tuple[list[Problem], list[Problem]]:
    """``(errors, warnings)``; with ``strict`` every warning is an error too."""
    warnings = [p for p in problems if is_warning(p)]
    if strict:
        return list(problems), []
    return [p for p in problems if not is_warning(p)], warnings


def fail(problems: list[Problem]) -> None:
    """Raise one DatasetError (warnings among the problems grouped by kind) if there are any."""
    if problems:
        raise DatasetError(problems, TITLES)


@dataclass(frozen=True)
class ImportReport:
    """Counts of one import and its warnings (see the module docstring for what they count)."""

    nodes_read: int
    nodes: int
    edges_read: int
    edges: int
    warnings: tuple[Problem, ...] = ()

    @property
    def summary(self) -> str:
        w = len(self.warnings)
        return (
            f"imported {self.nodes} of {self.nodes_read} nodes, {self.edges} of {self.edges_read} edges; "
            f"{w} warning{'s' if w != 1 else ''}"
        )

    def lines(self) -> list[str]:
        """The summary, then one line per kind of warning."""
        return [self.summary, *(f"  {line}" for line in grouped_lines(self.warnings, TITLES))]


@dataclass(frozen=True)
class Imported:
    """A validated dataset, the format it was read from, the report of the import, and the
    layout the file gave its nodes, if it gave every node one."""

    dataset: Dataset
    format: str
    report: ImportReport
    # The layout the file drew its network with (Gephi, Cytoscape, yEd), node id -> (x, y),
    # y growing downwards as on a screen; empty unless the file placed every node.
    positions: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.report.warnings


def counted(dataset: Dataset, fmt: str) -> Imported:
    """An import with nothing to report but its counts (formats the project writes itself)."""
    n, e = len(dataset.nodes), len(dataset.edges)
    return Imported(dataset, fmt, ImportReport(nodes_read=n, nodes=n, edges_read=e, edges=e))
