"""The exported HTML page in headless Chromium, opened from file:// with the network blocked."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from browser_helpers import HALO_SHARE, LEGEND_JS, legend_as_drawn_should_be, wait_true
from export_helpers import HOSTILE, TINY, XSS_IMG, XSS_JS, XSS_SCRIPT, hostile_dataset, rich_dataset

from graph import build_graph, load_dataset
from graph.formats.html import write_html
from graph.model import Source
from graph.vocab import Verification

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
# Canvas point of an edge (midpoint of its end nodes: on the curve, whose bezier is symmetric)
# or a node, in page coordinates, plus what the page itself finds at that point (vis-network,
# or for a large view's edges the edge layer, by vis-network's rule).
POINT_JS = """([kind, id]) => {
  const net = window.mechanismNetwork, layer = window.mechanismEdgeLayer;
  let p;
  if (kind === "edge" && layer && layer.has(id)) {
    p = layer.point(id, 0.5);
  } else if (kind === "edge") {
    const e = net.body.data.edges.get(id);
    const pos = net.getPositions([e.from, e.to]);
    p = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
  } else {
    p = net.getPositions([id])[id];
  }
  const rect = net.canvas.frame.canvas.getBoundingClientRect();
  // Mouse events land on whole pixels: judge the rounded point and its neighbours, since
  // near a hub several edges pass within a pixel of each other.
  const dom = net.canvasToDOM(p);
  const x = Math.round(rect.left + dom.x), y = Math.round(rect.top + dom.y);
  const at = (dx, dy) => ({x: x + dx - rect.left, y: y + dy - rect.top});
  const around = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]];
  const edgeAt = (q) => net.getEdgeAt(q) ?? (layer ? layer.edgeAt(q) : undefined) ?? null;
  const edges = new Set(around.map(([dx, dy]) => edgeAt(at(dx, dy))));
  const nodes = new Set(around.map(([dx, dy]) => net.getNodeAt(at(dx, dy)) ?? null));
  return {x: x, y: y, node: nodes.size === 1 ? [...nodes][0] : "ambiguous",
          edge: edges.size === 1 ? [...edges][0] : "ambiguous"};
}"""


# `browser` is the session fixture of tests/conftest.py: one Playwright per session.


class Page:
    """A page opened offline: every request but the file itself is aborted and counted."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.url = path.resolve().as_uri()

        def route(r):
            if r.request.url == self.url:
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(self.url)
        wait_true(self.page, "window.mechanismNetworkReady === true", timeout=15000)

    def eval(self, js, arg=None):
        return self.page.evaluate(js, arg)

    def point(self, kind, id):
        return self.eval(POINT_JS, [kind, id])

    def click(self, kind, id):
        pt = self.point(kind, id)
        self.page.mouse.move(pt["x"], pt["y"])
        self.page.mouse.click(pt["x"], pt["y"])
        return pt

    def panel(self) -> str:
        return self.page.inner_text("#mn-panel")

    def show_edge(self, eid: str) -> str:
        """Click the edge, wait until the panel shows it, and give the panel's text."""
        self.click("edge", eid)
        wait_true(self.page, f"document.getElementById('mn-panel').dataset.edge === {eid!r}")
        return self.panel()

    def visible_edges(self) -> int:
        return self.eval(
            "window.mechanismEdgeLayer ? window.mechanismEdgeLayer.visibleCount()"
            " : window.mechanismNetwork.body.data.edges.length"
        )

    def layered(self) -> bool:
        """Whether the page draws its edges with the edge layer (vis-network holding none)."""
        return self.eval(
            "window.mechanismEdgeLayer !== undefined && window.mechanismNetwork.body.edgeIndices.length === 0"
        )

    def close(self):
        self.page.close()


def clickable_edges(pg: Page, G) -> list[str]:
    """Edges whose midpoint vis-network resolves to the edge itself (not a node or another edge)."""
    out = []
    for _, _, eid in G.edges(data="id"):
        pt = pg.point("edge", eid)
        if pt["node"] is None and pt["edge"] == eid:
            out.append(eid)
    return out


@pytest.fixture
def rich(tmp_path):
    G = build_graph(load_dataset(rich_dataset(tmp_path)))
    path = tmp_path / "rich.html"
    write_html(G, path)
    return G, path


def test_offline_page_draws_every_node_with_zero_requests(browser, rich):
    G, path = rich
    pg = Page(browser, path)
    try:
        assert pg.eval("window.mechanismNetwork.body.data.nodes.length") == G.number_of_nodes()
        positions = pg.eval("Object.keys(window.mechanismNetwork.getPositions())")
        assert sorted(positions) == sorted(G.nodes)
        assert pg.visible_edges() == G.number_of_edges()
        # The canvas is not blank: some pixels differ from white.
        painted = pg.eval("""() => {
          const c = window.mechanismNetwork.canvas.frame.canvas;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 250 || d[i+1] < 250 || d[i+2] < 250) n++;
          return n; }""")
        assert painted > 500
        ARTIFACTS.mkdir(exist_ok=True)
        pg.page.screenshot(path=str(ARTIFACTS / "export_html.png"))
        assert pg.blocked == []
        assert pg.errors == []
    finally:
        pg.close()


def test_clicking_an_edge_shows_its_evidence(browser, rich):
    G, path = rich
    pg = Page(browser, path)
    try:
        edges = clickable_edges(pg, G)
        assert len(edges) >= 3
        for eid in edges[:4]:
            text = pg.show_edge(eid)
            u, k, v = eid.split("|")
            for ev in G.edges[u, v, k]["evidence"]:
                assert ev.text in text
                assert G.graph["sources"][ev.source].label in text
        assert pg.errors == [] and pg.blocked == []
    finally:
        pg.close()


def test_clicking_a_node_shows_its_panel(browser, rich):
    G, path = rich
    pg = Page(browser, path)
    try:
        pg.click("node", "TEST:a")
        wait_true(pg.page, "document.getElementById('mn-panel').dataset.node === 'TEST:a'")
        text = pg.panel()
        assert "alkaloid A" in text and "A made-up alkaloid." in text and "CHEBI:6956" in text
        hrefs = pg.eval("[...document.querySelectorAll('#mn-panel a')].map(a => a.href)")
        assert "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:6956" in hrefs
        # The canvas marks the clicked node with a band under it (graph/halo.js).
        wait_true(
            pg.page, "JSON.stringify(window.mechanismHalo) === JSON.stringify({kind: 'node', id: 'TEST:a'})"
        )
        assert pg.page.evaluate(HALO_SHARE, ["node", "TEST:a"]) >= 0.5
        # A relation in the node panel opens that edge's evidence, and the band moves to it.
        pg.page.get_by_role("button", name="alkaloid A is a substrate of enzyme C").click()
        assert "A is cleared by C." in pg.panel()
        edge = pg.eval("document.getElementById('mn-panel').dataset.edge")
        wait_true(pg.page, f"window.mechanismHalo !== null && window.mechanismHalo.id === {edge!r}")
        assert pg.eval("window.mechanismHalo.kind") == "edge"
        assert pg.page.evaluate(HALO_SHARE, ["edge", edge]) >= 0.5
    finally:
        pg.close()


@pytest.mark.parametrize("etype", ["review", "claim", "animal"])
def test_unticking_an_evidence_type_hides_its_edges(browser, rich, etype):
    G, path = rich
    pg = Page(browser, path)
    try:
        before = pg.visible_edges()
        pg.page.uncheck(f"input[data-evidence-type='{etype}']")
        kept = [d for _, _, d in G.edges(data=True) if any(t.value != etype for t in d["evidence_types"])]
        assert pg.visible_edges() == len(kept) < before
        visible = set(pg.eval("window.mechanismNetwork.body.data.edges.getIds()"))
        assert visible == {d["id"] for d in kept}
        pg.page.check(f"input[data-evidence-type='{etype}']")
        assert pg.visible_edges() == before
    finally:
        pg.close()


def _hostile_graph(tmp_path) -> nx.MultiDiGraph:
    G = build_graph(load_dataset(hostile_dataset(tmp_path)))
    # Validation refuses non-http URLs, so plant them straight into an unfrozen copy.
    H = nx.MultiDiGraph(G)
    sources = dict(H.graph["sources"])
    sources["R1"] = Source(
        id="R1",
        citation=f"Review {XSS_SCRIPT}",
        url=XSS_JS,
        verification=Verification.SECONDARY,
        note=HOSTILE,
    )
    sources["P2"] = Source(
        id="P2",
        citation="doi link",
        doi='10.1000/x"><img src=x onerror=window.__xss=8>',
        verification=Verification.PRIMARY,
    )
    H.graph["sources"] = sources
    return H


def test_hostile_text_stays_inert(browser, tmp_path):
    from graph.render import legend
    from graph.vocab import EvidenceType

    H = _hostile_graph(tmp_path)
    path = tmp_path / "hostile.html"
    write_html(H, path)
    pg = Page(browser, path)
    try:
        assert pg.eval("document.title") == H.graph["name"]
        assert pg.page.inner_text("#mn-title") == H.graph["name"]
        seen = ""
        for n in H.nodes:
            pg.click("node", n)
            seen += pg.panel()
        for eid in clickable_edges(pg, H):
            pg.click("edge", eid)
            seen += pg.panel()
        for button in pg.page.query_selector_all("#mn-panel button"):
            button.click()
        # Hover every node too (tooltips).
        for n in H.nodes:
            pt = pg.point("node", n)
            pg.page.mouse.move(pt["x"], pt["y"])
        assert pg.eval("typeof window.__xss") == "undefined"
        assert HOSTILE in seen and XSS_IMG in seen
        assert "alkaloid " + XSS_IMG in seen
        # Links: only http(s), never javascript:; the javascript: source shows as text.
        hrefs = pg.eval("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert all(h.startswith(("https://", "http://")) for h in hrefs)
        rels = pg.eval("[...document.querySelectorAll('a')].map(a => a.rel)")
        assert all(r == "noopener noreferrer" for r in rels)
        assert XSS_JS in seen
        # No element the data could have created.
        assert pg.eval("document.querySelectorAll('img, iframe, object, embed').length") == 0
        # The only SVG: the legend's and the filter's line swatches (graph/legend.js), one
        # line each, none in the panel, as many as there are line styles and evidence types.
        assert pg.eval(
            "[...document.querySelectorAll('svg')].every(s => s.classList.contains('mn-swatch')"
            " && s.children.length === 1 && s.firstElementChild.tagName === 'line' && !s.closest('#mn-panel'))"
        )
        edge_styles = sum(item["kind"] == "edge" for item in legend(H))
        assert pg.eval("document.querySelectorAll('svg').length") == edge_styles + len(EvidenceType)
        assert pg.eval("document.querySelectorAll('script').length") == 3
        assert pg.blocked == []
        assert pg.errors == []
    finally:
        pg.close()


def test_tiny_fixture_every_node_drawn(browser, tmp_path):
    G = build_graph(load_dataset(TINY))
    path = tmp_path / "tiny.html"
    write_html(G, path)
    pg = Page(browser, path)
    try:
        assert sorted(pg.eval("Object.keys(window.mechanismNetwork.getPositions())")) == sorted(G.nodes)
    finally:
        pg.close()


def test_real_data_page_offline(browser, tmp_path):
    from graph import DEFAULT_DATA_DIR, DatasetError

    try:
        G = build_graph(load_dataset(DEFAULT_DATA_DIR))
    except DatasetError as exc:  # the embedded dataset is being curated; its own tests report it
        pytest.skip(f"embedded dataset does not load: {exc}")
    path = tmp_path / "kratom.html"
    write_html(G, path)
    pg = Page(browser, path)
    try:
        assert sorted(pg.eval("Object.keys(window.mechanismNetwork.getPositions())")) == sorted(G.nodes)
        assert pg.visible_edges() == G.number_of_edges()
        eid = clickable_edges(pg, G)[0]
        pg.click("edge", eid)
        u, k, v = eid.split("|")
        assert G.edges[u, v, k]["evidence"][0].text in pg.panel()
        # As the app's panel does, the page says which items the score leaves out and why,
        # and which are indirect.
        from graph.score import explain_score
        from graph.vocab import Directness

        sources = G.graph["sources"]
        left_out = [
            (d["id"], n)
            for _, _, d in G.edges(data=True)
            for n in explain_score(d["evidence"], sources).not_counted
            if n.evidence.directness is Directness.INDIRECT
        ]
        shown = set(clickable_edges(pg, G))
        eid, item = next((e, n) for e, n in left_out if e in shown)
        text = pg.show_edge(eid)
        assert f"Not counted in the confidence: {item.reason}" in text
        assert "indirect evidence" in text
        # A relation no item makes a finding on says so (reached from its node's panel).
        from graph.query import relation_sentence

        context = ("NCBITaxon:170351", "MESH:D009293", "causes")
        pg.click("node", context[0])
        wait_true(pg.page, f"document.getElementById('mn-panel').dataset.node === {context[0]!r}")
        pg.page.get_by_role("button", name=relation_sentence(G, context), exact=True).click()
        wait_true(pg.page, "document.getElementById('mn-panel').dataset.edge !== undefined")
        assert "Shown for context: no item makes a finding on it" in pg.panel()
        ARTIFACTS.mkdir(exist_ok=True)
        pg.page.screenshot(path=str(ARTIFACTS / "export_html_kratom.png"))
        assert pg.blocked == [] and pg.errors == []
    finally:
        pg.close()


# Centre the view on a node, or on the middle of one of the edge layer's edges, zoomed in.
ZOOM_TO = """([kind, id]) => {
  const net = window.mechanismNetwork;
  const p = kind === "edge" ? window.mechanismEdgeLayer.point(id, 0.5) : net.getPositions([id])[id];
  net.moveTo({position: p, scale: 1.5, animation: false});
}"""


@pytest.fixture
def large_page(browser, tmp_path):
    """An 800-node export (a large view: its edges drawn by the edge layer), opened offline."""
    from bench.synthetic import generate
    from graph.validate import validate_raw

    G = build_graph(validate_raw(generate(800, seed=4)))
    path = tmp_path / "large.html"
    write_html(G, path)
    pg = Page(browser, path)
    yield G, pg
    pg.close()


def zoomed_alone(pg: Page, eid: str) -> bool:
    """Zoomed in on the middle of the edge: whether the page finds that edge there alone."""
    pg.eval(ZOOM_TO, ["edge", eid])
    pt = pg.point("edge", eid)
    return pt["node"] is None and pt["edge"] == eid


def test_large_compressed_page_opens_and_shows_an_edge_s_evidence(large_page):
    G, pg = large_page
    assert pg.layered()
    assert pg.visible_edges() == G.number_of_edges()
    # Zoomed in on the midpoint of one of the first edges, the layer finds that edge alone.
    eid = next(eid for _, _, eid in list(G.edges(data="id"))[:200] if zoomed_alone(pg, eid))
    pg.click("edge", eid)
    wait_true(pg.page, f"document.getElementById('mn-panel').dataset.edge === {eid!r}")
    assert pg.eval("window.mechanismEdgeLayer.selected") == eid  # drawn highlighted
    wait_true(pg.page, f"window.mechanismHalo !== null && window.mechanismHalo.id === {eid!r}")
    assert pg.page.evaluate(HALO_SHARE, ["edge", eid]) >= 0.5  # on its band
    # A click on a node then shows the node and drops the edge's highlight.
    node = eid.split("|")[0]
    pg.eval(ZOOM_TO, ["node", node])
    pg.click("node", node)
    wait_true(pg.page, f"document.getElementById('mn-panel').dataset.node === {node!r}")
    assert pg.eval("window.mechanismEdgeLayer.selected") is None
    wait_true(pg.page, f"window.mechanismHalo !== null && window.mechanismHalo.id === {node!r}")
    assert pg.page.evaluate(HALO_SHARE, ["node", node]) >= 0.5
    # Its edges are drawn selected, as vis-network draws a clicked node's edges.
    connected = sorted(d for u, v, d in G.edges(data="id") if node in (u, v))
    assert sorted(pg.eval("Array.from(window.mechanismEdgeLayer.connected)")) == connected
    pg.eval(ZOOM_TO, ["edge", eid])
    text = pg.show_edge(eid)
    u, k, v = eid.split("|")
    for ev in G.edges[u, v, k]["evidence"]:
        assert ev.text in text
    assert pg.blocked == [] and pg.errors == []


def test_large_page_makes_tooltips_from_its_panel_data_and_filters_by_evidence_type(large_page):
    G, pg = large_page
    # The slim records of a large view carry no tooltip until the pointer rests on the item.
    assert pg.layered()
    assert pg.eval("window.mechanismNetwork.body.data.nodes.get().every(n => n.title === undefined)")
    node = sorted(G.nodes)[0]
    pg.eval(ZOOM_TO, ["node", node])
    pt = pg.point("node", node)
    assert pt["node"] == node
    pg.page.mouse.move(pt["x"], pt["y"])
    wait_true(pg.page, f"window.mechanismNetwork.body.data.nodes.get({node!r}).title !== undefined")
    d = G.nodes[node]
    assert pg.eval(f"window.mechanismNetwork.body.data.nodes.get({node!r}).title") == (
        f"{d['label']}\n{d['kind'].title}\n{node}"
    )
    u, v, k, data = next(e for e in list(G.edges(keys=True, data=True))[:200] if zoomed_alone(pg, e[3]["id"]))
    eid = data["id"]
    pt = pg.point("edge", eid)
    pg.page.mouse.move(pt["x"], pt["y"])
    tip = "document.querySelector('.mn-edge-tooltip')"
    wait_true(
        pg.page,
        f"{tip} !== null && {tip}.style.visibility === 'visible' && {tip}.dataset.edge === {eid!r}",
    )
    title = pg.eval(f"{tip}.textContent")
    assert f"{len(data['evidence'])} item(s)" in title and f"confidence {data['confidence']:.2f}" in title
    # The evidence filter reads each edge's types from its evidence items.
    only = {ev.type.value for ev in data["evidence"]}
    kept = sum(1 for *_, types in G.edges(data="evidence_types") if {t.value for t in types} & only)
    for box in pg.eval("Array.from(document.querySelectorAll('[data-evidence-type]')).map(b => b.value)"):
        if box not in only:
            pg.page.uncheck(f"[data-evidence-type={box!r}]")
    assert pg.visible_edges() == kept < G.number_of_edges()
    assert pg.blocked == [] and pg.errors == []


def test_legend_shows_each_line_style_and_node_shape_as_the_app_does(browser, rich):
    """The page's legend is the app's (graph/legend.js): every evidence style's own dash
    pattern, so that review, case-report and claim lines differ in grayscale too (the page
    drew them all as one 'dashed' border before), and every node kind's shape."""
    from graph.render import legend

    pg = Page(browser, rich[1])
    try:
        drawn = pg.eval(LEGEND_JS)
        assert [{k: v for k, v in d.items() if k != "height"} for d in drawn] == legend_as_drawn_should_be(
            legend(rich[0])
        )
        assert all(d["height"] > 0 for d in drawn)
        assert len({d["dash"] for d in drawn if d["line"]}) >= 4  # solid and three dash patterns at least
        assert pg.errors == [] and pg.blocked == []
    finally:
        pg.close()
