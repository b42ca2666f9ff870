"""The project's CSV format: nodes, edges/evidence, sources and dataset tables, one row per record.

For curators who keep their data in a spreadsheet. Files are recognised by name:

- ``nodes.csv``: ``id, label, kind`` (required) and ``synonyms, xrefs, description,
  id_note, subunits, id_source``; list cells are joined with ``|``. Instead of ``kind``, a Biolink ``category``
  column is read through :mod:`graph.formats.biolink`.
- ``evidence.csv`` (or ``edges.csv``): one row per evidence item: ``subject, predicate,
  object, type, source, text`` (required) and ``quote, species, assay, values, negated,
  verification, note, directness, relevance``; ``values`` is a JSON list as in ``edges.yaml``
  (``[{"parameter": "Ki", "value": 7.2, "unit": "nM"}]``); flags are ``true``/``false``.
  Rows with the same (subject, predicate, object) are one edge. An ``edges.csv`` with only
  ``subject, predicate, object`` lists edges; each still needs evidence rows.
- ``sources.csv``: the columns of ``sources.yaml``.
- ``dataset.csv``: one row with ``name, version, description`` (optional).

Every problem names the file, the line and the column; unknown columns are reported,
like unknown fields in YAML. Comma-separated; a ``.tsv`` file is not read as this format
(KGX TSV is).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

import networkx as nx

from graph.errors import Problem
from graph.formats.biolink import kind_for_categories
from graph.formats.files import DOCUMENT_SUFFIXES, data_suffix, fail, file_role, where, zip_texts
from graph.formats.limits import DEFAULT_LIMITS, Limits, check_json_depth
from graph.formats.located import Origin, RawDataset
from graph.formats.records import (
    dataset_record,
    evidence_record,
    exported,
    node_record,
    source_record,
)
from graph.formats.report import Imported
from graph.formats.tabular import read_table
from graph.model import SOURCE_FIELDS, Evidence, record_fields
from graph.query import Selection

NODE_COLUMNS = (
    "id",
    "label",
    "kind",
    "category",
    "synonyms",
    "xrefs",
    "description",
    "id_note",
    "subunits",
    "id_source",
)
EDGE_KEY = ("subject", "predicate", "object")
MAX_NAMED_COLUMNS = 20  # unknown columns named one by one; the rest are counted
# One column per field of an evidence item, in the record's own order.
EVIDENCE_COLUMNS = record_fields(Evidence)
SOURCE_COLUMNS = SOURCE_FIELDS
DATASET_COLUMNS = ("name", "version", "description")
ROLES = {
    "nodes": (NODE_COLUMNS, ("id", "label")),
    "edges": ((*EDGE_KEY, *EVIDENCE_COLUMNS), EDGE_KEY),
    "evidence": ((*EDGE_KEY, *EVIDENCE_COLUMNS), (*EDGE_KEY, "type", "source", "text")),
    "sources": (SOURCE_COLUMNS, ("id", "citation", "verification")),
    "dataset": (DATASET_COLUMNS, ("name", "version")),
}
_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def parse_csv(text: str, file: str, role: str) -> tuple[list[tuple[dict[str, str], int]], list[Problem]]:
    """Rows of one table as ``(cells, line)``; header checked against the role's columns."""
    allowed, required = ROLES[role]
    header, table_rows, problems = read_table(text, file, kind="CSV")
    if header is None:
        if problems[0].message.startswith("empty file"):
            hint = f"empty file: a header row is required ({', '.join(required)})"
            problems = [Problem(file=file, line=1, message=hint)]
        return [], problems
    for col in sorted(h for h, n in Counter(header).items() if n > 1):
        problems.append(Problem(file=file, line=1, field=col, message="column named twice in the header"))
    unknown = [col for col in header if col not in allowed]
    for col in unknown[:MAX_NAMED_COLUMNS]:
        problems.append(
            Problem(
                file=file,
                line=1,
                field=col or "(empty)",
                message=f"unknown column; allowed: {', '.join(allowed)}",
            )
        )
    if len(unknown) > MAX_NAMED_COLUMNS:  # a hostile header: one line, not a million
        problems.append(
            Problem(
                file=file,
                line=1,
                message=f"{len(unknown) - MAX_NAMED_COLUMNS:,} more unknown columns",
            )
        )
    missing = [c for c in required if c not in header]
    if role == "nodes" and "kind" not in header and "category" not in header:
        missing.append("kind")
    for col in missing:
        problems.append(Problem(file=file, line=1, field=col, message="required column is missing"))
    if problems:
        return [], problems
    rows = []
    for row, start in table_rows:
        rows.append(({h: c.strip() for h, c in zip(header, row, strict=True) if c.strip()}, start))
    return rows, problems


def _flag(value: str) -> Any:
    # An unknown spelling stays text, so validate_raw reports "must be true or false".
    return _FLAGS.get(value.lower(), value)


def csv_raw(tables: dict[str, list[tuple[str, str]]], limits: Limits = DEFAULT_LIMITS) -> RawDataset:
    """YAML-shaped mappings from CSV tables ``{role: [(file name, text), ...]}``."""
    raw = RawDataset()
    parsed: dict[str, list[tuple[dict, Origin]]] = {role: [] for role in ROLES}
    for role, files in tables.items():
        for name, text in files:
            rows, problems = parse_csv(text, name, role)
            raw.problems += problems
            parsed[role] += [(cells, Origin(name, line)) for cells, line in rows]
            raw.part_files.setdefault("edges" if role in ("edges", "evidence") else role, name)
    meta = parsed["dataset"]
    if meta:
        raw.dataset = dict(meta[0][0])
        raw.dataset_origin = meta[0][1]
        for _, origin in meta[1:]:
            raw.problems.append(
                Problem(file=origin.file, line=origin.line, message="dataset.csv holds one row")
            )
    else:
        raw.dataset = {"name": "Imported CSV dataset", "version": "imported"}

    if len(parsed["nodes"]) > limits.max_nodes:
        raw.problems.append(
            Problem(
                file=raw.part_files["nodes"],
                message=f"{len(parsed['nodes']):,} node rows; the limit is {limits.max_nodes:,}",
            )
        )
        return raw
    evidence_rows = parsed["edges"] + parsed["evidence"]
    if len(evidence_rows) > limits.max_edges * 10:
        raw.problems.append(
            Problem(
                file=raw.part_files["edges"],
                message=f"{len(evidence_rows):,} evidence rows; the limit is {limits.max_edges * 10:,}",
            )
        )
        return raw

    for cells, origin in parsed["sources"]:
        raw.add("sources", dict(cells), origin)

    for cells, origin in parsed["nodes"]:
        record: dict[str, Any] = {
            k: v for k, v in cells.items() if k != "category" or cells.get("kind") == "other"
        }
        for key in ("synonyms", "xrefs", "subunits"):
            if key in record:
                record[key] = [v.strip() for v in record[key].split("|") if v.strip()]
        if "kind" not in record and "category" in cells:
            found = kind_for_categories(cells["category"].split("|"))
            if found is None:
                raw.problems.append(
                    Problem(
                        file=origin.file,
                        line=origin.line,
                        entry=f"node {cells.get('id')!r}",
                        field="category",
                        message="empty: give a Biolink category or a `kind`",
                    )
                )
                continue
            record["kind"] = found[0].value
            if found[0].value == "other":
                record["category"] = found[1]
        raw.add("nodes", record, origin)

    edges: dict[tuple, int] = {}
    for cells, origin in evidence_rows:
        key = tuple(cells.get(k) for k in EDGE_KEY)
        if key not in edges:
            edges[key] = raw.add(
                "edges", {k: cells[k] for k in EDGE_KEY if k in cells} | {"evidence": []}, origin
            )
        item: dict[str, Any] = {k: cells[k] for k in EVIDENCE_COLUMNS if k in cells}
        if not item:
            continue  # an edges.csv row that only lists the edge
        for flag in ("quote", "negated"):
            if flag in item:
                item[flag] = _flag(item[flag])
        if "values" in item:
            # A broken cell is reported once; the item stays (without values) so its edge
            # is not also reported as having no evidence.
            cell = item.pop("values")
            deep = check_json_depth(cell, origin.file, limits, origin.line)
            if deep:
                raw.problems += deep
            else:
                try:
                    item["values"] = json.loads(cell)
                except (json.JSONDecodeError, RecursionError) as exc:
                    raw.problems.append(
                        Problem(
                            file=origin.file,
                            line=origin.line,
                            field="values",
                            message=f"not a JSON list of values: {getattr(exc, 'msg', exc)}",
                        )
                    )
        raw.add_evidence(edges[key], item, origin)
    return raw


def _cells(record: dict[str, Any], columns: tuple[str, ...]) -> list[str]:
    row = []
    for c in columns:
        v = record.get(c)
        if v is None:
            row.append("")
        elif isinstance(v, bool):
            row.append("true" if v else "false")
        elif isinstance(v, (list, tuple)) and c == "values":
            row.append(json.dumps(v, ensure_ascii=False))
        elif isinstance(v, (list, tuple)):
            row.append("|".join(v))
        else:
            row.append(str(v))
    return row


def _table(columns: tuple[str, ...], records: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for r in records:
        writer.writerow(_cells(r, columns))
    return buf.getvalue()


def generate_csv_tables(G: nx.MultiDiGraph, selection: Selection | None = None) -> dict[str, str]:
    """The graph (or a selection) as the tables :func:`read` reads.

    A template for spreadsheet curators; lossless except for synonyms or cross-references
    containing ``|``.

    >>> from graph import build_graph, load_dataset
    >>> tables = generate_csv_tables(build_graph(load_dataset("tests/fixtures/tiny")))
    >>> sorted(tables), tables["nodes.csv"].splitlines()[1]
    (['dataset.csv', 'evidence.csv', 'nodes.csv', 'sources.csv'], 'TEST:plant,Leafy plant,plant,,leafy,,,,,')
    """
    part = exported(G, selection)
    evidence = [
        {"subject": u, "predicate": k, "object": v, **evidence_record(ev)}
        for u, v, k in part.edges
        for ev in G.edges[u, v, k]["evidence"]
    ]
    return {
        "dataset.csv": _table(DATASET_COLUMNS, [dataset_record(G)]),
        "sources.csv": _table(SOURCE_COLUMNS, [source_record(s) for s in part.sources]),
        "nodes.csv": _table(NODE_COLUMNS, [node_record(G, n) for n in part.nodes]),
        "evidence.csv": _table((*EDGE_KEY, *EVIDENCE_COLUMNS), evidence),
    }


NAME = "project CSV"


def sniff(texts: Mapping[str, str]) -> bool:
    return data_suffix(texts) == ".csv"


def read(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """The tables, recognised by name (``nodes.csv``, ``evidence.csv`` ...), and documents beside them."""
    tables: dict[str, list[tuple[str, str]]] = {}
    documents: dict[str, str] = {}
    problems = []
    for name, text in texts.items():
        if name.lower().endswith(DOCUMENT_SUFFIXES):
            documents[PurePosixPath(name).name] = text  # documents that `document` sources name
            continue
        if not name.lower().endswith(".csv"):
            problems.append(Problem(file=f"{display}{name}", message="a CSV dataset holds .csv files only"))
            continue
        role = file_role(name)
        if role is None:
            problems.append(
                Problem(
                    file=f"{display}{name}",
                    message="cannot tell what this table holds: name it nodes.csv, evidence.csv, edges.csv, sources.csv or dataset.csv",
                )
            )
            continue
        tables.setdefault(role, []).append((f"{display}{name}", text))
    if "nodes" not in tables:
        problems.append(Problem(file=where(display), message="no nodes.csv among the files"))
    if "edges" not in tables and "evidence" not in tables:
        problems.append(Problem(file=where(display), message="no evidence.csv or edges.csv among the files"))
    fail(problems)
    raw = csv_raw(tables, limits)
    raw.documents = documents
    dataset = raw.validate(strict)
    return Imported(dataset, NAME, raw.report(dataset))


def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    """A zip of :func:`generate_csv_tables`."""
    return zip_texts(generate_csv_tables(G, selection))
