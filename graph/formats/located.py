"""YAML-shaped mappings built from any file format, each entry carrying where it was read.

Readers of other formats than YAML add every entry with its :class:`Origin` (``edges.csv``
line 14, ``kg.json`` entry ``nodes[3]``); the entry is a :class:`graph.load.LineDict`
holding that origin, so :func:`graph.validate.validate_raw` locates each problem where it
is made, and messages that refer to another part name that part's file
(``not a node id in nodes.csv``). Nothing is patched afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.errors import DatasetError, Problem
from graph.formats.records import excerpt_documents
from graph.formats.report import TITLES, ImportReport, split
from graph.load import LineDict
from graph.model import Dataset
from graph.validate import validate_raw


@dataclass(frozen=True)
class Origin:
    """Where an entry came from: a file and a line (or an entry label such as ``nodes[3]``)."""

    file: str
    line: int | None = None
    entry: str | None = None


@dataclass
class RawDataset:
    """YAML-shaped mappings under construction, with the origin of each entry."""

    dataset: dict[str, Any] = field(default_factory=dict)
    dataset_origin: Origin | None = None
    sources: list[dict] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Display names of the files that held each part, for messages like "not a node id in nodes.csv".
    part_files: dict[str, str] = field(default_factory=dict)
    # Rows read and edge rows imported (see graph.formats.report); None: count the dataset.
    counts: dict[str, int] | None = None
    warnings: tuple[Problem, ...] = ()

    def add(self, part: str, record: dict, origin: Origin) -> int:
        """Append an entry to ``sources``, ``nodes`` or ``edges``; return its index."""
        items = getattr(self, part)
        items.append(located(record, origin))
        self.part_files.setdefault(part, origin.file)
        return len(items) - 1

    def add_evidence(self, edge_index: int, item: Any, origin: Origin) -> None:
        """Add an evidence item (read from the row at ``origin``) to an edge.

        An item read from the very row its edge was read from needs no origin of its own:
        validation locates it at its edge's (the same file, line and message).
        """
        self.extend_evidence(edge_index, (item,), origin)

    def extend_evidence(self, edge_index: int, items: Any, origin: Origin) -> None:
        """:meth:`add_evidence` for each of ``items`` (read from the same row)."""
        edge = self.edges[edge_index]
        evidence = edge.setdefault("evidence", [])
        if (
            origin.entry is None
            and edge.entry is None
            and edge.line == origin.line
            and edge.file == origin.file
        ):
            evidence.extend(items)
        else:
            evidence.extend(located(item, origin) if isinstance(item, dict) else item for item in items)

    def validate(self, strict: bool = False) -> Dataset:
        """Validate through :func:`validate_raw`; raise DatasetError with every located problem.

        Warnings among ``problems`` (see :mod:`graph.formats.report`) do not stop it: they
        end up in ``warnings``; with ``strict`` they are errors.
        """
        dataset = self.dataset
        if self.dataset_origin is not None:
            dataset = located(dataset, self.dataset_origin)
        raw = {"dataset": dataset, "sources": self.sources, "nodes": self.nodes, "edges": self.edges}
        errors, warnings = split(self.problems, strict)
        self.warnings = tuple(warnings)
        # A part no file held (sources gathered from edge rows) is named for what it is.
        files = {
            "dataset": "dataset metadata",
            "sources": "the sources",
            "nodes": "the nodes",
            "edges": "the edges",
        }
        files |= self.part_files
        # A file that quotes a document without carrying it: the quotes stand in for it.
        documents = excerpt_documents(self.sources, self.edges, self.documents)
        try:
            return validate_raw(raw, documents, errors, files=files)
        except DatasetError as exc:
            raise DatasetError(list(dict.fromkeys(exc.problems)), TITLES) from None

    def report(self, dataset: Dataset) -> ImportReport:
        """The counts and warnings of this import, once :meth:`validate` returned ``dataset``."""
        counts = self.counts or {}
        edges = len(dataset.edges)
        return ImportReport(
            nodes_read=counts.get("nodes_read", len(dataset.nodes)),
            nodes=len(dataset.nodes),
            edges_read=counts.get("edges_read", edges),
            edges=counts.get("edges", edges),
            warnings=self.warnings,
        )


def located(record: dict, origin: Origin) -> LineDict:
    """``record`` as a mapping that carries ``origin`` (see :class:`graph.load.LineDict`)."""
    entry = LineDict(record)
    entry.file, entry.line, entry.entry = origin.file, origin.line, origin.entry
    return entry
