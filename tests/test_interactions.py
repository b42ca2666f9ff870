"""Predicted interactions: signs through enzymes, both directions, recorded findings beside them."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.interactions import constituent_routes, drug_interactions, interaction_drugs
from graph.query import resolve_node
from graph.vocab import NodeKind, Polarity, Predicate


def hand_graph(act: Predicate, *, negated: bool = False) -> nx.MultiDiGraph:
    """plant -contains-> alk -ACT-> enz <-substrate_of- drug, plus alk substrate_of enz2 <-inhibits- drug."""
    G = nx.MultiDiGraph()
    for n, kind in [
        ("plant", NodeKind.PLANT),
        ("alk", NodeKind.ALKALOID),
        ("enz", NodeKind.ENZYME),
        ("enz2", NodeKind.ENZYME),
        ("drug", NodeKind.DRUG),
    ]:
        G.add_node(n, kind=kind, label=n)
    for u, v, p, conf in [
        ("plant", "alk", Predicate.CONTAINS, 0.9),
        ("alk", "enz", act, 0.5),
        ("drug", "enz", Predicate.SUBSTRATE_OF, 0.6),
        ("alk", "enz2", Predicate.SUBSTRATE_OF, 0.7),
        ("drug", "enz2", Predicate.INHIBITS, 0.4),
    ]:
        G.add_edge(
            u,
            v,
            key=p.value,
            predicate=p,
            confidence=conf,
            negated_only=negated and u == "alk" and v == "enz",
            id=f"{u}|{p.value}|{v}",
        )
    return G


@pytest.mark.parametrize(
    "act, exposure",
    [
        pytest.param(Predicate.INHIBITS, Polarity.POSITIVE, id="inhibitor-raises-exposure"),
        pytest.param(Predicate.ACTIVATES, Polarity.NEGATIVE, id="inducer-lowers-exposure"),
    ],
)
def test_exposure_is_the_opposite_of_the_enzyme_change(act, exposure):
    report = drug_interactions(hand_graph(act), "drug")
    assert [(r.edges, r.exposure) for r in report.routes] == [
        ((("plant", "alk", "contains"), ("alk", "enz", act.value), ("drug", "enz", "substrate_of")), exposure)
    ]
    assert report.routes[0].strength == 0.5


def test_the_drug_acting_on_what_clears_a_constituent():
    report = drug_interactions(hand_graph(Predicate.INHIBITS), "drug")
    assert [(r.victim, r.enzyme, r.exposure) for r in report.reverse] == [("alk", "enz2", Polarity.POSITIVE)]


@pytest.mark.parametrize(
    "act, negated",
    [
        pytest.param(Predicate.BINDS, False, id="unsigned-step"),
        pytest.param(Predicate.INHIBITS, True, id="contradicted-step"),
    ],
)
def test_no_route_through_unsigned_or_contradicted_steps(act, negated):
    assert drug_interactions(hand_graph(act, negated=negated), "drug").routes == ()


def test_constituents_reached_through_pass_through_steps_only():
    routes = constituent_routes(hand_graph(Predicate.INHIBITS), "plant")
    assert set(routes) == {"plant", "alk"}


@pytest.mark.parametrize(
    "drug, enzyme",
    [
        pytest.param("midazolam", "CYP3A4", id="midazolam"),
        pytest.param("dextromethorphan", "CYP2D6", id="dxm"),
    ],
)
def test_kratom_raises_probe_substrate_exposure(kratom_graph, drug, enzyme):
    G = kratom_graph
    report = drug_interactions(G, resolve_node(G, drug))
    assert report.routes
    assert {G.nodes[r.enzyme]["label"] for r in report.routes} == {enzyme}
    assert all(r.exposure is Polarity.POSITIVE for r in report.routes)
    assert all(G.edges[e]["evidence"] for r in report.routes for e in r.edges)
    assert report.recorded  # the static-model prediction for this drug, shown beside the routes


def test_kratom_drug_list(kratom_graph):
    labels = [kratom_graph.nodes[n]["label"] for n in interaction_drugs(kratom_graph)]
    assert {"midazolam", "dextromethorphan", "ketoconazole"} <= set(labels)
    assert "morphine" not in labels


def test_the_measured_midazolam_interaction_stands_beside_the_prediction(kratom_graph):
    """A clinical study measured what the static model predicted: kratom tea raised midazolam
    exposure in healthy adults. Seen in a database record only, so it counts at half weight."""
    from graph.vocab import EvidenceType

    G = kratom_graph
    report = drug_interactions(G, resolve_node(G, "midazolam"))
    (edge,) = report.recorded
    items = G.edges[edge]["evidence"]
    assert {ev.type for ev in items} == {EvidenceType.IN_SILICO, EvidenceType.HUMAN_TRIAL}
    (trial,) = [ev for ev in items if ev.type is EvidenceType.HUMAN_TRIAL]
    assert not trial.negated and trial.verification_in(G.graph["sources"]).value == "secondary"
    assert G.edges[edge]["best_evidence"] is EvidenceType.HUMAN_TRIAL
    # Trial 0.6, halved as secondary, beside the model's 0.1: 1 - 0.7 x 0.9.
    assert G.edges[edge]["confidence"] == pytest.approx(0.37)
