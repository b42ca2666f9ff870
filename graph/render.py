"""Drawable view of a graph selection: vis-network node/edge data, styles, layout, legend, view caps.

Node and edge records are plain dicts in vis-network's format, held in a
:class:`NetworkView` (pyvis's ``Network.from_nx`` mutates its input and is quadratic, and
importing pyvis pulls in IPython).
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

import hashlib
import json
import math
import weakref
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from graph.build import no_finding_only
from graph.errors import UnknownNodeError
from graph.heap import gc_paused
from graph.query import EdgeId, Selection
from graph.vocab import EvidenceType, NodeKind, Predicate, best_evidence_title

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


def legend(G: nx.MultiDiGraph | None = None, selection: Selection | None = None) -> list[dict[str, Any]]:
    """Legend entries: evidence line styles first, then node-kind shapes.

    Without a graph, every style and kind. With one, only what its edges and nodes (those of
    ``selection``, when given) can be drawn with: the best evidence of some edge, "contradicted
    only" if an edge is, the kinds of its nodes. A network imported from another tool (every
    node of kind "other", every edge resting on the file itself) gets a legend of two lines,
    not of the kratom dataset's twenty-one.

    >>> from graph import build_graph, load_dataset
    >>> G = build_graph(load_dataset("tests/fixtures/tiny"))
    >>> [item["label"] for item in legend(G) if item["kind"] == "node"]
    ['plant', 'alkaloid', 'metabolite', 'receptor', 'effect']
    >>> len(legend()) > len(legend(G))
    True
    """
    best: set[EvidenceType | None] | None = None
    kinds: set[NodeKind] | None = None
    if G is not None:
        edges = (
            G.edges(keys=True, data=True)
            if selection is None
            else ((*e, G.edges[e]) for e in selection.edges)
        )
        best = {d["best_evidence"] for *_, d in edges}
        nodes = G.nodes if selection is None else selection.nodes
        kinds = {G.nodes[n]["kind"] for n in nodes}
    items = [
        {
            "label": f"{t.title} (best evidence)",
            "color": s["color"],
            "dashes": bool(s["dashes"]),
            "kind": "edge",
            "pattern": s["dashes"] or [],
        }
        for t, s in EVIDENCE_STYLE.items()
        if best is None or t in best
    ]
    if best is None or None in best:
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
        {"label": k.title, "color": s["color"], "shape": s["shape"], "kind": "node", "group": k.value}
        for k, s in KIND_STYLE.items()
        if kinds is None or k in kinds
    ]
    return items


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LAYER = {k: k.layer for k in NodeKind}

# Lanes of the mechanism layout, left to right, and the node kinds each holds: compounds
# are metabolised by enzymes into metabolites, which (like the compounds) act on targets.
LANES: tuple[tuple[str, frozenset[NodeKind]], ...] = (
    ("plant", frozenset({NodeKind.PLANT})),
    ("compounds", frozenset({NodeKind.ALKALOID, NodeKind.DRUG})),
    ("enzymes / transporters", frozenset({NodeKind.ENZYME})),
    ("metabolites", frozenset({NodeKind.METABOLITE})),
    ("receptors / targets", frozenset({NodeKind.RECEPTOR, NodeKind.OTHER_TARGET})),
    ("effects", frozenset({NodeKind.EFFECT})),
    ("adverse effects", frozenset({NodeKind.ADVERSE_EFFECT})),
    ("other", frozenset({NodeKind.OTHER})),
)
LANE_OF = {kind: i for i, (_, kinds) in enumerate(LANES) for kind in kinds}
# The same lanes named for any dataset (an imported one): what the Biolink categories that
# map to each lane's kinds hold (graph.imports.biolink_map.KIND_OF).
GENERIC_LANE_TITLES: tuple[tuple[str, frozenset[NodeKind]], ...] = tuple(
    (generic, kinds)
    for generic, (_, kinds) in zip(
        (
            "organisms",
            "chemicals / drugs",
            "enzymes",
            "metabolites",
            "genes / proteins",
            "phenotypes / processes",
            "diseases / adverse effects",
            "other",
        ),
        LANES,
        strict=True,
    )
)

NODE_SIZE = 8
FONT_SIZE = 18
LABEL_WIDTH = 200  # labels wrap at this width (canvas units): adjacent lanes never overlap
LANE_SPACING = LABEL_WIDTH + 40
LINE_HEIGHT = FONT_SIZE + 1
SLOT_GAP = 6
MAX_LANE_COLUMNS = 16  # columns one lane may take (see _split_lanes)
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
    """Left-to-right lanes (see ``LANES``): plant, compounds, enzymes, metabolites, targets, effects.

    Lanes without nodes are skipped; a crowded lane may take two or three columns. Within a
    column nodes follow :func:`lane_order`, refined to cross as few drawn edges as possible
    (:func:`_refine`), and each takes the height its wrapped label needs, so no two labels
    overlap (labels wrap at ``LABEL_WIDTH``, narrower than the lane spacing). Cached per graph.
    """
    cached = _LAYOUTS.get(G)
    if cached is None:
        given = G.graph.get("positions")
        cached = _LAYOUTS[G] = file_layout(given) if given else _place(G, *_arrangement(G))
    return cached


# A file's layout is scaled so that a node's nearest neighbour sits this far away, as a
# column's rows sit in the lanes: labels at the first view's zoom are as large as there.
NEAREST_SPACING = 70.0
_NEAREST_SAMPLE = 400  # nodes whose nearest neighbour is measured (all, in a smaller network)
# Then, if that is a little larger than what a wide canvas shows whole with readable labels
# (VIEW_ASPECT), it is shrunk to fit: by half at most (a big network is read by zooming in).
FIT_BOX = (1700.0, 1700.0 / VIEW_ASPECT)
MIN_FIT_SHRINK = 0.5


def file_layout(given: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The layout an imported file drew its network with (Gephi, Cytoscape, yEd), centred and
    scaled so that the median distance from a node to its nearest neighbour is
    ``NEAREST_SPACING`` (the file's units are its own: Gephi's Les Misérables spans 900,
    a Cytoscape session thousands), or a little less where that fits it in ``FIT_BOX``; its
    shape is the file's.

    >>> pos = file_layout({"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (0.0, 2.0)})
    >>> pos["a"], pos["b"], pos["c"]
    ((-23.33, -46.67), (46.67, -46.67), (-23.33, 93.33))
    """
    ids = list(given)
    xy = np.array([given[n] for n in ids], dtype=np.float64)
    xy -= xy.mean(axis=0)
    rng = np.random.default_rng(0)  # the same sample, so the same layout, on every run
    sample = xy if len(xy) <= _NEAREST_SAMPLE else xy[rng.choice(len(xy), _NEAREST_SAMPLE, replace=False)]
    nearest = []
    for p in sample:
        d = np.hypot(*(xy - p).T)
        d = d[d > 0]
        if d.size:
            nearest.append(d.min())
    spread = float(np.median(nearest)) if nearest else 0.0
    scale = NEAREST_SPACING / spread if spread > 0 else 1.0
    extent = (xy.max(axis=0) - xy.min(axis=0)) * scale
    fit = min(FIT_BOX[0] / extent[0] if extent[0] else 1.0, FIT_BOX[1] / extent[1] if extent[1] else 1.0)
    if MIN_FIT_SHRINK <= fit < 1.0:
        scale *= float(fit)
    return {
        n: (round(float(x) * scale, 2), round(float(y) * scale, 2)) for n, (x, y) in zip(ids, xy, strict=True)
    }


def _column_y(G: nx.MultiDiGraph, members: list[str], offset: float, gap: float) -> list[float]:
    """Centres of a column's nodes, top to bottom: slots stacked ``gap`` apart, centred on ``offset``."""
    node_data = G._node if hasattr(G, "_node") else G.nodes  # a plain mapping: no view per lookup
    slots = [(node_data[n]["kind"], node_data[n]["label"]) for n in members]
    heights = [_slot_height(k, label) for k, label in slots]
    top = offset - (sum(heights) + gap * (len(heights) - 1)) / 2
    out = []
    for (k, label), h in zip(slots, heights, strict=True):
        out.append(top + _centre_offset(k, label))
        top += h + gap
    return out


def _lane_columns(G: nx.MultiDiGraph) -> list[tuple[int, list[list[str]]]]:
    """Each drawn lane and its columns (in their final order)."""
    columns, _, _ = _arrangement(G)
    lanes = _column_lanes(G, columns)
    out: list[tuple[int, list[list[str]]]] = []
    for lane, members in zip(lanes, columns, strict=True):
        if out and out[-1][0] == lane:
            out[-1][1].append(members)
        else:
            out.append((lane, [members]))
    return out


def _column_lanes(G: nx.MultiDiGraph, columns: list[list[str]]) -> list[int]:
    return [LANE_OF[G.nodes[members[0]]["kind"]] for members in columns]


_ARRANGEMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _arrangement(G: nx.MultiDiGraph) -> tuple[list[list[str]], list[float], list[float]]:
    """Columns (nodes top to bottom), each column's vertical offset and the gap between its slots.

    The best of a few refined starts (:func:`_starts`), by drawn edge crossings; ties go
    to the earlier start. Cached per graph, and for graphs of up to ``REFINE_MAX_NODES``
    nodes the embedded graph's is read from ``LAYOUT_FILE`` (see :func:`stored_arrangement`).
    """
    cached = _ARRANGEMENTS.get(G)
    if cached is None:
        cached = stored_arrangement(G) or _best_arrangement(G)
        _ARRANGEMENTS[G] = cached
    return cached


# The embedded graph's arrangement, computed once (``make layout``) so that the app's first
# view does not wait seconds for the refinement. Keyed by everything the layout depends on:
# another graph, or a change to the data, falls back to computing it.
LAYOUT_FILE = Path(__file__).with_name("layout.json")
LAYOUT_VERSION = 1


def layout_key(G: nx.MultiDiGraph) -> str:
    """SHA-256 of what the layered layout depends on: nodes, kinds, labels, linked pairs, geometry."""
    nodes = sorted((n, d["kind"].value, d["label"]) for n, d in G.nodes(data=True))
    pairs = sorted({tuple(sorted((u, v))) for u, v in G.edges() if u != v})
    geometry = (LAYOUT_VERSION, [name for name, _ in LANES], NODE_SIZE, FONT_SIZE, LABEL_WIDTH, SLOT_GAP)
    text = json.dumps([geometry, nodes, pairs], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stored_arrangement(G: nx.MultiDiGraph) -> tuple[list[list[str]], list[float], list[float]] | None:
    """The arrangement ``LAYOUT_FILE`` holds for ``G``, or ``None`` when it holds none for it."""
    if G.number_of_nodes() > REFINE_MAX_NODES or not LAYOUT_FILE.exists():
        return None
    stored = json.loads(LAYOUT_FILE.read_text(encoding="utf-8"))
    if stored.get("key") != layout_key(G):
        return None
    return stored["columns"], stored["offsets"], stored["gaps"]


def write_stored_arrangement(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Compute ``G``'s arrangement afresh and write it to ``LAYOUT_FILE`` (``make layout``)."""
    columns, offsets, gaps = _best_arrangement(G, REFINE_STORED_BUDGET)
    stored = {"key": layout_key(G), "columns": columns, "offsets": offsets, "gaps": gaps}
    LAYOUT_FILE.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return stored


def _best_arrangement(
    G: nx.MultiDiGraph, budget: int | None = None
) -> tuple[list[list[str]], list[float], list[float]]:
    """The best of the refined starts, each refined within ``budget / len(starts)``
    (default ``REFINE_LIVE_BUDGET``)."""
    budget = REFINE_LIVE_BUDGET if budget is None else budget
    if G.number_of_nodes() > REFINE_MAX_NODES:
        columns = _split_lanes(G)
        return columns, [0.0] * len(columns), [0.0] * len(columns)
    starts = _starts(G)
    best, best_count = None, None
    for columns in starts:
        arrangement = _refine(G, columns, budget // len(starts))
        count = edge_crossings(G, _place(G, *arrangement))
        if best_count is None or count < best_count:
            best, best_count = arrangement, count
    return best


def _place(G: nx.MultiDiGraph, columns, offsets, gaps) -> dict[str, tuple[float, float]]:
    pos: dict[str, tuple[float, float]] = {}
    for i, members in enumerate(columns):
        for n, y in zip(members, _column_y(G, members, offsets[i], gaps[i]), strict=True):
            pos[n] = (i * LANE_SPACING, y)
    return pos


def _starts(G: nx.MultiDiGraph) -> list[list[list[str]]]:
    """Starting columns for the refinement: :func:`_split_lanes` (a split lane's nodes
    alternating between its columns, or in consecutive runs), each also upside down."""
    out = []
    for runs in (False, True):
        columns = _split_lanes(G, runs=runs)
        out += [columns, [c[::-1] for c in columns]]
    return out


def _split_lanes(G: nx.MultiDiGraph, *, runs: bool = False) -> list[list[str]]:
    """Columns of the lanes in :func:`lane_order`'s order.

    A crowded lane may take up to ``MAX_LANE_COLUMNS`` columns (its nodes alternate between
    them, in order, or with ``runs`` fill them one after the other), so one crowded lane
    does not shrink every label: the tallest lane is split, again and again, and the splits
    kept are those at which a ``VIEW_ASPECT`` canvas showed the whole layout at the largest
    scale. Several lanes equally tall are split in turn (splitting one of them alone shows
    nothing larger), until the layout is as wide as the canvas.
    """
    order = sorted(lane_order(G).items())
    node_data = G._node if hasattr(G, "_node") else G.nodes  # a plain mapping: no view per lookup
    heights = {
        lane: [_slot_height(node_data[n]["kind"], node_data[n]["label"]) for n in members]
        for lane, members in order
    }
    split = {lane: 1 for lane, _ in order}
    column_height = {lane: sum(h) for lane, h in heights.items()}

    def fit() -> tuple[float, float]:
        """The scales at which a VIEW_ASPECT canvas shows the layout's whole width, and height."""
        width = (sum(split.values()) - 1) * LANE_SPACING + LABEL_WIDTH
        return VIEW_ASPECT / width, 1 / (max(column_height.values()) + LINE_HEIGHT * 2)

    best, kept = (min(fit()), dict(split)) if split else (0.0, {})
    while split:
        tallest = max(column_height, key=column_height.get)
        if split[tallest] >= MAX_LANE_COLUMNS:
            break
        k = split[tallest] = split[tallest] + 1
        column_height[tallest] = max(sum(heights[tallest][i::k]) for i in range(k))
        by_width, by_height = fit()
        if min(by_width, by_height) > best:
            best, kept = min(by_width, by_height), dict(split)
        if by_width <= by_height:
            break  # as wide as the canvas: another column only makes it smaller
    split = kept
    if runs:
        return [
            members[len(members) * i // split[lane] : len(members) * (i + 1) // split[lane]]
            for lane, members in order
            for i in range(split[lane])
        ]
    return [members[i :: split[lane]] for lane, members in order for i in range(split[lane])]


# Refinement works on the true drawn segments; above this many pairs of segments that may
# cross (quadratic in the links), the lane order is kept as it is.
REFINE_MAX_PAIRS = 100_000
REFINE_MAX_NODES = 200
# Work of a whole refinement, in segment-pair tests (a count also costs about 1,000 tests'
# worth of overhead; 30 million take about a second): what a view waits for, and what
# ``make layout`` may spend on the stored layout. Counted, not timed, so deterministic.
REFINE_LIVE_BUDGET = 8_000_000
REFINE_STORED_BUDGET = 400_000_000
_COUNT_OVERHEAD = 1_000
REFINE_MAX_PASSES = 8
_GAPS = (0.0, 6.0, 12.0, 24.0, 40.0, 60.0, 90.0)
_OFFSET_STEPS = 12
# Of the VIEW_ASPECT height: room for the lane headings and a bottom node's label below it.
_HEADROOM = 120.0


class _SegmentPairs:
    """Pairs of straight segments (one per linked node pair) that may cross, and their count."""

    def __init__(
        self, a: np.ndarray, b: np.ndarray, lo: np.ndarray | None = None, hi: np.ndarray | None = None
    ):
        i, j = np.triu_indices(len(a), 1)
        keep = (a[i] != a[j]) & (a[i] != b[j]) & (b[i] != a[j]) & (b[i] != b[j])
        if lo is not None and hi is not None:  # x-ranges (lane extents) that overlap
            keep &= np.maximum(lo[i], lo[j]) <= np.minimum(hi[i], hi[j])
        i, j = i[keep], j[keep]
        self.p, self.q, self.r, self.s = a[i], b[i], a[j], b[j]

    def __len__(self) -> int:
        return len(self.p)

    def touching(self, nodes: np.ndarray) -> _SegmentPairs:
        """The pairs with a segment that ends at one of ``nodes`` (a boolean mask over nodes)."""
        keep = nodes[self.p] | nodes[self.q] | nodes[self.r] | nodes[self.s]
        sub = object.__new__(_SegmentPairs)
        sub.p, sub.q, sub.r, sub.s = self.p[keep], self.q[keep], self.r[keep], self.s[keep]
        return sub

    def count(self, x: np.ndarray, y: np.ndarray) -> int:
        px, py, qx, qy = x[self.p], y[self.p], x[self.q], y[self.q]
        rx, ry, sx, sy = x[self.r], y[self.r], x[self.s], y[self.s]
        dx, dy, ex, ey = qx - px, qy - py, sx - rx, sy - ry
        o1 = dx * (ry - py) - dy * (rx - px)
        o2 = dx * (sy - py) - dy * (sx - px)
        o3 = ex * (py - ry) - ey * (px - rx)
        o4 = ex * (qy - ry) - ey * (qx - rx)
        return int(np.count_nonzero((o1 * o2 < 0) & (o3 * o4 < 0)))


def _segments(G: nx.MultiDiGraph, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    return a, b


def edge_crossings(G: nx.MultiDiGraph, pos: dict[str, tuple[float, float]]) -> int:
    """Crossings between the straight segments joining linked nodes' centres (one per node pair).

    Segments that share a node meet there and do not count; touching or collinear
    segments do not count either. The layout measure of ``make bench-ui`` (the drawn
    edges are gentle curves near these segments).
    """
    nodes = sorted(pos)
    index = {n: i for i, n in enumerate(nodes)}
    a, b = _segments(G.subgraph(nodes), index)
    x = np.array([pos[n][0] for n in nodes], dtype=float)
    y = np.array([pos[n][1] for n in nodes], dtype=float)
    return _SegmentPairs(a, b).count(x, y)


def label_boxes(
    G: nx.MultiDiGraph, pos: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float, float, float]]:
    """Estimated box ``(left, top, right, bottom)`` of each node's wrapped label, in canvas units
    (below the node's shape, or inside a box node; widths from ``_text_width``)."""
    boxes = {}
    for n, (x, y) in pos.items():
        d = G.nodes[n]
        inset = 10 if KIND_STYLE[d["kind"]]["shape"] == "box" else 0
        width = min(_text_width(d["label"]), LABEL_WIDTH - inset)
        height = _label_lines(d["label"], LABEL_WIDTH - inset) * LINE_HEIGHT
        top = y - height / 2 if inset else y + NODE_SIZE + 2
        boxes[n] = (x - width / 2, top, x + width / 2, top + height)
    return boxes


def label_overlaps(boxes: dict[str, tuple[float, float, float, float]]) -> int:
    """Pairs of boxes that overlap (touching edges do not count)."""
    items = sorted(boxes.values())
    count = 0
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if b[0] >= a[2]:
                break  # sorted by left edge: no later box reaches back over ``a``
            if a[1] < b[3] and b[1] < a[3]:
                count += 1
    return count


def _refine(
    G: nx.MultiDiGraph, columns: list[list[str]], budget: int
) -> tuple[list[list[str]], list[float], list[float]]:
    """Reorder and space the columns to cross as few drawn (straight) edges as possible.

    A deterministic local search on the true geometry, started from the lane order:
    each node is tried at every place in its lane's columns, and each column at a few
    slot gaps and vertical offsets within the band the layout takes anyway (the height of
    its tallest column, or the ``VIEW_ASPECT`` height of its width less ``_HEADROOM``,
    whichever is more),
    keeping only strict improvements, until a pass improves nothing or ``budget`` (in
    segment-pair tests) is spent.
    """
    columns = [list(c) for c in columns]
    offsets = [0.0] * len(columns)
    gaps = [0.0] * len(columns)
    nodes = sorted(n for c in columns for n in c)
    index = {n: i for i, n in enumerate(nodes)}
    lanes = _column_lanes(G, columns)
    a, b = _segments(G, index)
    if len(a) < 2:
        return columns, offsets, gaps
    col_of = np.zeros(len(nodes), dtype=np.int64)
    for ci, members in enumerate(columns):
        col_of[[index[n] for n in members]] = ci
    first = {lane: lanes.index(lane) for lane in lanes}
    last = {lane: len(lanes) - 1 - lanes[::-1].index(lane) for lane in lanes}
    lane_lo = np.array([first[lanes[c]] for c in col_of], dtype=float)
    lane_hi = np.array([last[lanes[c]] for c in col_of], dtype=float)
    lo = np.minimum(lane_lo[a], lane_lo[b])
    hi = np.maximum(lane_hi[a], lane_hi[b])
    # Cheap bound before the quadratic pair list is built.
    if len(a) * (len(a) - 1) // 2 > 4 * REFINE_MAX_PAIRS:
        return columns, offsets, gaps
    pairs = _SegmentPairs(a, b, lo, hi)
    if len(pairs) > REFINE_MAX_PAIRS or len(pairs) == 0:
        return columns, offsets, gaps

    slot = np.array([_slot_height(G.nodes[n]["kind"], G.nodes[n]["label"]) for n in nodes])
    centre = np.array([_centre_offset(G.nodes[n]["kind"], G.nodes[n]["label"]) for n in nodes])
    ids = [np.array([index[n] for n in c], dtype=np.int64) for c in columns]
    width = (len(columns) - 1) * LANE_SPACING + LABEL_WIDTH
    band = max(max(float(slot[i].sum()) for i in ids), width / VIEW_ASPECT - _HEADROOM) / 2

    def extent(col: np.ndarray, gap: float) -> float:
        return (float(slot[col].sum()) + gap * (len(col) - 1)) / 2

    def place(y: np.ndarray, x: np.ndarray, ci: int, col: np.ndarray, offset: float, gap: float) -> None:
        if len(col) == 0:
            return
        h = slot[col] + gap
        tops = offset - extent(col, gap) + np.concatenate(([0.0], np.cumsum(h)[:-1]))
        y[col] = tops + centre[col]
        x[col] = ci * LANE_SPACING

    x = np.zeros(len(nodes))
    y = np.zeros(len(nodes))
    for ci, col in enumerate(ids):
        place(y, x, ci, col, 0.0, 0.0)
    in_lane = {
        lane: np.isin(col_of, [c for c, other in enumerate(lanes) if other == lane]) for lane in set(lanes)
    }
    lane_pairs = {lane: pairs.touching(mask) for lane, mask in in_lane.items()}
    siblings = [[cj for cj in range(len(columns)) if lanes[cj] == lanes[ci]] for ci in range(len(columns))]

    spent = 0

    def count(pairs: _SegmentPairs, x: np.ndarray, y: np.ndarray) -> int:
        nonlocal spent
        spent += len(pairs) + _COUNT_OVERHEAD
        return pairs.count(x, y)

    for _ in range(REFINE_MAX_PASSES):
        improved = False
        for ci in range(len(columns)):
            if spent > budget:
                break
            local = lane_pairs[lanes[ci]]
            for n in [index[m] for m in columns[ci]]:
                if spent > budget:
                    break
                best = count(local, x, y)
                src = int(col_of[n])
                rest = ids[src][ids[src] != n]
                found = None
                for cj in siblings[ci]:
                    if cj != src and len(rest) == 0:
                        continue  # a column is never emptied
                    base = rest if cj == src else ids[cj]
                    for p in range(len(base) + 1):
                        trial = np.concatenate((base[:p], [n], base[p:])).astype(np.int64)
                        if abs(offsets[cj]) + extent(trial, gaps[cj]) > band + 1e-6:
                            continue
                        tx, ty = x.copy(), y.copy()
                        if cj != src:
                            place(ty, tx, src, rest, offsets[src], gaps[src])
                        place(ty, tx, cj, trial, offsets[cj], gaps[cj])
                        c = count(local, tx, ty)
                        if c < best:
                            best, found = c, (cj, trial, tx, ty)
                if found is not None:
                    cj, trial, x, y = found
                    if cj != src:
                        ids[src] = rest
                    ids[cj] = trial
                    col_of[n] = cj
                    improved = True
            best = count(local, x, y)
            for gap in _GAPS:
                room = band - extent(ids[ci], gap)
                if room < 0 or spent > budget:
                    continue
                for offset in np.linspace(-room, room, 2 * _OFFSET_STEPS + 1).tolist():
                    ty = y.copy()
                    place(ty, x, ci, ids[ci], offset, gap)
                    c = count(local, x, ty)
                    if c < best:
                        best, y = c, ty
                        offsets[ci], gaps[ci] = offset, gap
                        improved = True
            columns[ci] = [nodes[i] for i in ids[ci]]
        for cj in range(len(columns)):
            columns[cj] = [nodes[i] for i in ids[cj]]
        if not improved or spent > budget:
            break
    return columns, offsets, gaps


def _columns(G: nx.MultiDiGraph) -> list[tuple[float, list[str]]]:
    columns, _, _ = _arrangement(G)
    return [(i * LANE_SPACING, col) for i, col in enumerate(columns)]


def lane_titles(G: nx.MultiDiGraph, *, generic: bool = False) -> list[dict[str, Any]]:
    """``{"label", "x"}`` of each drawn lane (centred over its columns), for headings above the layout.

    ``generic`` names the lanes by the Biolink categories they hold (organisms, chemicals, ...),
    for a dataset other than the kratom one: its taxon is not "the plant".
    """
    out, column = [], 0
    if G.graph.get("positions"):
        return out  # drawn as the file drew it: no lanes
    for lane, columns in _lane_columns(G):
        x = (column + (len(columns) - 1) / 2) * LANE_SPACING
        out.append({"label": (GENERIC_LANE_TITLES if generic else LANES)[lane][0], "x": x})
        column += len(columns)
    return out


def _node_record(n: str, d: dict, pos: tuple[float, float] | None, large: bool = False) -> dict[str, Any]:
    shape, color, group, kind_title = _NODE_INFO[d["kind"]]
    label = d["label"]
    if large:
        # Shape, colour and size come from ``vis_options()["groups"]`` / ``["nodes"]``.
        record = {"id": n, "label": label, "group": group}
    else:
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
_BEST_TITLE: dict[EvidenceType | None, str] = {t: t.title for t in EvidenceType}
_BEST_TITLE[None] = best_evidence_title(None)
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
    if large:
        return _large_edge_records({u: {v: {k: d}}}, [(u, v, k)])[0]
    confidence = d["confidence"]
    types = _SORTED_TYPES.get(d["evidence_types"]) or _sorted_types(d["evidence_types"])
    return {
        "id": d["id"],
        "from": u,
        "to": v,
        "title": edge_title(node_data, u, v, k, d),
        # Shared, never mutated: one colour object per style instead of one per edge.
        "color": _COLOR_OBJ[color],
        "dashes": dashes,
        "width": width,
        "predicate": k,
        "best": best_value,
        "types": types,
        "confidence": confidence,
        "arrows": "to",
    }


def edge_title(node_data, u: str, v: str, k: str, d: dict) -> str:
    """An edge's tooltip: its relation in words, best evidence, counts and confidence."""
    return (
        f"{node_data[u]['label']} {_PHRASE_OF_VALUE[k]} {node_data[v]['label']}\n"
        f"best evidence: {_BEST_INFO[d['best_evidence']][3]}; {len(d['evidence'])} item(s), "
        f"{len(d['citations'])} source(s); confidence {d['confidence']:.2f}"
        f"{_FLAGS[d['claim_only'], d['contested']]}"
        # Only a relation with nothing counted can be one no item makes a finding on.
        f"{_NO_FINDING if d['confidence'] == 0 and no_finding_only(d['evidence']) else ''}"
    )


_NO_FINDING = "\nshown for context: no item makes a finding on it"


LARGE_VIEW_NODES = 500


def vis_data(
    G: nx.MultiDiGraph, selection: Selection, *, positions: bool = True, large: bool = False
) -> tuple[list[dict], list[dict]]:
    """Node and edge records of a selection, in vis-network's format.

    ``large=True`` (for views of more than about ``LARGE_VIEW_NODES`` nodes, drawn with
    ``vis_options(large=True)``) gives slim records that hold only what drawing needs:
    nodes ``{id, label, group, x, y}`` (shape, colour and size come from the options'
    ``groups`` and ``nodes``), edges ``{id, from, to, color, width}``, every edge a solid
    line without an arrowhead. On a 5,000-node view in headless Chromium, dash patterns
    took about 0.6 s and arrowheads about 0.2 s of the first draw, and vis-network merges
    every per-item option into a fresh object (bench/RESULTS.md); none of it can be seen
    at the zoom that shows the whole view. Colour and width still encode the evidence;
    direction is left to right in the layered layout, and a client that zooms in can
    turn arrows back on for all edges at once with ``setOptions({edges: {arrows: "to"}})``.
    Tooltips and details are looked up by id (:func:`edge_title`, the export's panel data).
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
    nodes = [_node_record(n, node_data[n], pos.get(n), large) for n in sorted(selection.nodes)]
    if large:
        return nodes, _large_edge_records(succ, selection.edges)
    edges = [_edge_record(node_data, u, v, k, succ[u][v][k]) for u, v, k in selection.edges]
    return nodes, edges


# Colour object and width of a large view's edge, by the value of its best evidence type:
# a str-Enum member hashes in Python code, its value string in C.
_LARGE_EDGE_STYLE = {
    (None if best is None else best.value): (_COLOR_OBJ[info[0]], info[2])
    for best, info in _BEST_INFO.items()
}


def _large_edge_records(succ, edges) -> list[dict[str, Any]]:
    """The slim records of :func:`vis_data` ``large=True``, in one loop (15,000 at 5k nodes)."""
    style = _LARGE_EDGE_STYLE
    out = []
    append = out.append
    for u, v, k in edges:
        d = succ[u][v][k]
        best = d["best_evidence"]
        color, width = style[None if best is None else best._value_]
        append({"id": d["id"], "from": u, "to": v, "color": color, "width": width})
    return out


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


# A white outline around the letters of a node's label: the edges that pass under it (many,
# in a dense lane) no longer run through its letters, and stay visible between them (a box
# behind the label hid most of an edge between two dense lanes, and the band that marks a
# selected edge with it). Left out of large views, where labels show only when zoomed in
# and every outline costs a second pass over the text.
LABEL_HALO = {"strokeWidth": 4, "strokeColor": "#ffffff"}
# Shapes that hold their label inside: the shape's own fill is the label's background.
INSIDE_SHAPES = frozenset({"box", "ellipse", "circle", "database", "text"})
LABEL_INSIDE = {"strokeWidth": 0}


def vis_color(color: str) -> dict[str, Any]:
    """vis-network's own colour object for a ``#rrggbb`` colour, as ``vis.util.parseColor``
    derives it: the border darker (saturation x 1.25, value x 0.8), highlight and hover
    lighter (saturation x 0.8, value x 1.02), each through vis's HSV arithmetic (floored
    channels, lower-case hex). A group's colour given so is not derived again for every
    node of the group: a 5k-node view was built 12-18% faster, with the same pixels.

    >>> vis_color("#4D9221")
    {'background': '#4D9221', 'border': '#2f7403', 'highlight': {'background': '#5c9438', 'border': '#2f7403'}, 'hover': {'background': '#5c9438', 'border': '#2f7403'}}
    """
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    low, high = min(r, g, b), max(r, g, b)
    if low == high:
        h, s, v = 0.0, 0.0, low
    else:  # vis-util RGBToHSV, term for term
        d = (g - b) if r == low else (r - g) if b == low else (b - r)
        h = 60 * ((3 if r == low else 1 if b == low else 5) - d / (high - low)) / 360
        s, v = (high - low) / high, high
    darker = _hsv_hex(h, min(1.0, s * 1.25), v * 0.8)
    lighter = _hsv_hex(h, s * 0.8, min(1.0, v * 1.02))
    shade = {"background": lighter, "border": darker}
    return {"background": color, "border": darker, "highlight": dict(shade), "hover": dict(shade)}


def _hsv_hex(h: float, s: float, v: float) -> str:
    """vis-util HSVToHex: HSV (each 0..1) to ``#rrggbb``, channels floored."""
    i = math.floor(6 * h)
    f = 6 * h - i
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    rgb = ((v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q))[i % 6]
    return "#" + "".join(f"{math.floor(255 * c):02x}" for c in rgb)


def vis_options(*, physics: bool = False, large: bool = False) -> dict[str, Any]:
    """vis-network options: positions given and physics off unless asked for.

    Edges of the layered layout are straight: the segments its refinement uncrossed
    (:func:`edge_crossings`) are the ones drawn. Physics views curve them. Node kinds are
    vis-network ``groups`` (shape and colour, :data:`KIND_STYLE`; the colour as vis derives
    it, :func:`vis_color`), which the slim records of a large view rely on; a large view
    also hides edges while it is dragged or zoomed.
    """
    options: dict[str, Any] = {
        "physics": {"enabled": physics},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False},
        "nodes": {
            "size": NODE_SIZE,
            "font": {"size": FONT_SIZE, "face": "sans-serif", **({} if large else LABEL_HALO)},
            "borderWidth": 1,
            "widthConstraint": {"maximum": LABEL_WIDTH},
        },
        "groups": {
            kind.value: {"shape": s["shape"], "color": vis_color(s["color"])}
            | ({"font": LABEL_INSIDE} if s["shape"] in INSIDE_SHAPES and not large else {})
            for kind, s in KIND_STYLE.items()
        },
        "edges": {
            "smooth": {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.4}
            if physics and not large
            else False,
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
    }
    if large:
        options["interaction"].update(hideEdgesOnDrag=True, hideEdgesOnZoom=True)
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "stabilization": {"iterations": 200},
        }
    return options


@dataclass(frozen=True)
class NetworkView:
    """What a canvas draws: vis-network node and edge records and options (plain data).

    ``edge_layer``: the page draws the edges itself, as one canvas layer under the nodes
    (``graph/edge_layer.js``), and vis-network gets the nodes only
    (a large view with positions; see :func:`uses_edge_layer`).
    """

    nodes: list[dict]
    edges: list[dict]
    options: dict[str, Any]
    edge_layer: bool = False


VIS_DIR = ("templates", "lib", "vis-9.1.2")  # vis-network 9.1.2 as the pyvis package ships it


@lru_cache(maxsize=4)
def vis_asset(name: str) -> str:
    """vis-network's ``vis-network.min.js`` or ``vis-network.css``, from the installed pyvis
    package: the one copy the app's component, the HTML export and the benchmark pages inline.

    The package is located, not imported (pyvis imports IPython, about 0.6 s for nothing
    here). The bundle's last line names a source map pyvis does not ship, which an open
    devtools panel would try to fetch: it is left out (``split("\\n")``, not ``splitlines()``:
    the minified code holds other line-break characters inside string literals).

    >>> "sourceMappingURL" in vis_asset("vis-network.min.js"), "vis-network" in vis_asset("vis-network.css")
    (False, True)
    """
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the pyvis package (which ships vis-network) is not installed")
    text = (
        Path(next(iter(spec.submodule_search_locations))).joinpath(*VIS_DIR, name).read_text(encoding="utf-8")
    )
    return "\n".join(line for line in text.split("\n") if not line.startswith("//# sourceMappingURL="))


PAGE_SCRIPT_FILES = tuple(
    Path(__file__).with_name(name)
    for name in ("edge_layer.js", "node_labels.js", "halo.js", "legend.js", "panel_dom.js")
)
PAGE_STYLE_FILES = (Path(__file__).with_name("legend.css"),)


@lru_cache(maxsize=1)
def page_scripts_js() -> str:
    """The page scripts shared by the app's component, the HTML export and the first-draw
    benchmark page: the edge layer that draws a large view's edges (``createEdgeLayer``,
    ``unpackEdges``; edge_layer.js) and the wide-label check that keeps vis-network's
    label wrapping to the labels that need it (``constrainWideLabels``; node_labels.js), and the
    band under the selected node or edge (``addSelectionHalo``; halo.js), and the legend under
    the canvas (``drawLegend``; legend.js), and the evidence panels' DOM helpers
    (``pageElement``, ``pageLink``, ``pageBadge``; panel_dom.js)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in PAGE_SCRIPT_FILES)


@lru_cache(maxsize=1)
def page_styles_css() -> str:
    """The style sheet of what :func:`page_scripts_js` draws in the page (the legend), for
    the app's component and the HTML export alike."""
    return "\n".join(path.read_text(encoding="utf-8") for path in PAGE_STYLE_FILES)


_ENDS = frozenset({"id", "from", "to"})


def pack_edges(nodes: list[dict], edges: list[dict]) -> dict[str, list]:
    """The edge records of a view in the compact form the edge layer's pages are sent.

    ``{"ids", "keys", "from", "to", "style", "styles"}``, one entry per edge in each list but
    the tables: each end as the position of its node in ``nodes`` (the node's id where it is
    not among them), the position of its style in ``styles`` (the rest of a record: colour,
    width, ...; each distinct one stored once), and its id: the position in ``keys`` of the
    middle of an id made of its ends as ``from|key|to`` (as the graph's edge ids are), else
    the id itself. ``unpackEdges`` (``edge_layer.js``) gives back the same records, in order.
    At 5,000 nodes and 15,000 edges the records were 3.0 MB of JSON and this is 0.2 MB: the
    page spent more time reading them than drawing them (bench/RESULTS.md, first_draw_5k).

    >>> nodes = [{"id": "a"}, {"id": "b"}]
    >>> red = {"color": "#f00"}
    >>> pack = pack_edges(nodes, [{"id": "a|binds|b", "from": "a", "to": "b", "color": red, "width": 2},
    ...                           {"id": "e2", "from": "b", "to": "x", "color": red, "width": 2}])
    >>> pack["ids"], pack["keys"], pack["from"], pack["to"], pack["style"]
    ([0, 'e2'], ['binds'], [0, 1], [1, 'x'], [0, 0])
    >>> pack["styles"]
    [{'color': {'color': '#f00'}, 'width': 2}]
    """
    position = {n["id"]: i for i, n in enumerate(nodes)}
    ids, ends_from, ends_to, style_of = [], [], [], []
    styles: list[dict] = []
    keys: dict[str, int] = {}
    # A style is found by the identity of its containers (records share their colour
    # objects) and the value of everything else; equal styles in distinct objects are
    # stored twice, which loses nothing.
    known: dict[tuple, int] = {}
    for e in edges:
        if len(e) == 5 and "color" in e and "width" in e:  # a slim record (vis_data large=True)
            color, width = e["color"], e["width"]
            key = (id(color) if isinstance(color, (dict, list)) else (type(color), color), type(width), width)
        else:
            key = tuple(
                (k, id(v) if isinstance(v, (dict, list)) else (type(v), v))
                for k, v in e.items()
                if k not in _ENDS
            )
        at = known.get(key)
        if at is None:
            at = known[key] = len(styles)
            styles.append({k: v for k, v in e.items() if k not in _ENDS})
        u, v, eid = e["from"], e["to"], e["id"]
        if not isinstance(eid, str):
            eid = [eid]  # a number would read as a key's position
        elif isinstance(u, str) and isinstance(v, str) and len(eid) >= len(u) + len(v) + 2:
            if eid.startswith(u) and eid.endswith(v) and eid[len(u)] == "|" and eid[-len(v) - 1] == "|":
                eid = keys.setdefault(eid[len(u) + 1 : len(eid) - len(v) - 1], len(keys))
        ids.append(eid)
        ends_from.append(_end(position, u))
        ends_to.append(_end(position, v))
        style_of.append(at)
    return {
        "ids": ids,
        "keys": list(keys),
        "from": ends_from,
        "to": ends_to,
        "style": style_of,
        "styles": styles,
    }


def _end(position: dict, node_id: Any) -> Any:
    # A drawn node by position; any other end by its id, in a one-item list when the id is
    # not a string (a number would read as a position).
    at = position.get(node_id)
    if at is not None:
        return at
    return node_id if isinstance(node_id, str) else [node_id]


def uses_edge_layer(*, large: bool, physics: bool = False) -> bool:
    """Whether a view's edges are drawn by the page's edge layer rather than by vis-network.

    A large view with given positions: its thousands of straight, solid, arrowless edges
    are what vis-network takes longest to build (at 5,000 nodes and 15,000 edges, about 40%
    of the time to the first drawn frame: bench/RESULTS.md, first_draw_5k), while drawing
    them is quick. A physics view keeps vis-network's edges: they are its springs.

    >>> uses_edge_layer(large=True), uses_edge_layer(large=True, physics=True), uses_edge_layer(large=False)
    (True, False, False)
    """
    return large and not physics


def to_network(
    G: nx.MultiDiGraph, selection: Selection, *, physics: bool = False, large: bool | None = None
) -> NetworkView:
    """The selection's records and options, ready for a vis-network canvas (the graph is not touched).

    ``large`` defaults to views of more than ``LARGE_VIEW_NODES`` nodes (see :func:`vis_data`).
    Plain data, not a pyvis ``Network``: importing pyvis pulls in IPython, seconds of an
    app's cold start.
    """
    if large is None:
        large = selection.node_count > LARGE_VIEW_NODES
    nodes, edges = vis_data(G, selection, positions=not physics, large=large)
    return NetworkView(
        nodes, edges, vis_options(physics=physics, large=large), uses_edge_layer(large=large, physics=physics)
    )


if __name__ == "__main__":  # make layout: store the embedded graph's arrangement
    from graph import build_graph, load_dataset

    graph = build_graph(load_dataset())
    written = write_stored_arrangement(graph)
    print(f"{LAYOUT_FILE.name}: {edge_crossings(graph, _place(graph, *_arrangement(graph)))} crossings")
