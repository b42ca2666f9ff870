// The legend under a network: one entry per evidence line style (an SVG line with the
// style's real dash pattern, so it reads in grayscale too) and per node kind (a swatch of
// the kind's shape and colour). Shared by the app's component and the exported page
// (graph.render.page_scripts_js); styled by graph/legend.css.
//
// Items come from graph.render.legend(): {label, color, kind: "edge", pattern, dashes} or
// {label, color, kind: "node", shape}. They are treated as untrusted: text reaches the page
// through textContent, colours through CSSOM properties (which reject anything that is not
// a colour), numbers of a pattern only when finite.

const LEGEND_ROUND_SHAPES = new Set(["dot", "circle", "ellipse"]);
const LEGEND_CLIPPED_SHAPES = new Set(["diamond", "triangle", "triangleDown", "star", "hexagon"]);
const LEGEND_SQUARE_SHAPES = new Set(["box", "square", "database", "text"]);

// Fill `box` with one entry per item (its children replaced); hidden when there is none.
function drawLegend(box, items) {
  const list = Array.isArray(items) ? items : [];
  box.replaceChildren();
  box.hidden = list.length === 0;
  for (const item of list) {
    if (!item || typeof item !== "object") continue;
    const row = document.createElement("div");
    row.className = "mn-legend-item";
    const label = document.createElement("span");
    label.className = "mn-legend-label";
    label.textContent = item.label == null ? "" : String(item.label);
    row.append(legendSwatch(item), label);
    box.appendChild(row);
  }
}

// The swatch of one item: an edge style's line, or a node kind's shape.
function legendSwatch(item) {
  const shape = typeof item.shape === "string" ? item.shape : "";
  const color = typeof item.color === "string" ? item.color : "";
  const isNode =
    LEGEND_ROUND_SHAPES.has(shape) || LEGEND_CLIPPED_SHAPES.has(shape) || LEGEND_SQUARE_SHAPES.has(shape);
  if (!isNode) {
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "8");
    svg.setAttribute("class", "mn-swatch");
    const line = document.createElementNS(NS, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", "4");
    line.setAttribute("x2", "28");
    line.setAttribute("y2", "4");
    line.setAttribute("stroke-width", "2.5");
    line.style.stroke = color;
    const pattern = Array.isArray(item.pattern)
      ? item.pattern.filter((n) => Number.isFinite(n) && n >= 0).slice(0, 8)
      : [];
    if (pattern.length) line.setAttribute("stroke-dasharray", pattern.join(" "));
    else if (item.dashes) line.setAttribute("stroke-dasharray", "5 4");
    svg.appendChild(line);
    return svg;
  }
  const swatch = document.createElement("span");
  swatch.className = "mn-swatch mn-swatch-node";
  if (LEGEND_ROUND_SHAPES.has(shape)) swatch.classList.add("mn-shape-round");
  if (LEGEND_CLIPPED_SHAPES.has(shape)) swatch.classList.add(`mn-shape-${shape}`);
  if (item.dashes) {
    swatch.classList.add("mn-swatch-dashed");
    swatch.style.borderColor = color;
  } else {
    swatch.style.backgroundColor = color;
  }
  return swatch;
}
