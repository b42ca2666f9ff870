"""Drawable views: styles that read without colour, the layered layout, records, capping."""

from __future__ import annotations

import pytest

from graph import EvidenceType, NodeKind
from graph.query import select
from graph.render import (
    EVIDENCE_STYLE,
    KIND_STYLE,
    NEGATED_STYLE,
    cap_selection,
    layered_layout,
    legend,
    vis_data,
    vis_options,
)

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
    assert all(e["dashes"] is False and "arrows" not in e for e in edges)
    assert vis_options(large=True)["edges"]["smooth"] is False


def test_render_does_not_touch_the_graph(tiny_graph):
    before = {e: dict(d) for e, d in ((e, tiny_graph.edges[e]) for e in tiny_graph.edges(keys=True))}
    vis_data(tiny_graph, select(tiny_graph))
    assert {e: dict(tiny_graph.edges[e]) for e in tiny_graph.edges(keys=True)} == before


@pytest.mark.parametrize("limit", [1, 3, 5])
def test_cap_keeps_at_most_the_limit(kratom_graph, limit):
    capped = cap_selection(kratom_graph, select(kratom_graph), limit)
    assert capped.shown_nodes <= limit and capped.capped
    assert capped.message.startswith(f"Showing {capped.shown_nodes} of {kratom_graph.number_of_nodes()}")
