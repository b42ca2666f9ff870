"""Drawable view of a graph selection: vis-network node/edge data, styles, layout, legend, view caps.

Node and edge records are plain dicts in vis-network's format, held in a pyvis
``Network`` (filled directly: pyvis's ``from_nx`` mutates its input and is quadratic).
Nothing here writes HTML; every string is data that the browser side shows as text.

Styles encode the best evidence of an edge twice, by colour (Okabe-Ito, colour-blind
safe) and by line style (solid, long dash, short dash, dotted), so the legend still reads
in grayscale. Node kinds have distinct shapes.

>>> from graph import build_graph, load_dataset
>>> from graph.query import select
>>> G = build_graph(load_dataset())
>>> nodes, edges = vis_data(G, select(G))
>>> len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
True
"""

from __future__ import annotations

import math
import weakref
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np

from graph.errors import UnknownNodeError
from graph.query import EdgeId, Selection
from graph.validate import gc_paused
from graph.vocab import EvidenceType, NodeKind, Predicate

# Okabe-Ito palette; line style is the redundant channel.
EVIDENCE_STYLE: dict[EvidenceType, dict[str, Any]] = {
    EvidenceType.HUMAN_TRIAL: {"color": "#009E73", "dashes": False, "width": 4},
    EvidenceType.HUMAN_OBSERVATIONAL: {"color": "#56B4E9", "dashes": False, "width": 3.5},
    EvidenceType.ANIMAL: {"color": "#0072B2", "dashes": False, "width": 3},
    EvidenceType.IN_VITRO: {"color": "#CC79A7", "dashes": False, "width": 2.5},
    EvidenceType.CASE_REPORT: {"color": "#E69F00", "dashes": [12, 6], "width": 2.5},
    EvidenceType.IN_SILICO: {"color": "#B3B3B3", "dashes": [6, 6], "width": 1.5},
    EvidenceType.REVIEW: {"color": "#7F7F7F", "dashes": [6, 6], "width": 2},
    EvidenceType.REGULATORY: {"color": "#8C6D1F", "dashes": [6, 6], "width": 2},
    EvidenceType.DATABASE: {"color": "#999999", "dashes": [6, 6], "width": 1.5},
    EvidenceType.CLAIM: {"color": "#D55E00", "dashes": [2, 6], "width": 2},
}
NEGATED_STYLE = {"color": "#000000", "dashes": [2, 3, 10, 3], "width": 1.5}

KIND_STYLE: dict[NodeKind, dict[str, str]] = {
    NodeKind.PLANT: {"shape": "star", "color": "#4D9221"},
    NodeKind.ALKALOID: {"shape": "dot", "color": "#1B7837"},
    NodeKind.METABOLITE: {"shape": "diamond", "color": "#5AAE61"},
    NodeKind.RECEPTOR: {"shape": "triangle", "color": "#2166AC"},
    NodeKind.ENZYME: {"shape": "square", "color": "#762A83"},
    NodeKind.OTHER_TARGET: {"shape": "triangleDown", "color": "#4393C3"},
    NodeKind.DRUG: {"shape": "hexagon", "color": "#878787"},
    NodeKind.EFFECT: {"shape": "box", "color": "#FDDBC7"},
    NodeKind.ADVERSE_EFFECT: {"shape": "box", "color": "#F4A582"},
    NodeKind.OTHER: {"shape": "ellipse", "color": "#D9D9D9"},
}


def edge_style(data: dict) -> dict[str, Any]:
    """Colour, dashes and width of an edge from its best supporting evidence."""
    best = data["best_evidence"]
    return dict(NEGATED_STYLE if best is None else EVIDENCE_STYLE[best])


def legend() -> list[dict[str, Any]]:
    """Legend entries: evidence line styles first, then node-kind shapes."""
    items = [
        {
            "label": f"{t.title} (best evidence)",
            "color": s["color"],
            "dashes": bool(s["dashes"]),
            "kind": "edge",
            "pattern": s["dashes"] or [],
        }
        for t, s in EVIDENCE_STYLE.items()
    ]
    items.append(
        {
            "label": "Contradicted only",
            "color": NEGATED_STYLE["color"],
            "dashes": True,
            "kind": "edge",
            "pattern": NEGATED_STYLE["dashes"],
        }
    )
    items += [
        {"label": k.title, "color": s["color"], "shape": s["shape"], "kind": "node"}
        for k, s in KIND_STYLE.items()
    ]
    return items


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LAYER = {k: k.layer for k in NodeKind}

# Lanes of the mechanism layout, left to right, and the node kinds each holds.
LANES: tuple[tuple[str, frozenset[NodeKind]], ...] = (
    ("plant", frozenset({NodeKind.PLANT})),
    ("compounds", frozenset({NodeKind.ALKALOID, NodeKind.DRUG})),
    ("metabolites", frozenset({NodeKind.METABOLITE})),
    ("enzymes / transporters", frozenset({NodeKind.ENZYME})),
    ("receptors / targets", frozenset({NodeKind.RECEPTOR, NodeKind.OTHER_TARGET})),
    ("effects", frozenset({NodeKind.EFFECT})),
    ("adverse effects", frozenset({NodeKind.ADVERSE_EFFECT})),
    ("other", frozenset({NodeKind.OTHER})),
)
LANE_OF = {kind: i for i, (_, kinds) in enumerate(LANES) for kind in kinds}

NODE_SIZE = 8
FONT_SIZE = 18
LABEL_WIDTH = 200  # labels wrap at this width (canvas units): adjacent lanes never overlap
LANE_SPACING = LABEL_WIDTH + 40
LINE_HEIGHT = FONT_SIZE + 1
SLOT_GAP = 6
VIEW_ASPECT = 2.0  # width / height of the canvas the layout is shaped for (a wide screen)
SUGIYAMA_MAX_NODES = 3_000  # above: one barycentre sweep orders the lanes (linear time)


_NARROW = frozenset("iljI.,;:'!|()[]/ -ftr1")
_WIDE = frozenset("mwMW")


class _CharWidths(dict):
    """Width of a character in ems, worked out the first time the character is seen."""

    def __missing__(self, ch: str) -> float:
        if ch in _NARROW:
            width = 0.30
        elif ch in _WIDE:
            width = 0.88
        elif ch.isupper() or ch.isdigit():
            width = 0.66
        else:
            width = 0.62
        self[ch] = width
        return width


_CHAR_WIDTH = _CharWidths()


def _text_width(text: str) -> float:
    """Width of ``text`` at ``FONT_SIZE`` in a sans-serif face, erring on the wide side
    (checked against Chromium's rendering of every label of the embedded graph)."""
    # Summed left to right from 0.0, as a loop would (a 5k-node layout measures 50,000 words).
    return sum(map(_CHAR_WIDTH.__getitem__, text), 0.0) * FONT_SIZE


def _label_lines(label: str, width: float = LABEL_WIDTH) -> int:
    """Lines of a label wrapped at ``width`` the way vis-network wraps: at spaces, and
    inside a word that is wider than a line."""
    lines, current = 0, None
    space = _text_width(" ")
    for word in label.split(" "):
        w = _text_width(word)
        if current is not None and current + space + w <= width:
            current += space + w
            continue
        lines += max(1, math.ceil(w / width))
        current = w % width if w > width else w
    return max(lines, 1)


@lru_cache(maxsize=1 << 16)  # asked three times per node while a layout is made
def _slot_height(kind: NodeKind, label: str) -> float:
    """Height a node takes in its lane: its shape and its (wrapped) label, plus a gap."""
    if KIND_STYLE.get(kind, {}).get("shape") == "box":  # the label is inside the box (5 px margins)
        return _label_lines(label, LABEL_WIDTH - 10) * LINE_HEIGHT + 12 + SLOT_GAP
    lines = _label_lines(label)
    return 2 * NODE_SIZE + 4 + lines * LINE_HEIGHT + SLOT_GAP


def _centre_offset(kind: NodeKind, label: str) -> float:
    """From the top of a node's slot to its centre (a label below, or inside a box)."""
    if KIND_STYLE.get(kind, {}).get("shape") == "box":
        return (_slot_height(kind, label) - SLOT_GAP) / 2
    return NODE_SIZE


def lane_order(G: nx.MultiDiGraph) -> dict[int, list[str]]:
    """Nodes of each lane, top to bottom, ordered to cross as few edges as possible.

    igraph's Sugiyama layout (layers fixed to the lanes; dummy vertices on edges that
    skip lanes; barycentre sweeps) gives the order within each lane; for graphs of more
    than ``SUGIYAMA_MAX_NODES`` nodes one barycentre sweep does, in linear time.
    """
    nodes = sorted(G.nodes)
    lane = {n: LANE_OF[G.nodes[n]["kind"]] for n in nodes}
    labels = {n: G.nodes[n]["label"].casefold() for n in nodes}
    lanes: dict[int, list[str]] = defaultdict(list)
    if len(nodes) > SUGIYAMA_MAX_NODES:
        return _barycentre_order(G, lane, labels)
    import igraph  # imported here: only drawing needs it

    index = {n: i for i, n in enumerate(nodes)}
    pairs = set()
    for u, v in G.edges():
        a, b = index[u], index[v]
        if lane[u] > lane[v]:
            a, b = b, a
        if lane[u] != lane[v]:
            pairs.add((a, b))
    g = igraph.Graph(n=len(nodes), edges=sorted(pairs), directed=True)
    coords = g.layout_sugiyama(layers=[lane[n] for n in nodes], maxiter=200).coords
    for n in nodes:
        lanes[lane[n]].append(n)
    for members in lanes.values():
        members.sort(key=lambda n: (coords[index[n]][0], labels[n]))
    return dict(lanes)


def _barycentre_order(G: nx.MultiDiGraph, lane: dict, labels: dict) -> dict[int, list[str]]:
    columns: dict[int, list[str]] = defaultdict(list)
    for n in lane:
        columns[lane[n]].append(n)
    pred = G._pred if hasattr(G, "_pred") else G.pred
    succ = G._succ if hasattr(G, "_succ") else G.succ
    rows: dict[str, float] = {}
    for layer in sorted(columns):
        members = columns[layer]

        def barycentre(n: str) -> tuple[float, str]:
            placed = [rows[m] for m in pred[n] if m in rows]
            placed += [rows[m] for m in succ[n] if m in rows]
            return (sum(placed) / len(placed) if placed else float("inf"), labels[n])

        members.sort(key=barycentre)
        for i, n in enumerate(members):
            rows[n] = i
    return dict(columns)


def layered_layout(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Left-to-right lanes (see ``LANES``): plant, compounds, metabolites, enzymes, targets, effects.

    Lanes without nodes are skipped; within a lane nodes follow :func:`lane_order` and
    each takes the height its wrapped label needs, so no two labels overlap (labels wrap
    at ``LABEL_WIDTH``, narrower than the lane spacing). Cached per graph.
    """
    cached = _LAYOUTS.get(G)
    if cached is not None:
        return cached
    pos: dict[str, tuple[float, float]] = {}
    node_data = G._node if hasattr(G, "_node") else G.nodes  # a plain mapping: no view per lookup
    for x, members in _columns(G):
        slots = [(n, node_data[n]["kind"], node_data[n]["label"]) for n in members]
        total = sum(_slot_height(k, label) for _, k, label in slots)
        top = -total / 2
        for n, k, label in slots:
            pos[n] = (x, top + _centre_offset(k, label))
            top += _slot_height(k, label)
    _LAYOUTS[G] = pos
    return pos


def _lane_columns(G: nx.MultiDiGraph) -> list[tuple[int, list[list[str]]]]:
    """Each drawn lane and its columns.

    A crowded lane may take two or three columns (its nodes alternate between them, in
    order): the tallest lane is split while that lets a ``VIEW_ASPECT`` canvas show the
    whole layout at a larger scale, so one crowded lane does not shrink every label.
    """
    order = sorted(lane_order(G).items())
    node_data = G._node if hasattr(G, "_node") else G.nodes  # a plain mapping: no view per lookup
    heights = {
        lane: [_slot_height(node_data[n]["kind"], node_data[n]["label"]) for n in members]
        for lane, members in order
    }
    split = {lane: 1 for lane, _ in order}

    def column_height(lane: int) -> float:
        k = split[lane]
        return max(sum(heights[lane][i::k]) for i in range(k))

    def fit_scale() -> float:
        width = (sum(split.values()) - 1) * LANE_SPACING + LABEL_WIDTH
        height = max(column_height(lane) for lane in split) + LINE_HEIGHT * 2
        return min(VIEW_ASPECT / width, 1 / height)

    while True:
        tallest = max(split, key=column_height)
        if split[tallest] >= 3:
            break
        before = fit_scale()
        split[tallest] += 1
        if fit_scale() <= before:
            split[tallest] -= 1
            break
    return [(lane, [members[i :: split[lane]] for i in range(split[lane])]) for lane, members in order]


def _columns(G: nx.MultiDiGraph) -> list[tuple[float, list[str]]]:
    cols = [col for _, columns in _lane_columns(G) for col in columns]
    return [(i * LANE_SPACING, col) for i, col in enumerate(cols)]


def lane_titles(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """``{"label", "x"}`` of each drawn lane (centred over its columns), for headings above the layout."""
    out, column = [], 0
    for lane, columns in _lane_columns(G):
        x = (column + (len(columns) - 1) / 2) * LANE_SPACING
        out.append({"label": LANES[lane][0], "x": x})
        column += len(columns)
    return out


def node_record(G: nx.MultiDiGraph, n: str, pos: tuple[float, float] | None) -> dict[str, Any]:
    d = G.nodes[n]
    return _node_record(n, d, pos)


def _node_record(n: str, d: dict, pos: tuple[float, float] | None) -> dict[str, Any]:
    shape, color, group, kind_title = _NODE_INFO[d["kind"]]
    label = d["label"]
    record = {
        "id": n,
        "label": label,
        "title": f"{label}\n{kind_title}\n{n}",
        "shape": shape,
        "color": color,
        "group": group,
        "size": NODE_SIZE,
    }
    if pos is not None:
        record["x"], record["y"] = pos
    return record


# Enum properties and sorted type lists looked up once: vis_data builds 15,000 edge
# records for a 5k-node view, and per-record enum attribute access was a third of its time.
_KIND_TITLE = {k: k.title for k in NodeKind}
_BEST_TITLE: dict[EvidenceType | None, str] = {t: t.title for t in EvidenceType}
_BEST_TITLE[None] = "contradicted only"
_BEST_VALUE: dict[EvidenceType | None, str] = {t: t.value for t in EvidenceType}
_BEST_VALUE[None] = "negated"
_STYLE_OF: dict[EvidenceType | None, dict[str, Any]] = {**EVIDENCE_STYLE, None: NEGATED_STYLE}
_SORTED_TYPES: dict[frozenset, tuple[str, ...]] = {}
_PHRASE_OF_VALUE = {p.value: p.phrase for p in Predicate}
_BEST_INFO = {
    best: (style["color"], style["dashes"], style["width"], _BEST_TITLE[best], _BEST_VALUE[best])
    for best, style in _STYLE_OF.items()
}
_COLOR_OBJ = {
    style["color"]: {"color": style["color"], "highlight": style["color"], "opacity": 0.9}
    for style in _STYLE_OF.values()
}
_NODE_INFO = {k: (KIND_STYLE[k]["shape"], KIND_STYLE[k]["color"], k.value, k.title) for k in NodeKind}


def _sorted_types(types: frozenset) -> tuple[str, ...]:
    cached = _SORTED_TYPES.get(types)
    if cached is None:
        cached = _SORTED_TYPES[types] = tuple(sorted(t.value for t in types))
    return cached


def edge_record(G: nx.MultiDiGraph, e: EdgeId) -> dict[str, Any]:
    u, v, k = e
    return _edge_record(G.nodes, u, v, k, G.edges[e])


_FLAGS = {
    (False, False): "",
    (True, False): "\nclaim only: no primary evidence",
    (False, True): "\ncontested",
    (True, True): "\nclaim only: no primary evidence; contested",
}


def _edge_record(node_data, u: str, v: str, k: str, d: dict, large: bool = False) -> dict[str, Any]:
    # One lookup keyed by the enum (str-Enum hashing runs Python code) and one by the
    # plain predicate value ``k``: enum-keyed lookups were a fifth of the time here.
    color, dashes, width, best_title, best_value = _BEST_INFO[d["best_evidence"]]
    confidence = d["confidence"]
    types = _SORTED_TYPES.get(d["evidence_types"]) or _sorted_types(d["evidence_types"])
    record = {
        "id": d["id"],
        "from": u,
        "to": v,
        "title": (
            f"{node_data[u]['label']} {_PHRASE_OF_VALUE[k]} {node_data[v]['label']}\n"
            f"best evidence: {best_title}; {len(d['evidence'])} item(s), "
            f"{len(d['citations'])} source(s); confidence {confidence:.2f}"
            f"{_FLAGS[d['claim_only'], d['contested']]}"
        ),
        # Shared, never mutated: one colour object per style instead of one per edge.
        "color": _COLOR_OBJ[color],
        "dashes": False if large or dashes is False else dashes,
        "width": width,
        "predicate": k,
        "best": best_value,
        "types": types,
        "confidence": confidence,
    }
    if not large:
        # Arrowheads were a third of a 5k-node first draw and are sub-pixel at the zoom
        # that shows the whole view; the layered layout already reads left to right.
        record["arrows"] = "to"
    return record


LARGE_VIEW_NODES = 500


def vis_data(
    G: nx.MultiDiGraph, selection: Selection, *, positions: bool = True, large: bool = False
) -> tuple[list[dict], list[dict]]:
    """Node and edge records of a selection, in vis-network's format.

    ``large=True`` (for views of more than about ``LARGE_VIEW_NODES`` nodes, drawn with
    ``vis_options(large=True)``) draws every edge as a solid line without an arrowhead:
    on a 5,000-node view in headless Chromium, dash patterns took about 0.6 s and
    arrowheads about 0.2 s of the first draw (bench/RESULTS.md), and neither can be seen
    at the zoom that shows the whole view. Colour and width still encode the evidence;
    direction is left to right in the layered layout, and a client that zooms in can
    turn arrows back on for all edges at once with ``setOptions({edges: {arrows: "to"}})``.
    Everything else in the records is the same.
    """
    # Tens of thousands of acyclic dicts: the cyclic collector's scans of them (and of the
    # graph they point into) were up to half of a 5k-node call.
    with gc_paused():
        return _vis_data(G, selection, positions, large)


def _vis_data(G: nx.MultiDiGraph, selection: Selection, positions: bool, large: bool):
    pos = layered_layout(G) if positions else {}
    # Plain mappings, not views: G.nodes[n] and G.edges[e] build a view object per lookup.
    node_data = G._node if hasattr(G, "_node") else G.nodes
    # Edge data straight from the adjacency mapping: G.edges[e] builds a view per lookup.
    succ = G._succ if hasattr(G, "_succ") else G.succ
    nodes = [_node_record(n, node_data[n], pos.get(n)) for n in sorted(selection.nodes)]
    edges = [_edge_record(node_data, u, v, k, succ[u][v][k], large) for u, v, k in selection.edges]
    return nodes, edges


DEFAULT_MAX_NODES = 2_000


@dataclass(frozen=True)
class CappedSelection:
    """A selection cut down to what a browser draws quickly, and what was left out.

    ``selection`` is what to draw; the counts say "showing N of M" (``message``).
    """

    selection: Selection
    shown_nodes: int
    total_nodes: int
    shown_edges: int
    total_edges: int
    focus: str | None = None

    @property
    def capped(self) -> bool:
        return self.shown_nodes < self.total_nodes or self.shown_edges < self.total_edges

    @property
    def message(self) -> str:
        """``Showing N of M nodes (n of m links), ...`` or ``All N nodes ...`` when nothing was cut."""
        if not self.capped:
            return f"All {self.total_nodes:,} nodes and {self.total_edges:,} links shown."
        rule = "nearest to the focus node first" if self.focus else "highest-confidence links first"
        return (
            f"Showing {self.shown_nodes:,} of {self.total_nodes:,} nodes "
            f"({self.shown_edges:,} of {self.total_edges:,} links): {rule}."
        )


def cap_selection(
    G: nx.MultiDiGraph, selection: Selection, max_nodes: int = DEFAULT_MAX_NODES, *, focus: str | None = None
) -> CappedSelection:
    """Keep at most ``max_nodes`` nodes of a selection, and every selected link among them.

    Without ``focus``, nodes enter in the order of their best link: links are ranked by
    confidence (ties: graph order) and each link's endpoints are taken in turn until
    ``max_nodes`` nodes are in. With ``focus`` (a node id), nodes enter by distance from
    it along selected links in either direction (a breadth-first walk; within one ring,
    over the stronger links first), so the focus and its surroundings are always shown.
    Vectorised over the graph's edge index: a 150,000-link selection is capped in
    milliseconds. Raise "show more" by calling again with a larger ``max_nodes``.

    >>> from graph import build_graph, load_dataset
    >>> from graph.query import select
    >>> G = build_graph(load_dataset("tests/fixtures/tiny"))
    >>> capped = cap_selection(G, select(G), 3)
    >>> capped.shown_nodes, capped.total_nodes, capped.capped
    (3, 5, True)
    >>> capped.message
    'Showing 3 of 5 nodes (3 of 6 links): highest-confidence links first.'
    >>> sorted(cap_selection(G, select(G), 2, focus="TEST:pain").selection.nodes)
    ['TEST:pain', 'TEST:r']
    """
    total_nodes = selection.node_count
    total_edges = selection.edge_count
    if total_nodes <= max_nodes:
        return CappedSelection(selection, total_nodes, total_nodes, total_edges, total_edges, focus)
    index = selection.index
    pos = selection.edge_positions
    subj, obj = index.subject[pos], index.object[pos]
    conf = index.confidence[pos]
    pinned = set(selection.pinned)
    if focus is None:
        order = np.argsort(-conf, kind="stable")
        ends = np.column_stack((subj[order], obj[order])).ravel()
        uniq, first = np.unique(ends, return_index=True)
        keep_nodes = uniq[np.argsort(first, kind="stable")][: max(0, max_nodes - len(pinned))]
    else:
        keep_nodes = _nearest_nodes(index, subj, obj, conf, focus, max_nodes)
        pinned.add(focus)
    inside = np.zeros(len(index.nodes), dtype=bool)
    inside[keep_nodes] = True
    mask = np.zeros_like(selection.mask)
    mask[pos[inside[subj] & inside[obj]]] = True
    capped = Selection(index, mask, pinned=pinned)
    return CappedSelection(capped, capped.node_count, total_nodes, capped.edge_count, total_edges, focus)


def _nearest_nodes(
    index, subj: np.ndarray, obj: np.ndarray, conf: np.ndarray, focus: str, max_nodes: int
) -> np.ndarray:
    """Node positions within reach of ``focus``, nearest first (BFS), at most ``max_nodes``."""
    start = index.node_position.get(focus)
    if start is None:
        raise UnknownNodeError(focus)
    ends = np.concatenate((subj, obj))
    others = np.concatenate((obj, subj))
    # Neighbour lists grouped by node, strongest link first (one sort, no Python loop).
    order = np.lexsort((-np.concatenate((conf, conf)), ends))
    ends, others = ends[order], others[order]
    seen = {start}
    ring = [start]
    out = [start]
    while ring and len(out) < max_nodes:
        lo = np.searchsorted(ends, ring, side="left")
        hi = np.searchsorted(ends, ring, side="right")
        nxt = []
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            for m in others[a:b].tolist():
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
                    out.append(m)
                    if len(out) >= max_nodes:
                        return np.array(out, dtype=np.int64)
        ring = nxt
    return np.array(out, dtype=np.int64)


def vis_options(*, physics: bool = False, large: bool = False) -> dict[str, Any]:
    """vis-network options: positions given and physics off unless asked for."""
    options: dict[str, Any] = {
        "physics": {"enabled": physics},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
        "nodes": {
            "font": {"size": FONT_SIZE, "face": "sans-serif"},
            "borderWidth": 1,
            "widthConstraint": {"maximum": LABEL_WIDTH},
        },
        "edges": {
            "smooth": False
            if large
            else {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.4},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": 200},
        }
    return options


def to_network(G: nx.MultiDiGraph, selection: Selection, *, physics: bool = False, large: bool | None = None):
    """A pyvis ``Network`` holding the selection's records (the graph is not touched).

    ``large`` defaults to views of more than ``LARGE_VIEW_NODES`` nodes (see :func:`vis_data`).
    """
    from pyvis.network import Network  # imported here: pyvis pulls in IPython (slow)

    if large is None:
        large = selection.node_count > LARGE_VIEW_NODES
    nodes, edges = vis_data(G, selection, positions=not physics, large=large)
    net = Network(directed=True, cdn_resources="in_line")
    # Filled directly: Network.add_node/add_edge scan lists and are quadratic.
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = vis_options(physics=physics, large=large)
    return net
