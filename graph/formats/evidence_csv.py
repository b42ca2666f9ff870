"""Evidence table as CSV: one row per evidence item, with its edge and its source's citation.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) get a leading apostrophe: the data is untrusted, and a CSV is
usually opened in a spreadsheet (OWASP "CSV injection").

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset("tests/fixtures/tiny"))
>>> rows = evidence_rows(G)
>>> len(rows), rows[0]["subject_label"], rows[0]["evidence_type"], rows[0]["source_citation"]
(9, 'Leafy plant', 'review', 'Review (fixture)')
"""

from __future__ import annotations

import csv
import io
from typing import Any

import networkx as nx

from graph.formats.records import exported
from graph.query import Selection, relation_sentence

COLUMNS = (
    "edge_id",
    "subject_id",
    "subject_label",
    "predicate",
    "object_id",
    "object_label",
    "relation",
    "evidence_type",
    "text",
    "quote",
    "species",
    "assay",
    "values",
    "negated",
    "verification",
    "note",
    "source_id",
    "source_citation",
    "pmid",
    "pmcid",
    "doi",
    "fr",
    "url",
    "document",
    "source_verification",
    "source_note",
    "link",
    "edge_confidence",
    "edge_best_evidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def evidence_rows(G: nx.MultiDiGraph, selection: Selection | None = None) -> list[dict[str, Any]]:
    """One mapping per evidence item, in edge order then evidence order."""
    sources = G.graph.get("sources") or {}
    rows = []
    for e in exported(G, selection).edges:
        u, v, k = e
        d = G.edges[e]
        best = d["best_evidence"]
        for ev in d["evidence"]:
            s = sources.get(ev.source)
            verification = ev.verification_in(sources)
            rows.append(
                {
                    "edge_id": d["id"],
                    "subject_id": u,
                    "subject_label": G.nodes[u]["label"],
                    "predicate": k,
                    "object_id": v,
                    "object_label": G.nodes[v]["label"],
                    "relation": relation_sentence(G, e),
                    "evidence_type": ev.type.value,
                    "text": ev.text,
                    "quote": ev.quote,
                    "species": ev.species.value if ev.species else "",
                    "assay": ev.assay or "",
                    "values": "; ".join(str(x) for x in ev.values),
                    "negated": ev.negated,
                    "verification": verification.value if verification else "",
                    "note": ev.note or "",
                    "source_id": ev.source,
                    "source_citation": s.citation if s else "",
                    "pmid": (s and s.pmid) or "",
                    "pmcid": (s and s.pmcid) or "",
                    "doi": (s and s.doi) or "",
                    "fr": (s and s.fr) or "",
                    "url": (s and s.url) or "",
                    "document": (s and s.document) or "",
                    "source_verification": s.verification.value if s else "",
                    "source_note": (s and s.note) or "",
                    "link": (s and s.link) or "",
                    "edge_confidence": d["confidence"],
                    "edge_best_evidence": best.value if best else "",
                }
            )
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def generate_evidence_csv(G: nx.MultiDiGraph, selection: Selection | None = None) -> str:
    """CSV text (header row, RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in evidence_rows(G, selection):
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return buf.getvalue()


def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    # utf-8-sig: spreadsheets guess the encoding from the byte-order mark.
    return generate_evidence_csv(G, selection).encode("utf-8-sig")
