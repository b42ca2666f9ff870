"""One self-contained, offline HTML page of the graph with its evidence panel.

The page inlines vis-network (JS and CSS) from the pyvis package and its own script and
style from ``templates/``; it loads nothing from anywhere (a Content-Security-Policy of
``default-src 'none'`` makes sure). Graph data travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the
page's script builds every panel with ``createElement``/``textContent``: text from the
data never becomes markup. Links are only http(s) addresses, checked here and again in
the page.

Same input, same bytes: the date appears only when ``generated`` is given.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> page = generate_html(G)
>>> "window.mechanismNetwork" in page and "<script src" not in page
True
>>> page == generate_html(G)
True
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from graph.identifiers import curie_url, safe_http_url
from graph.query import Selection, relation_sentence, select
from graph.render import EVIDENCE_STYLE, KIND_STYLE, LARGE_VIEW_NODES, legend, vis_data, vis_options
from graph.vocab import EvidenceType

DISCLAIMER = "Information, not medical advice."
VIS_DIR = ("templates", "lib", "vis-9.1.2")
# Where a reader can look an identifier up; the local part is percent-encoded.
_SLOT_RE = re.compile(r"@@([A-Z_]+)@@")


@cache
def _vis_asset(name: str) -> str:
    from importlib.util import find_spec

    spec = find_spec("pyvis")  # located, not imported: pyvis imports IPython
    if spec is None or spec.origin is None:
        raise RuntimeError("the pyvis package (which ships vis-network) is not installed")
    text = Path(spec.origin).parent.joinpath(*VIS_DIR, name).read_text(encoding="utf-8")
    # The bundle names a source map pyvis does not ship; a devtools panel would fetch it.
    # split("\n"): the minified code holds other line-break characters inside strings.
    return "\n".join(line for line in text.split("\n") if not line.startswith("//# sourceMappingURL="))


@cache
def _template(name: str) -> str:
    return resources.files("graph.readwrite").joinpath("templates", name).read_text(encoding="utf-8")


def _script_safe(text: str, what: str) -> str:
    # Code inlined in <script>/<style> must not close its element early.
    lowered = text.lower()
    for bad in ("</script", "<!--", "</style"):
        if bad in lowered:
            raise ValueError(f"{what} contains {bad!r}; it cannot be inlined")
    return text


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped.

    >>> json_for_script({"t": "</script><b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _source_record(G: nx.MultiDiGraph, sid: str) -> dict[str, Any]:
    s = (G.graph.get("sources") or {}).get(sid)
    if s is None:
        return {"id": sid, "label": sid, "citation": "", "link": None}
    return {
        "id": sid,
        "label": s.label,
        "citation": s.citation,
        "link": safe_http_url(s.link),
        "verification": s.verification.value,
        "note": s.note,
    }


def _edge_details(G: nx.MultiDiGraph, e: tuple[str, str, str]) -> dict[str, Any]:
    d = G.edges[e]
    best = d["best_evidence"]
    sources = G.graph.get("sources") or {}
    evidence = []
    for ev in d["evidence"]:
        verification = ev.verification or (sources[ev.source].verification if ev.source in sources else None)
        evidence.append(
            {
                "type": ev.type.value,
                "typeTitle": ev.type.title,
                "color": EVIDENCE_STYLE[ev.type]["color"],
                "text": ev.text,
                "quote": ev.quote,
                "species": ev.species.title if ev.species else None,
                "assay": ev.assay,
                "values": [str(v) for v in ev.values],
                "negated": ev.negated,
                "claim": ev.type is EvidenceType.CLAIM,
                "verification": verification.value if verification else None,
                "note": ev.note,
                "source": ev.source,
            }
        )
    return {
        "sentence": relation_sentence(G, e),
        "predicate": d["predicate"].title,
        "best": best.title if best else "contradicted only",
        "confidence": d["confidence"],
        "sources": len(d["citations"]),
        "contested": d["contested"],
        "claimOnly": d["claim_only"],
        "negatedOnly": d["negated_only"],
        "evidence": evidence,
    }


def _node_details(G: nx.MultiDiGraph, n: str, edges: list[tuple[str, str, str]]) -> dict[str, Any]:
    d = G.nodes[n]
    groups: dict[str, list[dict]] = defaultdict(list)
    for e in edges:
        u, v, _ = e
        ed = G.edges[e]
        phrase = ed["predicate"].phrase if u == n else f"{ed['predicate'].phrase} (from)"
        other = v if u == n else u
        best = ed["best_evidence"]
        groups[phrase].append(
            {
                "edge": ed["id"],
                "sentence": relation_sentence(G, e),
                "other": G.nodes[other]["label"],
                "best": best.title if best else "contradicted only",
                "color": EVIDENCE_STYLE[best]["color"] if best else "#000000",
            }
        )
    return {
        "id": n,
        "label": d["label"],
        "kind": d["kind"].title,
        "color": KIND_STYLE[d["kind"]]["color"],
        "description": d.get("description"),
        "synonyms": list(d.get("synonyms") or ()),
        "identifiers": [
            {"curie": c, "link": safe_http_url(curie_url(c))} for c in (n, *(d.get("xrefs") or ()))
        ],
        "idNote": d.get("id_note"),
        "groups": [{"relation": k, "edges": v} for k, v in groups.items()],
    }


def html_payload(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: str | None = None,
) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready data."""
    selection = selection if selection is not None else select(G)
    nodes, edges = vis_data(G, selection, large=selection.node_count > LARGE_VIEW_NODES)
    by_node: dict[str, list] = defaultdict(list)
    counts: dict[EvidenceType, int] = defaultdict(int)
    cited: set[str] = set()
    for e in selection.edges:
        by_node[e[0]].append(e)
        by_node[e[1]].append(e)
        cited.update(G.edges[e]["citations"])
        for ev in G.edges[e]["evidence"]:
            counts[ev.type] += 1
    return {
        "meta": {
            "title": title or G.graph.get("name") or "Mechanism graph",
            "name": G.graph.get("name"),
            "version": G.graph.get("version"),
            "generated": generated,
            "disclaimer": DISCLAIMER,
        },
        "options": vis_options(physics=False, large=len(nodes) > LARGE_VIEW_NODES),
        "nodes": nodes,
        "edges": edges,
        "evidenceTypes": [
            {"value": t.value, "title": t.title, "color": EVIDENCE_STYLE[t]["color"], "count": counts[t]}
            for t in EvidenceType
        ],
        "legend": legend(),
        "sources": {sid: _source_record(G, sid) for sid in sorted(cited)},
        "details": {
            "nodes": {n["id"]: _node_details(G, n["id"], by_node[n["id"]]) for n in nodes},
            "edges": {G.edges[e]["id"]: _edge_details(G, e) for e in selection.edges},
        },
    }


def generate_html(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: dt.date | dt.datetime | str | None = None,
) -> str:
    """The page as text. ``generated`` (a date or text) is shown only when given."""
    if isinstance(generated, (dt.date, dt.datetime)):
        generated = generated.isoformat()
    payload = html_payload(G, selection, title=title, generated=generated)
    meta = payload["meta"]
    subtitle = " · ".join(
        x
        for x in (
            meta["name"] and f"Dataset: {meta['name']}",
            meta["version"] and f"version {meta['version']}",
            meta["generated"] and f"exported {meta['generated']}",
            f"{len(payload['nodes'])} nodes, {len(payload['edges'])} links",
        )
        if x
    )
    slots = {
        # Header text is escaped here so the page reads right before its script runs.
        "TITLE": html.escape(meta["title"], quote=True),
        "SUBTITLE": html.escape(subtitle, quote=True),
        "DISCLAIMER": html.escape(DISCLAIMER),
        "VIS_CSS": _script_safe(_vis_asset("vis-network.css"), "vis-network.css"),
        "VIS_JS": _script_safe(_vis_asset("vis-network.min.js"), "vis-network.min.js"),
        "PAGE_CSS": _script_safe(_template("export.css"), "export.css"),
        "PAGE_JS": _script_safe(_template("export.js"), "export.js"),
        "DATA": json_for_script(payload),
    }
    # One pass over the template: inserted text is never scanned for slots again.
    return _SLOT_RE.sub(lambda m: slots[m.group(1)], _template("export.html"))


def write_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: dt.date | dt.datetime | str | None = None,
) -> None:
    Path(path).write_text(generate_html(G, selection, title=title, generated=generated), encoding="utf-8")
