// Page script of the exported mechanism graph: network, evidence filter, evidence panel.
//
// Every string in the data is untrusted. It reaches the page only through
// textContent, vis-network (labels drawn on the canvas, string titles shown with
// innerText) and element.href after a protocol check. No innerHTML anywhere.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("mn-data").textContent);
  const panel = document.getElementById("mn-panel");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Only absolute http(s) addresses become links; anything else stays text.
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  function link(url, text) {
    const href = safeHref(url);
    if (!href) return el("span", null, text);
    const a = el("a", null, text);
    a.href = href;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function badge(text, color) {
    const b = el("span", "mn-badge", text);
    b.style.backgroundColor = color;
    return b;
  }

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
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  // An edge stays while one of its evidence types is ticked (the app's rule).
  const edgeView = new vis.DataView(edges, { filter: (e) => e.types.some((t) => shown.has(t)) });
  const network = new vis.Network(
    document.getElementById("mn-network"), { nodes: nodes, edges: edgeView }, data.options);
  window.mechanismNetwork = network;
  network.once("afterDrawing", () => {
    window.mechanismNetworkReady = true;
  });

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // ---- evidence panel --------------------------------------------------------------------
  function showEdge(id) {
    const d = data.details.edges[id];
    if (!d) return;
    panel.replaceChildren();
    panel.dataset.edge = id;
    delete panel.dataset.node;
    panel.append(el("h2", null, d.sentence));
    const summary = el("p", "mn-muted",
      "Best evidence: " + d.best + " · confidence " + Number(d.confidence).toFixed(2) + " · " +
      d.evidence.length + " item(s) from " + d.sources + " source(s)");
    panel.append(summary);
    const flags = el("p");
    if (d.claimOnly) flags.append(el("span", "mn-flag mn-claim", "Claim only: no primary evidence"));
    if (d.contested) flags.append(el("span", "mn-flag", "Contested: some evidence contradicts it"));
    if (d.negatedOnly) flags.append(el("span", "mn-flag", "Contradicted only"));
    if (flags.childNodes.length) panel.append(flags);
    for (const ev of d.evidence) panel.append(evidenceItem(ev));
  }

  function evidenceItem(ev) {
    const box = el("div", "mn-ev" + (ev.negated ? " mn-negated" : ""));
    const head = el("div");
    head.append(badge(ev.typeTitle, ev.color));
    if (ev.negated) head.append(el("span", "mn-flag", "Contradicts / reports no effect"));
    if (ev.claim) head.append(el("span", "mn-flag mn-claim", "Claim, not evidence"));
    box.append(head);
    if (ev.quote) {
      const q = el("blockquote", "mn-quote", "\u201c" + ev.text + "\u201d");
      box.append(q);
    } else {
      box.append(el("p", "mn-text", ev.text));
    }
    const dl = el("dl");
    const cite = el("span");
    // Each source is stored once in data.sources; evidence items carry its id.
    const src = Object.prototype.hasOwnProperty.call(data.sources, ev.source)
      ? data.sources[ev.source]
      : { label: String(ev.source), citation: "", link: null };
    cite.append(link(src.link, src.label));
    if (src.citation) cite.append(document.createTextNode(" \u2014 " + src.citation));
    field(dl, "Source", cite);
    field(dl, "Species", ev.species);
    field(dl, "Assay", ev.assay);
    field(dl, "Values", ev.values);
    if (ev.verification === "secondary") field(dl, "Checked", "secondary copy only");
    field(dl, "Note", ev.note);
    box.append(dl);
    return box;
  }

  function showNode(id) {
    const d = data.details.nodes[id];
    if (!d) return;
    panel.replaceChildren();
    panel.dataset.node = id;
    delete panel.dataset.edge;
    const title = el("h2", null, d.label);
    panel.append(title);
    const kind = el("p");
    kind.append(badge(d.kind, d.color));
    panel.append(kind);
    if (d.description) panel.append(el("p", "mn-description", d.description));
    const dl = el("dl");
    if (d.synonyms.length) field(dl, "Also called", d.synonyms);
    const ids = el("span");
    d.identifiers.forEach((x, i) => {
      if (i) ids.append(document.createTextNode(", "));
      ids.append(link(x.link, x.curie));
    });
    field(dl, "Identifiers", ids);
    field(dl, "Identifier note", d.idNote);
    const box = el("div", "mn-ev");
    box.append(dl);
    panel.append(box);
    for (const group of d.groups) {
      panel.append(el("h3", null, group.relation));
      const ul = el("ul");
      for (const item of group.edges) {
        const li = el("li");
        li.append(badge(item.best, item.color));
        const button = el("button", "mn-linkbutton", item.sentence);
        button.type = "button";
        button.addEventListener("click", () => {
          if (edges.get(item.edge)) network.selectEdges([item.edge]);
          showEdge(item.edge);
        });
        li.append(button);
        ul.append(li);
      }
      panel.append(ul);
    }
    if (!d.groups.length) panel.append(el("p", "mn-muted", "No links in this view."));
  }

  // ---- filter and legend -----------------------------------------------------------------
  const count = document.getElementById("mn-count");
  function updateCount() {
    count.textContent = "Showing " + edgeView.length + " of " + edges.length + " links.";
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
      updateCount();
    });
    const swatch = el("span", "mn-swatch");
    swatch.style.borderTopStyle = "solid";
    swatch.style.borderTopColor = t.color;
    label.append(box, swatch, document.createTextNode(t.title + " (" + t.count + ")"));
    filter.append(label);
  }
  updateCount();

  const legendBox = document.getElementById("mn-legend");
  for (const item of data.legend) {
    const entry = el("span");
    if (item.kind === "edge") {
      const swatch = el("span", "mn-swatch");
      swatch.style.borderTopStyle = item.dashes ? "dashed" : "solid";
      swatch.style.borderTopColor = item.color;
      entry.append(swatch, document.createTextNode(item.label));
    } else {
      const dot = el("span", "mn-dot");
      dot.style.backgroundColor = item.color;
      entry.append(dot, document.createTextNode(item.label + " (" + item.shape + ")"));
    }
    legendBox.append(entry);
  }
})();
