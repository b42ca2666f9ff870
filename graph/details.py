"""What the evidence panel shows for a node or an edge, and the evidence table rows.

Plain data, no markup: the app and the exporters decide how to show it, always as text.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset())
>>> d = edge_details(G, "PUBCHEM.COMPOUND:44301524|partial_agonist|UniProtKB:P35372")
>>> d.sentence
'7-hydroxymitragynine is a partial agonist at the mu-opioid receptor'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from graph.build import edge_by_key, no_finding_only
from graph.identifiers import curie_source_name, curie_url
from graph.model import Evidence, Source
from graph.query import EdgeId, Selection, SignedPath, relation_sentence
from graph.score import ScoreBreakdown, describe, explain_score
from graph.vocab import EvidenceType, best_evidence_title


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None


@dataclass(frozen=True)
class EvidenceView:
    type: EvidenceType
    text: str
    quote: bool
    negated: bool
    claim: bool
    citation: str
    citation_label: str
    citation_url: str | None
    verification: str
    species: str | None
    assay: str | None
    values: tuple[str, ...]
    note: str | None
    source_id: str
    directness: str
    counted: str | None  # None: counted; else why it is not


@dataclass(frozen=True)
class EdgeDetails:
    id: str
    subject: str
    object: str
    predicate: str
    sentence: str
    best_evidence: EvidenceType | None
    confidence: float
    contested: bool
    claim_only: bool
    evidence: tuple[EvidenceView, ...]
    score: ScoreBreakdown
    score_lines: tuple[str, ...]  # the breakdown as text ("why 0.6")
    no_finding: bool = False  # shown for context only: no supporting item makes a finding (graph.build)


@dataclass(frozen=True)
class RelationGroup:
    predicate: str
    direction: str  # "out" or "in"
    edges: tuple[
        tuple[str, str, str, EvidenceType | None, float], ...
    ]  # (edge id, other node, its label, best, conf)


@dataclass(frozen=True)
class NodeDetails:
    id: str
    label: str
    kind: str
    description: str | None
    synonyms: tuple[str, ...]
    identifiers: tuple[Link, ...]
    id_note: str | None
    groups: tuple[RelationGroup, ...]
    neighbours: tuple[tuple[str, str], ...]  # (id, label), sorted by label
    subunits: tuple[Link, ...] = ()
    id_source: str | None = None


_NEG_RANK = {t: -t.rank for t in EvidenceType}


def _panel_key(ev: Evidence) -> tuple[bool, int]:
    return ev.negated, _NEG_RANK[ev.type]


def panel_order(evidence: Sequence[Evidence]) -> Sequence[Evidence]:
    """An edge's items as a panel lists them (the app's and the exported page's): supporting
    evidence first, strongest type first, claims after, contradictions last."""
    return sorted(evidence, key=_panel_key) if len(evidence) > 1 else evidence


def evidence_view(ev: Evidence, sources: dict[str, Source], counted: str | None = None) -> EvidenceView:
    src = sources.get(ev.source)
    verification = ev.verification_in(sources)
    return EvidenceView(
        type=ev.type,
        text=ev.text,
        quote=ev.quote,
        negated=ev.negated,
        claim=ev.type is EvidenceType.CLAIM,
        citation=src.citation if src else ev.source,
        citation_label=src.label if src else ev.source,
        citation_url=src.link if src else None,
        verification=verification.value if verification else "unknown",
        species=ev.species.title if ev.species else None,
        assay=ev.assay,
        values=tuple(str(v) for v in ev.values),
        note=ev.note,
        source_id=ev.source,
        directness=ev.directness.value,
        counted=counted,
    )


def edge_details(G: nx.MultiDiGraph, edge_id: str) -> EdgeDetails:
    """Everything the panel shows for one edge; ``KeyError`` if it is not in ``G``."""
    u, v, k, d = edge_by_key(G, edge_id)
    sources = G.graph.get("sources", {})
    items = panel_order(d["evidence"])
    score = explain_score(d["evidence"], sources)
    why_not = {id(n.evidence): n.reason for n in score.not_counted}
    return EdgeDetails(
        id=edge_id,
        subject=u,
        object=v,
        predicate=k,
        sentence=relation_sentence(G, (u, v, k)),
        best_evidence=d["best_evidence"],
        confidence=d["confidence"],
        contested=d["contested"],
        claim_only=d["claim_only"],
        evidence=tuple(evidence_view(ev, sources, why_not.get(id(ev))) for ev in items),
        score=score,
        score_lines=tuple(describe(score)),
        no_finding=no_finding_only(d["evidence"]),
    )


def node_details(G: nx.MultiDiGraph, node: str, selection: Selection | None = None) -> NodeDetails:
    """Everything the panel shows for one node; edges limited to ``selection`` if given."""
    d = G.nodes[node]
    ids = [node, *d.get("xrefs", ())]
    identifiers = tuple(_curie_link(c) for c in ids)
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    neighbours: dict[str, str] = {}
    for direction, edges in (
        ("out", G.out_edges(node, keys=True, data=True)),
        ("in", G.in_edges(node, keys=True, data=True)),
    ):
        for u, v, k, data in edges:
            if selection is not None and (u, v, k) not in selection:
                continue
            other = v if direction == "out" else u
            neighbours[other] = G.nodes[other]["label"]
            grouped[(k, direction)].append(
                (data["id"], other, G.nodes[other]["label"], data["best_evidence"], data["confidence"])
            )
    groups = tuple(
        RelationGroup(
            predicate=k, direction=direction, edges=tuple(sorted(rows, key=lambda r: (-r[4], r[2].lower())))
        )
        for (k, direction), rows in sorted(grouped.items())
    )
    return NodeDetails(
        id=node,
        label=d["label"],
        kind=d["kind"].title
        if d.get("category") in (None, d["kind"].biolink_category)
        else f"{d['kind'].title} ({d['category']})",
        description=d.get("description"),
        synonyms=tuple(d.get("synonyms", ())),
        identifiers=identifiers,
        id_note=d.get("id_note"),
        groups=groups,
        neighbours=tuple(sorted(neighbours.items(), key=lambda kv: kv[1].lower())),
        subunits=tuple(_curie_link(c) for c in d.get("subunits", ())),
        id_source=d.get("id_source"),
    )


@dataclass(frozen=True)
class PathView:
    """A mechanism path as the CLI and the app word it (plain text; they add the markup).

    ``steps`` are ``(subject label, relation title, object label)`` along the path.

    >>> from graph import build_graph, load_dataset
    >>> from graph.query import signed_paths
    >>> G = build_graph(load_dataset())
    >>> groups = signed_paths(G, "NCBITaxon:170351", "HP:0002791", max_hops=3)
    >>> view = path_view(G, next(p for paths in groups.values() for p in paths))
    >>> view.steps[0][0]
    'Mitragyna speciosa (kratom)'
    >>> view.steps[-1][2]
    'respiratory depression'
    """

    steps: tuple[tuple[str, str, str], ...]
    reason: str
    notes: tuple[str, ...]
    weakest_sentence: str
    weakest_id: str
    strength: float
    weakest_best_evidence: str  # best_evidence_title of the weakest link
    edge_ids: tuple[str, ...]


def path_view(G: nx.MultiDiGraph, sp: SignedPath) -> PathView:
    path, label = sp.path, G.nodes
    weakest = G.edges[path.weakest]
    return PathView(
        steps=tuple(
            (label[u]["label"], G.edges[u, v, k]["predicate"].title, label[v]["label"])
            for u, v, k in path.edges
        ),
        reason=sp.sign.reason,
        notes=tuple(sp.sign.notes),
        weakest_sentence=relation_sentence(G, path.weakest),
        weakest_id=weakest["id"],
        strength=path.strength,
        weakest_best_evidence=best_evidence_title(weakest["best_evidence"]),
        edge_ids=tuple(G.edges[e]["id"] for e in path.edges),
    )


def _curie_link(curie: str) -> Link:
    url = curie_url(curie)
    return Link(f"{curie_source_name(curie)}: {curie}" if url else curie, url)


def evidence_rows(G: nx.MultiDiGraph, edges: tuple[EdgeId, ...] | list[EdgeId]) -> list[dict]:
    """One row per evidence item of the given edges (for tables and CSV)."""
    sources = G.graph.get("sources", {})
    rows = []
    for e in edges:
        u, v, k = e
        d = G.edges[e]
        for ev in d["evidence"]:
            view = evidence_view(ev, sources)
            rows.append(
                {
                    "subject": G.nodes[u]["label"],
                    "relation": k.replace("_", " "),
                    "object": G.nodes[v]["label"],
                    "evidence type": ev.type.value,
                    "negated": ev.negated,
                    "species": view.species or "",
                    "supporting text": ev.text,
                    "quote": ev.quote,
                    "citation": view.citation_label,
                    "link": view.citation_url or "",
                    "verification": view.verification,
                    "values": "; ".join(view.values),
                    "assay": ev.assay or "",
                    "edge confidence": d["confidence"],
                    "edge id": d["id"],
                }
            )
    return rows
