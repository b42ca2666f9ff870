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

import base64
import datetime as dt
import gzip
import html
import json
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from graph.build import no_finding_only
from graph.details import panel_order
from graph.heap import gc_paused
from graph.identifiers import curie_url, safe_http_url
from graph.query import Selection, relation_sentence, select
from graph.render import (
    EVIDENCE_STYLE,
    KIND_STYLE,
    LARGE_VIEW_NODES,
    legend,
    pack_edges,
    page_scripts_js,
    page_styles_css,
    uses_edge_layer,
    vis_asset,
    vis_data,
    vis_options,
)
from graph.score import CLAIM_REASON, NO_FINDING_REASON, explain_score
from graph.vocab import (
    Directness,
    EvidenceType,
    Predicate,
    Relevance,
    Species,
    Verification,
    best_evidence_title,
)

DISCLAIMER = "Information, not medical advice."
# Where a reader can look an identifier up; the local part is percent-encoded.
_SLOT_RE = re.compile(r"@@([A-Z_]+)@@")
_DATA_RE = re.compile(r'<script type="application/json" id="mn-data">(.*?)</script>', re.S)
# gzip level of the pack: level 6 made a 5k-node page 4% smaller than level 1 and took
# three times as long to write.
PACK_LEVEL = 1


@cache
def _template(name: str) -> str:
    return resources.files("graph.formats").joinpath("templates", name).read_text(encoding="utf-8")


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


class _Index(dict):
    """Positions of strings: looking up a new string gives it the next position."""

    def __missing__(self, text: str | None) -> int:
        position = self[text] = len(self)
        return position


class _Strings:
    """A string table: each distinct string stored once, referred to by its position.

    Position 0 is ``None`` (JSON ``null``), so a missing value needs no special case.
    ``ref`` is the index's own item lookup (a 5k-node page interns 300,000 strings, most
    of them seen before): no Python frame per call unless the string is new.
    """

    def __init__(self) -> None:
        self.index = _Index({None: 0})
        self.ref = self.index.__getitem__

    @property
    def table(self) -> list[str | None]:
        return list(self.index)


# Flags of an edge, one bit each (the page script reads them with the same masks).
CONTESTED, CLAIM_ONLY, NEGATED_ONLY, NO_FINDING_ONLY = 1, 2, 4, 8
_TYPE_POSITION = {t: i for i, t in enumerate(EvidenceType)}
_NO_FINDING, _CLAIM = Relevance.NO_FINDING, EvidenceType.CLAIM
_SPECIES_TITLE = {sp: sp.title for sp in Species}
_SPECIES_TITLE[None] = None


def _sources(G: nx.MultiDiGraph, cited: list[str], ref) -> list[list]:
    """[id, label, citation, link, verification, note] per cited source (string refs)."""
    register = G.graph.get("sources") or {}
    out = []
    for sid in cited:
        src = register.get(sid)
        if src is None:
            out.append([ref(sid), ref(sid), ref(""), 0, 0, 0])
        else:
            out.append(
                [
                    ref(sid),
                    ref(src.label),
                    ref(src.citation),
                    ref(safe_http_url(src.link)),
                    ref(src.verification.value),
                    ref(src.note),
                ]
            )
    return out


def _edge_details(G, edge_ids, ref, source_pos: dict[str, int], verification_of: dict) -> list[list]:
    """Per edge: [sentence, predicate, best, best colour, confidence, sources, flags, items].

    An item is [type position, text, quote, species, assay, [values], negated,
    verification, note, source position, directness, not counted]; strings are positions in
    the string table (directness 0 when direct; "not counted" the reason the score leaves
    the item out, as the app's panel gives it, else 0).
    """
    register = G.graph.get("sources") or {}
    directness_ref = {d: 0 if d is Directness.DIRECT else ref(f"{d.value} evidence") for d in Directness}
    no_finding_ref, claim_ref = ref(NO_FINDING_REASON), ref(CLAIM_REASON)
    succ = G._succ if hasattr(G, "_succ") else G.succ
    type_pos = _TYPE_POSITION
    species_title = _SPECIES_TITLE
    best_info = {
        t: (ref(best_evidence_title(t)), ref(EVIDENCE_STYLE[t]["color"] if t else "#000000"))
        for t in (*EvidenceType, None)
    }
    verification_ref = {v: ref(v.value) for v in Verification}
    verification_ref[None] = 0
    verification_of = {sid: verification_ref[v] for sid, v in verification_of.items()}
    predicate_ref = {p: ref(p.title) for p in Predicate}
    out = []
    for e in edge_ids:
        u, v, k = e
        d = succ[u][v][k]
        evidence = d["evidence"]
        # Why an item is left out of the score (graph.score.explain_score): an item of no
        # finding or a claim, said without scoring; the edge is scored only when an item can
        # be pooled with another (a restatement, a source cited twice).
        why: dict[int, str] | None = None
        if len(evidence) > 1 and (
            len(d["citations"]) < len(evidence) or any(ev.restates is not None for ev in evidence)
        ):
            why = {id(n.evidence): n.reason for n in explain_score(evidence, register).not_counted}
        items = [
            [
                type_pos[ev.type],
                ref(ev.text),
                1 if ev.quote else 0,
                ref(species_title[ev.species]),
                ref(ev.assay),
                [ref(str(x)) for x in ev.values] if ev.values else [],
                1 if ev.negated else 0,
                # ev.verification_in(sources), as a string reference (0: unknown source)
                verification_ref[ev.verification] if ev.verification else verification_of.get(ev.source, 0),
                ref(ev.note),
                source_pos[ev.source],
                directness_ref[ev.directness],
                ref(why.get(id(ev)))
                if why is not None
                else no_finding_ref
                if ev.relevance is _NO_FINDING
                else claim_ref
                if ev.type is _CLAIM
                else 0,
            ]
            for ev in panel_order(evidence)
        ]
        best_title, best_color = best_info[d["best_evidence"]]
        flags = (
            (CONTESTED if d["contested"] else 0)
            | (CLAIM_ONLY if d["claim_only"] else 0)
            | (NEGATED_ONLY if d["negated_only"] else 0)
            | (NO_FINDING_ONLY if d["confidence"] == 0 and no_finding_only(evidence) else 0)
        )
        out.append(
            [
                ref(relation_sentence(G, e)),
                predicate_ref[d["predicate"]],
                best_title,
                best_color,
                d["confidence"],
                len(d["citations"]),
                flags,
                items,
            ]
        )
    return out


def _node_details(G, n: str, links: list[tuple[int, tuple]], ref) -> list:
    """[label, kind, colour, description, synonyms, identifiers, id note, groups].

    A group is [relation, [edge position, ...]]: the sentence and best evidence of each
    link are read from that edge's details, stored once.
    """
    d = G.nodes[n]
    groups: dict[str, list] = defaultdict(list)
    for i, (u, _, k) in links:
        groups[_PHRASE[k] if u == n else f"{_PHRASE[k]} (from)"].append(i)
    return [
        ref(d["label"]),
        ref(d["kind"].title),
        ref(KIND_STYLE[d["kind"]]["color"]),
        ref(d.get("description")),
        [ref(x) for x in d.get("synonyms") or ()],
        [[ref(c), ref(safe_http_url(curie_url(c)))] for c in (n, *(d.get("xrefs") or ()))],
        ref(d.get("id_note")),
        [[ref(k), v] for k, v in groups.items()],
    ]


_PHRASE = {p.value: p.phrase for p in Predicate}


def html_payload(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: str | None = None,
) -> dict[str, Any]:
    """Everything the page's script needs, as JSON-ready data.

    ``pack`` holds the network records and every node's and edge's details, with each
    distinct string stored once in ``pack["strings"]`` and referred to by position; the
    page carries it gzip-compressed (see :func:`generate_html`). Details are lists in
    the field order of ``_edge_details``/``_node_details``, one per record of
    ``pack["nodes"]``/``pack["edges"]``, in the same order. A large view's edges (drawn by
    the edge layer) are packed (:func:`graph.render.pack_edges`), in the same order too.
    """
    selection = selection if selection is not None else select(G)
    nodes, edges = vis_data(G, selection, large=selection.node_count > LARGE_VIEW_NODES)
    layered = uses_edge_layer(large=len(nodes) > LARGE_VIEW_NODES)
    links: dict[str, list] = defaultdict(list)
    counts: dict[EvidenceType, int] = defaultdict(int)
    cited: set[str] = set()
    edge_ids = list(selection.edges)
    succ = G._succ if hasattr(G, "_succ") else G.succ
    for i, e in enumerate(edge_ids):
        u, v, k = e
        d = succ[u][v][k]
        links[u].append((i, e))
        links[v].append((i, e))
        cited.update(d["citations"])
        for ev in d["evidence"]:
            counts[ev.type] += 1
            cited.add(ev.source)
    s = _Strings()
    register = G.graph.get("sources") or {}
    cited_sorted = sorted(cited)
    source_pos = {sid: i for i, sid in enumerate(cited_sorted)}
    verification_of = {sid: register[sid].verification for sid in cited_sorted if sid in register}
    with gc_paused():
        sources = _sources(G, cited_sorted, s.ref)
        edge_details = _edge_details(G, edge_ids, s.ref, source_pos, verification_of)
        node_details = [_node_details(G, n["id"], links[n["id"]], s.ref) for n in nodes]
    return {
        "meta": {
            "title": title or G.graph.get("name") or "Mechanism graph",
            "name": G.graph.get("name"),
            "version": G.graph.get("version"),
            "generated": generated,
            "disclaimer": DISCLAIMER,
            "nodes": len(nodes),
            "edges": len(edges),
        },
        "options": vis_options(physics=False, large=len(nodes) > LARGE_VIEW_NODES),
        "edgeLayer": layered,
        "evidenceTypes": [
            {
                "value": t.value,
                "title": t.title,
                "color": EVIDENCE_STYLE[t]["color"],
                "pattern": EVIDENCE_STYLE[t]["dashes"] or [],
                "count": counts[t],
            }
            for t in EvidenceType
        ],
        "legend": legend(G, selection),
        "pack": {
            "strings": s.table,
            "nodes": nodes,
            "edges": pack_edges(nodes, edges) if layered else edges,
            "sources": sources,
            "nodeDetails": node_details,
            "edgeDetails": edge_details,
        },
    }


def pack_bytes(pack: dict[str, Any]) -> bytes:
    """The pack as gzip-compressed JSON, the same bytes for the same pack (no timestamp).

    orjson writes the same compact UTF-8 JSON as ``json.dumps(separators=(",", ":"),
    ensure_ascii=False)`` about seven times faster (a 5k-node pack is 15 MB of JSON).
    """
    return gzip.compress(orjson.dumps(pack), compresslevel=PACK_LEVEL, mtime=0)


def read_payload(page: str) -> dict[str, Any]:
    """The payload of a generated page, with its pack unpacked (for checks and tools).

    >>> from graph import build_graph, load_dataset
    >>> G = build_graph(load_dataset("tests/fixtures/tiny"))
    >>> payload = read_payload(generate_html(G))
    >>> len(payload["pack"]["edgeDetails"]) == G.number_of_edges()
    True
    """
    match = _DATA_RE.search(page)
    if match is None:
        raise ValueError("no mn-data block in this page")
    payload = json.loads(match.group(1))
    payload["pack"] = json.loads(gzip.decompress(base64.b64decode(payload["pack"])))
    return payload


def generate_html(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: dt.date | dt.datetime | str | None = None,
) -> str:
    """The page as text. ``generated`` (a date or text) is shown only when given.

    The pack travels as base64 of gzip inside the page's JSON block; the page unpacks it
    with the browser's own ``DecompressionStream`` (no fetch: the CSP allows none).
    """
    if isinstance(generated, (dt.date, dt.datetime)):
        generated = generated.isoformat()
    # The collector stays off until the payload's hundreds of thousands of small lists are
    # freed (by reference counting): switched on while they lived, its first collection
    # scanned them all.
    with gc_paused():
        payload = html_payload(G, selection, title=title, generated=generated)
        meta = payload["meta"]
        subtitle = " · ".join(
            x
            for x in (
                meta["name"] and f"Dataset: {meta['name']}",
                meta["version"] and f"version {meta['version']}",
                meta["generated"] and f"exported {meta['generated']}",
                f"{meta['nodes']} nodes, {meta['edges']} links",
            )
            if x
        )
        payload["pack"] = base64.b64encode(pack_bytes(payload["pack"])).decode("ascii")
        slots = {
            # Header text is escaped here so the page reads right before its script runs.
            "TITLE": html.escape(meta["title"], quote=True),
            "SUBTITLE": html.escape(subtitle, quote=True),
            "DISCLAIMER": html.escape(DISCLAIMER),
            "VIS_CSS": _script_safe(vis_asset("vis-network.css"), "vis-network.css"),
            "VIS_JS": _script_safe(vis_asset("vis-network.min.js"), "vis-network.min.js"),
            "PAGE_CSS": _script_safe(page_styles_css() + "\n" + _template("export.css"), "export.css"),
            "PAGE_JS": _script_safe(page_scripts_js() + "\n" + _template("export.js"), "export.js"),
            "DATA": json_for_script(payload),
        }
        del payload
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
