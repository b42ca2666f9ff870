"""Streamlit component that draws the mechanism network with vis-network and reports clicks.

Responsibility: render already-built vis-network node/edge dicts inside the
Streamlit page (``st.components.v2``: no iframe, no build step, no network
access), draw the details panel of what is selected from records sent with them
(``network_panel.js``), and hand the last node or edge chosen (on the canvas or in
that panel) back to Python. Building the node and edge dicts and the panel
records, filtering and layout happen elsewhere.

Assets: vis-network 9.1.2 (JS and CSS) is read from the installed ``pyvis``
package on first use and cached for the life of the process, then combined with
``network_component.js`` / ``network_component.css`` from this directory.

Security: every string inside ``nodes``, ``edges`` and ``legend`` is treated as
untrusted data. The JS never builds HTML from it: titles are passed to
vis-network as plain strings (shown as text, ``\\n`` breaks lines) and the
legend is built with ``document.createElement`` + ``textContent``. Never put
``<...>`` markup into titles expecting it to render; it will show literally.

Return value of :func:`network_view`::

    None                                              # nothing clicked yet
    {"kind": "node", "id": <node id>, "seq": 3, "ts": 1764100000000}
    {"kind": "edge", "id": <edge id>, "seq": 4, "ts": 1764100000500}

The value persists across reruns until the next click. ``seq`` (per page load)
and ``ts`` (ms since epoch) change on every click, so clicking the same item
twice reruns the script; compare ``(seq, ts)`` to tell a fresh click from an old
one. Both are ``None`` when the click was injected by a test.

Browser hooks (for Playwright tests): ``window.mechanismNetwork`` is the
``vis.Network`` instance (the most recently mounted one if several exist), its
DataSets are ``mechanismNetwork.body.data.nodes`` / ``.edges``, and
``window.mechanismNetworkReady`` becomes ``true`` after the first draw. The
network object survives reruns; data changes are applied to the DataSets in
place. The component lives in an open shadow root (Playwright CSS locators
pierce it), so use the network object rather than selectors to find things.

Canvas coordinates for a click in a browser test (page coordinates =
canvas bounding rect + ``canvasToDOM`` of the canvas-space point)::

    NODE_XY = '''id => {
      const n = window.mechanismNetwork;
      const r = n.canvas.frame.canvas.getBoundingClientRect();
      const p = n.canvasToDOM(n.getPositions([id])[id]);
      return {x: r.left + p.x, y: r.top + p.y};
    }'''
    EDGE_XY = '''id => {
      const n = window.mechanismNetwork;
      const r = n.canvas.frame.canvas.getBoundingClientRect();
      const e = n.body.data.edges.get(id);
      const pos = n.getPositions([e.from, e.to]);
      const mid = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
      const p = n.canvasToDOM(mid);
      return {x: r.left + p.x, y: r.top + p.y};
    }'''
    xy = page.evaluate(NODE_XY, "n3"); page.mouse.click(xy["x"], xy["y"])

The endpoint midpoint lies on the edge only for straight edges
(``edges.smooth: false``). For curved edges use the point on the drawn curve
instead: ``n.body.edges[id].edgeType.getPoint(0.5)`` (canvas space, internal
vis-network API). Make sure no node or other edge sits on that point (for
example where two edges cross), and keep physics off in tests so positions do not move between measuring and clicking. The point may
lie outside the visible canvas after a ``focus`` (it zooms to at least 1.0 with
a 400 ms animation) or a user zoom: wait for the animation, then call
``mechanismNetwork.fit({animation: false})`` before measuring.

Injecting a click in ``streamlit.testing.v1.AppTest`` (AppTest cannot click)::

    at = AppTest.from_file("app.py").run()
    at.session_state["network"] = {"selected": {"kind": "node", "id": "n3"}}
    at.run()            # network_view(..., key="network") now returns
                        # {"kind": "node", "id": "n3", "seq": None, "ts": None}

Use the ``key`` passed to :func:`network_view`. The flat form
``at.session_state["network"] = {"kind": "edge", "id": "e1"}`` is accepted too.
Anything else (unknown kind, missing id, non-dict) makes ``network_view``
return ``None`` instead of raising. Setting the key before the first
``at.run()`` also works.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from graph.render import pack_edges, page_scripts_js, page_styles_css, vis_asset

__all__ = ["network_view"]

COMPONENT_NAME = "mechanism_network"

_HERE = Path(__file__).resolve().parent
_CLICK_KINDS = frozenset({"node", "edge"})


@functools.cache
def _component() -> Any:
    """Register the component once per process; assets are read only here."""
    js = vis_asset("vis-network.min.js")
    css = vis_asset("vis-network.css")
    own_js = "\n".join(
        (_HERE / name).read_text(encoding="utf-8") for name in ("network_panel.js", "network_component.js")
    )
    layer_js = page_scripts_js()
    own_css = (_HERE / "network_component.css").read_text(encoding="utf-8")
    return st.components.v2.component(
        COMPONENT_NAME,
        js=f"{js}\n;\n{layer_js}\n{own_js}",
        css=f"{css}\n{page_styles_css()}\n{own_css}",
    )


def _no_op() -> None:
    """Callback that only registers a state key (``selected``, ``missing``)."""


def _sent_key(key: str) -> str:
    # Session state entry: the data key whose items this session last sent to the canvas.
    return f"_{key}_data_key"


def _must_resend(key: str) -> bool:
    """Whether the page reported (once per report) that it lacks the items it was sent."""
    state = st.session_state.get(key)
    asked = state.get("missing") if isinstance(state, Mapping) else None
    answered = f"_{key}_missing_answered"
    if not isinstance(asked, Mapping) or asked == st.session_state.get(answered):
        return False
    st.session_state[answered] = dict(asked)
    return True


def _click_callback(key: str, on_click: Callable[[dict], None]) -> Callable[[], None]:
    # Runs before the script reruns, so whatever ``on_click`` stores (the app's
    # selection) is already in place when the page, and this canvas, are drawn.
    def callback() -> None:
        state = st.session_state.get(key)
        click = _as_click(state.get("selected") if isinstance(state, Mapping) else None)
        if click is not None:
            on_click(click)

    return callback


def _check_ids(items: list[dict], what: str) -> None:
    # The JS diffs reruns by id; a missing or repeated id would make vis invent
    # ids or reject the whole DataSet.
    seen: set[Any] = set()
    for item in items:
        if not isinstance(item, Mapping) or item.get("id") is None:
            raise ValueError(f"every {what} needs an 'id'")
        item_id = item["id"]
        if item_id in seen:
            raise ValueError(f"duplicate {what} id: {item_id!r}")
        seen.add(item_id)


def _as_click(value: Any) -> dict | None:
    if not isinstance(value, Mapping):
        return None
    kind, item_id = value.get("kind"), value.get("id")
    if kind not in _CLICK_KINDS or item_id is None or isinstance(item_id, (Mapping, list)):
        return None
    return {"kind": kind, "id": item_id, "seq": value.get("seq"), "ts": value.get("ts")}


def network_view(
    nodes: list[dict],
    edges: list[dict],
    *,
    options: dict,
    legend: list[dict],
    height: int = 640,
    key: str = "network",
    focus: str | None = None,
    fit_key: str = "",
    fit_nodes: list[str] | tuple[str, ...] = (),
    on_click: Callable[[dict], None] | None = None,
    lanes: list[dict] | None = None,
    edge_layer: bool = False,
    data_key: str | None = None,
    details: Callable[[], dict] | None = None,
) -> dict | None:
    """Draw the network and return the last click (see the module docstring).

    ``nodes``/``edges`` are vis-network item dicts with unique ``id`` values
    (edge ids should be strings); ``options`` is passed to vis-network as is,
    except that width/height are owned by the component. ``legend`` items are
    ``{"label", "color", "dashes", "shape"}``: a vis node shape (dot, circle,
    ellipse, box, square, database, text, diamond, triangle, triangleDown,
    star, hexagon) draws a node swatch, anything else ("line", "edge", missing)
    an edge line, dashed when ``dashes`` is true, listed below the canvas.

    ``focus`` (a node or an edge id, or None) is the one item selected on the canvas:
    it is re-selected on every rerun and centred, at the current zoom, whenever it
    changes. ``fit_key`` is any string that changes when the view should be fitted
    again (filters, focus, dataset, layout): the canvas then zooms to ``fit_nodes``
    (for example a highlighted path) or, when empty, to every drawn node. A "Fit to
    view" button above the canvas does the same on demand. ``on_click(click)`` is
    called with a fresh click before the script reruns, so state it sets is what the
    rerun draws. ``lanes`` (``{"label", "x"}`` in canvas units) are drawn as headings
    above the nodes. ``edge_layer`` (a large view: graph.render.uses_edge_layer) draws the
    straight edges as one canvas layer under the nodes instead of as vis-network edges;
    clicks, selection, centring and tooltips work the same, and the layer is
    ``window.mechanismEdgeLayer`` (``get(id)``, ``point(id, t)``, ``edgeAt(domPoint)``).

    ``data_key`` is any string that changes whenever ``nodes`` or ``edges`` change (for
    example the arguments they were built from). With it, a rerun that draws the same items
    (a click: the selection and the panel change, the network does not) sends the key
    alone and the page keeps the items it has, instead of receiving, decoding and comparing
    every item again; a page that lacks them (a reload that kept the session) asks for
    them and the next rerun sends them. Without it, every rerun sends the items.

    ``details()`` gives the records of the drawn items' details panel
    (:func:`ui.panels.panel_records`), called only when the items are sent: the page then
    draws the panel of the selected item under the canvas itself, at a click without
    waiting for the rerun, and its buttons select as a click does. Without it, no panel.
    """
    sent = _sent_key(key)
    resend = _must_resend(key)
    send = resend or data_key is None or st.session_state.get(sent) != data_key
    # The canvas selected and centred what it reported clicked: when that is the focus, the
    # payload says so instead of naming it, and stays the same from click to click; Streamlit
    # then sends a reference to the element the page holds (its message cache) instead of
    # the element with the component's scripts and styles (about 0.7 MB) again.
    state = st.session_state.get(key)
    last = _as_click(state.get("selected")) if isinstance(state, Mapping) else None
    focus_is_click = (
        not resend
        and focus is not None
        and last is not None
        and last["seq"] is not None
        and last["id"] == focus
    )
    if send:
        _check_ids(nodes, "node")
        _check_ids(edges, "edge")
        if data_key is not None:
            st.session_state[sent] = data_key
    # Handed over inside a one-item list: Streamlit scans a dict's values for dataframes,
    # which imports pandas and pyarrow (most of a cold first view's server time); a list
    # is serialised as plain JSON.
    result = _component()(
        key=key,
        data=[
            {
                "nodes": nodes if send else None,
                # The edge layer's records go packed (graph.render.pack_edges): a third of the JSON.
                "edges": (pack_edges(nodes, edges) if edge_layer else edges) if send else None,
                "details": details() if send and details is not None else None,
                "data_key": data_key,
                "options": options,
                "legend": legend,
                "height": height,
                "focus": None if focus_is_click else focus,
                "focus_is_click": focus_is_click,
                "fit_key": fit_key,
                "fit_nodes": list(fit_nodes),
                "lanes": list(lanes or []),
                "edge_layer": bool(edge_layer),
            }
        ],
        on_selected_change=_no_op if on_click is None else _click_callback(key, on_click),
        on_missing_change=_no_op,
    )
    # The flat fallback accepts tests that assign the click itself to the key.
    return _as_click(result.get("selected")) or _as_click(result)
