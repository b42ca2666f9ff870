// The details panel of the network component: a node's or an edge's record (ui/panels.py
// node_record, edge_record) as elements. Every string is untrusted data: it reaches the page
// through textContent only, and a link's address only when it is an absolute http(s) one.
// ``go(kind, id)`` selects another node or edge (the panel's buttons).

// The DOM helpers are graph/panel_dom.js's (shared with the exported page).
const panelElement = pageElement;

function panelLink([text, url]) {
  return pageLink(url, text);
}

function panelBadge([title, color]) {
  return pageBadge(title, color);
}

function panelButton(label, onClick, className) {
  const button = panelElement("button", className || "mn-panel-button", label);
  button.type = "button";
  button.addEventListener("click", onClick);
  return button;
}

// "Label: a · b · c" with each part an element or text.
function panelLine(label, parts) {
  const p = panelElement("p", "mn-line");
  if (label) p.append(panelElement("strong", null, label + " "));
  parts.forEach((part, i) => {
    if (i) p.append(document.createTextNode(" · "));
    p.append(typeof part === "string" ? document.createTextNode(part) : part);
  });
  return p;
}

function nodePanel(record, go) {
  const out = [panelElement("h3", null, record.heading), panelElement("p", "mn-meta", record.meta)];
  if (record.description) out.push(panelElement("p", null, record.description));
  if (record.synonyms.length) out.push(panelLine("Also called:", [record.synonyms.join(", ")]));
  out.push(panelLine("Identifiers:", record.identifiers.map(panelLink)));
  if (record.subunits.length) out.push(panelLine("Subunits:", record.subunits.map(panelLink)));
  if (record.id_note) out.push(panelElement("p", "mn-meta", record.id_note));
  if (record.id_source) out.push(panelElement("p", "mn-meta", "Identifier read in: " + record.id_source));
  if (!record.groups.length) out.push(panelElement("p", "mn-notice mn-info", "No edges of this node pass the current filters."));
  for (const [title, edges] of record.groups) {
    const group = panelElement("details", "mn-group");
    group.open = true;
    group.append(panelElement("summary", null, title));
    for (const [edgeId, label, best, confidence] of edges) {
      const button = panelButton("", () => go("edge", edgeId));
      button.append(document.createTextNode(label + " · "), panelBadge(best),
        document.createTextNode(" · " + Number(confidence).toFixed(2)));
      group.append(button);
    }
    out.push(group);
  }
  if (record.neighbours.length) {
    out.push(panelElement("p", "mn-line", "Neighbours (click to move the focus)"));
    const row = panelElement("div", "mn-neighbours");
    for (const [id, label] of record.neighbours) row.append(panelButton(label, () => go("node", id)));
    out.push(row);
  }
  return out;
}

function edgePanel(record, rule, go) {
  const out = [panelElement("h3", null, record.heading)];
  const metrics = panelElement("div", "mn-metrics");
  for (const [label, value] of record.metrics) {
    const metric = panelElement("div", "mn-metric");
    metric.append(panelElement("span", "mn-meta", label), panelElement("span", "mn-value", value));
    metrics.append(metric);
  }
  out.push(metrics);
  for (const [level, text] of record.notices) out.push(panelElement("p", "mn-notice mn-" + level, text));
  const [whyTitle, lines] = record.why;
  const why = panelElement("details", "mn-why");
  why.append(panelElement("summary", null, whyTitle), panelElement("pre", null, lines.join("\n")),
    panelElement("p", "mn-meta", rule));
  out.push(why);
  const [[subject, subjectLabel], [object, objectLabel]] = record.ends;
  const ends = panelElement("div", "mn-ends");
  ends.append(panelButton("\u2190 " + subjectLabel, () => go("node", subject)),
    panelButton(objectLabel + " \u2192", () => go("node", object)));
  out.push(ends);
  for (const item of record.evidence) out.push(evidenceBox(item));
  return out;
}

function evidenceBox(item) {
  const box = panelElement("div", "mn-item");
  const head = panelElement("p", "mn-line");
  head.append(panelBadge(item.badge));
  for (const flag of item.flags) head.append(document.createTextNode(" · "), panelElement("strong", null, flag));
  box.append(head);
  box.append(panelElement("p", null, item.quote ? "Quote from the source: \u201c" + item.text + "\u201d" : item.text));
  box.append(panelLine(null, [panelLink(item.link), item.citation]));
  const small = [];
  if (item.facts) small.push(item.facts);
  if (item.values.length) small.push("values: " + item.values.join("; "));
  if (item.note) small.push("note: " + item.note);
  for (const line of small) box.append(panelElement("p", "mn-meta", line));
  if (item.counted) box.append(panelElement("p", "mn-meta", "Not counted in the confidence: " + item.counted));
  return box;
}
