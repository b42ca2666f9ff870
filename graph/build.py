"""Turn a validated :class:`~graph.model.Dataset` into a frozen ``nx.MultiDiGraph``.

One edge per (subject, predicate, object), keyed by the predicate value, carrying its
evidence tuple and the derived attributes documented in ``data/SCHEMA.md``: best evidence
level, distinct citations, contested flag and the confidence score. The graph is frozen
(``nx.freeze``) so no query, renderer or exporter can change it.

>>> from graph import load_dataset
>>> G = build_graph(load_dataset())
>>> G.nodes["UniProtKB:P35372"]["label"]
'mu-opioid receptor'
>>> nx.is_frozen(G)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.model import Dataset, Edge, Evidence, Source
from graph.score import confidence
from graph.validate import gc_paused
from graph.vocab import Directness, EvidenceType, Relevance


def best_evidence(evidence: Iterable[Evidence]) -> EvidenceType | None:
    """Strongest evidence type among the supporting (not negated) items.

    A claim is never evidence, so any other item comes first (an NMDA antagonism inferred
    from hippocampal recordings is "animal" evidence, not "claim"). Then items that make a
    finding come before those that make none, and direct ones before indirect ones: an
    indirect human trial does not make a relation "human trial" evidence when a direct
    assay exists.
    """
    items = [ev for ev in evidence if not ev.negated]
    if not items:
        return None
    best = max(
        items,
        key=lambda ev: (
            ev.type is not EvidenceType.CLAIM,
            ev.relevance is Relevance.FINDING,
            ev.directness is Directness.DIRECT,
            ev.type.rank,
        ),
    )
    return best.type


def edge_attributes(edge: Edge, sources: dict[str, Source]) -> dict:
    """Attributes stored on the graph edge for one dataset edge."""
    ev = edge.evidence
    best = best_evidence(ev)
    negated = any(e.negated for e in ev)
    return {
        "id": edge.key,
        "predicate": edge.predicate,
        "evidence": ev,
        "evidence_types": frozenset(e.type for e in ev),
        "species": frozenset(e.species for e in ev if e.species is not None),
        "citations": tuple(dict.fromkeys(e.source for e in ev)),
        "best_evidence": best,
        "contested": negated and any(not e.negated for e in ev),
        "negated_only": all(e.negated for e in ev),
        "claim_only": all(e.type is EvidenceType.CLAIM for e in ev),
        "confidence": confidence(ev, sources),
    }


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the frozen mechanism graph of a dataset."""
    # The records made here are acyclic; pausing the cyclic collector halves the build
    # time of a 50k-node graph (bench/RESULTS.md) and changes nothing else.
    with gc_paused():
        return _build_graph(dataset)


def _build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(
        name=dataset.name,
        version=dataset.version,
        description=dataset.description,
        sources=dataset.source_by_id,
        aliases=dataset.alias_to_id,
    )
    for node in dataset.nodes:
        G.add_node(
            node.id,
            label=node.label,
            kind=node.kind,
            synonyms=node.synonyms,
            xrefs=node.xrefs,
            description=node.description,
            id_note=node.id_note,
            id_source=node.id_source,
            subunits=node.subunits,
            category=node.biolink_category,
        )
    sources = dataset.source_by_id
    for edge in dataset.edges:
        G.add_edge(edge.subject, edge.object, key=edge.predicate.value, **edge_attributes(edge, sources))
    return nx.freeze(G)


def edge_by_key(G: nx.MultiDiGraph, key: str) -> tuple[str, str, str, dict]:
    """Look up an edge by its ``subject|predicate|object`` key: ``(u, v, k, data)``.

    Node ids may contain ``|`` only in theory; ids are split from the outside in.
    """
    try:
        u, rest = key.split("|", 1)
        k, v = rest.split("|", 1)
    except ValueError as exc:
        raise KeyError(key) from exc
    if not G.has_edge(u, v, k):
        raise KeyError(key)
    return u, v, k, G.edges[u, v, k]
