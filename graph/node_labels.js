// Which node labels vis-network has to wrap, found before it builds the nodes.
//
// With nodes.widthConstraint.maximum set for every node, vis-network lays each label out
// by trying it word by word: a measureText call per word, on growing strings, every time a
// label is laid out. At 5,000 nodes that was about a fifth of the time to the first drawn
// frame, and almost no label is wide enough to wrap. A label that fits is laid out as one
// line with or without the constraint, so the page measures each label once and keeps the
// constraint only on the nodes whose label might not fit; the options lose the global one.
// Each node is laid out, sized and drawn as before (a browser test compares every node).
//
// vis-network tests a line against the maximum with its pieces joined by one more space
// each (a run of n spaces is measured as n + 2), and a selected or hovered label is laid out
// bold: the check measures the label bold with every space tripled, so it errs towards
// keeping the constraint. Anything it does not model (a node's own font or value, group
// fonts or constraints, multi-font labels, a minimum width) keeps the constraint.
//
// Plain function declarations, as edge_layer.js: the export page and the benchmark page
// load this file as a classic script, the app's component concatenates it into its module.

function constrainWideLabels(nodes, options) {
  const unchanged = { nodes, options };
  const nodeOptions = options && options.nodes;
  const constraint = nodeOptions && nodeOptions.widthConstraint;
  if (constraint === null || typeof constraint !== "object" || !Number.isFinite(constraint.maximum)) {
    return unchanged;
  }
  if (constraint.minimum !== undefined) return unchanged;
  const font = nodeOptions.font;
  if (font !== undefined && (font === null || typeof font !== "object" || font.multi)) return unchanged;
  const groups = Object.values((options && options.groups) || {});
  if (groups.some((g) => g && (g.font !== undefined || g.widthConstraint !== undefined))) return unchanged;

  const size = font && Number.isFinite(font.size) ? font.size : 14;
  const face = font && typeof font.face === "string" ? font.face.replace(/"/g, "") : "arial";
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `bold ${size}px ${face}`;
  const limit = constraint.maximum - 1;
  // A line of printable ASCII whose characters' advances, measured one by one (plus a pixel
  // each, beyond any kerning), add up to less than the limit fits without measuring it:
  // most labels, at a table lookup per character instead of a measureText call per label.
  const advance = new Float64Array(127).fill(-1);
  const bound = (line) => {
    let width = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c < 32 || c > 126) return Infinity;
      let a = advance[c];
      if (a < 0) a = advance[c] = ctx.measureText(String.fromCharCode(c)).width;
      width += (c === 32 ? 3 * a : a) + 1;
    }
    return width;
  };
  const wide = (label) =>
    label
      .replace(/\r\n/g, "\n")
      .replace(/\r/g, "\n")
      .split("\n")
      .some((line) => bound(line) > limit && ctx.measureText(line.replace(/ /g, "   ")).width > limit);

  const out = (Array.isArray(nodes) ? nodes : []).map((node) => {
    if (node === null || typeof node !== "object" || node.widthConstraint !== undefined) return node;
    if (node.label === undefined || node.label === null) return node;
    const keep =
      node.font !== undefined || node.value !== undefined || typeof node.label !== "string" || wide(node.label);
    return keep ? Object.assign({}, node, { widthConstraint: Object.assign({}, constraint) }) : node;
  });
  const rest = Object.assign({}, nodeOptions);
  delete rest.widthConstraint;
  return { nodes: out, options: Object.assign({}, options, { nodes: rest }) };
}
