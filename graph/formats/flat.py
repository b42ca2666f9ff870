"""Evidence flattened to scalar attributes, for formats that hold no lists (GraphML, GEXF, Cytoscape).

Each edge keeps counts, joined types and citations, its best evidence, confidence and
flags; each node keeps its fields with lists joined by ``"; "``. Every value is a str,
int, float or bool, which is what networkx's GraphML and GEXF writers accept.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> F = flat_graph(G)
>>> F.edges["TEST:a", "TEST:r", "antagonist"]["evidence_types"]
'claim; in_vitro'
>>> F.edges["TEST:a", "TEST:r", "antagonist"]["contested"]
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.formats.records import exported
from graph.query import Selection, relation_sentence

JOIN = "; "


def flat_node(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    return {
        "label": d["label"],
        "kind": d["kind"].value,
        "category": d["category"],
        "synonyms": JOIN.join(d.get("synonyms") or ()),
        "xrefs": JOIN.join(d.get("xrefs") or ()),
        "description": d.get("description") or "",
        "id_note": d.get("id_note") or "",
    }


def flat_edge(G: nx.MultiDiGraph, e: tuple[str, str, str]) -> dict[str, Any]:
    d = G.edges[e]
    sources = G.graph.get("sources") or {}
    cited = [sources[s] for s in d["citations"] if s in sources]
    best = d["best_evidence"]
    return {
        "edge_id": d["id"],
        "predicate": d["predicate"].value,
        "relation": relation_sentence(G, e),
        "evidence_count": len(d["evidence"]),
        "evidence_types": JOIN.join(sorted(t.value for t in d["evidence_types"])),
        "species": JOIN.join(sorted(s.value for s in d["species"])),
        "citations": JOIN.join(d["citations"]),
        "publications": JOIN.join(dict.fromkeys(c for s in cited for c in s.curies)),
        "source_labels": JOIN.join(s.label for s in cited),
        "best_evidence": best.value if best else "",
        "confidence": float(d["confidence"]),
        "contested": bool(d["contested"]),
        "negated_only": bool(d["negated_only"]),
        "claim_only": bool(d["claim_only"]),
    }


def flat_graph(G: nx.MultiDiGraph, selection: Selection | None = None) -> nx.MultiDiGraph:
    """A new graph (a copy, ``G`` untouched) with flattened attributes, dataset name and version."""
    part = exported(G, selection)
    F = nx.MultiDiGraph(name=G.graph.get("name") or "", version=G.graph.get("version") or "")
    for n in part.nodes:
        F.add_node(n, **flat_node(G, n))
    for e in part.edges:
        F.add_edge(e[0], e[1], key=e[2], **flat_edge(G, e))
    return F
