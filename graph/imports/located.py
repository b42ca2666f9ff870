"""Build YAML-shaped mappings from any file format, validate them, and point problems at the real files.

:func:`graph.validate.validate_raw` names the project's files (``edges.yaml``) and the
``line`` each mapping carries. Importers give every entry a synthetic line (its index
in the combined list) and remember where it really came from (``edges.csv:14``,
``evidence.csv:3``); :meth:`RawDataset.validate` maps each problem back, so a message
names the file and line the user has to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graph.errors import DatasetError, Problem
from graph.imports.report import TITLES, ImportReport, split
from graph.load import LineDict
from graph.model import Dataset
from graph.validate import validate_raw


@dataclass(frozen=True)
class Origin:
    """Where an entry came from: a file and a line (or an entry label such as ``nodes[3]``)."""

    file: str
    line: int | None = None
    entry: str | None = None


_PART = {"sources.yaml": "sources", "nodes.yaml": "nodes", "edges.yaml": "edges", "dataset.yaml": "dataset"}
_EDGE_INDEX = re.compile(r"^edge #(\d+)")
_EVIDENCE_INDEX = re.compile(r" evidence #(\d+)$")


@dataclass
class RawDataset:
    """YAML-shaped mappings under construction, with the origin of each entry."""

    dataset: dict[str, Any] = field(default_factory=dict)
    dataset_origin: Origin | None = None
    sources: list[dict] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)
    origins: dict[str, list[Origin]] = field(
        default_factory=lambda: {"sources": [], "nodes": [], "edges": []}
    )
    evidence_origins: dict[tuple[int, int], Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Display names of the files that held each part, for messages like "not a node id in nodes.csv".
    part_files: dict[str, str] = field(default_factory=dict)
    # Rows read and edge rows imported (see graph.imports.report); None: count the dataset.
    counts: dict[str, int] | None = None
    warnings: tuple[Problem, ...] = ()

    def add(self, part: str, record: dict, origin: Origin) -> int:
        """Append an entry to ``sources``, ``nodes`` or ``edges``; return its index."""
        items = getattr(self, part)
        entry = LineDict(record)
        entry.line = len(items) + 1
        items.append(entry)
        self.origins[part].append(origin)
        self.part_files.setdefault(part, origin.file)
        return len(items) - 1

    def add_evidence(self, edge_index: int, item: dict, origin: Origin) -> None:
        evidence = self.edges[edge_index].setdefault("evidence", [])
        self.evidence_origins[(edge_index, len(evidence))] = origin
        evidence.append(item)

    def validate(self, strict: bool = False) -> Dataset:
        """Validate through :func:`validate_raw`; raise DatasetError with relocated problems.

        Warnings among ``problems`` (see :mod:`graph.imports.report`) do not stop it: they
        end up in ``warnings``; with ``strict`` they are errors.
        """
        raw = {"dataset": self.dataset, "sources": self.sources, "nodes": self.nodes, "edges": self.edges}
        errors, self.warnings = split(self.problems, strict)
        self.warnings = tuple(self.warnings)
        try:
            return validate_raw(raw, self.documents, errors)
        except DatasetError as exc:
            relocated = [self._relocate(p) for p in exc.problems]
            raise DatasetError(list(dict.fromkeys(relocated)), TITLES) from None

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

    def _relocate(self, p: Problem) -> Problem:
        part = _PART.get(p.file)
        if part is None:
            return p
        message = p.message
        for yaml_name, name in _PART.items():
            if f"in {yaml_name}" in message and name in self.part_files:
                message = message.replace(f"in {yaml_name}", f"in {self.part_files[name]}")
        if part == "dataset":
            o = self.dataset_origin or Origin(self.part_files.get("dataset", "dataset metadata"))
            return Problem(file=o.file, line=o.line, entry=p.entry, field=p.field, message=message)
        origins = self.origins[part]
        origin = origins[p.line - 1] if p.line is not None and 0 < p.line <= len(origins) else None
        entry = p.entry
        if part == "edges" and entry:
            m_edge, m_ev = _EDGE_INDEX.match(entry), _EVIDENCE_INDEX.search(entry)
            if m_edge and m_ev:
                ev_origin = self.evidence_origins.get((int(m_edge.group(1)) - 1, int(m_ev.group(1)) - 1))
                origin = ev_origin or origin
        if origin is None:
            return Problem(
                file=self.part_files.get(part, p.file), entry=entry, field=p.field, message=message
            )
        if origin.entry and entry:
            entry = f"{origin.entry}: {entry}"
        return Problem(
            file=origin.file,
            line=origin.line,
            entry=entry or origin.entry,
            field=p.field,
            message=message,
            code=p.code,
        )
