"""Click-through in a real browser: after every action the canvas, the panel and the URL agree.

Sequences of mixed actions (canvas clicks on nodes and edges, panel buttons, Back, the
search box, a filter, a reload from the URL) on the embedded dataset and on an imported
one. After each action the test waits until the app settles and checks that the canvas
selects exactly the selected item (``getSelectedNodes``/``getSelectedEdges``), that the
item is inside the canvas (centred after a selection made in the panel, the search or
Back; after a click on the canvas, still under the pointer: the view does not move from
under it), that the panel's heading names it and that the URL holds it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import HALO_SHARE, PANEL_HEADING, open_sidebar, upload_dataset

from graph import build_graph
from graph.details import edge_details, node_details
from graph.formats import Limits, open_dataset
from graph.render import lane_titles

pytestmark = pytest.mark.browser

KGX_DIR = Path(__file__).resolve().parent / "fixtures" / "kgx_handwritten"
MOR = "UniProtKB:P35372"
SEVEN_OH = "PUBCHEM.COMPOUND:44301524"
MITRAGYNINE = "PUBCHEM.COMPOUND:3034396"
SEVEN_OH_MOR = f"{SEVEN_OH}|partial_agonist|{MOR}"
TIMEOUT = 30_000

# A large view's edges are drawn by the edge layer (window.mechanismEdgeLayer), which hits
# and selects them by vis-network's rules; these helpers ask whichever holds the edge.
EDGE_AT = "(q) => n.getEdgeAt(q) ?? (L ? L.edgeAt(q) : undefined)"
EDGE_POINT = "(id, t) => (L && L.has(id) ? L.point(id, t) : n.body.edges[id].edgeType.getPoint(t))"
SELECTED_EDGES = "(L && L.selected !== null ? [L.selected] : n.getSelectedEdges())"

# Page coordinates of a node or of a point on an edge that hits that edge only. The view
# is not changed: the point must already be on screen (it is checked).
POINT_XY = """([kind, id]) => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const edgeAt = EDGE_AT, edgePoint = EDGE_POINT;
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
      if (edgeAt(q) !== id || n.getNodeAt(q) !== undefined) return false;
    }
    return true;
  };
  for (let i = 0; i <= 40; i++) {
    const t = 0.15 + 0.7 * ((i * 7) % 41) / 40;
    const c = n.canvasToDOM(edgePoint(id, t));
    const p = {x: Math.round(c.x), y: Math.round(c.y)};
    if (inside(p) && only(p)) return {x: r.left + p.x, y: r.top + p.y};
  }
  return null;
}""".replace("EDGE_AT", EDGE_AT).replace("EDGE_POINT", EDGE_POINT)

# Centre the view on an edge's midpoint at three times the zoom (no animation).
ZOOM_ON_EDGE = """id => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const mid = (EDGE_POINT)(id, 0.5);
  n.moveTo({position: mid, scale: n.getScale() * 3, animation: false});
}""".replace("EDGE_POINT", EDGE_POINT)

# Centre the view on a node at the zoom of readable labels (a large view's fit can leave it
# off screen: it starts at the top left when the whole view would be unreadably small).
ZOOM_ON_NODE = """id => {
  const n = window.mechanismNetwork;
  n.moveTo({position: n.getPositions([id])[id], scale: Math.max(n.getScale(), 1), animation: false});
}"""

# What the canvas shows: its selection, and where the selected item sits (0..1 of the canvas).
CANVAS_STATE = """() => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const nodes = n.getSelectedNodes(), edges = SELECTED_EDGES;
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  let at = null;
  if (nodes.length === 1) at = n.getPositions([nodes[0]])[nodes[0]];
  else if (edges.length === 1) at = (EDGE_POINT)(edges[0], 0.5);
  const dom = at && n.canvasToDOM(at);
  return {nodes, edges, where: dom && [dom.x / r.width, dom.y / r.height]};
}""".replace("SELECTED_EDGES", SELECTED_EDGES).replace("EDGE_POINT", EDGE_POINT)


# Where an item sits, as CANVAS_STATE gives it for the selection (0..1 of the canvas).
WHERE = """([kind, id]) => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const dom = n.canvasToDOM(kind === "node" ? n.getPositions([id])[id] : (EDGE_POINT)(id, 0.5));
  return [dom.x / r.width, dom.y / r.height, r.left, r.top];
}""".replace("EDGE_POINT", EDGE_POINT)

# What a page point hits on the canvas: a node, else an edge (as a click there would).
HIT_AT = """(p) => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const q = {x: p.x - r.left, y: p.y - r.top};
  return n.getNodeAt(q) ?? (EDGE_AT)(q) ?? null;
}""".replace("EDGE_AT", EDGE_AT)


class Session:
    """One browser page on the app, with the graph it shows, and the checks after each action."""

    def __init__(self, page, G):
        self.page = page
        self.G = G
        self.steps: list[str] = []
        self.clicked: list | None = None  # the last canvas click: kind, id, page point, WHERE

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

    def agree(self, kind: str, ident: str, *, placed: str | None) -> None:
        """Canvas, band, panel and URL name ``ident``; ``placed``: "centre" (a selection made
        off the canvas glides there), "kept" (a click: the item is still under the pointer,
        where it was clicked) or None (a refit after a filter: anywhere inside)."""
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
              const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
              return n && JSON.stringify(n.getSelectedNodes()) === JSON.stringify(nodes)
                && JSON.stringify(SELECTED_EDGES) === JSON.stringify(edges);
            }""".replace("SELECTED_EDGES", SELECTED_EDGES),
            arg=[want["nodes"], want["edges"]],
            timeout=TIMEOUT,
        )
        self.settle()
        canvas = self.page.evaluate(CANVAS_STATE)
        assert {"nodes": canvas["nodes"], "edges": canvas["edges"]} == want, step
        x, y = canvas["where"]
        assert 0 <= x <= 1 and 0 <= y <= 1, f"{step}: {ident} is outside the canvas at {x:.2f}, {y:.2f}"
        if placed == "centre":
            assert abs(x - 0.5) < 0.05 and abs(y - 0.5) < 0.05, (
                f"{step}: {ident} not centred ({x:.2f}, {y:.2f})"
            )
        elif placed == "kept":
            assert self.clicked is not None and self.clicked[:2] == [kind, ident], step
            # The item has not moved, and the point clicked still hits it.
            bx, by, *frame = self.clicked[3]
            now = self.page.evaluate(WHERE, [kind, ident])
            assert now[2:] == frame, f"{step}: the canvas moved on the page from {frame} to {now[2:]}"
            assert abs(x - bx) < 0.005 and abs(y - by) < 0.005, (
                f"{step}: {ident} moved from ({bx:.3f}, {by:.3f}) to ({x:.3f}, {y:.3f})"
            )
            assert self.page.evaluate(HIT_AT, self.clicked[2]) == ident, f"{step}: {self.clicked[2]}"
        # The canvas marks what is selected with a band under it (graph/halo.js), and only that.
        assert self.page.evaluate("() => window.mechanismHalo") == {"kind": kind, "id": ident}, step
        share = self.page.evaluate(HALO_SHARE, [kind, ident])
        assert share is not None and share >= 0.5, f"{step}: the band beside {ident}: {share}"
        heading = self.page.locator(PANEL_HEADING).first
        heading.wait_for(timeout=TIMEOUT)
        assert heading.inner_text().strip() == self.heading(kind, ident), step
        # The app writes the URL on the rerun the choice causes (reported at most once a
        # second while the reader clicks on, ui/network_component.js): the panel came first.
        self.page.wait_for_function(
            "([kind, ident]) => new URLSearchParams(window.location.search).get(kind) === ident",
            arg=[kind, ident],
            timeout=TIMEOUT,
        )
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
        if xy is None:  # off screen or crowded: go to it, as a reader would
            self.page.evaluate(ZOOM_ON_EDGE if kind == "edge" else ZOOM_ON_NODE, ident)
            self.wait_still()
            xy = self.page.evaluate(POINT_XY, [kind, ident])
        assert xy is not None, f"{ident} cannot be clicked"
        where = self.page.evaluate(WHERE, [kind, ident])
        self.clicked = [kind, ident, xy, where]
        self.page.mouse.click(xy["x"], xy["y"])

    def button(self, key: str) -> None:
        self.steps.append(f"button {key}")
        # By role: a button with help text has a second, hidden copy (Streamlit sizes with it).
        self.page.locator(f".st-key-{key}").get_by_role("button").click()

    def panel_button(self, part: str, name) -> None:
        """A button of the details panel the page draws: ``part`` is its place there
        (``.mn-group``: a node's links, ``.mn-neighbours``, ``.mn-ends``: an edge's two nodes)."""
        self.steps.append(f"panel button {name}")
        self.page.locator(f".mn-details {part}").get_by_role("button", name=name).first.click()

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


def css_key(key: str) -> str:
    """A widget key as the class Streamlit gives its element (``st-key-`` + this)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", key)


@pytest.fixture
def session(app_page, app_url):
    def open_page():
        page = app_page(1400, 900)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(app_url)
        page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
        pages.append(errors)
        return page

    pages: list = []
    yield open_page
    for errors in pages:
        assert errors == []


def test_click_through_the_embedded_graph_keeps_canvas_panel_and_url_in_step(session, kratom_graph):
    s = Session(session(), kratom_graph)
    s.click("node", MOR)
    s.agree("node", MOR, placed="kept")
    s.click("node", SEVEN_OH)
    s.agree("node", SEVEN_OH, placed="kept")
    s.click("node", MITRAGYNINE)
    s.agree("node", MITRAGYNINE, placed="kept")
    # The node panel: its button to one of its edges, Back, a neighbour's button.
    to_seven_oh, _, label, *_ = next(
        row for g in node_details(kratom_graph, MITRAGYNINE).groups for row in g.edges if row[1] == SEVEN_OH
    )
    s.panel_button(".mn-group", re.compile("^" + re.escape(label) + " · "))
    s.agree("edge", to_seven_oh, placed="centre")
    s.button("select_back")
    s.agree("node", MITRAGYNINE, placed="centre")
    s.panel_button(".mn-neighbours", re.compile("^" + re.escape(label) + "$"))
    s.agree("node", SEVEN_OH, placed="centre")
    s.click("edge", SEVEN_OH_MOR)
    s.agree("edge", SEVEN_OH_MOR, placed="kept")
    s.panel_button(".mn-ends", "mu-opioid receptor \u2192")  # the edge panel's button to its object
    s.agree("node", MOR, placed="centre")
    s.button("select_back")
    s.agree("edge", SEVEN_OH_MOR, placed="centre")
    s.search("7-OH")
    s.agree("node", SEVEN_OH, placed="centre")
    s.untick("Unsupported claim")  # a filter: the view refits, the selection stays
    s.agree("node", SEVEN_OH, placed=None)
    s.reload()
    s.agree("node", SEVEN_OH, placed=None)
    assert "claim" not in parse_qs(urlsplit(s.page.url).query)["types"][0].split(",")
    s.click("node", MOR)
    s.agree("node", MOR, placed="kept")
    # Clear: nothing selected on the canvas, no band, no selection in the URL.
    s.button("select_clear")
    s.page.wait_for_function("() => !/[?&](node|edge)=/.test(window.location.search)", timeout=TIMEOUT)
    s.settle()
    s.page.wait_for_function(
        "() => window.mechanismNetwork.getSelectedNodes().length === 0 && window.mechanismHalo === null",
        timeout=TIMEOUT,
    )
    assert s.page.evaluate(HALO_SHARE, ["node", MOR]) < 0.5
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
    s.agree("node", MOR, placed="kept")
    s.click("node", SEVEN_OH)
    s.agree("node", SEVEN_OH, placed="kept")
    s.click("edge", edge)
    s.agree("edge", edge, placed="kept")
    s.panel_button(".mn-ends", "\u2190 " + G.nodes[SEVEN_OH]["label"])  # to the edge's subject
    s.agree("node", SEVEN_OH, placed="centre")
    s.button("select_back")
    s.agree("edge", edge, placed="centre")
    s.search("OPRM1")
    s.agree("node", MOR, placed="centre")
    s.untick("plant")
    s.agree("node", MOR, placed=None)
    s.click("node", MITRAGYNINE)
    s.agree("node", MITRAGYNINE, placed="kept")
    assert len(s.steps) >= 8


def test_click_through_a_large_imported_dataset(session, tmp_path):
    """A 700-node dataset: its view is large, so its edges are drawn by the edge layer; clicks,
    panel buttons and Back still leave the canvas, the panel and the URL agreeing."""
    from bench.synthetic import generate
    from graph.formats.node_link import generate_node_link
    from graph.render import LARGE_VIEW_NODES
    from graph.validate import validate_raw

    G = build_graph(validate_raw(generate(700, seed=5)))
    path = tmp_path / "large.json"
    path.write_text(generate_node_link(G), encoding="utf-8")
    G = build_graph(open_dataset(path, limits=Limits()).dataset)
    assert G.number_of_nodes() > LARGE_VIEW_NODES
    page = session()
    open_sidebar(page)
    page.get_by_text("Open a dataset").click()
    upload_dataset(page, [str(path)])
    page.wait_for_function(
        "(n) => window.mechanismNetwork.body.data.nodes.length > n"
        " && window.mechanismEdgeLayer !== undefined && window.mechanismEdgeLayer.records.length > 0",
        arg=LARGE_VIEW_NODES,
        timeout=60_000,
    )
    # What the app says it draws is what the canvas holds: the nodes in vis, the edges in the layer.
    # The caption comes after the canvas in the page, so until the rerun reaches it, it can
    # still give the previous dataset's count while the canvas already draws the new one:
    # read the caption this dataset's run wrote (it names the dataset's totals).
    totals = f"(of {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)"
    page.get_by_text(totals, exact=False).first.wait_for(timeout=TIMEOUT)
    caption = page.get_by_text(
        re.compile(r"^Drawn: \d+ nodes, \d+ edges .*" + re.escape(totals))
    ).first.inner_text()
    drawn_nodes, drawn_edges = map(int, re.match(r"Drawn: (\d+) nodes, (\d+) edges", caption).groups())
    assert page.evaluate("window.mechanismNetwork.body.data.nodes.length") == drawn_nodes
    assert page.evaluate("window.mechanismEdgeLayer.records.length") == drawn_edges
    assert page.evaluate("window.mechanismNetwork.body.edgeIndices.length") == 0  # none built by vis
    # The first view starts at the first lane: its heading is drawn whole, not cut at the left.
    page.wait_for_function("(window.mechanismLaneHeadings || []).length > 0", timeout=20_000)
    first = page.evaluate("window.mechanismLaneHeadings[0]")
    assert first["label"] == lane_titles(G, generic=True)[0]["label"]
    assert first["left"] >= 0 and first["top"] >= 0
    s = Session(page, G)
    s.settle()
    # Drawn edges whose midpoint, zoomed in on, hits that edge alone (a 700-node view is crowded).
    chosen = []
    for eid in page.evaluate("window.mechanismEdgeLayer.records.map(r => r.id)")[:200]:
        page.evaluate(ZOOM_ON_EDGE, eid)
        if page.evaluate(POINT_XY, ["edge", eid]) is not None:
            chosen.append(eid)
        if len(chosen) == 2:
            break
    assert len(chosen) == 2, "no two clickable edges"
    subject = chosen[0].split("|")[0]
    s.click("node", subject)
    s.agree("node", subject, placed="kept")
    s.click("edge", chosen[0])
    s.agree("edge", chosen[0], placed="kept")
    s.button("edge_object")  # the edge panel's button to its object
    s.agree("node", chosen[0].split("|")[2], placed="centre")
    s.button("select_back")
    s.agree("edge", chosen[0], placed="centre")
    s.click("edge", chosen[1])
    s.agree("edge", chosen[1], placed="kept")
    page.screenshot(path=str(Path(__file__).parent / "artifacts" / "app_large_view_edge_selected.png"))
    assert len(s.steps) >= 5
