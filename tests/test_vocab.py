"""The vocabulary specs: every predicate and evidence type has one, and every consumer reads it the same way."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.formats.biolink import biolink_edge, predicate_from_biolink
from graph.query import PathGroup, path_sign
from graph.render import edge_record
from graph.text.cues import find_cues, relation_predicates
from graph.vocab import EvidenceType, Polarity, Predicate, PredicateSpec, RelationClass

ALL = [pytest.param(p, id=p.value) for p in Predicate]

EXPECTED_POLARITY = {
    Polarity.POSITIVE: {"agonist", "partial_agonist", "activates", "increases", "causes", "mediates"},
    Polarity.NEGATIVE: {"antagonist", "inverse_agonist", "inhibits", "decreases", "decreases_expression"},
    Polarity.NONE: {
        "binds",
        "interacts_with",
        "contains",
        "metabolized_to",
        "substrate_of",
        "associated_with",
        "allosteric_modulator",
        "related_to",
    },
}


@pytest.mark.parametrize("predicate", ALL)
def test_every_predicate_has_a_complete_spec(predicate):
    spec = predicate.spec
    assert isinstance(spec, PredicateSpec)
    assert spec.phrase and spec.biolink.predicate.startswith("biolink:")
    assert predicate.polarity is spec.polarity and isinstance(predicate.polarity, Polarity)
    assert predicate.relation_class is spec.relation_class and isinstance(
        predicate.relation_class, RelationClass
    )
    assert predicate.value in EXPECTED_POLARITY[predicate.polarity]


def test_only_unsigned_steps_pass_the_sign():
    passing = {p for p in Predicate if p.passes_sign}
    assert passing == {Predicate.CONTAINS, Predicate.METABOLIZED_TO}
    assert all(p.polarity is Polarity.NONE for p in passing)


@pytest.mark.parametrize("predicate", ALL)
def test_biolink_direction_agrees_with_polarity(predicate):
    direction = dict(predicate.biolink.qualifiers).get("object_direction_qualifier")
    if direction is not None:
        assert {"increased": Polarity.POSITIVE, "decreased": Polarity.NEGATIVE}[
            direction
        ] is predicate.polarity


@pytest.mark.parametrize("predicate", ALL)
def test_kgx_round_trips_every_predicate(predicate):
    mapping = biolink_edge(predicate)
    assert predicate_from_biolink(mapping.pop("predicate"), mapping) is predicate


@pytest.mark.parametrize("predicate", ALL)
def test_cue_reader_reads_every_phrase_as_its_predicate(predicate):
    assert predicate in relation_predicates(find_cues(f"X {predicate.phrase} Y."))


@pytest.mark.parametrize("predicate", ALL)
def test_render_reads_the_edge_with_the_spec_phrase(tiny_graph, predicate):
    u, v, k = next(iter(tiny_graph.edges(keys=True)))
    G = nx.MultiDiGraph(tiny_graph)  # built graphs are frozen; a thawed copy takes the test edge
    G.add_edge(u, v, key=predicate.value, **{**tiny_graph.edges[u, v, k], "predicate": predicate})
    title = edge_record(G, (u, v, predicate.value))["title"]
    assert f" {predicate.phrase} " in title.splitlines()[0]


@pytest.mark.parametrize("predicate", ALL)
def test_path_sign_reads_every_predicate(tiny_graph, predicate):
    u, v, k = next(iter(tiny_graph.edges(keys=True)))
    G = nx.MultiDiGraph()
    G.add_nodes_from(tiny_graph.nodes(data=True))
    G.add_edge(u, v, key=predicate.value, **{**tiny_graph.edges[u, v, k], "predicate": predicate})
    expected = {Polarity.POSITIVE: PathGroup.PRODUCES, Polarity.NEGATIVE: PathGroup.OPPOSES}
    assert path_sign(G, [(u, v, predicate.value)]).group is expected.get(
        predicate.polarity, PathGroup.UNKNOWN
    )


@pytest.mark.parametrize(
    ("relation_class", "polarity", "expected"),
    [
        pytest.param(
            RelationClass.FUNCTIONAL, Polarity.POSITIVE, {"agonist", "partial_agonist", "activates"}, id="f+"
        ),
        pytest.param(RelationClass.CAUSAL, Polarity.NEGATIVE, {"decreases"}, id="c-"),
        pytest.param(RelationClass.METABOLIC, None, {"metabolized_to", "substrate_of"}, id="metabolic"),
        pytest.param(RelationClass.COMPOSITIONAL, None, {"contains"}, id="compositional"),
    ],
)
def test_predicates_of_a_class(relation_class, polarity, expected):
    assert {p.value for p in Predicate.of(relation_class, polarity)} == expected


def test_polarity_products():
    P, N, Z = Polarity.POSITIVE, Polarity.NEGATIVE, Polarity.NONE
    assert [P.times(P), P.times(N), N.times(N), N.times(Z)] == [P, N, P, Z]


def test_evidence_type_spec_orders_primary_evidence_first():
    specs = {t: t.spec for t in EvidenceType}
    assert len({s.rank for s in specs.values()}) == len(EvidenceType)  # one order, no ties
    primary = [s.rank for s in specs.values() if s.primary]
    secondary = [s.rank for s in specs.values() if not s.primary]
    assert min(primary) > max(secondary)
    assert EvidenceType.CLAIM.rank == min(s.rank for s in specs.values())
    # A finding about people is one made in people.
    assert all(t.in_organism for t in EvidenceType if t.studies_people)


def test_every_table_keyed_by_evidence_type_covers_every_type():
    """The tables outside the vocabulary that say what a type is worth, or how it is drawn."""
    from graph.render import EVIDENCE_STYLE
    from graph.score import TYPE_WEIGHT
    from ui.panels import BADGE_COLOR

    for table in (TYPE_WEIGHT, EVIDENCE_STYLE, BADGE_COLOR):
        assert set(table) == set(EvidenceType)
    assert TYPE_WEIGHT[EvidenceType.CLAIM] == 0.0
