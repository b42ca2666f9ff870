// The edges of a large view, drawn by the page as one canvas layer under vis-network's nodes.
//
// A large view (graph/render.py vis_data(large=True)) has thousands of straight, solid,
// arrowless edges. vis-network builds an object per edge (its options merged into a fresh
// copy of the defaults): at 5,000 nodes and 15,000 edges that was about 40% of the time to
// the first drawn frame. Here vis-network gets the nodes only; the edge records stay plain
// data, drawn in its "beforeDrawing" hook exactly as vis-network draws them (each edge its
// own stroke, in record order, at max(width, 0.3 / scale) with its colour's opacity; the
// selected one (or a selected node's edges) on top at width + 2 in its highlight colour,
// the selected one on its band (graph/halo.js, when the page has it); hidden while the view is
// dragged or zoomed when the options say so) and hit by the rule of vis-network's
// getEdgeAt (the nearest edge closer than 10 canvas units). A record's "label" (a
// highlighted path's "weakest link") is written at its middle, over the nodes.
//
// Plain function declarations: the export page and the benchmark page load this file as a
// classic script, the app's component concatenates it into its module.
// Record strings are untrusted: a tooltip is set with textContent only.

function createEdgeLayer(network, records, options) {
  const opts = options || {};
  const layer = {
    records: [],
    byId: null, // id -> record, made when first asked (not before the first frame)
    keep: null, // the filter: an edge is drawn while keep(record) is true
    selected: null,
    connected: new Set(), // the edges of a selected node, drawn as selected
    title: typeof opts.title === "function" ? opts.title : null,
    tooltip: null,
  };

  function strokeOf(record) {
    const c = record.color;
    const color = typeof c === "string" ? c : c && typeof c.color === "string" ? c.color : "#848484";
    const highlight = c && typeof c.highlight === "string" ? c.highlight : color;
    const opacity = c && Number.isFinite(c.opacity) ? c.opacity : 1;
    const width = Number.isFinite(record.width) ? record.width : 1;
    return { color, highlight, opacity, width };
  }

  function byId() {
    if (layer.byId === null) layer.byId = new Map(layer.records.map((record) => [record.id, record]));
    return layer.byId;
  }

  layer.set = function (list) {
    layer.records = Array.isArray(list) ? list : [];
    layer.byId = null;
    for (const record of layer.records) record._stroke = strokeOf(record);
    if (layer.selected !== null && !byId().has(layer.selected)) layer.selected = null;
  };

  layer.get = (id) => byId().get(id) ?? null;
  layer.has = (id) => byId().has(id);
  layer.shown = (record) => layer.keep === null || layer.keep(record);
  // Whether the edge of this id is drawn (it is one of the records and the filter keeps it).
  layer.drawn = (id) => {
    const record = byId().get(id);
    return record !== undefined && layer.shown(record);
  };
  layer.visibleCount = () => (layer.keep === null ? layer.records.length : layer.records.filter(layer.keep).length);

  layer.setFilter = function (keep) {
    layer.keep = typeof keep === "function" ? keep : null;
    network.redraw();
  };

  layer.select = function (id) {
    const next = id !== null && byId().has(id) ? id : null;
    if (next !== layer.selected || layer.connected.size) {
      layer.selected = next;
      layer.connected = new Set();
      network.redraw();
    }
    return next;
  };

  // A selected node's edges drawn as selected (vis-network's selectConnectedEdges).
  layer.selectConnected = function (nodeId) {
    layer.selected = null;
    layer.connected = new Set(layer.records.filter((r) => r.from === nodeId || r.to === nodeId).map((r) => r.id));
    network.redraw();
  };

  // The two drawn end nodes of a record, or null when one is not drawn.
  function ends(record, nodes) {
    const a = nodes[record.from], b = nodes[record.to];
    return a && b ? [a, b] : null;
  }

  // One stroke per edge; a style property is set only when it changes from the edge drawn
  // before (each colour string set is parsed again).
  function stroker(ctx) {
    let color = null, opacity = null, width = null;
    return function (a, b, c, o, w) {
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      if (c !== color) ctx.strokeStyle = color = c;
      if (o !== opacity) ctx.globalAlpha = opacity = o;
      if (w !== width) ctx.lineWidth = width = w;
      ctx.stroke();
    };
  }

  layer.draw = function (ctx) {
    const renderer = network.renderer || {};
    const ro = renderer.options || {};
    if ((renderer.dragging && ro.hideEdgesOnDrag) || (renderer.zooming && ro.hideEdgesOnZoom)) return;
    const nodes = network.body.nodes;
    const least = 0.3 / network.getScale();
    ctx.save();
    ctx.lineCap = "butt";
    const stroke = stroker(ctx);
    const chosen = [];
    for (const record of layer.records) {
      if (layer.keep !== null && !layer.keep(record)) continue;
      const pair = ends(record, nodes);
      if (pair === null) continue;
      if (record.id === layer.selected || layer.connected.has(record.id)) {
        chosen.push([record, pair]);
        continue;
      }
      const s = record._stroke;
      stroke(pair[0], pair[1], s.color, s.opacity, Math.max(s.width, least));
    }
    for (const [record, pair] of chosen) {
      // The selected edge on its band (halo.js), over the other edges: under all of them,
      // as a small view has it, a crowded large view would hide it.
      if (record.id === layer.selected && typeof drawSelectionBand === "function") {
        drawSelectionBand(ctx, pair, Math.max(12, 14 / network.getScale()));
      }
      const s = record._stroke;
      stroke(pair[0], pair[1], s.highlight, s.opacity, Math.max(s.width + 2, least));
    }
    ctx.restore();
  };

  // Labels go over the nodes, as vis-network draws its edge labels: canvas text, outlined.
  layer.drawLabels = function (ctx) {
    const nodes = network.body.nodes;
    for (const record of layer.records) {
      if (typeof record.label !== "string" || record.label === "") continue;
      if (layer.keep !== null && !layer.keep(record)) continue;
      const pair = ends(record, nodes);
      if (pair === null) continue;
      const size = record.font && Number.isFinite(record.font.size) ? record.font.size : 14;
      const outline = record.font && Number.isFinite(record.font.strokeWidth) ? record.font.strokeWidth : 2;
      const x = (pair[0].x + pair[1].x) / 2, y = (pair[0].y + pair[1].y) / 2;
      ctx.save();
      ctx.font = `${size}px arial`;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineJoin = "round";
      if (outline > 0) {
        ctx.lineWidth = outline;
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(record.label, x, y);
      }
      ctx.fillStyle = "#343434";
      ctx.fillText(record.label, x, y);
      ctx.restore();
    }
  };

  // vis-network's getEdgeAt for straight edges: the nearest drawn edge closer than 10
  // canvas units to the point (a DOM point relative to the canvas), else undefined.
  layer.edgeAt = function (domPoint) {
    const p = network.DOMtoCanvas(domPoint);
    const nodes = network.body.nodes;
    let best, least = 10;
    for (const record of layer.records) {
      if (layer.keep !== null && !layer.keep(record)) continue;
      const pair = ends(record, nodes);
      if (pair === null) continue;
      const d = segmentDistance(pair[0].x, pair[0].y, pair[1].x, pair[1].y, p.x, p.y);
      if (d < least) {
        least = d;
        best = record.id;
      }
    }
    return best;
  };

  // A point on the drawn edge (canvas space), t in [0, 1] from its start: for tests and
  // for centring the view on an edge.
  layer.point = function (id, t) {
    const record = byId().get(id);
    const pair = record ? ends(record, network.body.nodes) : null;
    if (pair === null) return null;
    const f = Number.isFinite(t) ? t : 0.5;
    return { x: pair[0].x + (pair[1].x - pair[0].x) * f, y: pair[0].y + (pair[1].y - pair[0].y) * f };
  };

  // The edge under a resting pointer gets a tooltip (vis-network's style, plain text),
  // when no node is under it; vis-network shows the nodes' own.
  function hideTooltip() {
    if (layer.tooltip) layer.tooltip.style.visibility = "hidden";
  }
  function showTooltip(event) {
    if (!layer.title) return;
    const frame = network.canvas.frame;
    const rect = frame.canvas.getBoundingClientRect();
    const dom = { x: event.clientX - rect.left, y: event.clientY - rect.top };
    const id = network.getNodeAt(dom) === undefined ? layer.edgeAt(dom) : undefined;
    if (id === undefined) {
      hideTooltip();
      return;
    }
    if (!layer.tooltip) {
      layer.tooltip = document.createElement("div");
      layer.tooltip.className = "vis-tooltip mn-edge-tooltip";
      layer.tooltip.style.visibility = "hidden";
      frame.appendChild(layer.tooltip);
    }
    const tip = layer.tooltip;
    tip.dataset.edge = String(id);
    tip.textContent = String(layer.title(id));
    tip.style.whiteSpace = "pre-wrap";
    tip.style.left = `${dom.x + 12}px`;
    tip.style.top = `${dom.y + 12}px`;
    tip.style.visibility = "visible";
  }
  let timer = null;
  const canvasElement = network.canvas.frame.canvas;
  canvasElement.addEventListener("mousemove", (event) => {
    hideTooltip();
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => showTooltip(event), 150);
  });
  canvasElement.addEventListener("mousedown", () => {
    if (timer !== null) clearTimeout(timer);
    hideTooltip();
  });
  canvasElement.addEventListener("mouseleave", () => {
    if (timer !== null) clearTimeout(timer);
    hideTooltip();
  });

  layer.set(records);
  network.on("beforeDrawing", (ctx) => layer.draw(ctx));
  network.on("afterDrawing", (ctx) => layer.drawLabels(ctx));
  return layer;
}

// The records of a pack made by graph/render.py pack_edges (a list of records is returned
// as it is): an end is a position in `nodes`, else the node's id (in a one-item list when
// not a string); an id is the position of its middle in `keys` (the id is from|key|to),
// else the id itself (in a one-item list when not a string). Records of one style share
// its objects (colour), which no one changes.
function unpackEdges(nodes, pack) {
  if (Array.isArray(pack)) return pack;
  if (pack === null || typeof pack !== "object" || !Array.isArray(pack.ids)) return [];
  const { ids, keys, from, to, style, styles } = pack;
  const end = (value) => {
    if (typeof value === "number") return nodes[value] ? nodes[value].id : undefined;
    return Array.isArray(value) ? value[0] : value;
  };
  const out = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const a = end(from[i]), b = end(to[i]), id = ids[i];
    const key = typeof id === "number" ? `${a}|${keys[id]}|${b}` : Array.isArray(id) ? id[0] : id;
    out[i] = Object.assign({ id: key, from: a, to: b }, styles[style[i]]);
  }
  return out;
}

// Distance from (px, py) to the segment (x1, y1)-(x2, y2), as vis-network measures it.
function segmentDistance(x1, y1, x2, y2, px, py) {
  const dx = x2 - x1, dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  let u = len2 === 0 ? 0 : ((px - x1) * dx + (py - y1) * dy) / len2;
  u = Math.max(0, Math.min(1, u));
  const x = x1 + u * dx - px, y = y1 + u * dy - py;
  return Math.sqrt(x * x + y * y);
}
