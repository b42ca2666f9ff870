"""Small helpers shared by the browser tests (Playwright pages on the app)."""

from __future__ import annotations


def open_sidebar(page) -> None:
    """Expand the sidebar (filters, datasets): the app starts with it collapsed."""
    button = page.locator('[data-testid="stExpandSidebarButton"]')
    if button.count() and button.is_visible():
        button.click()
    page.locator('[data-testid="stSidebarUserContent"]').wait_for(state="visible", timeout=20_000)


DATASET_INPUT = '[data-testid="stSidebar"] input[type=file]'


def upload_dataset(page, files, timeout: int = 20_000) -> None:
    """Set the files of the sidebar's dataset uploader.

    After a failed import the uploader is redrawn under a new key (so the next upload is
    judged on its own files); until the rerun ends, the old input can still be in the page.
    Wait until exactly one is left, then use it.
    """
    page.wait_for_function(f"document.querySelectorAll('{DATASET_INPUT}').length === 1", timeout=timeout)
    page.locator(DATASET_INPUT).set_input_files([str(f) for f in files])


def wait_true(page, expression: str, timeout: int = 15_000) -> None:
    """Wait until a JavaScript expression is true, polling from Python.

    For pages whose Content-Security-Policy forbids eval (the exported HTML): Playwright's
    ``wait_for_function`` polls with eval there and fails whenever the first try is false.
    """
    import time

    deadline = time.monotonic() + timeout / 1000
    while page.evaluate(expression) is not True:
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout} ms: {expression}")
        page.wait_for_timeout(50)


# Page coordinates of a node, after a non-animated fit so nothing moves meanwhile.
NODE_XY = """id => {
  const n = window.mechanismNetwork;
  n.fit({animation: false});
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const p = n.canvasToDOM(n.getPositions([id])[id]);
  return {x: r.left + p.x, y: r.top + p.y};
}"""

# A point on the drawn edge where vis-network itself reports that edge and no node.
EDGE_XY = """id => {
  const n = window.mechanismNetwork;
  n.fit({animation: false});
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const edge = n.body.edges[id];
  for (let i = 0; i <= 40; i++) {
    const t = 0.15 + 0.7 * ((i * 7) % 41) / 40;
    const p = n.canvasToDOM(edge.edgeType.getPoint(t));
    if (n.getEdgeAt(p) === id && n.getNodeAt(p) === undefined) return {x: r.left + p.x, y: r.top + p.y};
  }
  return null;
}"""


# The share of points on a node's ring (around its box and label, drawn over everything) or
# just beside an edge (either side of its middle part, on the band drawn under everything,
# where another item drawn there covers a point) whose canvas pixel is the selection's
# yellow (graph/halo.js); most must show it. null when no point lies inside the canvas.
HALO_SHARE = """([kind, id]) => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const canvas = n.canvas.frame.canvas;
  const rect = canvas.getBoundingClientRect();
  const ratio = canvas.width / rect.width;
  const ctx = canvas.getContext("2d");
  const scale = n.getScale();
  const band = (p) => {
    const d = ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data;
    return d[3] > 200 && d[0] > 200 && d[1] > 150 && d[2] < 140;
  };
  const points = [];
  if (kind === "node") {
    const b = n.getBoundingBox(id);
    const off = Math.max(5, 7 / scale) * scale;  // on the ring, drawn over everything
    const tl = n.canvasToDOM({x: b.left, y: b.top}), br = n.canvasToDOM({x: b.right, y: b.bottom});
    for (let i = 1; i < 10; i++) {
      const x = tl.x + (br.x - tl.x) * i / 10, y = tl.y + (br.y - tl.y) * i / 10;
      points.push({x, y: tl.y - off}, {x, y: br.y + off}, {x: tl.x - off, y}, {x: br.x + off, y});
    }
  } else {
    const layered = L && L.has(id);
    const point = (t) => (layered ? L.point(id, t) : n.body.edges[id].edgeType.getPoint(t));
    const width = layered ? 4 : n.body.edges[id].options.width;
    const bandHalf = (layered ? Math.max(12 * scale, 14) : Math.max((width + 10) * scale, 14)) / 2;
    const off = (bandHalf + (width + 2) * scale / 2) / 2;  // between the edge's side and the band's
    for (let i = 0; i < 9; i++) {
      const t = 0.3 + 0.05 * i;
      const a = n.canvasToDOM(point(t - 0.01)), b = n.canvasToDOM(point(t + 0.01)), c = n.canvasToDOM(point(t));
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
      points.push({x: c.x + nx * off, y: c.y + ny * off}, {x: c.x - nx * off, y: c.y - ny * off});
    }
  }
  const inside = points.filter((p) => p.x > 1 && p.y > 1 && p.x < rect.width - 1 && p.y < rect.height - 1);
  return inside.length ? inside.filter(band).length / inside.length : null;
}"""


# The legend as drawn (graph/legend.js): per entry, its text and its swatch: an edge style's
# line (colour and dash pattern) or a node kind's shape (classes) and colour. Found beside the
# network's canvas: in the app's component (which may sit in a shadow root) or the page.
LEGEND_JS = """() => {
  const box = window.mechanismNetwork.body.container.getRootNode().querySelector(".mn-legend");
  return [...box.querySelectorAll(".mn-legend-item")].map(row => {
    const line = row.querySelector("line"), swatch = row.querySelector(".mn-swatch");
    const style = getComputedStyle(line || swatch);
    return {label: row.querySelector(".mn-legend-label").textContent,
            line: line !== null, dash: line ? line.getAttribute("stroke-dasharray") : null,
            color: line ? style.stroke : style.backgroundColor,
            classes: line ? [] : [...swatch.classList].filter(c => c.startsWith("mn-shape-")),
            height: (line ? line.ownerSVGElement : swatch).getBoundingClientRect().height};
  });
}"""


def legend_as_drawn_should_be(items: list[dict]) -> list[dict]:
    """What LEGEND_JS reads of graph.render.legend()'s ``items`` when drawn right: each edge
    style with its own dash pattern (so the legend reads in grayscale), each node kind with
    its shape (round or clipped to its outline) and colour."""
    clipped = {"diamond", "triangle", "triangleDown", "star", "hexagon"}

    def rgb(color: str) -> str:
        return "rgb({}, {}, {})".format(*(int(color[i : i + 2], 16) for i in (1, 3, 5)))

    out = []
    for item in items:
        edge = item["kind"] == "edge"
        shape = item.get("shape")
        out.append(
            {
                "label": item["label"],
                "line": edge,
                "dash": (" ".join(str(n) for n in item["pattern"]) or None) if edge else None,
                "color": rgb(item["color"]),
                "classes": []
                if edge
                else ["mn-shape-round"]
                if shape in ("dot", "circle", "ellipse")
                else [f"mn-shape-{shape}"]
                if shape in clipped
                else [],
            }
        )
    return out


# The details panel: the page's own under the canvas (ui/network_panel.js, in the network
# component's shadow root, which Playwright's CSS locators pierce), or the server's for a
# large view or a selection not drawn.
PANEL = ".mn-details:not([hidden]), .st-key-details"
PANEL_HEADING = ".mn-details:not([hidden]) h3, .st-key-details h3"
# The panel heading's text in page JavaScript (document.querySelector does not pierce).
PANEL_HEADING_JS = """() => {
  const v = window.mechanismNetworkView;
  const h = (v && !v.details.hidden && v.details.querySelector('h3')) || document.querySelector('.st-key-details h3');
  return h ? h.innerText.trim() : null;
}"""
