"""The network component's script on its own page: a large view's slim records get tooltips on
hover, and its edges drawn by the edge layer look, click, select and centre as vis-network's."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import wait_true

from graph import build_graph
from graph.query import select
from graph.render import LARGE_VIEW_NODES, legend, pack_edges, page_scripts_js, to_network, vis_asset

pytestmark = pytest.mark.browser
UI = Path(__file__).resolve().parent.parent / "ui"
ARTIFACTS = Path(__file__).parent / "artifacts"

# Mounts (or, called again, reruns) the component; the clicks it reports go to window.clicks.
MOUNT = """payload => {
  const host = document.getElementById("host");
  window.clicks = window.clicks || [];
  window.renderNetwork({parentElement: host, data: [payload],
                        setStateValue: (key, value) => window.clicks.push([key, value])});
}"""
# Zoom in on a node, or on an edge's midpoint, and give the page point and what the page finds
# there (vis-network, or for the edge layer's edges the layer, by vis-network's rule).
AIM = """([kind, id]) => {
  const net = window.mechanismNetwork, layer = window.mechanismEdgeLayer;
  let p;
  if (kind === "edge" && layer && layer.has(id)) {
    p = layer.point(id, 0.5);
  } else if (kind === "edge") {
    const e = net.body.data.edges.get(id), pos = net.getPositions([e.from, e.to]);
    p = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
  } else {
    p = net.getPositions([id])[id];
  }
  net.moveTo({position: p, scale: 1.5, animation: false});
  const r = net.canvas.frame.canvas.getBoundingClientRect(), dom = net.canvasToDOM(p);
  const at = {x: Math.round(dom.x), y: Math.round(dom.y)};
  const edge = net.getEdgeAt(at) ?? (layer ? layer.edgeAt(at) : undefined) ?? null;
  return {x: r.left + at.x, y: r.top + at.y, node: net.getNodeAt(at) ?? null, edge};
}"""


@pytest.fixture(scope="module")
def large_view():
    from bench.synthetic import generate
    from graph.validate import validate_raw

    G = build_graph(validate_raw(generate(700, seed=5)))
    net = to_network(G, select(G))
    assert len(net.nodes) > LARGE_VIEW_NODES and set(net.nodes[0]) == {"id", "label", "group", "x", "y"}
    return G, net


def _payload(net, *, edge_layer: bool = False, focus=None, fit_key="all") -> dict:
    # As ui/network_component.py sends them: the edge layer's records packed.
    return {
        "nodes": net.nodes,
        "edges": pack_edges(net.nodes, net.edges) if edge_layer else net.edges,
        "options": net.options,
        "legend": legend(),
        "height": 700,
        "focus": focus,
        "fit_key": fit_key,
        "fit_nodes": [],
        "lanes": [],
        "edge_layer": edge_layer,
    }


def _page(browser, net, *, edge_layer: bool = False):

    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(
        f"<!doctype html><html><head><meta charset='utf-8'><style>{vis_asset('vis-network.css')}</style>"
        f"<script>{vis_asset('vis-network.min.js')}</script></head><body><div id='host'></div></body></html>"
    )
    # As ui/network_component.py assembles it: the edge layer, then the component.
    script = page_scripts_js() + "\n" + (UI / "network_component.js").read_text(encoding="utf-8")
    page.add_script_tag(content=script + "\nwindow.renderNetwork = renderNetwork;\n", type="module")
    wait_true(page, "typeof window.renderNetwork === 'function'")
    page.evaluate(MOUNT, _payload(net, edge_layer=edge_layer))
    wait_true(page, "window.mechanismNetworkReady === true")
    return page, errors


def test_large_view_tooltips_are_made_on_hover(browser, large_view):
    G, net = large_view
    page, errors = _page(browser, net)
    try:
        assert page.evaluate(
            "window.mechanismNetwork.body.data.nodes.get().every(n => n.title === undefined)"
        )
        node = net.nodes[0]["id"]
        pt = page.evaluate(AIM, ["node", node])
        assert pt["node"] == node
        page.mouse.move(pt["x"], pt["y"])
        wait_true(page, f"window.mechanismNetwork.body.data.nodes.get({node!r}).title !== undefined")
        # Zoomed in: the kind groups give each node its shape and colour (look at it).
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "network_component_large_hover.png"))
        d = G.nodes[node]
        assert page.evaluate(f"window.mechanismNetwork.body.data.nodes.get({node!r}).title") == (
            f"{d['label']}\n{d['kind'].title}\n{node}"
        )

        def alone(edge):
            pt = page.evaluate(AIM, ["edge", edge["id"]])
            return pt if pt["node"] is None and pt["edge"] == edge["id"] else None

        edge, pt = next((e, pt) for e in net.edges[:200] if (pt := alone(e)))
        page.mouse.move(pt["x"] - 40, pt["y"] - 40)
        page.mouse.move(pt["x"], pt["y"])
        eid = edge["id"]
        wait_true(page, f"window.mechanismNetwork.body.data.edges.get({eid!r}).title !== undefined")
        title = page.evaluate(f"window.mechanismNetwork.body.data.edges.get({eid!r}).title")
        ends = G.nodes[edge["from"]]["label"], G.nodes[edge["to"]]["label"]
        assert title == f"{ends[0]} \u2192 {ends[1]}\nclick for its evidence"
        assert errors == []
    finally:
        page.close()


# Renders into a host element (made on first use) and records what the component reports.
RENDER = """([hostId, payload]) => {
  let host = document.getElementById(hostId);
  if (!host) {
    host = document.createElement("div");
    host.id = hostId;
    document.body.appendChild(host);
  }
  window.reported = window.reported || [];
  window.renderNetwork({parentElement: host, data: [payload],
    setStateValue: (name, value) => window.reported.push([name, value])});
  const net = window.mechanismNetwork;
  return {nodes: net.body.data.nodes.length, edges: net.body.data.edges.length,
          reported: window.reported.map(([name, value]) => [name, value.key])};
}"""


def test_a_rerun_with_the_same_data_key_keeps_the_items_without_receiving_them(browser, large_view):
    G, net = large_view
    page, errors = _page(browser, net)
    try:
        whole = {
            "nodes": net.nodes,
            "edges": net.edges,
            "options": net.options,
            "legend": legend(),
            "height": 700,
            "focus": None,
            "fit_key": "all",
            "fit_nodes": [],
            "lanes": [],
        }
        counts = {"nodes": len(net.nodes), "edges": len(net.edges)}
        first = page.evaluate(RENDER, ["view", {**whole, "data_key": "k1"}])
        assert first == {**counts, "reported": []}
        # A click's rerun: the key alone; the canvas keeps its items and selects the node.
        node = net.nodes[3]["id"]
        again = page.evaluate(
            RENDER, ["view", {**whole, "nodes": None, "edges": None, "data_key": "k1", "focus": node}]
        )
        assert again == {**counts, "reported": []}
        assert page.evaluate("window.mechanismNetwork.getSelectedNodes()") == [node]
        # Mounted again (after another view of the app): the page still holds the items.
        remount = page.evaluate(RENDER, ["other", {**whole, "nodes": None, "edges": None, "data_key": "k1"}])
        assert remount == {**counts, "reported": []}
        # A key this page never received: it asks for the items once, and draws them when sent.
        fewer = {
            **whole,
            "nodes": net.nodes[:50],
            "edges": [e for e in net.edges if {e["from"], e["to"]} <= {n["id"] for n in net.nodes[:50]}],
        }
        missing = page.evaluate(RENDER, ["other", {**whole, "nodes": None, "edges": None, "data_key": "k2"}])
        assert missing["reported"] == [["missing", "k2"]]
        page.evaluate(RENDER, ["other", {**whole, "nodes": None, "edges": None, "data_key": "k2"}])
        sent = page.evaluate(RENDER, ["other", {**fewer, "data_key": "k2"}])
        assert sent == {"nodes": 50, "edges": len(fewer["edges"]), "reported": [["missing", "k2"]]}
        # "The focus is what was clicked" on a page that clicked nothing: it asks again too.
        unknown = page.evaluate(RENDER, ["other", {**fewer, "data_key": "k2", "focus_is_click": True}])
        assert unknown["reported"] == [["missing", "k2"], ["missing", "k2"]]
        assert errors == []
    finally:
        page.close()


def test_packed_edges_unpack_to_the_records_sent(browser, large_view):
    _, net = large_view
    odd = [
        {"id": "to-a-node-not-drawn", "from": net.nodes[0]["id"], "to": "gone", "width": 1},
        {"id": "number-id", "from": 7, "to": net.nodes[1]["id"], "width": 1.5},
        {"id": f"{net.nodes[0]['id']}|a|b|gone", "from": net.nodes[0]["id"], "to": "gone", "width": 1},
        {"id": 12, "from": net.nodes[0]["id"], "to": net.nodes[1]["id"], "width": 1},
        {
            "id": "weakest",
            "from": net.nodes[1]["id"],
            "to": net.nodes[0]["id"],
            "label": "0.40",
            "font": {"size": 14},
        },
    ]
    records = net.edges + odd
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><html><body><script>{page_scripts_js()}</script></body></html>")
        unpacked = page.evaluate(
            "([nodes, pack]) => unpackEdges(nodes, pack)", [net.nodes, pack_edges(net.nodes, records)]
        )
        pack = pack_edges(net.nodes, records)
        assert sum(isinstance(i, int) for i in pack["ids"]) == len(net.edges) + 1  # ids made of the ends
        assert unpacked == records
        # A list of records is taken as it is.
        assert page.evaluate("([nodes, list]) => unpackEdges(nodes, list)", [net.nodes, odd]) == odd
    finally:
        page.close()


def _canvas_png(page) -> bytes:
    return page.locator(".mn-canvas canvas").screenshot()


def test_edge_layer_draws_the_first_view_as_vis_network_does(browser, large_view):
    G, net = large_view
    assert net.edge_layer  # a large view with positions
    shots = {}
    for layered in (False, True):
        page, errors = _page(browser, net, edge_layer=layered)
        try:
            vis_edges = page.evaluate("window.mechanismNetwork.body.edgeIndices.length")
            assert vis_edges == (0 if layered else len(net.edges))
            if layered:
                assert page.evaluate("window.mechanismEdgeLayer.visibleCount()") == len(net.edges)
            shots[layered] = _canvas_png(page)
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / f"network_component_large_{'layer' if layered else 'vis'}.png").write_bytes(
                shots[layered]
            )
            assert errors == []
        finally:
            page.close()
    # The same pixels: every edge at vis-network's width, colour, opacity and order.
    assert shots[True] == shots[False]


def test_edge_layer_click_through_agrees_with_the_panel_state(browser, large_view):
    """Click an edge, rerun, click a node, rerun, hover an edge, select an edge from elsewhere:
    after each step the reported click, the canvas selection and the view agree."""
    G, net = large_view
    page, errors = _page(browser, net, edge_layer=True)
    try:

        def alone(edge):
            pt = page.evaluate(AIM, ["edge", edge["id"]])
            return pt if pt["node"] is None and pt["edge"] == edge["id"] else None

        edge, pt = next((e, pt) for e in net.edges[:200] if (pt := alone(e)))
        eid = edge["id"]
        # 1. A click on the edge reports it and draws it selected at once.
        page.mouse.click(pt["x"], pt["y"])
        wait_true(page, "window.clicks.length === 1")
        key, click = page.evaluate("window.clicks[0]")
        assert key == "selected" and (click["kind"], click["id"]) == ("edge", eid)
        assert page.evaluate("window.mechanismEdgeLayer.selected") == eid
        # 2. The rerun that follows (focus = the edge) keeps it selected, no node selected.
        page.evaluate(MOUNT, _payload(net, edge_layer=True, focus=eid))
        assert page.evaluate("window.mechanismEdgeLayer.selected") == eid
        assert page.evaluate("window.mechanismNetwork.getSelectedNodes()") == []
        # 3. A click on a node reports the node; the edge is no longer drawn selected.
        node = edge["from"]
        npt = page.evaluate(AIM, ["node", node])
        assert npt["node"] == node
        page.mouse.click(npt["x"], npt["y"])
        wait_true(page, "window.clicks.length === 2")
        assert page.evaluate("window.clicks[1][1].id") == node
        page.evaluate(MOUNT, _payload(net, edge_layer=True, focus=node))
        assert page.evaluate("window.mechanismEdgeLayer.selected") is None
        assert page.evaluate("window.mechanismNetwork.getSelectedNodes()") == [node]
        # 4. Resting the pointer on the edge shows its tooltip, as text.
        pt = page.evaluate(AIM, ["edge", eid])
        page.mouse.move(pt["x"] - 40, pt["y"] - 40)
        page.mouse.move(pt["x"], pt["y"])
        tip = "document.querySelector('.mn-edge-tooltip')"
        wait_true(
            page, f"{tip} !== null && {tip}.style.visibility === 'visible' && {tip}.dataset.edge === {eid!r}"
        )
        ends = G.nodes[edge["from"]]["label"], G.nodes[edge["to"]]["label"]
        assert page.evaluate(f"{tip}.textContent") == f"{ends[0]} \u2192 {ends[1]}\nclick for its evidence"
        # 5. Selected from elsewhere (the panel, a search): selected and glided to the centre.
        page.evaluate("window.mechanismNetwork.fit({animation: false})")
        page.evaluate(MOUNT, _payload(net, edge_layer=True, focus=eid))
        assert page.evaluate("window.mechanismEdgeLayer.selected") == eid
        # The glide (300 ms of frames) ends with the edge's middle at the canvas centre.
        wait_true(
            page,
            """(() => {
              const net = window.mechanismNetwork, c = net.canvas.frame.canvas;
              const p = net.canvasToDOM(window.mechanismEdgeLayer.point(EID, 0.5));
              return Math.abs(p.x - c.clientWidth / 2) < 2 && Math.abs(p.y - c.clientHeight / 2) < 2;
            })()""".replace("EID", repr(eid)),
        )
        page.screenshot(path=str(ARTIFACTS / "network_component_large_layer_selected.png"))
        assert errors == []
    finally:
        page.close()


def test_group_colours_are_the_ones_vis_network_derives(browser):
    """Each node kind's colour is given to vis-network as the object its own parseColor makes
    of it (graph.render.vis_color), so vis need not derive it per node: the same border,
    highlight and hover shades, to the character."""
    from graph.render import KIND_STYLE, vis_color, vis_options

    colours = sorted({s["color"] for s in KIND_STYLE.values()} | {"#000000", "#FFFFFF", "#808080", "#FF0000"})
    page = browser.new_page()
    try:
        page.set_content(
            f"<!doctype html><html><body><script>{vis_asset('vis-network.min.js')}</script></body></html>"
        )
        derived = page.evaluate("cs => cs.map(c => vis.util.parseColor(c))", colours)
    finally:
        page.close()
    assert [vis_color(c) for c in colours] == derived
    groups = vis_options(large=True)["groups"]
    assert {k: g["color"] for k, g in groups.items()} == {
        k.value: vis_color(s["color"]) for k, s in KIND_STYLE.items()
    }
