"""Minimal offline pages for the browser first-draw benchmark (vis-network inlined from pyvis).

The page holds the node and edge records as JSON in a ``<script type="application/json">``
block (``<``, ``>`` and ``&`` escaped, so data can never close the script), builds one
``vis.Network`` and records ``performance.now()`` (milliseconds since navigation start) at
construction, at ``stabilizationIterationsDone`` and at the first ``afterDrawing`` into
``window.__bench``. No request leaves the page.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>first-draw benchmark</title>
<style>@@VIS_CSS@@</style>
<style>html,body{margin:0;height:100%}#net{width:100%;height:100vh}</style>
<script>@@VIS_JS@@</script>
<script>@@PAGE_JS@@</script>
</head><body><div id="net"></div>
<script type="application/json" id="data">@@DATA@@</script>
<script>
(function () {
  const bench = (window.__bench = {scriptStart: performance.now()});
  const data = JSON.parse(document.getElementById("data").textContent);
  // As the app and the export build the nodes: the label width constraint only where a
  // label might need wrapping (graph/node_labels.js).
  const prepared = constrainWideLabels(data.nodes, data.options);
  const nodes = new vis.DataSet(prepared.nodes);
  // As the app and the export draw a large view: its edges, sent packed
  // (graph.render.pack_edges), by the edge layer.
  const records = data.edgeLayer ? unpackEdges(data.nodes, data.edges) : data.edges;
  const edges = new vis.DataSet(data.edgeLayer ? [] : records);
  bench.dataReady = performance.now();
  const net = new vis.Network(document.getElementById("net"), {nodes: nodes, edges: edges}, prepared.options);
  if (data.edgeLayer) window.mechanismEdgeLayer = createEdgeLayer(net, records);
  bench.constructed = performance.now();
  net.on("stabilizationIterationsDone", function () { bench.stabilized = performance.now(); });
  net.on("afterDrawing", function () {
    if (bench.firstDraw === undefined) bench.firstDraw = performance.now();
    if (bench.drawAfterStabilized === undefined && bench.stabilized !== undefined) {
      bench.drawAfterStabilized = performance.now();
    }
  });
  if (data.fit) net.fit({animation: false});
  window.mechanismNetwork = net;
})();
</script></body></html>
"""


def json_for_script(data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def first_draw_page(
    nodes: list[dict], edges: list[dict], options: dict, *, fit: bool, edge_layer: bool = False
) -> str:
    """A self-contained page drawing ``nodes``/``edges`` with vis-network ``options``; with
    ``edge_layer`` the edges are drawn by graph/edge_layer.js (graph.render.uses_edge_layer),
    sent packed as the app and the export send them (graph.render.pack_edges)."""
    from graph.render import pack_edges, page_scripts_js, vis_asset

    slots = {
        "@@VIS_CSS@@": vis_asset("vis-network.css"),
        "@@VIS_JS@@": vis_asset("vis-network.min.js"),
        "@@PAGE_JS@@": page_scripts_js(),
        "@@DATA@@": json_for_script(
            {
                "nodes": nodes,
                "edges": pack_edges(nodes, edges) if edge_layer else edges,
                "options": options,
                "fit": fit,
                "edgeLayer": edge_layer,
            }
        ),
    }
    # One pass: inserted text is never scanned for slots again.
    return re.sub(r"@@[A-Z_]+@@", lambda m: slots[m.group(0)], _PAGE)
