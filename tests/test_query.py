"""Filters, neighbourhoods, mechanism paths, node lookup; none of them change the graph."""

from __future__ import annotations

import copy

import networkx as nx
import pytest

from graph import EvidenceType, NodeKind, Predicate, Species, UnknownNodeError
from graph.query import (
    Filters,
    MatchKind,
    PathGroup,
    filter_graph,
    find_nodes,
    mechanism_paths,
    neighbourhood,
    path_sign,
    relation_sentence,
    resolve_node,
    select,
    signed_paths,
    summarize,
)

T = EvidenceType


@pytest.mark.parametrize(
    "filters, expected_edges",
    [
        pytest.param(None, 6, id="no-filter"),
        pytest.param(Filters(evidence_types=frozenset({T.CLAIM})), 2, id="claims-only"),
        pytest.param(Filters(evidence_types=frozenset({T.IN_VITRO})), 3, id="in-vitro-incl-negated"),
        pytest.param(Filters(evidence_types=frozenset()), 0, id="no-types"),
        pytest.param(
            Filters(predicates=frozenset({Predicate.AGONIST, Predicate.MEDIATES})), 2, id="predicates"
        ),
        pytest.param(
            Filters(node_kinds=frozenset({NodeKind.ALKALOID, NodeKind.RECEPTOR})), 1, id="kinds-both-ends"
        ),
        pytest.param(Filters(species=frozenset({Species.MOUSE})), 2, id="species"),
        pytest.param(
            Filters(evidence_types=frozenset({T.IN_VITRO}), species=frozenset({Species.MOUSE})),
            0,
            id="type-and-species-on-same-item",
        ),
        pytest.param(Filters(min_confidence=0.5), 3, id="min-confidence"),
    ],
)
def test_select_counts(tiny_graph, filters, expected_edges):
    sel = select(tiny_graph, filters)
    assert sel.edge_count == expected_edges
    assert len(sel.edges) == expected_edges
    for e in sel.edges:
        d = tiny_graph.edges[e]
        if filters is not None:
            assert filters.edge_matches(tiny_graph, e[0], e[1], d)


def test_fast_filter_agrees_with_slow_path(tiny_graph):
    filters = Filters(evidence_types=frozenset({T.ANIMAL, T.CLAIM}), min_confidence=0.0)
    fast = set(select(tiny_graph, filters).edges)
    slow = {
        (u, v, k)
        for u, v, k, d in tiny_graph.edges(keys=True, data=True)
        if filters.edge_matches(tiny_graph, u, v, d)
    }
    assert fast == slow


def test_selection_nodes_are_edge_endpoints(tiny_graph):
    sel = select(tiny_graph, Filters(evidence_types=frozenset({T.REVIEW})))
    assert sel.nodes == {"TEST:plant", "TEST:a"}


def test_filter_graph_is_a_view(tiny_graph):
    H = filter_graph(tiny_graph, Filters(evidence_types=frozenset({T.CLAIM})))
    assert H.number_of_edges() == 2
    assert set(H.nodes) == {"TEST:a", "TEST:r", "TEST:pain"}


@pytest.mark.parametrize(
    "hops, expected",
    [
        pytest.param(1, {"TEST:r", "TEST:a", "TEST:m", "TEST:pain"}, id="one-hop"),
        pytest.param(2, {"TEST:r", "TEST:a", "TEST:m", "TEST:pain", "TEST:plant"}, id="two-hops"),
    ],
)
def test_neighbourhood(tiny_graph, hops, expected):
    assert neighbourhood(tiny_graph, "TEST:r", hops).nodes == expected


def test_neighbourhood_respects_filters_and_keeps_centre(tiny_graph):
    sel = neighbourhood(tiny_graph, "TEST:plant", 2, Filters(evidence_types=frozenset({T.HUMAN_TRIAL})))
    assert sel.nodes == {"TEST:plant"} and sel.edge_count == 0


def test_mechanism_paths_weakest_link(tiny_graph):
    paths = mechanism_paths(tiny_graph, "TEST:plant", "TEST:pain")
    assert len(paths) == 3
    best = paths[0]
    assert best.nodes == ("TEST:plant", "TEST:a", "TEST:m", "TEST:r", "TEST:pain")
    assert best.weakest == ("TEST:plant", "TEST:a", "contains")
    assert best.strength == pytest.approx(0.1)
    assert [p.strength for p in paths] == sorted((p.strength for p in paths), reverse=True)


def test_mechanism_paths_with_filter(tiny_graph):
    paths = mechanism_paths(
        tiny_graph, "TEST:plant", "TEST:pain", filters=Filters(evidence_types=frozenset({T.CLAIM}))
    )
    assert paths == []


@pytest.mark.parametrize(
    "edges, group",
    [
        pytest.param(
            [
                ("TEST:plant", "TEST:a", "contains"),
                ("TEST:a", "TEST:m", "metabolized_to"),
                ("TEST:m", "TEST:r", "agonist"),
            ],
            PathGroup.PRODUCES,
            id="pass-through-then-agonist",
        ),
        pytest.param(
            [("TEST:a", "TEST:r", "antagonist"), ("TEST:r", "TEST:pain", "mediates")],
            PathGroup.OPPOSES,
            id="antagonist-then-mediates",
        ),
        pytest.param([("TEST:plant", "TEST:a", "contains")], PathGroup.UNKNOWN, id="unsigned-only"),
    ],
)
def test_path_sign_is_the_product_of_signed_steps(tiny_graph, edges, group):
    assert path_sign(tiny_graph, edges).group is group


def test_signed_paths_split_the_tiny_graph(tiny_graph):
    groups = signed_paths(tiny_graph, "TEST:plant", "TEST:pain")
    antagonist = ("TEST:a", "TEST:r", "antagonist")
    assert [antagonist in sp.path.edges for sp in groups[PathGroup.OPPOSES]] == [True]
    assert all(antagonist not in sp.path.edges for sp in groups[PathGroup.PRODUCES])
    assert len(groups[PathGroup.PRODUCES]) == 2
    assert "contested" in " ".join(groups[PathGroup.OPPOSES][0].sign.notes)


def _label_chain(G, sp):
    return [G.nodes[n]["label"] for n in sp.path.nodes]


def test_an_antagonist_route_to_analgesia_would_oppose_it(kratom_graph):
    G = kratom_graph
    plant = resolve_node(G, "kratom")
    effect = resolve_node(G, "analgesia")
    groups = signed_paths(G, plant, effect, limit=1000)
    iso_mor = (resolve_node(G, "isopaynantheine"), resolve_node(G, "mu-opioid receptor"), "antagonist")
    opposing = [sp for sp in groups[PathGroup.OPPOSES] if iso_mor in sp.path.edges]
    assert (
        opposing
        and "isopaynantheine is an antagonist at the mu-opioid receptor (-)" in opposing[0].sign.reason
    )
    for sp in groups[PathGroup.PRODUCES]:
        signs = [G.edges[e]["predicate"].polarity.sign for e in sp.path.edges]
        assert all(s >= 0 for s in signs) or signs.count(-1) % 2 == 0, _label_chain(G, sp)
        assert not any(G.edges[e]["predicate"] is Predicate.BINDS for e in sp.path.edges)


def test_opioid_harms_are_reached_through_the_receptor_as_well_as_by_their_causes(kratom_graph):
    """7-OH's agonism at MOR and MOR's part in respiratory depression make a producing path;
    the receptor's step rests on morphine alone, as its item says."""
    G = kratom_graph
    seven_oh, mor = resolve_node(G, "7-hydroxymitragynine"), resolve_node(G, "mu-opioid receptor")
    effect = resolve_node(G, "respiratory depression")
    groups = signed_paths(G, resolve_node(G, "kratom"), effect, limit=1000)
    via = [
        sp
        for sp in groups[PathGroup.PRODUCES]
        if (seven_oh, mor, "partial_agonist") in sp.path.edges and (mor, effect, "mediates") in sp.path.edges
    ]
    assert via
    assert any(sp.path.edges[-1] == (mor, effect, "mediates") for sp in groups[PathGroup.OPPOSES])
    (item,) = G.edges[mor, effect, "mediates"]["evidence"]
    assert item.type is EvidenceType.ANIMAL and "morphine" in item.text and "No kratom alkaloid" in item.note
    # So with dependence: the receptor's part rests on morphine in knockout mice.
    dependence = resolve_node(G, "dependence / withdrawal")
    groups = signed_paths(G, resolve_node(G, "kratom"), dependence, limit=1000)
    assert any((seven_oh, mor, "partial_agonist") in sp.path.edges for sp in groups[PathGroup.PRODUCES])
    (item,) = G.edges[mor, dependence, "mediates"]["evidence"]
    assert item.source == "MATTHES1996" and "not for a kratom alkaloid" in item.note


def test_binding_alone_leaves_the_sign_unknown(kratom_graph):
    G = kratom_graph
    groups = signed_paths(G, resolve_node(G, "kratom"), resolve_node(G, "analgesia"), limit=1000)
    binds = [
        sp
        for sp in groups[PathGroup.UNKNOWN]
        if any(e[2] == "binds" and not G.edges[e]["negated_only"] for e in sp.path.edges)
        and not any(G.edges[e]["negated_only"] for e in sp.path.edges)
    ]
    assert binds and all("states no direction" in sp.sign.reason for sp in binds)


def test_a_step_the_evidence_denies_leaves_the_sign_unknown(kratom_graph):
    G = kratom_graph
    denied = [e for e in G.edges(keys=True) if G.edges[e]["negated_only"]]
    assert denied
    assert all("does not hold" in path_sign(G, [e]).reason for e in denied)


def test_partial_agonism_is_positive_with_a_note_on_recorded_antagonism(kratom_graph):
    G = kratom_graph
    mg, mor = resolve_node(G, "mitragynine"), resolve_node(G, "mu-opioid receptor")
    sign = path_sign(G, [(mg, mor, "partial_agonist")])
    assert sign.group is PathGroup.PRODUCES
    assert any("mitragynine is an antagonist at the mu-opioid receptor" in n for n in sign.notes)


def test_queries_do_not_mutate(tiny_graph):
    before = copy.deepcopy(nx.node_link_data(tiny_graph, edges="edges"))
    select(tiny_graph, Filters(min_confidence=0.3))
    neighbourhood(tiny_graph, "TEST:a", 3)
    mechanism_paths(tiny_graph, "TEST:plant", "TEST:pain")
    summarize(tiny_graph)
    assert nx.node_link_data(tiny_graph, edges="edges") == before


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("TEST:a", "TEST:a", id="id"),
        pytest.param("ALKALOID a", "TEST:a", id="label-case-insensitive"),
        pytest.param("pain relief", "TEST:pain", id="synonym"),
    ],
)
def test_resolve_node(tiny_graph, text, expected):
    assert resolve_node(tiny_graph, text) == expected


def test_resolve_node_suggests(tiny_graph):
    with pytest.raises(UnknownNodeError, match="did you mean: analgesia"):
        resolve_node(tiny_graph, "analgesic")


MOR = "UniProtKB:P35372"
SEVEN_OH = "PUBCHEM.COMPOUND:44301524"


@pytest.mark.parametrize(
    "text, node, kind",
    [
        pytest.param("MOR", MOR, MatchKind.SYNONYM, id="exact-synonym-beats-morphine"),
        pytest.param("mor", MOR, MatchKind.SYNONYM, id="case-ignored"),
        pytest.param("7-OH", SEVEN_OH, MatchKind.SYNONYM, id="abbreviation"),
        pytest.param("7OH", SEVEN_OH, MatchKind.SYNONYM, id="hyphen-ignored"),
        pytest.param("OPRM1", MOR, MatchKind.SYNONYM, id="gene-symbol"),
        pytest.param("HGNC:8156", MOR, MatchKind.IDENTIFIER, id="xref-curie"),
        pytest.param(MOR, MOR, MatchKind.ID, id="node-curie"),
        pytest.param("mu-opioid receptor", MOR, MatchKind.LABEL, id="label"),
        pytest.param("7-hydroxymitra", SEVEN_OH, MatchKind.LABEL_PREFIX, id="label-prefix"),
    ],
)
def test_find_nodes_ranks_the_intended_node_first(kratom_graph, text, node, kind):
    first = find_nodes(kratom_graph, text)[0]
    assert (first.node, first.kind) == (node, kind)


def test_find_nodes_orders_exact_before_prefix_before_part(kratom_graph):
    hits = find_nodes(kratom_graph, "mitragynine", limit=None)
    kinds = [m.kind for m in hits]
    assert kinds == sorted(kinds)
    assert hits[0].label == "mitragynine"
    assert {MatchKind.LABEL, MatchKind.LABEL_PREFIX, MatchKind.LABEL_PART} <= set(kinds)
    assert "morphine" in [m.label for m in find_nodes(kratom_graph, "MOR", limit=None)]


@pytest.mark.parametrize("text", [pytest.param("", id="empty"), pytest.param(" - ", id="only-punctuation")])
def test_find_nodes_empty_text_finds_nothing(kratom_graph, text):
    assert find_nodes(kratom_graph, text) == []


def test_summarize(tiny_graph):
    s = summarize(tiny_graph)
    assert (s["nodes"], s["edges"], s["evidence"]) == (5, 6, 9)
    assert s["evidence_types"] == {"in_vitro": 4, "animal": 2, "review": 1, "claim": 2}
    assert s["claim_only_edges"] == 1 and s["contested_edges"] == 1


def test_relation_sentence(tiny_graph):
    assert (
        relation_sentence(tiny_graph, ("TEST:m", "TEST:r", "agonist"))
        == "metabolite M is an agonist at the receptor R"
    )


def test_every_evidence_type_and_species_pair_has_its_own_filter_bit():
    from graph.query import _SPECIES, _TYPES, PAIR_BITS, _pair_bit

    bits = {_pair_bit(t, s) for t in _TYPES for s in _SPECIES}
    assert len(bits) == len(_TYPES) * len(_SPECIES)
    assert min(bits) == 0 and max(bits) < PAIR_BITS
