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

from collections.abc import Iterable, Mapping

import networkx as nx

from graph.heap import gc_paused
from graph.model import Dataset, Evidence
from graph.score import Scorer, confidence, score_weights  # noqa: F401  (confidence: imported from here too)
from graph.vocab import Directness, EvidenceType, NodeKind, Predicate, Relevance


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


def no_finding_only(evidence: Iterable[Evidence]) -> bool:
    """Whether a relation is shown only for context: some item supports it, not claims alone,
    and none of its supporting items makes a finding on it (``relevance: no_finding``, such
    as a regulator's statement that no reliable evidence exists). Its confidence is 0; the
    panels say why.

    >>> from graph.vocab import Relevance
    >>> statement = Evidence(type=EvidenceType.REGULATORY, source="S", text="No reliable evidence.",
    ...                      relevance=Relevance.NO_FINDING)
    >>> no_finding_only([statement])
    True
    >>> no_finding_only([statement, Evidence(type=EvidenceType.ANIMAL, source="T", text="Found.")])
    False
    """
    supported = False
    for ev in evidence:
        if ev.negated or ev.type is EvidenceType.CLAIM:
            continue
        if ev.relevance is Relevance.FINDING:
            return False
        supported = True
    return supported


# The graph's attribute dicts are made as the ``__dict__`` of a fresh instance of one of
# these classes: instance dicts of one class share a single key table (PEP 412 key-sharing
# dictionaries) and hold only their values, 160 bytes per edge instead of 464 for a dict
# literal of the same eleven keys (45 MB less for 150k edges, and quicker to make). They
# are ordinary dicts to every reader; a dict that gains another key simply stops sharing.
class _EdgeAttributes:
    pass


class _NodeAttributes:
    pass


_CLAIM, _NO_FINDING = EvidenceType.CLAIM, Relevance.NO_FINDING
_PREDICATE_VALUE = {p: p.value for p in Predicate}  # Enum.value is a Python-level property
_CATEGORY = {k: k.biolink_category for k in NodeKind}
# best_evidence's order of items, by the fields it depends on.
_BEST_KEY = {
    t: {
        r: {d: (t is not _CLAIM, r is Relevance.FINDING, d is Directness.DIRECT, t.rank) for d in Directness}
        for r in Relevance
    }
    for t in EvidenceType
}
# One object for equal small sets (evidence types, species): few distinct ones among many edges.
# The same order as integers (a higher one is stronger).
_RANKED = sorted({k for x in _BEST_KEY.values() for y in x.values() for k in y.values()})
_BEST_RANK = {
    t: {r: {d: _RANKED.index(k) for d, k in z.items()} for r, z in y.items()} for t, y in _BEST_KEY.items()
}
_SHARED: dict[frozenset, frozenset] = {}


def build_graph(
    dataset: Dataset, positions: Mapping[str, tuple[float, float]] | None = None
) -> nx.MultiDiGraph:
    """Build the frozen mechanism graph of a dataset.

    ``positions`` (node id -> (x, y), y downwards): the layout an imported file drew the
    network with (:attr:`graph.formats.report.Imported.positions`), kept in
    ``G.graph["positions"]`` for :func:`graph.render.layered_layout` to draw it so; only
    when it places every node.
    """
    # The records made here are acyclic; pausing the cyclic collector halves the build
    # time of a 50k-node graph (bench/RESULTS.md) and changes nothing else.
    with gc_paused():
        G = _build_graph(dataset)
    if positions and all(n in positions for n in G):
        G.graph["positions"] = {n: (float(positions[n][0]), float(positions[n][1])) for n in G}
    return G


def _build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(
        name=dataset.name,
        version=dataset.version,
        description=dataset.description,
        sources=dataset.source_by_id,
        aliases=dataset.alias_to_id,
    )
    # The graph's own dictionaries are filled directly (as networkx's set_edge_attributes
    # does): the same structure add_node/add_edge make, without a call per attribute.
    node_attrs, succ, pred = G._node, G._succ, G._pred
    for node in dataset.nodes:
        nid = node.id
        d = node_attrs[nid] = _NodeAttributes().__dict__
        d["label"] = node.label
        d["kind"] = node.kind
        d["synonyms"] = node.synonyms
        d["xrefs"] = node.xrefs
        d["description"] = node.description
        d["id_note"] = node.id_note
        d["id_source"] = node.id_source
        d["subunits"] = node.subunits
        d["category"] = node.category or _CATEGORY[node.kind]
        succ[nid] = {}
        pred[nid] = {}
    sources = dataset.source_by_id
    scorer = Scorer(sources)
    # Each edge's derived attributes (data/SCHEMA.md) in one pass over its evidence, the
    # confidence groups of Scorer.confidence among them (scored by Scorer.score, so the
    # number is the one graph.score.confidence gives; tests hold the graph equal to the one
    # add_edge makes with each attribute by its definition). Written out, with the lookups
    # bound once: this loop runs once per evidence item of a big dataset.
    weights, verification, plain = scorer.weights, scorer.verification, scorer.plain
    best_ranks, shared, value_of = _BEST_RANK, _SHARED.setdefault, _PREDICATE_VALUE
    claim, no_finding = _CLAIM, _NO_FINDING
    attributes = _EdgeAttributes
    for edge, key in zip(dataset.edges, dataset.edge_keys, strict=True):
        u, v = edge.subject, edge.object
        if u not in succ:  # an endpoint with no node record: a bare node, as add_edge makes
            node_attrs[u], succ[u], pred[u] = {}, {}, {}
        if v not in succ:
            node_attrs[v], succ[v], pred[v] = {}, {}, {}
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        ev = edge.evidence
        types = set()
        species = set()
        citations = {}
        support, against = [], []
        best_rank, best = -1, None
        negated = supported = shared_source = False
        claim_only = True
        for e in ev:
            t = e.type
            s = e.source
            types.add(t)
            sp = e.species
            if sp is not None:
                species.add(sp)
            if s in citations:
                shared_source = True
            citations[s] = None
            r = e.relevance
            d = e.directness
            neg = e.negated
            if neg:
                negated = True
            else:
                supported = True
                rank = best_ranks[t][r][d]
                if rank > best_rank:
                    best_rank, best = rank, t
            if t is claim:
                continue
            claim_only = False
            if r is no_finding:
                continue
            if e.restates is not None:
                shared_source = True
            # Items from distinct sources, none restating another: each counts on its own.
            # e.verification_in(sources), through the table of the sources' verifications
            (against if neg else support).append(weights[t][d][e.verification or verification.get(s)])
        a = attributes().__dict__
        a["id"] = key
        a["predicate"] = p = edge.predicate
        a["evidence"] = ev
        types = frozenset(types)
        a["evidence_types"] = shared(types, types)
        species = frozenset(species)
        a["species"] = shared(species, species)
        a["citations"] = tuple(citations)
        a["best_evidence"] = best
        a["contested"] = negated and supported
        a["negated_only"] = not supported
        a["claim_only"] = claim_only
        # Otherwise items of one source, or of restating ones, are pooled (Scorer.confidence).
        a["confidence"] = (
            score_weights(support, against) if plain and not shared_source else scorer.confidence(ev)
        )
        keydict[value_of[p]] = a
    nx._clear_cache(G)
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
