// The selected node or edge marked in yellow: a band under it, and a ring around a node.
//
// vis-network draws a selected edge only 2 px wider in its own colour, and a selected
// node with a slightly wider border: in a view of a hundred crossing edges the reader
// cannot find what they clicked. The band is drawn in the "beforeDrawing" hook, before
// the edges and nodes (register it before any edge layer is made: the hooks run in the
// order they were added), along the selected edge (its own curve or line) or around the
// selected node and its label, at least 14 screen pixels wide whatever the zoom, so the
// edge keeps its own colour (its evidence) on top of it. The edge layer of a large view
// draws its selected edge's band itself, over its other edges (too crowded to show it
// under them; graph/edge_layer.js calls drawSelectionBand). A hub node's band is mostly
// covered by its own edges: the node also gets a ring drawn last ("afterDrawing"), just
// outside its box and label, over whatever crosses there.
// window.mechanismHalo says what the last frame marked ({kind, id} or null).
//
// Plain function declarations: the export page and the benchmark page load this file as a
// classic script, the app's component concatenates it into its module.

// Opaque: on white it looks as a translucent yellow would, and it still reads where the
// edge layer draws it over other edges.
const HALO_COLOUR = "rgb(255, 230, 110)";
const HALO_RING = "rgb(240, 180, 0)";

function addSelectionHalo(network, getLayer) {
  network.on("beforeDrawing", (ctx) => {
    window.mechanismHalo = drawSelectionHalo(network, getLayer(), ctx);
  });
  network.on("afterDrawing", (ctx) => {
    const halo = window.mechanismHalo;
    if (!halo || halo.kind !== "node" || network.body.nodes[halo.id] === undefined) return;
    const box = haloBox(network, halo.id);
    ctx.save();
    ctx.strokeStyle = HALO_RING;
    ctx.lineWidth = 3 / network.getScale();
    ctx.beginPath();
    if (typeof ctx.roundRect === "function") ctx.roundRect(box.x, box.y, box.w, box.h, box.pad);
    else ctx.rect(box.x, box.y, box.w, box.h);
    ctx.stroke();
    ctx.restore();
  });
}

// A node's box and label, with room around them (canvas units).
function haloBox(network, id) {
  const box = network.getBoundingBox(id);
  const pad = Math.max(5, 7 / network.getScale());
  return {
    x: box.left - pad,
    y: box.top - pad,
    w: box.right - box.left + 2 * pad,
    h: box.bottom - box.top + 2 * pad,
    pad,
  };
}

function drawSelectionHalo(network, layer, ctx) {
  const scale = network.getScale();
  const nodeIds = network.getSelectedNodes();
  const edgeIds = network.getSelectedEdges();
  ctx.save();
  ctx.fillStyle = HALO_COLOUR;
  let drawn = null;
  if (layer && layer.selected !== null && layer.drawn(layer.selected)) {
    // The edge layer draws this band itself, over its other edges (edge_layer.js).
    drawn = { kind: "edge", id: layer.selected };
  } else if (nodeIds.length === 1) {
    const id = nodeIds[0];
    if (network.body.nodes[id] !== undefined) {
      const box = haloBox(network, id);
      ctx.beginPath();
      if (typeof ctx.roundRect === "function") ctx.roundRect(box.x, box.y, box.w, box.h, box.pad);
      else ctx.rect(box.x, box.y, box.w, box.h);
      ctx.fill();
      drawn = { kind: "node", id };
    }
  } else if (edgeIds.length === 1) {
    const edge = network.body.edges[edgeIds[0]];
    if (edge !== undefined && edge.connected && edge.options.hidden !== true) {
      const width = typeof edge.options.width === "number" ? edge.options.width : 1;
      const points = [];
      for (let i = 0; i <= 16; i++) points.push(edge.edgeType.getPoint(i / 16));
      drawSelectionBand(ctx, points, Math.max(width + 10, 14 / scale));
      drawn = { kind: "edge", id: edgeIds[0] };
    }
  }
  ctx.restore();
  return drawn;
}

// The band along a line through ``points`` (canvas units), ``width`` wide.
function drawSelectionBand(ctx, points, width) {
  ctx.save();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = HALO_COLOUR;
  ctx.lineWidth = width;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.beginPath();
  ctx.moveTo(points[0].x, points[0].y);
  for (let i = 1; i < points.length; i++) ctx.lineTo(points[i].x, points[i].y);
  ctx.stroke();
  ctx.restore();
}
