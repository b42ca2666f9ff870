"""The first view at 1400x900 and at 400 px wide: every node on screen, labels readable, legend clear.

Measured in Chromium on the running app: the canvas's place on the page, each node's box
(label included) on screen, the font size of every label at the initial zoom, overlaps
between labels, and where the legend sits.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from statistics import median

import pytest
from browser_helpers import LEGEND_JS, PANEL_HEADING, legend_as_drawn_should_be

from graph.render import lane_titles

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parent.parent / "docs"

# Every node's on-screen box (page pixels, label included) and label font size in pixels.
MEASURE = """() => {
  const n = window.mechanismNetwork;
  const c = n.canvas.frame.canvas.getBoundingClientRect();
  const scale = n.getScale();
  const boxes = {}, labels = {}, fonts = [];
  for (const id of n.body.data.nodes.getIds()) {
    const node = n.body.nodes[id];
    const bb = n.getBoundingBox(id);
    const a = n.canvasToDOM({x: bb.left, y: bb.top}), b = n.canvasToDOM({x: bb.right, y: bb.bottom});
    boxes[id] = [c.left + a.x, c.top + a.y, c.left + b.x, c.top + b.y];
    const s = node.labelModule.size;
    const p = n.canvasToDOM({x: s.left, y: s.top}), q = n.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    labels[id] = [c.left + p.x, c.top + p.y, c.left + q.x, c.top + q.y];
    fonts.push(node.options.font.size * scale);
  }
  const legend = n.body.container.getRootNode().querySelector(".mn-legend").getBoundingClientRect();
  return {canvas: [c.left, c.top, c.right, c.bottom], boxes, labels, fonts,
          legend: [legend.left, legend.top, legend.right, legend.bottom], scale};
}"""


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(box, frame) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3]


def first_view(app_page, app_url, width: int, height: int):
    page = app_page(width, height)
    page.goto(app_url)
    page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    page.wait_for_timeout(500)
    return page, page.evaluate(MEASURE)


def test_first_view_at_1400x900_shows_every_node_readably(app_page, app_url, kratom_graph, artifacts):
    page, m = first_view(app_page, app_url, 1400, 900)
    try:
        canvas = m["canvas"]
        column = page.locator('[data-testid="stAlert"]').first.bounding_box()  # the disclaimer
        assert canvas[2] - canvas[0] >= column["width"] - 2  # the network fills the main column
        assert min(canvas[3], 900) - canvas[1] >= 600  # at least 600 px of canvas above the fold
        assert len(m["boxes"]) == kratom_graph.number_of_nodes()
        outside = [n for n, box in m["boxes"].items() if not inside(box, canvas)]
        assert outside == []  # every node, label included, inside the canvas
        headings = page.evaluate("window.mechanismLaneHeadings")
        assert [h["label"] for h in headings] == [lane["label"] for lane in lane_titles(kratom_graph)]
        width, height = canvas[2] - canvas[0], canvas[3] - canvas[1]
        cut = [
            h["label"]
            for h in headings
            if not inside([h["left"], h["top"], h["right"], h["bottom"]], [0, 0, width, height])
        ]
        assert cut == []  # and every lane's heading, whole
        assert all(box[3] <= 900 for box in m["boxes"].values())  # and above the fold
        assert median(m["fonts"]) >= 11
        labels = sorted(m["labels"].items())
        overlaps = [(a, b) for i, (a, x) in enumerate(labels) for b, y in labels[i + 1 :] if overlap(x, y)]
        assert overlaps == []
        legend = m["legend"]
        assert legend[1] >= canvas[3]  # the legend sits below the canvas, over no node
        assert not any(overlap(legend, box) for box in m["boxes"].values())
        assert legend[2] <= 1400  # nothing of it cut on the right
        assert page.get_by_text("Deploy", exact=True).count() == 0  # no developer toolbar
        page.screenshot(path=str(artifacts / "first-view-1400x900.png"))
        if __import__("os").environ.get("UPDATE_SCREENSHOT"):  # refreshes the README's picture
            DOCS.mkdir(exist_ok=True)
            shutil.copy(artifacts / "first-view-1400x900.png", DOCS / "screenshot.png")
    finally:
        page.close()


def test_first_view_at_400px_reads_and_keeps_legend_and_panel_reachable(app_page, app_url, artifacts):
    page, m = first_view(app_page, app_url, 400, 800)
    try:
        canvas = m["canvas"]
        assert canvas[2] <= 400 and canvas[0] >= 0
        # Too narrow for the whole network at a readable size: the first view zooms to
        # readable labels and starts at the left (the plant and compounds lanes); the reader
        # pans from there ("Fit to view" shows everything).
        assert min(m["fonts"]) >= 11
        shown = [n for n, box in m["labels"].items() if overlap(box, canvas)]
        assert len(shown) >= 5  # labels drawn, not a blank canvas
        leftmost = min(box[0] for box in m["boxes"].values())
        assert canvas[0] <= leftmost < canvas[0] + 60
        legend = m["legend"]
        assert legend[1] >= canvas[3] and legend[2] <= 400  # below the canvas, not cut
        legend_font = page.evaluate(
            """() => {
              const legend = window.mechanismNetwork.body.container.getRootNode().querySelector(".mn-legend");
              return parseFloat(getComputedStyle(legend.querySelector(".mn-legend-label")).fontSize);
            }"""
        )
        assert legend_font >= 12
        page.locator(".mn-canvas").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "first-view-400.png"))
        # A selection names itself above the canvas and opens the panel right below it.
        page.locator(".st-key-search input").fill("MOR")
        page.locator(".st-key-search input").press("Enter")
        page.get_by_text("Selected: mu-opioid receptor", exact=False).wait_for(timeout=20_000)
        heading = page.locator(PANEL_HEADING).first
        heading.wait_for(timeout=20_000)
        assert heading.inner_text().strip() == "mu-opioid receptor"
        heading.scroll_into_view_if_needed()
        box = heading.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 400
        page.screenshot(path=str(artifacts / "first-view-400-panel.png"))
    finally:
        page.close()


# The colour drawn most often within each node's box (vis-network's canvas, device pixels;
# a box node's fill, around its label's letters), and the node's label options.
FILL = """() => {
  const n = window.mechanismNetwork, canvas = n.canvas.frame.canvas;
  const ctx = canvas.getContext("2d"), ratio = canvas.width / canvas.clientWidth;
  const out = {};
  for (const id of n.body.data.nodes.getIds()) {
    const node = n.body.nodes[id], bb = node.shape.boundingBox;
    const a = n.canvasToDOM({x: bb.left, y: bb.top}), b = n.canvasToDOM({x: bb.right, y: bb.bottom});
    const x = Math.round(a.x * ratio), y = Math.round(a.y * ratio);
    const w = Math.max(1, Math.round((b.x - a.x) * ratio)), h = Math.max(1, Math.round((b.y - a.y) * ratio));
    const data = ctx.getImageData(x, y, w, h).data, counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 255) continue;  // blank canvas or an edge's antialiasing
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const mode = [...counts.entries()].sort((p, q) => q[1] - p[1])[0];
    out[id] = {shape: node.options.shape, pixel: mode ? mode[0].split(",").map(Number) : null,
               stroke: node.labelModule.fontOptions.strokeWidth};
  }
  return out;
}"""


def test_first_view_labels_stand_clear_of_edges_and_boxes_keep_their_colour(app_page, app_url, kratom_graph):
    """A label beside its node has a white outline, so that the edges under it do not run
    through its letters; a label inside its shape (effects' boxes) has none, so that the
    shape keeps the colour the legend gives its kind."""
    from graph.render import KIND_STYLE

    page, _ = first_view(app_page, app_url, 1400, 900)
    try:
        fills = page.evaluate(FILL)
        assert len(fills) == kratom_graph.number_of_nodes()
        boxes = 0
        for node, got in fills.items():
            style = KIND_STYLE[kratom_graph.nodes[node]["kind"]]
            assert got["shape"] == style["shape"]
            if got["shape"] == "box":
                boxes += 1
                want = [int(style["color"][i : i + 2], 16) for i in (1, 3, 5)]
                assert max(abs(a - b) for a, b in zip(got["pixel"], want, strict=True)) <= 8, (
                    node,
                    got,
                    want,
                )
                assert not got["stroke"], node
            else:
                assert got["stroke"] >= 3, node
        assert boxes >= 10  # the effects and adverse effects
    finally:
        page.close()


def test_legend_shows_each_line_style_and_node_shape(app_page, app_url, kratom_graph):
    """The legend under the canvas (graph/legend.js, shared with the exported page): the
    styles and kinds the dataset has."""
    from graph.render import legend

    page, _ = first_view(app_page, app_url, 1400, 900)
    try:
        drawn = page.evaluate(LEGEND_JS)
        assert [{k: v for k, v in d.items() if k != "height"} for d in drawn] == legend_as_drawn_should_be(
            legend(kratom_graph)
        )
        assert all(d["height"] > 0 for d in drawn)
    finally:
        page.close()


CANVAS_TOP = "() => window.mechanismNetwork.canvas.frame.canvas.getBoundingClientRect().top"
DROP_BAR_STYLE = """() => {
  let n = 0;
  for (const s of document.querySelectorAll("style"))
    if (s.textContent.includes("st-key-selection_summary")) { s.remove(); n++; }
  return n;
}"""


@pytest.mark.parametrize("width", [1400, 1000])
def test_the_canvas_stays_put_under_the_pointer_as_the_selection_bar_changes(app_page, app_url, width):
    """The selection bar above the canvas keeps its height from the first view through a
    click on a node and one on a long link, and also while the app's style element is gone
    (a rerun replaces it): a bar that shrank moved the canvas 5 px under the reader's
    pointer, and a click aimed before then landed beside its node."""
    from browser_helpers import EDGE_XY, NODE_XY

    page = app_page(width, 900)
    page.goto(app_url)
    page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    page.wait_for_timeout(500)
    top = page.evaluate(CANVAS_TOP)
    steps = [
        ("node", "UniProtKB:P35372", "mu-opioid receptor"),
        ("edge", "PUBCHEM.COMPOUND:44301701|causes|HP:0002791", "respiratory depression"),
    ]
    for kind, ident, heading in steps:
        xy = page.evaluate(NODE_XY if kind == "node" else EDGE_XY, ident)
        assert xy is not None, ident
        page.mouse.click(xy["x"], xy["y"])
        page.wait_for_function(
            "id => window.mechanismNetwork.getSelectedNodes().concat(window.mechanismNetwork.getSelectedEdges()).includes(id)",
            arg=ident,
            timeout=10_000,
        )
        # The click's rerun has come back: the bar names the selection, the run is over.
        page.wait_for_function(
            "h => (document.querySelector('.st-key-selection_summary') || {}).innerText?.includes(h)"
            " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
            arg=heading,
            timeout=30_000,
        )
        summary = page.locator(".st-key-selection_summary").inner_text()
        assert summary.startswith("Selected:"), summary
        if heading:
            assert heading in summary
        assert abs(page.evaluate(CANVAS_TOP) - top) < 0.5, (kind, ident)
    assert page.evaluate(DROP_BAR_STYLE) == 1
    page.wait_for_timeout(200)
    assert abs(page.evaluate(CANVAS_TOP) - top) < 0.5  # the bar's own height, not only its style's
