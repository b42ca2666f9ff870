// DOM helpers of the evidence panels (the app's component, ui/network_panel.js, and the
// exported page, export.js). Every string they are given is untrusted data: text goes in
// with textContent, and an address becomes a link only when it is an absolute http(s) one.

function pageElement(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// The address as the link's href, or null when it is not an absolute http(s) address.
function pageHref(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch (err) {
    return null;
  }
}

// A link that opens in a new tab, or the text alone when the address is not one.
function pageLink(url, text) {
  const href = pageHref(url);
  if (href === null) return pageElement("span", null, text);
  const a = pageElement("a", null, text);
  a.href = href;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  return a;
}

// An evidence type's (or a node kind's) name on its colour.
function pageBadge(text, color) {
  const badge = pageElement("span", "mn-badge", text);
  badge.style.backgroundColor = color;
  return badge;
}
