"""Plain records shared by the exporters and readers: what to export, and model <-> mapping.

Writers turn graph attributes back into mappings shaped like the YAML files of
``data/SCHEMA.md`` (so one vocabulary describes the data everywhere); readers hand such
mappings to :func:`graph.validate.validate_raw`, so an imported file is validated at the
boundary exactly like a dataset directory.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> part = exported(G)
>>> len(part.nodes), len(part.edges), [s.id for s in part.sources]
(5, 6, ['P1', 'P2', 'R1', 'DOC'])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.model import SOURCE_FIELDS, Evidence, Source, Value
from graph.query import EdgeId, Selection
from graph.vocab import Directness, EvidenceType, Relevance


@dataclass(frozen=True)
class Exported:
    """The part of a graph an exporter writes: node ids, edge ids and cited sources, in graph order."""

    nodes: tuple[str, ...]
    edges: tuple[EdgeId, ...]
    sources: tuple[Source, ...]


def exported(G: nx.MultiDiGraph, selection: Selection | None = None) -> Exported:
    """What to write for ``G`` or a selection of it.

    The whole graph keeps every source of the register (also those no edge cites), so
    the export is lossless; a selection keeps only the sources its edges cite.
    """
    register: dict[str, Source] = G.graph.get("sources") or {}
    if selection is None:
        return Exported(tuple(G.nodes), tuple(G.edges(keys=True)), tuple(register.values()))
    chosen = selection.nodes
    edges = tuple(selection.edges)
    cited = {sid for e in edges for sid in G.edges[e]["citations"]}
    return Exported(
        tuple(n for n in G.nodes if n in chosen),
        edges,
        tuple(s for sid, s in register.items() if sid in cited),
    )


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def source_record(source: Source) -> dict[str, Any]:
    """A source as the mapping ``sources.yaml`` holds."""
    record = {f: getattr(source, f) for f in SOURCE_FIELDS}
    record["verification"] = source.verification.value
    return _drop_none(record)


def value_record(value: Value) -> dict[str, Any]:
    return _drop_none(
        {
            "parameter": value.parameter,
            "value": value.value,
            "low": value.low,
            "high": value.high,
            "unit": value.unit,
            "qualifier": value.qualifier,
            "context": value.context,
        }
    )


def evidence_record(ev: Evidence) -> dict[str, Any]:
    """An evidence item as the mapping ``edges.yaml`` holds (defaults written out)."""
    return _drop_none(
        {
            "type": ev.type.value,
            "source": ev.source,
            "text": ev.text,
            "quote": ev.quote,
            "species": ev.species.value if ev.species else None,
            "assay": ev.assay,
            "values": [value_record(v) for v in ev.values] if ev.values else None,
            "negated": ev.negated,
            "verification": ev.verification.value if ev.verification else None,
            "note": ev.note,
            # Written when not the default, so records of older data stay as they were.
            "directness": ev.directness.value if ev.directness is not _DEFAULT_DIRECTNESS[ev.type] else None,
            "relevance": ev.relevance.value if ev.relevance is not Relevance.FINDING else None,
            "restates": ev.restates,
        }
    )


_DEFAULT_DIRECTNESS = {
    t: Directness.PREDICTION if t is EvidenceType.IN_SILICO else Directness.DIRECT for t in EvidenceType
}


def node_record(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    """A node as the mapping ``nodes.yaml`` holds."""
    d = G.nodes[n]
    return _drop_none(
        {
            "id": n,
            "label": d["label"],
            "kind": d["kind"].value,
            "synonyms": list(d.get("synonyms") or ()) or None,
            "xrefs": list(d.get("xrefs") or ()) or None,
            "subunits": list(d.get("subunits") or ()) or None,
            "description": d.get("description"),
            "id_note": d.get("id_note"),
            "id_source": d.get("id_source"),
            # Only a category the kind does not imply (an imported node of kind `other`).
            "category": d.get("category") if d.get("category") != d["kind"].biolink_category else None,
        }
    )


def dataset_record(G: nx.MultiDiGraph) -> dict[str, Any]:
    return _drop_none(
        {
            "name": G.graph.get("name"),
            "version": G.graph.get("version"),
            "description": G.graph.get("description"),
        }
    )


def excerpt_documents(sources: list, edges: list, documents: dict[str, str]) -> dict[str, str]:
    """Documents for validation: the ones given, plus excerpts for those a file does not carry.

    Exports hold the quoted sentences of a document, not the document itself. For a
    document source whose text is absent, the quotes that cite it stand in for the
    document, so the quote check still holds and nothing is invented.
    """
    out = dict(documents)
    doc_of = {}
    for s in sources:
        if isinstance(s, dict) and isinstance(s.get("document"), str) and isinstance(s.get("id"), str):
            doc_of[s["id"]] = s["document"]
    missing = {doc for doc in doc_of.values() if doc not in out}
    if not missing:
        return out
    quotes: dict[str, list[str]] = {doc: [] for doc in missing}
    for edge in edges:
        items = edge.get("evidence") if isinstance(edge, dict) else None
        for ev in items if isinstance(items, list) else ():
            if not isinstance(ev, dict) or ev.get("quote") is not True:
                continue
            doc = doc_of.get(ev.get("source"))
            if doc in quotes and isinstance(ev.get("text"), str):
                quotes[doc].append(ev["text"])
    for doc, texts in quotes.items():
        out[doc] = "\n".join(texts)
    return out
