"""Node-link JSON (networkx's layout) with the full nested evidence: lossless.

The file is what ``networkx.node_link_data`` writes for a multigraph (``directed``,
``multigraph``, ``graph``, ``nodes``, ``edges`` with ``source``/``target``/``key``), so
``networkx.node_link_graph(json.load(f))`` opens it too. Each node holds the fields of
``nodes.yaml``; each edge holds its predicate and its evidence items as in ``edges.yaml``,
plus the derived attributes (confidence, best evidence, ...) for readers that want them;
``graph`` holds the dataset's name, version, description and source register.

Reading validates everything through :func:`graph.validate.validate_raw`; derived
attributes are recomputed, never trusted.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> data = node_link_data(G)
>>> data["edges"][0]["predicate"], data["edges"][0]["evidence"][0]["type"]
('contains', 'review')
>>> H = node_link_graph(data)
>>> list(H.edges(keys=True, data="evidence")) == list(G.edges(keys=True, data="evidence"))
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.build import build_graph
from graph.errors import DatasetError, Problem
from graph.formats import typed
from graph.formats.files import data_suffix, load_json, where
from graph.formats.limits import DEFAULT_LIMITS, Limits, is_text, text_head, without_bom
from graph.formats.records import (
    dataset_record,
    evidence_record,
    excerpt_documents,
    exported,
    node_record,
    source_record,
)
from graph.formats.report import Imported, counted
from graph.model import Dataset
from graph.query import Selection
from graph.validate import validate_raw

FORMAT = "kratom-mechanism-explorer/node-link"
FORMAT_VERSION = 1
EDGE_FIELDS = ("source", "target", "key", "predicate", "evidence")
DERIVED_EDGE_FIELDS = (
    "id",
    "evidence_types",
    "species",
    "citations",
    "best_evidence",
    "contested",
    "negated_only",
    "claim_only",
    "confidence",
)
_EDGE_KEYS = frozenset(EDGE_FIELDS + DERIVED_EDGE_FIELDS)


def node_link_data(G: nx.MultiDiGraph, selection: Selection | None = None) -> dict[str, Any]:
    """A JSON-ready mapping of ``G`` (or a selection of it) in node-link form."""
    part = exported(G, selection)
    graph = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **dataset_record(G),
        "sources": [source_record(s) for s in part.sources],
    }
    documents = G.graph.get("documents")
    if documents:
        cited = {s.document for s in part.sources if s.document}
        graph["documents"] = {name: text for name, text in dict(documents).items() if name in cited}
    nodes = []
    for n in part.nodes:
        record = node_record(G, n)
        record["category"] = G.nodes[n]["category"]
        nodes.append(record)
    edges = []
    for u, v, k in part.edges:
        d = G.edges[u, v, k]
        edges.append(
            {
                "source": u,
                "target": v,
                "key": k,
                "predicate": d["predicate"].value,
                "evidence": [evidence_record(ev) for ev in d["evidence"]],
                "id": d["id"],
                "evidence_types": sorted(t.value for t in d["evidence_types"]),
                "species": sorted(s.value for s in d["species"]),
                "citations": list(d["citations"]),
                "best_evidence": d["best_evidence"].value if d["best_evidence"] else None,
                "contested": d["contested"],
                "negated_only": d["negated_only"],
                "claim_only": d["claim_only"],
                "confidence": d["confidence"],
            }
        )
    return {"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}


def generate_node_link(G: nx.MultiDiGraph, selection: Selection | None = None) -> str:
    """The node-link JSON text: UTF-8, two-space indent, same graph -> same text."""
    return json.dumps(node_link_data(G, selection), indent=2, ensure_ascii=False) + "\n"


def node_link_dataset(data: Any, display: str = "node-link JSON") -> Dataset:
    """Validate a node-link mapping into a :class:`~graph.model.Dataset`.

    Raises :class:`~graph.errors.DatasetError` with located problems (``display`` names
    the file) when the mapping is not this format or holds invalid records.
    """

    def fail(message: str, entry: str | None = None) -> DatasetError:
        return DatasetError([Problem(file=display, entry=entry, message=message)])

    if not isinstance(data, dict):
        raise fail("must be a JSON object with graph, nodes and edges")
    graph = data.get("graph")
    if not isinstance(graph, dict):
        raise fail("`graph` must be an object holding name, version and sources")
    if graph.get("format") != FORMAT:
        raise fail(f"`graph.format` must be {FORMAT!r}: not a file this exporter wrote")
    for key in ("nodes", "edges"):
        if not isinstance(data.get(key), list):
            raise fail(f"`{key}` must be a list")
    nodes = []
    for i, item in enumerate(data["nodes"]):
        if not isinstance(item, dict):
            raise fail("must be an object", f"nodes[{i}]")
        # `category` is written for other readers; only a node of kind `other` needs it back.
        nodes.append({k: v for k, v in item.items() if k != "category" or item.get("kind") == "other"})
    edges = []
    for i, item in enumerate(data["edges"]):
        if not isinstance(item, dict):
            raise fail("must be an object", f"edges[{i}]")
        if not item.keys() <= _EDGE_KEYS:
            unknown = sorted(set(item) - _EDGE_KEYS)
            raise fail(f"unknown field(s) {', '.join(unknown)}", f"edges[{i}]")
        if item.get("key") != item.get("predicate"):
            raise fail(
                f"key {item.get('key')!r} differs from predicate {item.get('predicate')!r}", f"edges[{i}]"
            )
        edges.append(
            {
                "subject": item.get("source"),
                "predicate": item.get("predicate"),
                "object": item.get("target"),
                "evidence": item.get("evidence"),
            }
        )
    meta = {k: graph[k] for k in ("name", "version", "description") if k in graph}
    documents = graph.get("documents") or {}
    if not isinstance(documents, dict) or not all(isinstance(v, str) for v in documents.values()):
        raise fail("`graph.documents` must map file names to text")
    raw = {"dataset": meta, "sources": graph.get("sources") or [], "nodes": nodes, "edges": edges}
    documents = excerpt_documents(raw["sources"], edges, documents)
    parts = {"dataset": "graph", "sources": "graph.sources", "nodes": "nodes", "edges": "edges"}
    return validate_raw(raw, documents, files={k: f"{display} ({v})" for k, v in parts.items()})


def node_link_graph(data: Any) -> nx.MultiDiGraph:
    """The built (frozen) graph of a node-link mapping: ``build_graph(node_link_dataset(data))``."""
    return build_graph(node_link_dataset(data))


NAME = "node-link JSON"


SNIFF_CHARS = 4096  # the format is named near the start of the file


def sniff(texts: Mapping[str, str]) -> bool:
    """One JSON file that names this format (``graph.format``) near its start."""
    if data_suffix(texts) != ".json" or len(texts) != 1:
        return False
    return f'"{FORMAT}"' in next(iter(texts.values()))[:SNIFF_CHARS]


def read_clean(
    files: Mapping[str, bytes], *, display: str = "", limits: Limits = DEFAULT_LIMITS
) -> Imported | None:
    """A clean file this project wrote, decoded from its bytes straight into records
    (:func:`graph.formats.typed.node_link_dataset`) before any text is made of it; None for
    any other file, which :func:`read` then reads as text (and locates its problems)."""
    if data_suffix(files) != ".json" or len(files) != 1:
        return None
    ((name, raw),) = files.items()
    raw = without_bom(raw)
    if not sniff({name: text_head(raw, SNIFF_CHARS)}):
        return None
    dataset = typed.node_link_dataset(raw, limits, FORMAT)
    # Bytes that are not text go to the text reader even so (in a field the decoder passed
    # over unread): decode_text says where.
    return None if dataset is None or not is_text(raw) else counted(dataset, NAME)


def read(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """Validate one node-link JSON file (nothing to warn about: the project wrote it)."""
    if len(texts) != 1:
        raise DatasetError([Problem(file=where(display), message="open one JSON graph file at a time")])
    name, text = next(iter(texts.items()))
    at = f"{display}{name}"
    # (A clean file this project wrote was read from its bytes already: read_clean.)
    data = load_json(text, at, limits)
    for key, limit in (("nodes", limits.max_nodes), ("edges", limits.max_edges)):
        items = data.get(key) if isinstance(data, dict) else None
        if isinstance(items, list) and len(items) > limit:
            raise DatasetError(
                [Problem(file=at, field=key, message=f"{len(items):,} {key}; the limit is {limit:,}")]
            )
    return counted(node_link_dataset(data, at), NAME)


def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    return generate_node_link(G, selection).encode("utf-8")
