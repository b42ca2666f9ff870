"""Building the graph: one edge per triple, evidence kept, derived attributes, frozen."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import EvidenceType, build_graph
from graph.build import best_evidence, confidence, edge_by_key


def test_one_edge_per_triple_with_evidence_tuple(tiny_dataset, tiny_graph):
    assert tiny_graph.number_of_edges() == len(tiny_dataset.edges)
    d = tiny_graph.edges["TEST:a", "TEST:m", "metabolized_to"]
    assert isinstance(d["evidence"], tuple) and len(d["evidence"]) == 2
    assert d["id"] == "TEST:a|metabolized_to|TEST:m"


def test_graph_is_frozen(tiny_graph):
    with pytest.raises(nx.NetworkXError):
        tiny_graph.add_node("X:1")


@pytest.mark.parametrize("part", [pytest.param("nodes", id="nodes"), pytest.param("edges", id="edges")])
def test_attribute_dicts_share_their_keys(tiny_graph, part):
    """Every node's and edge's attributes are a key-sharing dict: smaller than a plain copy, equal to it."""
    import sys

    view = tiny_graph.nodes(data=True) if part == "nodes" else tiny_graph.edges(keys=True, data=True)
    for *_, d in view:
        plain = dict(d)
        assert d == plain and list(d) == list(plain)
        assert sys.getsizeof(d) < sys.getsizeof(plain), (part, list(d))


def test_confidence_counts_papers_not_sentences(tiny_graph):
    # Two sentences of one in vitro paper count once: 0.5, not 0.75.
    assert tiny_graph.edges["TEST:a", "TEST:m", "metabolized_to"]["confidence"] == 0.5


@pytest.mark.parametrize(
    "edge, expected",
    [
        pytest.param(("TEST:m", "TEST:r", "agonist"), 0.75, id="two-primary-sources"),
        pytest.param(("TEST:plant", "TEST:a", "contains"), 0.1, id="secondary-review-halved"),
        pytest.param(("TEST:a", "TEST:pain", "causes"), 0.0, id="claim-counts-zero"),
        pytest.param(("TEST:a", "TEST:r", "antagonist"), 0.0, id="claim-contradicted"),
    ],
)
def test_confidence_values(tiny_graph, edge, expected):
    assert tiny_graph.edges[edge]["confidence"] == pytest.approx(expected)


def test_contradiction_discounts_support(tiny_dataset):
    from graph.model import Evidence

    sources = tiny_dataset.source_by_id
    support = Evidence(type=EvidenceType.ANIMAL, source="P1", text="seen")
    against = Evidence(type=EvidenceType.IN_VITRO, source="P2", text="not seen", negated=True)
    assert confidence([support], sources) == 0.5
    assert confidence([support, against], sources) == 0.25


def test_derived_flags(tiny_graph):
    contested = tiny_graph.edges["TEST:a", "TEST:r", "antagonist"]
    assert contested["contested"] and not contested["claim_only"]
    assert contested["best_evidence"] is EvidenceType.CLAIM
    assert tiny_graph.edges["TEST:a", "TEST:pain", "causes"]["claim_only"]
    agonist = tiny_graph.edges["TEST:m", "TEST:r", "agonist"]
    assert agonist["best_evidence"] is EvidenceType.ANIMAL
    assert agonist["citations"] == ("P1", "P2")


def test_best_evidence_ignores_negated_items(tiny_dataset):
    edge = next(e for e in tiny_dataset.edges if e.key == "TEST:a|antagonist|TEST:r")
    assert best_evidence(edge.evidence) is EvidenceType.CLAIM
    assert best_evidence([ev for ev in edge.evidence if ev.negated]) is None


def test_a_claim_never_outranks_evidence():
    from graph.model import Evidence
    from graph.vocab import Directness

    inferred = Evidence(type=EvidenceType.ANIMAL, source="S", text="inferred", directness=Directness.INDIRECT)
    claim = Evidence(type=EvidenceType.CLAIM, source="D", text="asserted", quote=True)
    assert best_evidence([claim, inferred]) is EvidenceType.ANIMAL
    assert best_evidence([claim]) is EvidenceType.CLAIM


def test_edge_by_key(tiny_graph):
    u, v, k, d = edge_by_key(tiny_graph, "TEST:m|agonist|TEST:r")
    assert (u, v, k) == ("TEST:m", "TEST:r", "agonist") and d["confidence"] > 0
    with pytest.raises(KeyError):
        edge_by_key(tiny_graph, "TEST:m|binds|TEST:r")


def test_build_is_deterministic(tiny_dataset):
    a, b = build_graph(tiny_dataset), build_graph(tiny_dataset)
    assert list(a.edges(keys=True, data="confidence")) == list(b.edges(keys=True, data="confidence"))


def _reference_graph(dataset) -> nx.MultiDiGraph:
    """The graph as add_node/add_edge make it, each attribute by its definition (data/SCHEMA.md)."""
    from graph.vocab import EvidenceType as T

    G = nx.MultiDiGraph()
    for n in dataset.nodes:
        G.add_node(
            n.id,
            label=n.label,
            kind=n.kind,
            synonyms=n.synonyms,
            xrefs=n.xrefs,
            description=n.description,
            id_note=n.id_note,
            id_source=n.id_source,
            subunits=n.subunits,
            category=n.biolink_category,
        )
    sources = dataset.source_by_id
    for e in dataset.edges:
        ev = e.evidence
        G.add_edge(
            e.subject,
            e.object,
            key=e.predicate.value,
            id=e.key,
            predicate=e.predicate,
            evidence=ev,
            evidence_types=frozenset(x.type for x in ev),
            species=frozenset(x.species for x in ev if x.species is not None),
            citations=tuple(dict.fromkeys(x.source for x in ev)),
            best_evidence=best_evidence(ev),
            contested=any(x.negated for x in ev) and any(not x.negated for x in ev),
            negated_only=all(x.negated for x in ev),
            claim_only=all(x.type is T.CLAIM for x in ev),
            confidence=confidence(ev, sources),
        )
    return G


@pytest.mark.parametrize("size", [pytest.param(0, id="embedded-data"), pytest.param(400, id="synthetic-400")])
def test_built_graph_equals_the_one_add_edge_makes(size):
    from bench.synthetic import generate
    from graph import load_dataset
    from graph.validate import validate_raw

    ds = load_dataset() if size == 0 else validate_raw(generate(size, seed=6))
    G, R = build_graph(ds), _reference_graph(ds)
    assert list(G.nodes(data=True)) == list(R.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(R.edges(keys=True, data=True))
    assert {n: dict(G.pred[n]) for n in G} == {n: dict(R.pred[n]) for n in R}
    assert G.graph["sources"] == ds.source_by_id
