"""Click-through in a real browser: after every action the canvas, the panel and the URL agree.

Sequences of mixed actions (canvas clicks on nodes and edges, panel buttons, Back, the
search box, a filter, a reload from the URL) on the embedded dataset and on an imported
one. After each action the test waits until the app settles and checks that the canvas
selects exactly the selected item (``getSelectedNodes``/``getSelectedEdges``), that the
item is inside the canvas (and centred after a selection change), that the panel's
heading names it and that the URL holds it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import open_sidebar, upload_dataset

from graph import build_graph
from graph.details import edge_details
from graph.formats import Limits, open_dataset

pytestmark = pytest.mark.browser

KGX_DIR = Path(__file__).resolve().parent / "fixtures" / "kgx_handwritten"
MOR = "UniProtKB:P35372"
SEVEN_OH = "PUBCHEM.COMPOUND:44301524"
MITRAGYNINE = "PUBCHEM.COMPOUND:3034396"
SEVEN_OH_MOR = f"{SEVEN_OH}|partial_agonist|{MOR}"
TIMEOUT = 30_000

# Page coordinates of a node or of a point on an edge that hits that edge only. The view
# is not changed: the point must already be on screen (it is checked).
POINT_XY = """([kind, id]) => {
  const n = window.mechanismNetwork;
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const inside = (p) => p.x > 4 && p.y > 4 && p.x < r.width - 4 && p.y < r.height - 4;
  if (kind === "node") {
    const p = n.canvasToDOM(n.getPositions([id])[id]);
    return inside(p) && n.getNodeAt(p) === id ? {x: r.left + p.x, y: r.top + p.y} : null;
  }
  // A whole pixel whose neighbours hit this edge too and no node (edges leaving one node
  // run close together, and the mouse lands on whole pixels).
  const only = (p) => {
    for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) {
      const q = {x: p.x + dx, y: p.y + dy};
      if (n.getEdgeAt(q) !== id || n.getNodeAt(q) !== undefined) return false;
    }
    return true;
  };
  const edge = n.body.edges[id];
  for (let i = 0; i <= 40; i++) {
    const t = 0.15 + 0.7 * ((i * 7) % 41) / 40;
    const c = n.canvasToDOM(edge.edgeType.getPoint(t));
    const p = {x: Math.round(c.x), y: Math.round(c.y)};
    if (inside(p) && only(p)) return {x: r.left + p.x, y: r.top + p.y};
  }
  return null;
}"""

# Centre the view on an edge's midpoint at three times the zoom (no animation).
ZOOM_ON_EDGE = """id => {
  const n = window.mechanismNetwork;
  const e = n.body.data.edges.get(id);
  const p = n.getPositions([e.from, e.to]);
  const mid = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
  n.moveTo({position: mid, scale: n.getScale() * 3, animation: false});
}"""

# What the canvas shows: its selection, and where the selected item sits (0..1 of the canvas).
CANVAS_STATE = """() => {
  const n = window.mechanismNetwork;
  const nodes = n.getSelectedNodes(), edges = n.getSelectedEdges();
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  let at = null;
  if (nodes.length === 1) at = n.getPositions([nodes[0]])[nodes[0]];
  else if (edges.length === 1) {
    const e = n.body.data.edges.get(edges[0]);
    const p = n.getPositions([e.from, e.to]);
    at = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
  }
  const dom = at && n.canvasToDOM(at);
  return {nodes, edges, where: dom && [dom.x / r.width, dom.y / r.height]};
}"""


class Session:
    """One browser page on the app, with the graph it shows, and the checks after each action."""

    def __init__(self, page, G):
        self.page = page
        self.G = G
        self.steps: list[str] = []

    def heading(self, kind: str, ident: str) -> str:
        return self.G.nodes[ident]["label"] if kind == "node" else edge_details(self.G, ident).sentence

    def settle(self) -> None:
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
        )
        self.wait_still()

    def wait_still(self) -> None:
        """Until the view stops moving (vis animations count frames, slow on a software canvas)."""
        last = None
        for _ in range(60):
            now = self.page.evaluate(
                "() => { const n = window.mechanismNetwork; const p = n.getViewPosition(); return [p.x, p.y, n.getScale()]; }"
            )
            if now == last:
                return
            last = now
            self.page.wait_for_timeout(150)

    def agree(self, kind: str, ident: str, *, centred: bool) -> None:
        step = f"step {len(self.steps)} ({self.steps[-1] if self.steps else 'start'})"
        want = {"nodes": [ident], "edges": []} if kind == "node" else {"nodes": [], "edges": [ident]}
        # The URL is written at the end of the rerun that the action caused.
        self.page.wait_for_function(
            """([kind, id]) => new URLSearchParams(window.location.search).get(kind) === id""",
            arg=[kind, ident],
            timeout=TIMEOUT,
        )
        self.page.wait_for_function(
            """([nodes, edges]) => {
              const n = window.mechanismNetwork;
              return n && JSON.stringify(n.getSelectedNodes()) === JSON.stringify(nodes)
                && JSON.stringify(n.getSelectedEdges()) === JSON.stringify(edges);
            }""",
            arg=[want["nodes"], want["edges"]],
            timeout=TIMEOUT,
        )
        self.settle()
        canvas = self.page.evaluate(CANVAS_STATE)
        assert {"nodes": canvas["nodes"], "edges": canvas["edges"]} == want, step
        x, y = canvas["where"]
        assert 0 <= x <= 1 and 0 <= y <= 1, f"{step}: {ident} is outside the canvas at {x:.2f}, {y:.2f}"
        if centred:
            assert abs(x - 0.5) < 0.05 and abs(y - 0.5) < 0.05, (
                f"{step}: {ident} not centred ({x:.2f}, {y:.2f})"
            )
        heading = self.page.locator(".st-key-details h3").first
        heading.wait_for(timeout=TIMEOUT)
        assert heading.inner_text().strip() == self.heading(kind, ident), step
        query = parse_qs(urlsplit(self.page.url).query)
        assert query.get(kind) == [ident], f"{step}: URL {self.page.url}"
        assert ("edge" if kind == "node" else "node") not in query, step

    # Actions -------------------------------------------------------------------------
    def click(self, kind: str, ident: str) -> None:
        self.steps.append(f"click {kind} {ident}")
        self.wait_still()
        self.page.locator(".mn-fit").click()  # the item may lie off screen after a centring
        self.wait_still()
        xy = self.page.evaluate(POINT_XY, [kind, ident])
        if xy is None and kind == "edge":  # a crowded link: zoom in on it, as a reader would
            self.page.evaluate(ZOOM_ON_EDGE, ident)
            self.wait_still()
            xy = self.page.evaluate(POINT_XY, [kind, ident])
        assert xy is not None, f"{ident} cannot be clicked"
        self.page.mouse.click(xy["x"], xy["y"])

    def button(self, key: str) -> None:
        self.steps.append(f"button {key}")
        self.page.locator(f".st-key-{key} button").click()

    def search(self, text: str) -> None:
        self.steps.append(f"search {text}")
        box = self.page.locator(".st-key-search input")
        box.fill(text)
        box.press("Enter")

    def untick(self, option: str) -> None:
        self.steps.append(f"untick {option}")
        open_sidebar(self.page)
        self.page.get_by_role("button", name=f"Remove {option}").first.click()
        self.page.wait_for_function(  # the rerun wrote the narrower filter to the URL
            "() => /[?&](types|kinds)=/.test(window.location.search)", timeout=TIMEOUT
        )

    def reload(self) -> None:
        self.steps.append("reload from the URL")
        self.page.reload()
        self.page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)


@pytest.fixture
def session(browser, app_url):
    def open_page():
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(app_url)
        page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
        contexts.append((context, errors))
        return page

    contexts: list = []
    yield open_page
    for context, errors in contexts:
        context.close()
        assert errors == []


def test_click_through_the_embedded_graph_keeps_canvas_panel_and_url_in_step(session, kratom_graph):
    s = Session(session(), kratom_graph)
    s.click("node", MOR)
    s.agree("node", MOR, centred=True)
    s.click("node", SEVEN_OH)
    s.agree("node", SEVEN_OH, centred=True)
    s.click("node", MITRAGYNINE)
    s.agree("node", MITRAGYNINE, centred=True)
    s.click("edge", SEVEN_OH_MOR)
    s.agree("edge", SEVEN_OH_MOR, centred=True)
    s.button("edge_object")  # the edge panel's button to its object
    s.agree("node", MOR, centred=True)
    s.button("select_back")
    s.agree("edge", SEVEN_OH_MOR, centred=True)
    s.search("7-OH")
    s.agree("node", SEVEN_OH, centred=True)
    s.untick("Unsupported claim")  # a filter: the view refits, the selection stays
    s.agree("node", SEVEN_OH, centred=False)
    s.reload()
    s.agree("node", SEVEN_OH, centred=False)
    assert "claim" not in parse_qs(urlsplit(s.page.url).query)["types"][0].split(",")
    s.click("node", MOR)
    s.agree("node", MOR, centred=True)
    assert len(s.steps) >= 8


def test_click_through_an_imported_dataset(session):
    files = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    G = build_graph(open_dataset(files, limits=Limits()).dataset)
    page = session()
    open_sidebar(page)
    page.get_by_text("Open a dataset").click()
    upload_dataset(page, [str(KGX_DIR / n) for n, _ in files])
    page.get_by_text("Dataset: Imported KGX TSV").wait_for(timeout=60_000)
    page.wait_for_function("window.mechanismNetwork.body.data.nodes.length === 6", timeout=TIMEOUT)
    s = Session(page, G)
    edge = next(d["id"] for u, v, d in G.edges(data=True) if (u, v) == (SEVEN_OH, MOR))
    s.click("node", MOR)
    s.agree("node", MOR, centred=True)
    s.click("node", SEVEN_OH)
    s.agree("node", SEVEN_OH, centred=True)
    s.click("edge", edge)
    s.agree("edge", edge, centred=True)
    s.button("edge_subject")
    s.agree("node", SEVEN_OH, centred=True)
    s.button("select_back")
    s.agree("edge", edge, centred=True)
    s.search("OPRM1")
    s.agree("node", MOR, centred=True)
    s.untick("plant")
    s.agree("node", MOR, centred=False)
    s.click("node", MITRAGYNINE)
    s.agree("node", MITRAGYNINE, centred=True)
    assert len(s.steps) >= 8
