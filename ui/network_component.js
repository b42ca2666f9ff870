// Streamlit components-v2 renderer for the mechanism network.
// network_component.py appends this module to vis-network's UMD bundle, which
// defines globalThis.vis before this code runs.
//
// Every string in `data` is untrusted: it only reaches the DOM through
// textContent, CSSOM colour properties, or vis-network, which renders string
// titles with innerText and labels on the canvas.

// Streamlit imports this module once and calls the default export again on
// every data change with the same parentElement, so one instance per element
// keeps the vis.Network (and the user's zoom and pan) alive across reruns.
const instances = new WeakMap();

// The smallest label, in screen pixels, that the initial zoom of a narrow canvas keeps.
const MIN_LABEL_PX = 12;
// The lane headings' font (canvas text, scaled with the zoom).
const LANE_FONT = "bold 17px sans-serif";

// The items of the last views this page received, by data key. A rerun that leaves what
// is drawn as it was sends the key without the items (network_component.py); a canvas
// mounted again (after another view of the app) finds its items here.
const itemsByKey = new Map();
const KEPT_VIEWS = 2;
// Returned by resolveItems when the canvas already holds the items of this key.
const UNCHANGED = "unchanged";
// The least time between two reports of a choice to the app (see report()).
const REPORT_EVERY_MS = 1000;
// The id of the last node or edge this page reported clicked: the app's payload names the
// focus as "what was clicked" when it is that (network_component.py), so that it stays the
// same from click to click.
let lastClick = null;

export default function renderNetwork(component) {
  const { parentElement, setStateValue } = component;
  // The payload comes as a one-item list (network_component.py says why).
  let data = (Array.isArray(component.data) ? component.data[0] : component.data) || {};
  // The edge layer's records come packed (graph/render.py pack_edges).
  if (data.edge_layer === true && Array.isArray(data.nodes) && data.edges && !Array.isArray(data.edges)) {
    data = Object.assign({}, data, { edges: unpackEdges(data.nodes, data.edges) });
  }
  let inst = instances.get(parentElement);
  const items = resolveItems(inst, data);
  if (!inst) {
    inst = createInstance(parentElement, data, items);
    instances.set(parentElement, inst);
  } else {
    updateInstance(inst, data, items);
  }
  // Streamlit hands over a fresh setter on each call; clicks must use the latest.
  inst.setStateValue = setStateValue;
  if (items === null || (data.focus_is_click && lastClick === null)) requestItems(inst, data.data_key);
  return inst.cleanup;
}

// The nodes and edges to draw: sent with the data, kept from an earlier call with the same
// data key (UNCHANGED when this canvas already shows them), or null when this page has
// never received them.
function resolveItems(inst, data) {
  const key = typeof data.data_key === "string" ? data.data_key : null;
  if (Array.isArray(data.nodes) && Array.isArray(data.edges)) {
    const items = { nodes: data.nodes, edges: data.edges, details: data.details ?? null };
    if (key !== null) {
      itemsByKey.delete(key);
      itemsByKey.set(key, items);
      while (itemsByKey.size > KEPT_VIEWS) itemsByKey.delete(itemsByKey.keys().next().value);
    }
    return items;
  }
  if (key === null) return { nodes: [], edges: [] };
  if (inst && inst.dataKey === key) return UNCHANGED;
  return itemsByKey.get(key) ?? null;
}

function wantedFocus(data) {
  return data.focus_is_click ? lastClick : (data.focus ?? null);
}

// Asks the app to send the items and name the focus again: it sent the key alone, or "the
// focus is what was clicked", believing this page knew them (a delta dropped by a rerun).
function requestItems(inst, key) {
  if (!inst.setStateValue || inst.requested === key) return;
  inst.requested = key;
  inst.setStateValue("missing", { key, ts: Date.now() });
}

function createInstance(parentElement, data, items) {
  const root = document.createElement("div");
  root.className = "mn-root";
  const toolbar = document.createElement("div");
  toolbar.className = "mn-toolbar";
  const fit = document.createElement("button");
  fit.type = "button";
  fit.className = "mn-fit";
  fit.textContent = "Fit to view";
  fit.title = "Zoom so that every drawn node (or the highlighted path) fits the canvas";
  toolbar.append(fit);
  const host = document.createElement("div");
  host.className = "mn-canvas";
  // The legend sits below the canvas, never over a node.
  const legend = document.createElement("div");
  legend.className = "mn-legend";
  // The details of what is selected, drawn here from the view's records (panel.js): a click
  // shows them at once, without waiting for the server.
  const details = document.createElement("section");
  details.className = "mn-details";
  details.hidden = true;
  root.append(toolbar, host, legend, details);
  parentElement.appendChild(root);

  const inst = {
    root,
    toolbar,
    host,
    legend,
    details,
    records: null,
    panelFor: null,
    network: null,
    nodeSigs: new Map(),
    edgeSigs: new Map(),
    optionsSig: null,
    legendSig: null,
    wantedFocus: wantedFocus(data),
    focus: null,
    wantedFit: data.fit_key ?? "",
    fitKey: null,
    fitNodes: Array.isArray(data.fit_nodes) ? data.fit_nodes : [],
    drawn: false,
    layer: null,
    dataKey: null,
    awaitingItems: false,
    requested: null,
    seq: 0,
    pendingReport: null,
    reportTimer: null,
    lastReportAt: -Infinity,
    setStateValue: null,
    cleanup: null,
  };

  setHeight(inst, data.height);
  renderLegend(inst, data.legend);

  // Building the DataSets before the Network lets vis stabilise the initial
  // layout once instead of animating nodes that arrive after construction.
  const held = items && items !== UNCHANGED ? items : { nodes: [], edges: [] };
  // The label width constraint only where a label might need wrapping (node_labels.js);
  // every later node list and options change goes through the same check.
  const prepared = constrainWideLabels(held.nodes, data.options);
  const nodes = new vis.DataSet(withSignatures(prepared.nodes, inst.nodeSigs));
  // A large view's edges are drawn by the edge layer (edge_layer.js), not built by vis.
  const layered = data.edge_layer === true;
  const edges = new vis.DataSet(layered ? [] : withSignatures(held.edges, inst.edgeSigs));
  inst.dataKey = items ? (data.data_key ?? null) : null;
  inst.records = items && items !== UNCHANGED ? items.details : null;
  inst.awaitingItems = !items;
  inst.optionsSig = JSON.stringify(data.options || {});
  const network = new vis.Network(host, { nodes, edges }, networkOptions(prepared.options));
  inst.network = network;
  // Before any edge layer: the band goes under the edges it draws (halo.js).
  addSelectionHalo(network, () => inst.layer);
  if (layered) useLayer(inst, held.edges);

  inst.lanes = Array.isArray(data.lanes) ? data.lanes : [];
  // Lane headings ("compounds", "receptors / targets", ...) above the drawn nodes, in
  // canvas space so they move with zoom and pan; drawn as text, never as HTML.
  network.on("beforeDrawing", (ctx) => drawLanes(inst, ctx));
  fit.addEventListener("click", () => fitView(inst, false));
  network.on("click", (params) => onClick(inst, params));
  network.on("hoverNode", (params) => addTooltip(inst, "nodes", params.node));
  network.on("hoverEdge", (params) => addTooltip(inst, "edges", params.edge));
  // With physics on, positions are only final once stabilised: fit again then.
  network.on("stabilized", () => {
    if (inst.drawn) fitView(inst, false);
  });
  if (items) whenFirstDrawn(inst);

  window.mechanismNetwork = network;
  window.mechanismNetworkView = inst;
  inst.cleanup = () => destroyInstance(parentElement, inst);
  return inst;
}

// The first draw with the items follows stabilisation, so node positions are final there.
function whenFirstDrawn(inst) {
  inst.network.once("afterDrawing", () => {
    inst.drawn = true;
    applyView(inst);
    window.mechanismNetworkReady = true;
  });
}

function updateInstance(inst, data, items) {
  const { network } = inst;
  setHeight(inst, data.height);
  renderLegend(inst, data.legend);

  const optionsSig = JSON.stringify(data.options || {});
  if (optionsSig !== inst.optionsSig) {
    inst.optionsSig = optionsSig;
    network.setOptions(networkOptions(constrainWideLabels([], data.options).options));
  }
  if (items !== UNCHANGED && items !== null) {
    // vis attaches an edge to its endpoints whenever they arrive, so edges can
    // be synced before the nodes they point to.
    if (data.edge_layer === true) {
      if (network.body.data.edges.length) {
        network.body.data.edges.clear();
        inst.edgeSigs.clear();
      }
      useLayer(inst, items.edges);
    } else {
      if (inst.layer) inst.layer.set([]);
      syncDataSet(network.body.data.edges, items.edges, inst.edgeSigs);
    }
    syncDataSet(network.body.data.nodes, constrainWideLabels(items.nodes, data.options).nodes, inst.nodeSigs);
    if (inst.awaitingItems) {
      inst.awaitingItems = false;
      whenFirstDrawn(inst);
    }
    inst.dataKey = data.data_key ?? null;
    inst.records = items.details;
    inst.panelFor = null;
    inst.requested = null;
  }

  inst.lanes = Array.isArray(data.lanes) ? data.lanes : [];
  if (!data.focus_is_click && (data.focus ?? null) !== lastClick) dropReport(inst);
  inst.wantedFocus = wantedFocus(data);
  inst.wantedFit = data.fit_key ?? "";
  inst.fitNodes = Array.isArray(data.fit_nodes) ? data.fit_nodes : [];
  if (inst.drawn) {
    applyView(inst);
  }
}

// Hands a large view's edge records to the instance's edge layer (made on first use).
function useLayer(inst, records) {
  if (inst.layer === null) {
    inst.layer = createEdgeLayer(inst.network, [], { title: (id) => edgeTooltip(inst, id) });
  }
  inst.layer.set(records);
  inst.network.redraw();
  window.mechanismEdgeLayer = inst.layer;
}

function destroyInstance(parentElement, inst) {
  dropReport(inst);
  instances.delete(parentElement);
  if (window.mechanismNetwork === inst.network) {
    delete window.mechanismNetwork;
    delete window.mechanismEdgeLayer;
    window.mechanismNetworkReady = false;
  }
  inst.network.destroy();
  inst.root.remove();
}

function networkOptions(options) {
  // The component owns sizing; the host div gets the requested height.
  return Object.assign({}, options || {}, { width: "100%", height: "100%" });
}

function setHeight(inst, height) {
  const px = `${Math.max(Number(height) || 0, 100)}px`;
  if (inst.host.style.height !== px) {
    inst.host.style.height = px;
    if (inst.network) {
      inst.network.setSize("100%", "100%");
      inst.network.redraw();
    }
  }
}

function withSignatures(items, sigs) {
  const list = Array.isArray(items) ? items : [];
  for (const item of list) {
    sigs.set(item.id, JSON.stringify(item));
  }
  return list;
}

// Applies the new item list in place so vis keeps positions, selection and
// view for everything that did not change.
function syncDataSet(dataSet, items, sigs) {
  const list = Array.isArray(items) ? items : [];
  const next = new Map(list.map((item) => [item.id, item]));

  const removed = dataSet.getIds().filter((id) => !next.has(id));
  if (removed.length) {
    dataSet.remove(removed);
    removed.forEach((id) => sigs.delete(id));
  }

  const updates = [];
  const replaced = [];
  for (const [id, item] of next) {
    const sig = JSON.stringify(item);
    const previous = sigs.get(id);
    if (previous === sig) continue;
    sigs.set(id, sig);
    // DataSet.update merges fields, so an item that lost a field (for example
    // `dashes`) has to be replaced to drop the stale value.
    if (previous !== undefined && lostAField(JSON.parse(previous), item)) {
      replaced.push(item);
    } else {
      updates.push(item);
    }
  }
  if (replaced.length) {
    dataSet.remove(replaced.map((item) => item.id));
    dataSet.add(replaced);
  }
  if (updates.length) {
    dataSet.update(updates);
  }
}

function lostAField(previous, item) {
  return Object.keys(previous).some((field) => !(field in item));
}

// One place decides what the canvas shows: a new fit key (filters, focus, dataset,
// layout or path changed) fits the view; a new selection is selected and centred at
// the current zoom, so a plain click never zooms. The selection is re-applied on every
// call so the canvas always agrees with the panel, whatever vis did on its own.
function applyView(inst) {
  showDetails(inst, inst.wantedFocus);
  const fitChanged = inst.wantedFit !== inst.fitKey;
  if (fitChanged) {
    inst.fitKey = inst.wantedFit;
    fitView(inst, false);
  }
  const target = inst.wantedFocus;
  const changed = target !== inst.focus;
  const kind = selectTarget(inst, target);
  if (kind === null) {
    // Not drawn (yet): a later rerun that adds it will select it.
    inst.focus = target === null ? null : inst.focus;
    return;
  }
  inst.focus = target;
  // What the reader clicked was selected at once by the click (onClick), where it lies,
  // so it is not a change here. A selection made elsewhere (the panel, the search, Back)
  // glides to the centre, which shows where it lies; each frame of a glide redraws the
  // whole canvas (about 18 frames).
  if (!changed) return;
  if (!fitChanged) centreOn(inst, target, kind);
}

// Selects the wanted node or edge on the canvas and nothing else; returns its kind,
// or null when nothing is wanted or it is not drawn.
function selectTarget(inst, target) {
  const { network, layer } = inst;
  if (layer !== null) layer.select(null);
  if (target === null) {
    network.unselectAll();
    return null;
  }
  if (layer !== null && layer.has(target)) {
    network.unselectAll();
    layer.select(target);
    return "edge";
  }
  if (network.body.data.edges.get(target) !== null) {
    network.setSelection({ nodes: [], edges: [target] }, { unselectAll: true, highlightEdges: false });
    return "edge";
  }
  if (network.body.data.nodes.get(target) !== null) {
    network.setSelection({ nodes: [target], edges: [] }, { unselectAll: true, highlightEdges: false });
    return "node";
  }
  network.unselectAll();
  return null;
}

function centreOn(inst, target, kind) {
  const { network } = inst;
  let position;
  if (kind === "edge" && inst.layer !== null && inst.layer.has(target)) {
    position = inst.layer.point(target, 0.5);
    if (position === null) return;
  } else if (kind === "edge") {
    const edge = network.body.data.edges.get(target);
    const pos = network.getPositions([edge.from, edge.to]);
    if (!pos[edge.from] || !pos[edge.to]) return;
    position = { x: (pos[edge.from].x + pos[edge.to].x) / 2, y: (pos[edge.from].y + pos[edge.to].y) / 2 };
  } else {
    position = network.getPositions([target])[target];
    if (!position) return;
  }
  network.moveTo({ position, scale: network.getScale(), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
}

function drawLanes(inst, ctx) {
  const { network } = inst;
  if (!inst.lanes.length) {
    window.mechanismLaneHeadings = []; // none drawn (physics, or a file's own layout)
    return;
  }
  const ids = network.body.data.nodes.getIds();
  if (!ids.length) return;
  let top = Infinity;
  for (const id of ids) {
    const node = network.body.nodes[id];
    if (node) top = Math.min(top, node.y - (node.shape.height || 20) / 2);
  }
  ctx.save();
  ctx.font = LANE_FONT;
  ctx.fillStyle = "#6b6b76";
  ctx.textBaseline = "alphabetic";
  // A heading that would run under the toolbar (over the canvas's top right) ends left of
  // it, or is left out when that would run into the heading before it.
  const frame = network.canvas.frame.canvas.getBoundingClientRect();
  const bar = inst.toolbar.getBoundingClientRect();
  const barLeft = bar.left - frame.left - 6;
  const scale = network.getScale();
  let end = -Infinity;
  const drawn = [];
  for (const lane of inst.lanes) {
    if (typeof lane.label !== "string" || !Number.isFinite(lane.x)) continue;
    const half = (ctx.measureText(lane.label).width / 2) * scale;
    const at = network.canvasToDOM({ x: lane.x, y: top - 22 });
    let from = at.x - half;
    const under = at.x + half > barLeft && from < bar.right - frame.left && at.y - 17 * scale < bar.bottom - frame.top;
    if (under) from = barLeft - 2 * half;
    if (from < end + 8) continue;
    ctx.textAlign = "left";
    ctx.fillText(lane.label, network.DOMtoCanvas({ x: from, y: at.y }).x, top - 22);
    end = from + 2 * half;
    drawn.push({ label: lane.label, left: from, right: end, top: at.y - 17 * scale, bottom: at.y });
  }
  ctx.restore();
  // Where each heading was drawn, in pixels of the canvas element (for the browser tests).
  window.mechanismLaneHeadings = drawn;
}

// From the left end of the leftmost lane heading to the right end of the rightmost, in
// canvas units: the headings are canvas text centred on their lanes (drawLanes), so a fit
// that holds every node may still cut a heading wider than its lane's nodes.
function laneHeadingSpan(inst) {
  if (!inst.lanes.length) return null;
  const ctx = inst.network.canvas.frame.canvas.getContext("2d");
  ctx.save();
  ctx.font = LANE_FONT;
  let left = Infinity, right = -Infinity;
  for (const lane of inst.lanes) {
    if (typeof lane.label !== "string" || !Number.isFinite(lane.x)) continue;
    const half = ctx.measureText(lane.label).width / 2;
    left = Math.min(left, lane.x - half);
    right = Math.max(right, lane.x + half);
  }
  ctx.restore();
  return Number.isFinite(left) ? { left, right } : null;
}

function fitView(inst, animate) {
  const { network } = inst;
  const drawn = network.body.data.nodes.getIds();
  const wanted = new Set(inst.fitNodes);
  const only = drawn.filter((id) => wanted.has(id));
  const ids = only.length ? only : drawn;
  if (!ids.length) return;
  // The box of every node with its label (vis's own fit leaves about a tenth unused),
  // plus room above for the lane headings.
  let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
  for (const id of ids) {
    const box = network.getBoundingBox(id);
    if (!box) continue;
    left = Math.min(left, box.left);
    right = Math.max(right, box.right);
    top = Math.min(top, box.top);
    bottom = Math.max(bottom, box.bottom);
  }
  if (!Number.isFinite(left)) return;
  const whole = !only.length;
  if (inst.lanes.length && whole) {
    top -= 40;
    // The headings of the lanes at both ends, whole (the first lane's starts the view
    // when it zooms in from the left).
    const span = laneHeadingSpan(inst);
    if (span !== null) {
      left = Math.min(left, span.left - 4);
      right = Math.max(right, span.right + 4);
    }
  }
  const canvas = network.canvas.frame.canvas;
  const width = Math.max(right - left, 1), height = Math.max(bottom - top, 1);
  let scale = Math.min(canvas.clientWidth / width, canvas.clientHeight / height, 1.5) * 0.97;
  let x = (left + right) / 2, y = (top + bottom) / 2;
  // On a narrow canvas (a phone) the whole view would shrink labels below reading size:
  // zoom to readable labels instead, starting at the top left (the plant, the compounds);
  // the reader pans from there, and "Fit to view" still shows everything.
  const first = network.body.nodes[ids[0]];
  const fontSize = (first && first.options.font && first.options.font.size) || 14;
  const readable = MIN_LABEL_PX / fontSize;
  if (scale < readable * 0.8) {
    scale = readable;
    const halfW = canvas.clientWidth / (2 * scale), halfH = canvas.clientHeight / (2 * scale);
    x = whole ? Math.min(left + halfW, x) : x;
    y = whole ? Math.min(top + halfH, y) : y;
  }
  const animation = animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false;
  network.moveTo({ position: { x, y }, scale, animation });
}

function onClick(inst, params) {
  const { network } = inst;
  // Hit-test the pointer rather than reading params.nodes: the selection can
  // hold several items (ctrl-click) or none (interaction.selectable=false).
  const nodeId = network.getNodeAt(params.pointer.DOM);
  let click = null;
  if (nodeId !== undefined) {
    click = { kind: "node", id: nodeId };
  } else {
    let edgeId = network.getEdgeAt(params.pointer.DOM);
    if (edgeId === undefined && inst.layer !== null) edgeId = inst.layer.edgeAt(params.pointer.DOM);
    if (edgeId !== undefined) click = { kind: "edge", id: edgeId };
  }
  if (click === null) {
    // A click on empty canvas: vis cleared its selection; the app's selection stands.
    selectTarget(inst, inst.focus);
    return;
  }
  // Agree with the click at once; the rerun fills the panel, and need not change the
  // canvas. What was clicked stays under the pointer: moving the view there would put
  // another item under it (its tooltip, and the target of the next click).
  choose(inst, click, false);
}

// Selects what was clicked on the canvas or in the panel, shows its details at once, and
// reports it to the app (whose rerun writes the URL and the Back history, and leaves the
// canvas and this panel as they are). ``centre``: a choice made in the panel glides to it.
function choose(inst, click, centre) {
  const kind = selectTarget(inst, click.id);
  inst.focus = click.id;
  inst.wantedFocus = click.id;
  lastClick = click.id;
  showDetails(inst, click.id);
  if (centre && kind !== null) centreOn(inst, click.id, kind);
  report(inst, click);
}

// Tells the app what was chosen: at once when nothing was reported in the last
// REPORT_EVERY_MS, else once that time is up, with the latest choice. Each report reruns
// the app (the URL, the Back history, the selection bar), which costs the page more than
// drawing the panel; a reader clicking through faster than that sees every panel at once,
// and the app catches up with the last of them.
function report(inst, click) {
  inst.pendingReport = click;
  const wait = inst.lastReportAt + REPORT_EVERY_MS - Date.now();
  if (wait <= 0) flushReport(inst);
  else if (inst.reportTimer === null) inst.reportTimer = setTimeout(() => flushReport(inst), wait);
}

function flushReport(inst) {
  if (inst.reportTimer !== null) clearTimeout(inst.reportTimer);
  inst.reportTimer = null;
  const click = inst.pendingReport;
  inst.pendingReport = null;
  if (click === null || !inst.setStateValue) return;
  inst.lastReportAt = Date.now();
  inst.seq += 1;
  // seq/ts make a repeated click on the same item a new state value, which is
  // what makes Streamlit rerun.
  inst.setStateValue("selected", { ...click, seq: inst.seq, ts: Date.now() });
}

// A selection the app made itself (the search, Back, a link) replaces a choice not yet reported.
function dropReport(inst) {
  if (inst.reportTimer !== null) clearTimeout(inst.reportTimer);
  inst.reportTimer = null;
  inst.pendingReport = null;
}

// The details panel of ``id`` (a node or an edge of this view), drawn from the view's
// records with textContent only; hidden when the view has no records (a large view, whose
// panel the app draws) or none for ``id``.
function showDetails(inst, id) {
  const records = inst.records;
  const record = id === null || !records ? null : (records.edges[id] ?? records.nodes[id] ?? null);
  if (record === null) {
    if (inst.panelFor !== null || !inst.details.hidden) {
      inst.details.replaceChildren();
      inst.details.hidden = true;
      delete inst.details.dataset.selected;
      inst.panelFor = null;
    }
    return;
  }
  if (inst.panelFor === id) return;
  inst.panelFor = id;
  const go = (kind, target) => choose(inst, { kind, id: target }, true);
  const body = record.kind === "edge" ? edgePanel(record, records.rule, go) : nodePanel(record, go);
  inst.details.replaceChildren(...body);
  inst.details.dataset.selected = id;
  inst.details.hidden = false;
}

// A large view's records carry no tooltip (graph/render.py vis_data): one is made from
// the record the first time the pointer rests on it; the panel shows the details on click.
function addTooltip(inst, which, id) {
  const data = inst.network.body.data[which];
  const item = data.get(id);
  if (item === null || item.title !== undefined) return;
  let title;
  if (which === "nodes") {
    const kind = (inst.legendItems || []).find((x) => x && x.kind === "node" && x.group === item.group);
    title = [item.label, kind ? kind.label : item.group, id].filter((x) => x != null).join("\n");
  } else {
    title = edgeText(inst, item);
  }
  data.update({ id, title: String(title) });
}

// An edge's tooltip: its two nodes and what a click shows.
function edgeText(inst, item) {
  const label = (nodeId) => {
    const node = inst.network.body.data.nodes.get(nodeId);
    return node === null ? String(nodeId) : String(node.label);
  };
  return `${label(item.from)} \u2192 ${label(item.to)}\nclick for its evidence`;
}

function edgeTooltip(inst, id) {
  const item = inst.layer === null ? null : inst.layer.get(id);
  return item === null ? "" : edgeText(inst, item);
}

function renderLegend(inst, items) {
  const list = Array.isArray(items) ? items : [];
  const sig = JSON.stringify(list);
  if (sig === inst.legendSig) return;
  inst.legendSig = sig;
  inst.legendItems = list;
  drawLegend(inst.legend, list); // graph/legend.js
}
