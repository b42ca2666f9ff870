// Page script of the exported mechanism graph: network, evidence filter, evidence panel.
//
// Every string in the data is untrusted. It reaches the page only through
// textContent, vis-network (labels drawn on the canvas, string titles shown with
// innerText) and element.href after a protocol check. No innerHTML anywhere.
//
// The network records and every node's and edge's details come in data.pack: base64 of
// gzip-compressed JSON, unpacked here with the browser's DecompressionStream (nothing is
// fetched). Its strings are stored once, in pack.strings; details refer to them by
// position (graph/readwrite/html.py documents the field order).
(async function () {
  "use strict";

  const data = JSON.parse(document.getElementById("mn-data").textContent);
  const panel = document.getElementById("mn-panel");

  async function unpack(text) {
    let bytes;
    if (typeof Uint8Array.fromBase64 === "function") {
      bytes = Uint8Array.fromBase64(text);
    } else {
      const bin = atob(text);
      bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    }
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  const pack = await unpack(data.pack);
  const S = pack.strings;
  const types = data.evidenceTypes;
  // A large view's edges come packed (graph/render.py pack_edges), for the edge layer.
  const layered = data.edgeLayer === true;
  const edgeRecords = layered ? unpackEdges(pack.nodes, pack.edges) : pack.edges;
  const edgePosition = new Map(edgeRecords.map((e, i) => [e.id, i]));
  const nodePosition = new Map(pack.nodes.map((n, i) => [n.id, i]));
  const CONTESTED = 1, CLAIM_ONLY = 2, NEGATED_ONLY = 4, NO_FINDING_ONLY = 8;

  // The panels' DOM helpers (graph/panel_dom.js): text only, links only to http(s).
  const el = pageElement;
  const link = pageLink;
  const badge = pageBadge;

  function field(dl, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.append(el("dt", null, name));
    const dd = el("dd");
    if (value instanceof Node) dd.append(value);
    else dd.textContent = Array.isArray(value) ? value.join("; ") : String(value);
    dl.append(dd);
  }

  // ---- network ---------------------------------------------------------------------------
  const shown = new Set(data.evidenceTypes.filter((t) => t.count > 0).map((t) => t.value));
  // The label width constraint only where a label might need wrapping (node_labels.js).
  const prepared = constrainWideLabels(pack.nodes, data.options);
  const nodes = new vis.DataSet(prepared.nodes);
  // A large view's edges are drawn by the edge layer (edge_layer.js), not built by vis.
  const edges = new vis.DataSet(layered ? [] : edgeRecords);
  // An edge stays while one of its evidence types is ticked (the app's rule). The types
  // come from the edge's evidence items: a large view's records hold only what is drawn.
  const edgeTypes = pack.edgeDetails.map((d) => Array.from(new Set(d[7].map((item) => types[item[0]].value))));
  const keepEdge = (e) => edgeTypes[edgePosition.get(e.id)].some((t) => shown.has(t));
  const edgeView = new vis.DataView(edges, { filter: keepEdge });
  const network = new vis.Network(
    document.getElementById("mn-network"), { nodes: nodes, edges: edgeView }, prepared.options);
  window.mechanismNetwork = network;
  let layer = null;
  // Before the edge layer: the band goes under the edges it draws (halo.js).
  addSelectionHalo(network, () => layer);
  if (layered) layer = createEdgeLayer(network, edgeRecords, { title: edgeTooltip });
  if (layer !== null) {
    layer.setFilter(keepEdge);
    window.mechanismEdgeLayer = layer;
  }
  network.once("afterDrawing", () => {
    // Milliseconds from navigation start to the first drawn frame (read by the benchmark).
    window.mechanismNetworkDrawnAt = performance.now();
    window.mechanismNetworkReady = true;
  });

  // A large view's records carry no tooltip: it is made from the panel data the first
  // time the pointer rests on the item (vis-network shows it as plain text).
  network.on("hoverNode", (params) => {
    const i = nodePosition.get(params.node);
    if (i === undefined || nodes.get(params.node).title !== undefined) return;
    const [label, kind] = pack.nodeDetails[i];
    nodes.update({ id: params.node, title: S[label] + "\n" + S[kind] + "\n" + params.node });
  });
  function edgeTooltip(id) {
    const i = edgePosition.get(id);
    if (i === undefined) return "";
    const [sentence, , best, , confidence, sources, flagBits, items] = pack.edgeDetails[i];
    const flags = [];
    if (flagBits & CLAIM_ONLY) flags.push("claim only: no primary evidence");
    if (flagBits & CONTESTED) flags.push("contested");
    if (flagBits & NO_FINDING_ONLY) flags.push("shown for context: no item makes a finding on it");
    return S[sentence] + "\nbest evidence: " + S[best] + "; " + items.length + " item(s), " +
      sources + " source(s); confidence " + Number(confidence).toFixed(2) +
      (flags.length ? "\n" + flags.join("; ") : "");
  }
  network.on("hoverEdge", (params) => {
    if (!edgePosition.has(params.edge) || edges.get(params.edge).title !== undefined) return;
    edges.update({ id: params.edge, title: edgeTooltip(params.edge) });
  });

  network.on("click", (params) => {
    if (layer !== null) layer.select(null);
    if (params.nodes.length) {
      if (layer !== null) layer.selectConnected(params.nodes[0]);
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    } else if (layer !== null) {
      const id = layer.edgeAt(params.pointer.DOM);
      if (id !== undefined) {
        layer.select(id);
        showEdge(id);
      }
    }
  });

  // ---- evidence panel --------------------------------------------------------------------
  function showEdge(id) {
    const i = edgePosition.get(id);
    if (i === undefined) return;
    const [sentence, , best, , confidence, sources, flagBits, items] = pack.edgeDetails[i];
    panel.replaceChildren();
    panel.dataset.edge = id;
    delete panel.dataset.node;
    panel.append(el("h2", null, S[sentence]));
    const summary = el("p", "mn-muted",
      "Best evidence: " + S[best] + " · confidence " + Number(confidence).toFixed(2) + " · " +
      items.length + " item(s) from " + sources + " source(s)");
    panel.append(summary);
    const flags = el("p");
    if (flagBits & CLAIM_ONLY) flags.append(el("span", "mn-flag mn-claim", "Claim only: no primary evidence"));
    if (flagBits & CONTESTED) flags.append(el("span", "mn-flag", "Contested: some evidence contradicts it"));
    if (flagBits & NEGATED_ONLY) flags.append(el("span", "mn-flag", "Contradicted only"));
    if (flagBits & NO_FINDING_ONLY) flags.append(el("span", "mn-flag", "Shown for context: no item makes a finding on it"));
    if (flags.childNodes.length) panel.append(flags);
    for (const item of items) panel.append(evidenceItem(item));
  }

  function evidenceItem(item) {
    const [typePos, text, quote, species, assay, values, negated, verification, note, sourcePos, directness, notCounted] = item;
    const type = types[typePos];
    const box = el("div", "mn-ev" + (negated ? " mn-negated" : ""));
    const head = el("div");
    head.append(badge(type.title, type.color));
    if (negated) head.append(el("span", "mn-flag", "Contradicts / reports no effect"));
    if (type.value === "claim") head.append(el("span", "mn-flag mn-claim", "Claim, not evidence"));
    if (S[directness]) head.append(el("span", "mn-flag", S[directness]));
    box.append(head);
    if (quote) {
      box.append(el("blockquote", "mn-quote", "\u201c" + S[text] + "\u201d"));
    } else {
      box.append(el("p", "mn-text", S[text]));
    }
    const dl = el("dl");
    const cite = el("span");
    // Each source is stored once in pack.sources; evidence items carry its position.
    const [, label, citation, href] = pack.sources[sourcePos];
    cite.append(link(S[href], S[label]));
    if (S[citation]) cite.append(document.createTextNode(" \u2014 " + S[citation]));
    field(dl, "Source", cite);
    field(dl, "Species", S[species]);
    field(dl, "Assay", S[assay]);
    field(dl, "Values", values.map((v) => S[v]));
    if (S[verification] === "secondary") field(dl, "Checked", "secondary copy only");
    field(dl, "Note", S[note]);
    box.append(dl);
    if (S[notCounted]) box.append(el("p", "mn-muted", "Not counted in the confidence: " + S[notCounted]));
    return box;
  }

  function showNode(id) {
    const i = nodePosition.get(id);
    if (i === undefined) return;
    const [label, kind, color, description, synonyms, identifiers, idNote, groups] = pack.nodeDetails[i];
    panel.replaceChildren();
    panel.dataset.node = id;
    delete panel.dataset.edge;
    panel.append(el("h2", null, S[label]));
    const kindLine = el("p");
    kindLine.append(badge(S[kind], S[color]));
    panel.append(kindLine);
    if (S[description]) panel.append(el("p", "mn-description", S[description]));
    const dl = el("dl");
    if (synonyms.length) field(dl, "Also called", synonyms.map((x) => S[x]));
    const ids = el("span");
    identifiers.forEach(([curie, href], j) => {
      if (j) ids.append(document.createTextNode(", "));
      ids.append(link(S[href], S[curie]));
    });
    field(dl, "Identifiers", ids);
    field(dl, "Identifier note", S[idNote]);
    const box = el("div", "mn-ev");
    box.append(dl);
    panel.append(box);
    for (const [relation, members] of groups) {
      panel.append(el("h3", null, S[relation]));
      const ul = el("ul");
      for (const edgePos of members) {
        const [sentence, , best, bestColor] = pack.edgeDetails[edgePos];
        const edgeId = edgeRecords[edgePos].id;
        const li = el("li");
        li.append(badge(S[best], S[bestColor]));
        const button = el("button", "mn-linkbutton", S[sentence]);
        button.type = "button";
        button.addEventListener("click", () => {
          // The canvas selects what the panel shows: the edge, in the layer or in vis-network.
          if (layer !== null) {
            network.unselectAll();
            layer.select(edgeId);
          } else if (edges.get(edgeId)) network.selectEdges([edgeId]);
          showEdge(edgeId);
        });
        li.append(button);
        ul.append(li);
      }
      panel.append(ul);
    }
    if (!groups.length) panel.append(el("p", "mn-muted", "No links in this view."));
  }

  // ---- filter and legend -----------------------------------------------------------------
  const count = document.getElementById("mn-count");
  function updateCount() {
    const total = layer !== null ? layer.records.length : edges.length;
    const showing = layer !== null ? layer.visibleCount() : edgeView.length;
    count.textContent = "Showing " + showing + " of " + total + " links.";
  }

  const filter = document.getElementById("mn-filter");
  for (const t of data.evidenceTypes) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.value = t.value;
    box.checked = t.count > 0;
    box.disabled = t.count === 0;
    box.dataset.evidenceType = t.value;
    box.addEventListener("change", () => {
      if (box.checked) shown.add(t.value);
      else shown.delete(t.value);
      edgeView.refresh();
      if (layer !== null) layer.setFilter(keepEdge);
      updateCount();
    });
    // The type's line as the legend draws it (graph/legend.js): its colour and dash pattern.
    const swatch = legendSwatch({ kind: "edge", color: t.color, pattern: t.pattern });
    label.append(box, swatch, document.createTextNode(" " + t.title + " (" + t.count + ")"));
    filter.append(label);
  }
  updateCount();

  drawLegend(document.getElementById("mn-legend"), data.legend); // graph/legend.js
})();
