"""Export registry: every file format the app's download buttons and ``python -m graph export`` offer.

Each :class:`ExportFormat` names a writer ``(G, selection) -> bytes`` from
:mod:`graph.readwrite`; ``selection`` (a :class:`graph.query.Selection`, the current
filtered view) is optional and means the whole graph when None.

>>> sorted(FORMATS)
['cytoscape', 'evidence-csv', 'gexf', 'graphml', 'html', 'kgx-jsonl', 'kgx-tsv', 'node-link']
>>> get_format("node-link").filename("kratom")
'kratom.json'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from graph.errors import GraphError
from graph.query import Selection
from graph.readwrite.cytoscape import generate_cytoscape
from graph.readwrite.evidence_csv import generate_evidence_csv
from graph.readwrite.gexf import generate_gexf
from graph.readwrite.graphml import generate_graphml
from graph.readwrite.html import generate_html
from graph.readwrite.kgx import generate_kgx_jsonl, generate_kgx_tsv
from graph.readwrite.node_link import generate_node_link

Writer = Callable[..., bytes]


class UnknownFormatError(GraphError, ValueError):
    """An export format name that is not in the registry."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"{name!r} is not an export format; one of: {', '.join(FORMATS)}")


@dataclass(frozen=True, kw_only=True)
class ExportFormat:
    """One export format: how it is named, saved and written."""

    name: str
    label: str
    extension: str
    media_type: str
    lossless: bool
    writer: Writer
    description: str

    def write(self, G: nx.MultiDiGraph, selection: Selection | None = None, **options) -> bytes:
        """The file's bytes. Options (``title``, ``generated``) are used by the HTML page only."""
        return self.writer(G, selection, **options)

    def filename(self, stem: str) -> str:
        return f"{stem}{self.extension}"


def _utf8(generate: Callable[[nx.MultiDiGraph, Selection | None], str], encoding: str = "utf-8") -> Writer:
    def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
        return generate(G, selection).encode(encoding)

    return write


def _raw(generate: Callable[[nx.MultiDiGraph, Selection | None], bytes]) -> Writer:
    def write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
        return generate(G, selection)

    return write


def _html(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: dt.date | str | None = None,
) -> bytes:
    return generate_html(G, selection, title=title, generated=generated).encode("utf-8")


_ALL = (
    ExportFormat(
        name="html",
        label="Interactive page (HTML)",
        extension=".html",
        media_type="text/html",
        lossless=False,
        writer=_html,
        description="one self-contained offline page: network, evidence panel, evidence-type filter, legend",
    ),
    ExportFormat(
        name="node-link",
        label="Node-link JSON (full evidence)",
        extension=".json",
        media_type="application/json",
        lossless=True,
        writer=_utf8(generate_node_link),
        description="networkx node-link JSON with every evidence item and the source register; re-imports",
    ),
    ExportFormat(
        name="kgx-jsonl",
        label="KGX JSON Lines (zip)",
        extension=".kgx.jsonl.zip",
        media_type="application/zip",
        lossless=True,
        writer=_raw(generate_kgx_jsonl),
        description="Biolink KGX nodes.jsonl + edges.jsonl + metadata.json; re-imports",
    ),
    ExportFormat(
        name="kgx-tsv",
        label="KGX TSV (zip)",
        extension=".kgx.tsv.zip",
        media_type="application/zip",
        lossless=False,
        writer=_raw(generate_kgx_tsv),
        description="Biolink KGX nodes.tsv + edges.tsv + metadata.json (lists joined by |)",
    ),
    ExportFormat(
        name="graphml",
        label="GraphML",
        extension=".graphml",
        media_type="application/graphml+xml",
        lossless=False,
        writer=_raw(generate_graphml),
        description="for Cytoscape, Gephi, yEd; evidence flattened to counts, types and citations",
    ),
    ExportFormat(
        name="gexf",
        label="GEXF (Gephi)",
        extension=".gexf",
        media_type="application/gexf+xml",
        lossless=False,
        writer=_raw(generate_gexf),
        description="for Gephi; evidence flattened to counts, types and citations",
    ),
    ExportFormat(
        name="cytoscape",
        label="Cytoscape.js JSON",
        extension=".cyjs",
        media_type="application/json",
        lossless=False,
        writer=_utf8(generate_cytoscape),
        description="Cytoscape.js elements JSON with positions; evidence flattened",
    ),
    ExportFormat(
        name="evidence-csv",
        label="Evidence table (CSV)",
        extension=".csv",
        media_type="text/csv",
        lossless=False,
        writer=_utf8(generate_evidence_csv, "utf-8-sig"),
        description="one row per evidence item with its link's subject, predicate, object and citation",
    ),
)

FORMATS: dict[str, ExportFormat] = {f.name: f for f in _ALL}


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormatError(name) from None


def export(G: nx.MultiDiGraph, name: str, selection: Selection | None = None, **options) -> bytes:
    """Bytes of ``G`` (or a selection of it) in the named format."""
    return get_format(name).write(G, selection, **options)
