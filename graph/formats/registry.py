"""The format registry: every file format the project reads or writes, one :class:`Format` each.

Every consumer derives from :data:`FORMATS`: :func:`graph.formats.open_dataset` tries
the readers' ``sniff`` in registry order, the app's uploader accepts
:func:`upload_types`, its download buttons and ``python -m graph export`` offer
:func:`writers`, the CLI's ``--data`` reads :func:`readers`, the README's format table
is checked against it, and the round-trip test covers every format with both a reader
and a writer. Adding a format is one module (``sniff``, ``read``, ``write``) and one line
here.

A reader is ``(texts, *, display, limits, strict) -> Imported`` over the decoded files
``{name: text}``. A format may also have a clean reader, ``(files, *, display, limits) ->
Imported | None`` over the files' bytes, which the front door asks first, in registry order,
before any text is made: it takes only a clean file of its own format (one this project
wrote), decoded straight into records, and returns None for any other, which the readers
then read as text. A writer is ``(G, selection=None, **options) -> bytes`` (``selection``,
a :class:`graph.query.Selection`, is the current filtered view; None is the whole graph).

>>> [f.name for f in writers()]
['html', 'node-link', 'kgx-jsonl', 'kgx-tsv', 'csv', 'graphml', 'gexf', 'cytoscape', 'evidence-csv']
>>> [f.name for f in readers()]
['yaml', 'node-link', 'kgx-jsonl', 'kgx-tsv', 'kgx-json', 'csv', 'graphml', 'gexf', 'cytoscape']
>>> get_format("node-link").filename("kratom")
'kratom.json'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.errors import GraphError
from graph.formats import (
    csv_tables,
    cytoscape,
    evidence_csv,
    generic,
    gexf,
    graphml,
    kgx,
    node_link,
    yaml_dir,
)
from graph.formats.html import generate_html
from graph.formats.report import Imported
from graph.query import Selection

Reader = Callable[..., Imported]
CleanReader = Callable[..., Imported | None]
Writer = Callable[..., bytes]
Sniffer = Callable[[Mapping[str, str]], bool]

# Containers the front door unpacks before any format sees the files, and the documents a
# dataset may carry: accepted beside every format's own extensions.
ARCHIVE_TYPES = (".zip", ".gz")
DOCUMENT_TYPES = (".txt", ".md")


class UnknownFormatError(GraphError, ValueError):
    """A format name that is not in the registry."""

    def __init__(self, name: str, names: list[str] | None = None):
        self.name = name
        super().__init__(f"{name!r} is not a format; one of: {', '.join(names or FORMATS)}")


@dataclass(frozen=True, kw_only=True)
class Format:
    """One file format: its names, how files of it are recognised, read and written.

    ``extensions`` are the file name endings of the format, the writer's first;
    ``reads`` the suffixes of the single files its reader takes (a zip is unpacked first).
    """

    name: str
    label: str
    extensions: tuple[str, ...]
    media_type: str
    description: str
    lossless: bool = False
    # The writer keeps evidence as counts, types and citations only: the file opens again
    # as the same nodes and links, each cited once (graph.formats.generic).
    flattened: bool = False
    reads: tuple[str, ...] = ()
    sniff: Sniffer | None = None
    reader: Reader | None = None
    clean_reader: CleanReader | None = None
    writer: Writer | None = None

    @property
    def extension(self) -> str:
        return self.extensions[0]

    def write(self, G: nx.MultiDiGraph, selection: Selection | None = None, **options) -> bytes:
        """The file's bytes. Options (``title``, ``generated``) are used by the HTML page only."""
        if self.writer is None:
            raise UnknownFormatError(self.name, [f.name for f in writers()])
        return self.writer(G, selection, **options)

    def filename(self, stem: str) -> str:
        return f"{stem}{self.extension}"


def _html(
    G: nx.MultiDiGraph,
    selection: Selection | None = None,
    *,
    title: str | None = None,
    generated: dt.date | str | None = None,
) -> bytes:
    return generate_html(G, selection, title=title, generated=generated).encode("utf-8")


_ALL = (
    Format(
        name="html",
        label="Interactive page (HTML)",
        extensions=(".html",),
        media_type="text/html",
        writer=_html,
        description="one self-contained offline page: network, evidence panel, evidence-type filter, legend",
    ),
    Format(
        name="yaml",
        label="Project YAML",
        extensions=(".yaml", ".yml"),
        media_type="application/yaml",
        reads=(".yaml", ".yml"),
        sniff=yaml_dir.sniff,
        reader=yaml_dir.read,
        description="the project's own dataset: dataset.yaml, sources.yaml, nodes.yaml, edges.yaml and documents/",
    ),
    Format(
        name="node-link",
        label="Node-link JSON (full evidence)",
        extensions=(".json",),
        media_type="application/json",
        lossless=True,
        reads=(".json",),
        sniff=node_link.sniff,
        reader=node_link.read,
        clean_reader=node_link.read_clean,
        writer=node_link.write,
        description="networkx node-link JSON with every evidence item and the source register; re-imports",
    ),
    Format(
        name="kgx-jsonl",
        label="KGX JSON Lines (zip)",
        extensions=(".kgx.jsonl.zip", ".jsonl"),
        media_type="application/zip",
        lossless=True,
        reads=(".jsonl", ".json"),
        sniff=kgx.sniff_jsonl,
        reader=kgx.read_jsonl,
        clean_reader=kgx.read_jsonl_clean,
        writer=kgx.write_jsonl,
        description="Biolink KGX nodes.jsonl + edges.jsonl + metadata.json; re-imports",
    ),
    Format(
        name="kgx-tsv",
        label="KGX TSV (zip)",
        extensions=(".kgx.tsv.zip", ".tsv"),
        media_type="application/zip",
        reads=(".tsv", ".json"),
        sniff=kgx.sniff_tsv,
        reader=kgx.read_tsv,
        writer=kgx.write_tsv,
        description="Biolink KGX nodes.tsv + edges.tsv + metadata.json (lists joined by |)",
    ),
    Format(
        name="kgx-json",
        label="KGX JSON",
        extensions=(".json",),
        media_type="application/json",
        reads=(".json",),
        sniff=kgx.sniff_json,
        reader=generic.read_json,
        description='one KGX JSON object {"nodes": [...], "edges": [...]}; node-link JSON from '
        "networkx or D3 and Cytoscape JSON open as graphs without evidence",
    ),
    Format(
        name="csv",
        label="Project CSV tables (zip)",
        extensions=(".csv.zip", ".csv"),
        media_type="application/zip",
        reads=(".csv",),
        sniff=csv_tables.sniff,
        reader=csv_tables.read,
        writer=csv_tables.write,
        description="nodes.csv, evidence.csv, sources.csv, dataset.csv for spreadsheets; re-imports",
    ),
    Format(
        name="graphml",
        label="GraphML",
        extensions=(".graphml",),
        media_type="application/graphml+xml",
        reads=(".graphml",),
        sniff=generic.sniff_graphml,
        reader=generic.read_graphml,
        writer=graphml.write,
        flattened=True,
        description="for Cytoscape, Gephi, yEd; evidence flattened to counts, types and citations; "
        "any GraphML opens as a graph without evidence",
    ),
    Format(
        name="gexf",
        label="GEXF (Gephi)",
        extensions=(".gexf",),
        media_type="application/gexf+xml",
        reads=(".gexf",),
        sniff=generic.sniff_gexf,
        reader=generic.read_gexf,
        writer=gexf.write,
        flattened=True,
        description="for Gephi; evidence flattened to counts, types and citations; "
        "any GEXF opens as a graph without evidence",
    ),
    Format(
        name="cytoscape",
        label="Cytoscape.js JSON",
        extensions=(".cyjs",),
        media_type="application/json",
        reads=(".cyjs",),
        sniff=generic.sniff_cytoscape,
        reader=generic.read_cytoscape,
        writer=cytoscape.write,
        flattened=True,
        description="Cytoscape.js elements JSON with positions; evidence flattened; "
        "any Cytoscape JSON (.cyjs) opens as a graph without evidence",
    ),
    Format(
        name="evidence-csv",
        label="Evidence table (CSV)",
        extensions=(".csv",),
        media_type="text/csv",
        writer=evidence_csv.write,
        description="one row per evidence item with its link's subject, predicate, object and citation",
    ),
)

# The registry. Readers are tried in this order (the first whose sniff accepts the files).
FORMATS: dict[str, Format] = {f.name: f for f in _ALL}


def writers() -> list[Format]:
    """Formats with a writer, in registry order: the app's downloads and ``export --format``."""
    return [f for f in FORMATS.values() if f.writer is not None]


def readers() -> list[Format]:
    """Formats with a reader, in registry (sniff) order."""
    return [f for f in FORMATS.values() if f.reader is not None]


def upload_types() -> tuple[str, ...]:
    """Every file suffix an import accepts: the readers' own, archives and documents."""
    own = {s for f in readers() for s in f.reads}
    return (*sorted(own | set(DOCUMENT_TYPES)), *ARCHIVE_TYPES)


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormatError(name) from None


def export(G: nx.MultiDiGraph, name: str, selection: Selection | None = None, **options) -> bytes:
    """Bytes of ``G`` (or a selection of it) in the named format."""
    return get_format(name).write(G, selection, **options)
