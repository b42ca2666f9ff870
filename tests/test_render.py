"""Drawable views: styles that read without colour, the layered layout, records, capping."""

from __future__ import annotations

import pytest

from graph import EvidenceType, NodeKind, build_graph
from graph.query import Filters, select
from graph.render import (
    EVIDENCE_STYLE,
    KIND_STYLE,
    LANE_OF,
    LANES,
    NEGATED_STYLE,
    NODE_SIZE,
    REFINE_STORED_BUDGET,
    _best_arrangement,
    cap_selection,
    edge_crossings,
    edge_title,
    label_boxes,
    label_overlaps,
    lane_titles,
    layered_layout,
    legend,
    stored_arrangement,
    vis_color,
    vis_data,
    vis_options,
)
from graph.vocab import Predicate

TIERS = {
    "primary": {
        EvidenceType.HUMAN_TRIAL,
        EvidenceType.HUMAN_OBSERVATIONAL,
        EvidenceType.ANIMAL,
        EvidenceType.IN_VITRO,
    },
    "case": {EvidenceType.CASE_REPORT},
    "secondary": {
        EvidenceType.REVIEW,
        EvidenceType.REGULATORY,
        EvidenceType.DATABASE,
        EvidenceType.IN_SILICO,
    },
    "claim": {EvidenceType.CLAIM},
}


def pattern(style) -> tuple:
    return tuple(style["dashes"]) if style["dashes"] else ()


def test_line_style_alone_tells_the_evidence_tiers_apart():
    # In grayscale only the dash pattern is left: one pattern per tier, different tiers differ.
    per_tier = {name: {pattern(EVIDENCE_STYLE[t]) for t in types} for name, types in TIERS.items()}
    assert all(len(p) == 1 for p in per_tier.values())
    patterns = [next(iter(p)) for p in per_tier.values()] + [pattern(NEGATED_STYLE)]
    assert len(set(patterns)) == len(patterns)


def test_node_kinds_have_distinct_shape_or_colour():
    looks = {(s["shape"], s["color"]) for s in KIND_STYLE.values()}
    assert len(looks) == len(KIND_STYLE)


def test_legend_covers_every_style():
    labels = " ".join(item["label"] for item in legend())
    assert all(t.title in labels for t in EvidenceType)
    assert all(k.title in labels for k in NodeKind)
    edge_items = [item for item in legend() if item["kind"] == "edge"]
    for item, (etype, style) in zip(edge_items, EVIDENCE_STYLE.items(), strict=False):
        assert item["label"].startswith(etype.title) and item["pattern"] == (style["dashes"] or [])


def test_layout_runs_left_to_right_by_kind(kratom_graph):
    pos = layered_layout(kratom_graph)
    assert set(pos) == set(kratom_graph.nodes)
    x = {n: p[0] for n, p in pos.items()}
    plant = x["NCBITaxon:170351"]
    effects = [
        x[n]
        for n, d in kratom_graph.nodes(data=True)
        if d["kind"] in (NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT)
    ]
    receptors = [x[n] for n, d in kratom_graph.nodes(data=True) if d["kind"] is NodeKind.RECEPTOR]
    assert plant < min(receptors) < min(effects)
    assert len(set(pos.values())) == len(pos), "no two nodes on the same spot"


# A graph of 1,000 nodes (the synthetic dataset of bench/synthetic.py, seed 7): igraph 1.0.0's
# Sugiyama layout read past its buffers on it (valgrind: sugiyama.c:508-509) and crashed the
# process, every time under -X faulthandler; the layout runs in a child process here so a crash
# fails this test alone.
SUGIYAMA_CRASH = """
import sys
from bench.synthetic import generate
from graph import build_graph
from graph.render import lane_order
from graph.validate import validate_raw

G = build_graph(validate_raw(generate(1000)))
lanes = lane_order(G)
placed = [n for members in lanes.values() for n in members]
assert sorted(placed) == sorted(G.nodes), "each node in one lane, once"
print("lanes", len(lanes), len(placed))
"""


def test_lane_order_of_a_thousand_node_graph_does_not_crash():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", SUGIYAMA_CRASH],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("lanes "), done.stdout


def test_crowded_lanes_take_columns_until_the_layout_fills_a_wide_canvas():
    """5,000 nodes in seven lanes of up to about 1,400: the layout is about as wide as the
    canvas it is shaped for (VIEW_ASPECT 2), not a strip one lane column per kind wide."""
    from collections import defaultdict

    from bench.synthetic import generate
    from graph.render import MAX_LANE_COLUMNS, VIEW_ASPECT
    from graph.validate import validate_raw

    G = build_graph(validate_raw(generate(5000)))
    pos = layered_layout(G)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    aspect = (max(xs) - min(xs)) / (max(ys) - min(ys))
    assert VIEW_ASPECT * 0.75 <= aspect <= VIEW_ASPECT * 1.25, aspect
    columns = defaultdict(set)
    for n, (x, _) in pos.items():
        columns[LANE_OF[G.nodes[n]["kind"]]].add(x)
    assert max(len(c) for c in columns.values()) <= MAX_LANE_COLUMNS
    assert len(set(pos.values())) == len(pos), "no two nodes on the same spot"


# Target of the layered layout on the embedded graph: at most half the 1,029 crossings of
# the hand-written layout it replaced, and no two labels overlapping (bench/ui.py reports both).
MAX_EMBEDDED_CROSSINGS = 514


def test_embedded_layout_halves_the_crossings_and_overlaps_no_labels(kratom_graph):
    pos = layered_layout(kratom_graph)
    assert edge_crossings(kratom_graph, pos) <= MAX_EMBEDDED_CROSSINGS
    assert label_overlaps(label_boxes(kratom_graph, pos)) == 0


def test_lanes_say_what_they_hold_left_to_right(kratom_graph):
    pos = layered_layout(kratom_graph)
    titles = [t["label"] for t in lane_titles(kratom_graph)]
    assert titles == [
        "plant",
        "compounds",
        "enzymes / transporters",
        "metabolites",
        "receptors / targets",
        "effects",
        "adverse effects",
    ]
    # Every node sits in its kind's lane: lanes never interleave.
    spans = {}
    for n, (x, _) in pos.items():
        lane = LANE_OF[kratom_graph.nodes[n]["kind"]]
        lo, hi = spans.get(lane, (x, x))
        spans[lane] = (min(lo, x), max(hi, x))
    ordered = [spans[lane] for lane in sorted(spans)]
    assert all(a[1] < b[0] for a, b in zip(ordered, ordered[1:], strict=False))
    assert len(LANES) == len({name for name, _ in LANES})


def test_stored_layout_is_the_embedded_graphs_and_recomputes_the_same(kratom_graph):
    stored = stored_arrangement(kratom_graph)
    assert stored is not None, "graph/layout.json is out of date: run `make layout`"
    assert _best_arrangement(kratom_graph, REFINE_STORED_BUDGET) == stored  # deterministic, honestly stored


def test_lanes_of_another_dataset_have_generic_names(kratom_graph):
    kratom = [t["x"] for t in lane_titles(kratom_graph)]
    generic = lane_titles(kratom_graph, generic=True)
    assert [t["x"] for t in generic] == kratom  # the same lanes, other names
    assert [t["label"] for t in generic] == [
        "organisms",
        "chemicals / drugs",
        "enzymes",
        "metabolites",
        "genes / proteins",
        "phenotypes / processes",
        "diseases / adverse effects",
    ]


SQUARE = {"a": (0.0, 0.0), "b": (10.0, 10.0), "c": (0.0, 10.0), "d": (10.0, 0.0)}


@pytest.mark.parametrize(
    ("name", "links", "expected"),
    [
        ("diagonals_cross", [("a", "b"), ("c", "d")], 1),
        ("sides_do_not_cross", [("a", "c"), ("d", "b")], 0),
        ("shared_corner_is_no_crossing", [("a", "b"), ("a", "d")], 0),
        ("both_directions_count_once", [("a", "b"), ("b", "a"), ("c", "d")], 1),
        ("self_loop_ignored", [("a", "a"), ("c", "d")], 0),
    ],
)
def test_edge_crossings_counts_proper_crossings_of_node_pairs(name, links, expected):
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_nodes_from(SQUARE)
    G.add_edges_from(links)
    assert edge_crossings(G, SQUARE) == expected


@pytest.mark.parametrize(
    ("name", "boxes", "expected"),
    [
        ("apart", {"a": (0, 0, 10, 10), "b": (20, 0, 30, 10)}, 0),
        ("touching_edges", {"a": (0, 0, 10, 10), "b": (10, 0, 20, 10)}, 0),
        ("overlapping", {"a": (0, 0, 10, 10), "b": (5, 5, 15, 15)}, 1),
        ("same_column_apart", {"a": (0, 0, 10, 10), "b": (0, 20, 10, 30), "c": (2, 5, 8, 25)}, 2),
    ],
)
def test_label_overlaps_counts_overlapping_pairs(name, boxes, expected):
    assert label_overlaps(boxes) == expected


def test_records_are_text_only_and_complete(tiny_graph):
    nodes, edges = vis_data(tiny_graph, select(tiny_graph))
    assert {n["id"] for n in nodes} == set(tiny_graph.nodes)
    assert all(isinstance(n["title"], str) and "x" in n and "y" in n for n in nodes)
    by_id = {e["id"]: e for e in edges}
    claim = by_id["TEST:a|causes|TEST:pain"]
    assert claim["best"] == "claim" and "claim only" in claim["title"]
    assert claim["dashes"] == EVIDENCE_STYLE[EvidenceType.CLAIM]["dashes"]


def test_large_views_draw_solid_lines_without_arrows(tiny_graph):
    _, edges = vis_data(tiny_graph, select(tiny_graph), large=True)
    # vis-network draws an edge without ``dashes`` or ``arrows`` solid and without a head.
    assert all("dashes" not in e and "arrows" not in e for e in edges)
    options = vis_options(large=True)
    assert options["edges"]["smooth"] is False and "dashes" not in options["edges"]


@pytest.mark.parametrize("large", [pytest.param(False, id="full"), pytest.param(True, id="large")])
def test_node_groups_give_each_kind_its_shape_and_colour(tiny_graph, large):
    options = vis_options(large=large)
    # The colour as vis-network derives it from the kind's (its shades: the browser test
    # holds vis_color to vis.util.parseColor).
    assert {
        k: {"shape": g["shape"], "color": g["color"]["background"]} for k, g in options["groups"].items()
    } == {k.value: {"shape": s["shape"], "color": s["color"]} for k, s in KIND_STYLE.items()}
    assert all(g["color"] == vis_color(g["color"]["background"]) for g in options["groups"].values())
    # A label beside its node has a white outline (edges pass under it); one inside its
    # shape has none, so that the shape shows its kind's colour. A large view: none.
    label = options["nodes"]["font"]
    assert (label.get("strokeColor"), label.get("strokeWidth")) == ((None, None) if large else ("#ffffff", 4))
    for kind, s in KIND_STYLE.items():
        inside = options["groups"][kind.value].get("font")
        if large or s["shape"] not in ("box", "ellipse"):
            assert inside is None
        else:
            assert inside == {"strokeWidth": 0}
    assert options["nodes"]["size"] == NODE_SIZE
    nodes, _ = vis_data(tiny_graph, select(tiny_graph), large=large)
    for n in nodes:
        kind = tiny_graph.nodes[n["id"]]["kind"]
        assert n["group"] == kind.value
        # A full record may repeat its group's style, never contradict it (its colour is the
        # one vis-network derives the group's object from).
        style = options["groups"][n["group"]]
        given = {k: vis_color(n[k]) if k == "color" else n[k] for k in style if k in n}
        assert given == {k: style[k] for k in style if k in n}


def test_large_records_carry_no_per_item_style_or_details(tiny_graph):
    nodes, edges = vis_data(tiny_graph, select(tiny_graph), large=True)
    assert all(set(n) == {"id", "label", "group", "x", "y"} for n in nodes)
    assert all(set(e) == {"id", "from", "to", "color", "width"} for e in edges)
    full_nodes, full_edges = vis_data(tiny_graph, select(tiny_graph))
    assert [n["id"] for n in nodes] == [n["id"] for n in full_nodes]
    assert [(e["color"], e["width"]) for e in edges] == [(e["color"], e["width"]) for e in full_edges]
    assert vis_options(large=True)["interaction"]["hideEdgesOnDrag"] is True


def test_edge_title_is_the_full_records_tooltip(tiny_graph):
    _, edges = vis_data(tiny_graph, select(tiny_graph))
    nodes = tiny_graph.nodes
    for e in edges:
        u, k, v = e["id"].split("|")
        assert edge_title(nodes, u, v, k, tiny_graph.edges[u, v, k]) == e["title"]


def test_legend_names_the_group_of_each_node_kind():
    kinds = [item for item in legend() if item["kind"] == "node"]
    assert [item["group"] for item in kinds] == [k.value for k in NodeKind]
    assert [item["label"] for item in kinds] == [k.title for k in NodeKind]


def test_render_does_not_touch_the_graph(tiny_graph):
    before = {e: dict(d) for e, d in ((e, tiny_graph.edges[e]) for e in tiny_graph.edges(keys=True))}
    vis_data(tiny_graph, select(tiny_graph))
    assert {e: dict(tiny_graph.edges[e]) for e in tiny_graph.edges(keys=True)} == before


@pytest.mark.parametrize("limit", [1, 3, 5])
def test_cap_keeps_at_most_the_limit(kratom_graph, limit):
    capped = cap_selection(kratom_graph, select(kratom_graph), limit)
    assert capped.shown_nodes <= limit and capped.capped
    assert capped.message.startswith(f"Showing {capped.shown_nodes} of {kratom_graph.number_of_nodes()}")


def test_large_views_with_positions_draw_their_edges_with_the_edge_layer():
    from bench.synthetic import generate
    from graph.render import LARGE_VIEW_NODES, page_scripts_js, to_network
    from graph.validate import validate_raw

    G = build_graph(validate_raw(generate(700, seed=5)))
    assert G.number_of_nodes() > LARGE_VIEW_NODES
    layered = to_network(G, select(G))
    assert layered.edge_layer and len(layered.edges) == G.number_of_edges()
    # Physics needs vis-network's edges (its springs); a small view keeps them too.
    assert not to_network(G, select(G), physics=True).edge_layer
    assert not to_network(G, select(G), large=False).edge_layer
    # The page script the app, the export and the benchmark share.
    assert "function createEdgeLayer(" in page_scripts_js()


def _unpacked(nodes: list[dict], pack: dict) -> list[dict]:
    """The records a pack stands for, read by its documented layout (pack_edges)."""

    def end(value):
        if isinstance(value, int):
            return nodes[value]["id"]
        return value[0] if isinstance(value, list) else value

    def record(i, a, b, s):
        u, v = end(a), end(b)
        eid = f"{u}|{pack['keys'][i]}|{v}" if isinstance(i, int) else i[0] if isinstance(i, list) else i
        return {"id": eid, "from": u, "to": v, **pack["styles"][s]}

    return [record(*x) for x in zip(pack["ids"], pack["from"], pack["to"], pack["style"], strict=True)]


def test_packed_edges_of_a_large_view_hold_the_same_records_with_each_style_once(tiny_graph):
    from graph.render import pack_edges

    nodes, edges = vis_data(tiny_graph, select(tiny_graph), large=True)
    pack = pack_edges(nodes, edges)
    assert _unpacked(nodes, pack) == edges
    assert all(isinstance(x, int) for x in pack["from"] + pack["to"])  # every end is drawn
    # Every id is its ends and a predicate: stored as the predicate's position.
    assert all(isinstance(x, int) for x in pack["ids"]) and set(pack["keys"]) <= {p.value for p in Predicate}
    assert len(pack["styles"]) == len({(e["color"]["color"], e["width"]) for e in edges})


@pytest.mark.parametrize(
    "edge,ends",
    [
        pytest.param({"id": "e", "from": "a", "to": "b", "width": 1}, ([0], [1]), id="drawn-ends"),
        pytest.param({"id": "e", "from": "a", "to": "gone", "width": 1}, ([0], ["gone"]), id="end-not-drawn"),
        pytest.param({"id": "e", "from": 7, "to": "a", "width": 1}, ([[7]], [0]), id="number-id-not-drawn"),
        pytest.param(
            {"id": 3, "from": "b", "to": "a", "label": "weakest", "font": {"size": 14}},
            ([1], [0]),
            id="labelled",
        ),
        pytest.param({"id": "a|x|y|b", "from": "a", "to": "b"}, ([0], [1]), id="id-key-with-bars"),
        pytest.param({"id": "a||b", "from": "a", "to": "b"}, ([0], [1]), id="id-empty-key"),
        pytest.param({"id": "a|b", "from": "a", "to": "b"}, ([0], [1]), id="id-too-short"),
        pytest.param({"id": "ab|x|b", "from": "a", "to": "b"}, ([0], [1]), id="id-other-start"),
        pytest.param({"id": "a|x|bb", "from": "a", "to": "b"}, ([0], [1]), id="id-other-end"),
        pytest.param(
            {"id": "gone|x|b", "from": "gone", "to": "b"}, (["gone"], [1]), id="id-of-end-not-drawn"
        ),
        pytest.param({"id": "7|x|a", "from": 7, "to": "a"}, ([[7]], [0]), id="id-of-number-end"),
    ],
)
def test_packed_edges_keep_ends_that_are_not_drawn_and_every_field(edge, ends):
    from graph.render import pack_edges

    nodes = [{"id": "a"}, {"id": "b"}]
    pack = pack_edges(nodes, [edge])
    assert (pack["from"], pack["to"]) == ends
    assert _unpacked(nodes, pack) == [edge]
    derived = isinstance(pack["ids"][0], int)
    assert derived == (edge["id"] in {"a|x|y|b", "a||b", "gone|x|b"})


@pytest.mark.parametrize(
    "color",
    [
        pytest.param(None, id="no-colour"),
        pytest.param("#f00", id="colour-string"),  # a slim record's layout, one field a string
    ],
)
def test_equal_styles_of_distinct_values_are_told_apart(color):
    from graph.render import pack_edges

    nodes = [{"id": "a"}]
    edges = [{"id": str(i), "from": "a", "to": "a", "width": w} for i, w in enumerate([1, 1.0, True, 1])]
    if color is not None:
        edges = [{**e, "color": color} for e in edges] + [
            {"id": "x", "from": "a", "to": "a", "color": "#0f0", "width": 1}
        ]
    pack = pack_edges(nodes, edges)
    assert pack["style"] == [0, 1, 2, 0] + ([3] if color else [])
    assert _unpacked(nodes, pack) == edges
    assert [type(e["width"]) for e in _unpacked(nodes, pack)][:4] == [int, float, bool, int]


def test_records_sharing_a_colour_object_share_a_style_and_distinct_objects_do_not():
    from graph.render import pack_edges

    red, also_red = {"color": "#f00"}, {"color": "#f00"}
    edges = [
        {"id": str(i), "from": "a", "to": "a", "color": c, "width": 2}
        for i, c in enumerate([red, red, also_red])
    ]
    pack = pack_edges([{"id": "a"}], edges)
    assert pack["style"] == [0, 0, 1]
    assert _unpacked([{"id": "a"}], pack) == edges


def test_legend_of_a_graph_names_only_what_it_is_drawn_with(kratom_graph):
    """A graph's legend: the best evidence of its edges (and "contradicted only" when an
    edge is), its nodes' kinds; of a selection, only those of the selection."""
    items = legend(kratom_graph)
    best = {d["best_evidence"] for *_, d in kratom_graph.edges(keys=True, data=True)}
    kinds = {kratom_graph.nodes[n]["kind"] for n in kratom_graph}
    assert [i["label"] for i in items if i["kind"] == "edge"] == [
        *(f"{t.title} (best evidence)" for t in EVIDENCE_STYLE if t in best),
        *(["Contradicted only"] if None in best else []),
    ]
    assert [i["group"] for i in items if i["kind"] == "node"] == [k.value for k in NodeKind if k in kinds]
    assert EvidenceType.DATABASE not in best and "Database (best evidence)" not in str(items)
    # A view of claims only: the claim style, and the kinds of the nodes those edges join.
    claims = select(kratom_graph, Filters(evidence_types=frozenset({EvidenceType.CLAIM})))
    only = legend(kratom_graph, claims)
    edge_labels = {i["label"] for i in only if i["kind"] == "edge"}
    assert "Unsupported claim (best evidence)" in edge_labels and len(edge_labels) < len(items)
    assert {i["group"] for i in only if i["kind"] == "node"} == {
        kratom_graph.nodes[n]["kind"].value for n in claims.nodes
    }
    # Every item of the full legend is one of the legend without a graph.
    assert all(i in legend() for i in items + only)
