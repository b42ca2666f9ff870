"""The quick way in for clean files the project wrote: JSON decoded straight into records.

A big node-link JSON file, or a KGX JSON Lines pair whose edge rows carry their own
evidence (``kme_evidence``, as :mod:`graph.formats.kgx` writes them), is decoded by
msgspec in C into the records of :mod:`graph.model` (the records' annotations are the
typed shape: vocabularies, numbers, unknown fields rejected) and checked by
:func:`graph.validate.validate_records`, without the mappings that the general readers
build and then validate field by field. It is decoded from the file's bytes, before any
text is made of them (msgspec checks the UTF-8 as it goes): no copy of the file as text,
nor of each JSON line as a string of its own.

This path takes a file only as it stands: anything it does not expect (a field, a row to
merge or warn about, text to trim, a value validation would report) makes it return None,
and the format's general reader reads the file from the start. So every problem, and
where it is located, is the general reader's; this path only skips work on clean files,
and makes the same dataset as the general reader (``tests/test_formats_typed.py`` holds
the two equal on the shipped data and on synthetic graphs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import attrgetter
from typing import Any

import msgspec

from graph.formats.biolink import QUALIFIER_SLOTS, map_predicate
from graph.formats.files import file_role
from graph.formats.limits import SHAPED_DEPTH, Limits, check_json_depth
from graph.model import Dataset, Edge, Evidence, Node, Source
from graph.validate import CURIE_RE, validate_records
from graph.vocab import Directness, EvidenceType, NodeKind, Predicate

_IN_SILICO, _DIRECT, _PREDICTION = EvidenceType.IN_SILICO, Directness.DIRECT, Directness.PREDICTION
_replace = msgspec.structs.replace
_TYPE, _DIRECTNESS = attrgetter("type"), attrgetter("directness")
_IGNORED = msgspec.Raw()  # a field written for other readers: kept undecoded, never read
# What decoding a file the typed way may raise: not JSON, not of the shape, nested too deep,
# or bytes that are not UTF-8 (which the text readers then locate).
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, RecursionError, UnicodeDecodeError)


class _Items(msgspec.Struct):
    """An entry's evidence items as mappings (only their keys are asked)."""

    evidence: list[dict[str, Any]] = []
    kme_evidence: list[dict[str, Any]] = []


def _predictions(
    evidence: tuple[Evidence, ...], raw: msgspec.Raw | memoryview, key: str
) -> tuple[Evidence, ...] | None:
    """``evidence`` with its in_silico items that give no directness set to prediction.

    Decoded without ``directness``, an item holds the record's default (direct); the field
    reader's default for an in_silico item is prediction. Which items give one is read
    from the entry's JSON ``raw`` (its list ``key``); None when an in_silico item does
    (the validator's to judge).
    """
    if _IN_SILICO not in map(_TYPE, evidence) or _DIRECT not in map(_DIRECTNESS, evidence):
        return evidence
    if not any(ev.type is _IN_SILICO and ev.directness is _DIRECT for ev in evidence):
        return evidence
    text = bytes(raw)
    if b'"directness"' in text:
        stated = getattr(msgspec.json.decode(text, type=_Items), key)
        if len(stated) != len(evidence):
            return None
    else:
        stated = None
    out = []
    for j, ev in enumerate(evidence):
        if ev.type is _IN_SILICO and ev.directness is _DIRECT:
            if stated is not None and "directness" in stated[j]:
                return None
            ev = _replace(ev, directness=_PREDICTION)
        out.append(ev)
    return tuple(out)


def _clean(value: str) -> bool:
    return bool(value) and value == value.strip()


def _clean_list(values: list[str]) -> bool:
    return all(v and v == v.strip() for v in values) and len(set(values)) == len(values)


def _excerpts(sources: list[Source], edges: list[Edge], documents: Mapping[str, str]) -> dict[str, str]:
    """:func:`graph.formats.records.excerpt_documents` of records: the quotes of a document
    the file does not carry stand in for it."""
    out = dict(documents)
    doc_of = {s.id: s.document for s in sources if s.document is not None}
    missing = {doc for doc in doc_of.values() if doc not in out}
    if not missing:
        return out
    quotes: dict[str, list[str]] = {doc: [] for doc in missing}
    for edge in edges:
        for ev in edge.evidence:
            if ev.quote:
                doc = doc_of.get(ev.source)
                if doc in quotes:
                    quotes[doc].append(ev.text)
    for doc, texts in quotes.items():
        out[doc] = "\n".join(texts)
    return out


# Node-link JSON ----------------------------------------------------------------------


class _NodeLinkEdge(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    source: str
    target: str
    key: str
    predicate: Predicate
    evidence: tuple[Evidence, ...]
    # Derived attributes: written for other readers, recomputed on reading.
    id: msgspec.Raw = _IGNORED
    evidence_types: msgspec.Raw = _IGNORED
    species: msgspec.Raw = _IGNORED
    citations: msgspec.Raw = _IGNORED
    best_evidence: msgspec.Raw = _IGNORED
    contested: msgspec.Raw = _IGNORED
    negated_only: msgspec.Raw = _IGNORED
    claim_only: msgspec.Raw = _IGNORED
    confidence: msgspec.Raw = _IGNORED


class _NodeLinkFile(msgspec.Struct):
    """The file, with each edge kept as its JSON (a slice of the file, not a copy), decoded
    one at a time below: only one edge's fields written for other readers are held at once
    (decoding every edge in one call held them all: 100 MB more at 50k nodes, and slower)."""

    graph: dict[str, Any]
    nodes: list[Node]
    edges: list[msgspec.Raw]


_NODE_LINK = msgspec.json.Decoder(_NodeLinkFile)
_NODE_LINK_EDGE = msgspec.json.Decoder(_NodeLinkEdge)
_OTHER = NodeKind.OTHER


def node_link_dataset(data: bytes, limits: Limits, fmt: str) -> Dataset | None:
    """The dataset of a clean node-link file (bytes: UTF-8, no byte-order mark; ``fmt``: the
    format name it must give), else None."""
    if limits.max_json_depth < SHAPED_DEPTH:
        return None
    try:
        data = _NODE_LINK.decode(data)
    except _DECODE_ERRORS:
        return None
    graph = data.graph
    if graph.get("format") != fmt or len(data.nodes) > limits.max_nodes or len(data.edges) > limits.max_edges:
        return None
    documents = graph.get("documents") or {}
    if not isinstance(documents, dict) or not all(isinstance(v, str) for v in documents.values()):
        return None
    try:
        sources = msgspec.convert(graph.get("sources") or [], list[Source])
    except (msgspec.ValidationError, TypeError, ValueError):
        return None
    nodes = data.nodes
    for node in nodes:
        # `category` is written for other readers; only a node of kind `other` needs it back
        # (set on a record just decoded, still being made).
        category = node.category
        if category is not None and (node.kind is not _OTHER or category == node.kind.biolink_category):
            msgspec.structs.force_setattr(node, "category", None)
    edges = []
    decode = _NODE_LINK_EDGE.decode
    for raw in data.edges:
        try:
            e = decode(raw)
        except _DECODE_ERRORS:
            return None
        if e.key != e.predicate:
            return None
        evidence = _predictions(e.evidence, raw, "evidence")
        if evidence is None:
            return None
        edges.append(Edge(subject=e.source, predicate=e.predicate, object=e.target, evidence=evidence))
    meta = {k: graph[k] for k in ("name", "version", "description") if k in graph}
    return validate_records(meta, sources, nodes, edges, _excerpts(sources, edges, documents))


# KGX JSON Lines, as graph.formats.kgx writes it ----------------------------------------


class _KgxNode(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: str
    kme_kind: NodeKind
    category: list[str] = []
    name: str | None = None
    synonym: list[str] = []
    xref: list[str] = []
    description: str | None = None
    kme_id_note: str | None = None
    kme_id_source: str | None = None
    kme_subunits: list[str] = []
    equivalent_identifiers: msgspec.Raw = _IGNORED  # written for other readers
    provided_by: msgspec.Raw = _IGNORED


class _Cited(msgspec.Struct, gc=False):
    """A source record on an edge row, read for its id only: the reader keeps the first
    record of each id (the register's in ``metadata.json``, else the first row's) and
    passes over the others unread, so only a new id's record is decoded in full."""

    id: str


class _CitedSources(msgspec.Struct, gc=False):
    """An edge row's source records in full (its other fields passed over)."""

    kme_sources: tuple[Source, ...] = ()


class _KgxEdge(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    subject: str
    predicate: str
    object: str
    kme_evidence: tuple[Evidence, ...]
    kme_sources: tuple[_Cited, ...] = ()
    qualified_predicate: str | None = None
    causal_mechanism_qualifier: str | None = None
    object_aspect_qualifier: str | None = None
    object_direction_qualifier: str | None = None
    # Written for other readers; an edge with its own evidence is read from that.
    id: msgspec.Raw = _IGNORED
    knowledge_level: msgspec.Raw = _IGNORED
    agent_type: msgspec.Raw = _IGNORED
    primary_knowledge_source: msgspec.Raw = _IGNORED
    publications: msgspec.Raw = _IGNORED


_KGX_NODE = msgspec.json.Decoder(_KgxNode)
_KGX_EDGE = msgspec.json.Decoder(_KgxEdge)
_KGX_EDGE_SOURCES = msgspec.json.Decoder(_CitedSources)


def _rows(data: bytes) -> Iterator[tuple[int, int]]:
    """Where the lines of a JSON Lines file that hold a row start and end (blank lines
    skipped, as the reader does): offsets, not copies of the lines, made as they are read.

    >>> list(_rows(b'{"a": 1}\\n\\n  \\n{"b": 2}\\r\\n'))
    [(0, 8), (13, 22)]
    """
    find, end_of_data, start = data.find, len(data), 0
    while start < end_of_data:
        end = find(b"\n", start)
        if end < 0:
            end = end_of_data
        # A line that starts with a space or a tab may be blank (rare: asked only then).
        if end > start and (data[start] not in _BLANK or not data[start:end].isspace()):
            yield start, end
        start = end + 1


def _too_many_rows(data: bytes, limit: int) -> bool:
    """Whether a JSON Lines file holds more than ``limit`` rows (its lines counted first:
    blank ones are counted only when the lines are too many).

    >>> _too_many_rows(b'{"a": 1}\\n\\n\\n{"b": 2}\\n', 2), _too_many_rows(b'{"a": 1}\\n{"b": 2}', 1)
    (False, True)
    """
    return data.count(b"\n") >= limit and sum(1 for _ in _rows(data)) > limit


_BLANK = frozenset(b" \t\r\x0b\x0c")


def _kgx_node(row: _KgxNode) -> Node | None:
    """The node the reader makes of one node row (kind given by ``kme_kind``), or None."""
    nid, name = row.id, row.name
    if not _clean(nid) or (name is not None and not _clean(name)):
        return None
    for text in (row.description, row.kme_id_note, row.kme_id_source):
        if text is not None and not _clean(text):
            return None
    for values in (row.category, row.synonym, row.xref, row.kme_subunits):
        if values and not _clean_list(values):
            return None
    subunits = row.kme_subunits
    if not all(CURIE_RE.match(x) for x in subunits):
        return None  # the reader drops such a subunit
    xrefs = [x for x in row.xref if x not in subunits]  # a complex's parts are in `xref` too
    if not all(CURIE_RE.match(x) for x in xrefs):
        return None  # the reader warns about such a cross-reference
    kind = row.kme_kind
    category = row.category[0] if kind is _OTHER and row.category else None
    if category == kind.biolink_category:
        category = None  # the kind says it already (the validator drops it)
    return Node(
        id=nid,
        label=name or nid,
        kind=kind,
        synonyms=tuple(row.synonym),
        xrefs=tuple(xrefs),
        description=row.description,
        id_note=row.kme_id_note,
        id_source=row.kme_id_source,
        subunits=tuple(subunits),
        category=category,
    )


def _mapped(given: tuple[str | None, ...]) -> tuple[Predicate, bool] | None:
    """``(predicate, reversed)`` for a row's predicate and qualifier slots (in the order of
    ``QUALIFIER_SLOTS``), or None when the reader would warn (or the text is not clean)."""
    predicate, quals = given[0], dict(zip(QUALIFIER_SLOTS, given[1:], strict=True))
    quals = {k: v for k, v in quals.items() if v is not None}
    if not _clean(predicate) or not all(_clean(v) for v in quals.values()):
        return None
    mapped = map_predicate(predicate, quals)
    if (mapped.via is not None and predicate != mapped.via) or mapped.ignored:
        return None  # the reader warns about a generalised predicate or ignored qualifiers
    return mapped.predicate, mapped.reversed


def kgx_jsonl(
    files: Mapping[str, bytes], limits: Limits, default_name: str
) -> tuple[Dataset, int, int] | None:
    """``(dataset, node rows, edge rows)`` of a clean KGX JSON Lines pair this project wrote, else None.

    One ``nodes.jsonl`` whose rows give ``kme_kind``, one ``edges.jsonl`` whose rows carry
    ``kme_evidence``, and optionally ``metadata.json``, as bytes (UTF-8, no byte-order
    mark): anything else, or any row the reader would merge, map loosely or warn about, is
    the general reader's.
    """
    if limits.max_json_depth < SHAPED_DEPTH:
        return None
    parts: dict[str, bytes] = {}
    for name, raw in files.items():
        role = file_role(name)
        lower = name.lower()
        if lower.endswith(".json") and role == "dataset":
            role = "metadata"
        elif not (lower.endswith(".jsonl") and role in ("nodes", "edges")):
            return None
        if role in parts:
            return None
        parts[role] = raw
    if "nodes" not in parts or "edges" not in parts:
        return None
    metadata: dict = {}
    if "metadata" in parts:
        try:
            text = parts["metadata"].decode("utf-8")
        except UnicodeDecodeError:
            return None
        if check_json_depth(text, "metadata", limits):
            return None
        try:
            metadata = msgspec.json.decode(text)
        except _DECODE_ERRORS:
            return None
        if not isinstance(metadata, dict):
            return None
    node_data, edge_data = parts["nodes"], parts["edges"]
    if _too_many_rows(node_data, limits.max_nodes) or _too_many_rows(edge_data, limits.max_edges):
        return None
    meta = {k: metadata[k] for k in ("name", "version", "description") if k in metadata}
    meta.setdefault("name", default_name)
    meta.setdefault("version", "imported")
    try:
        sources = msgspec.convert(metadata.get("sources") or [], list[Source])
        decode = _KGX_NODE.decode
        nodes: dict[str, Node] = {}
        view = memoryview(node_data)
        node_rows = edge_rows = 0
        for start, end in _rows(node_data):
            node_rows += 1
            node = _kgx_node(decode(view[start:end]))
            if node is None or node.id in nodes:
                return None  # a repeated row is merged (and warned about) by the reader
            nodes[node.id] = node
        register = {s.id: s for s in sources}
        if len(register) != len(sources):
            return None
        decode = _KGX_EDGE.decode
        mapped_for: dict[tuple, tuple[Predicate, bool] | None] = {}
        evidence_of: dict[tuple[str, Predicate, str], tuple[Evidence, ...]] = {}
        view, find = memoryview(edge_data), edge_data.find
        for start, end in _rows(edge_data):
            edge_rows += 1
            line = view[start:end]
            row = decode(line)
            s, o = row.subject, row.object
            if s not in nodes or o not in nodes:  # node ids are clean text: so are s and o
                return None
            given = (
                row.predicate,
                row.qualified_predicate,
                row.causal_mechanism_qualifier,
                row.object_aspect_qualifier,
                row.object_direction_qualifier,
            )
            mapped = mapped_for.get(given)
            if mapped is None:
                mapped = mapped_for[given] = _mapped(given)
                if mapped is None:
                    return None
            predicate, reverse = mapped
            for cited in row.kme_sources:
                if cited.id not in register:
                    for source in _KGX_EDGE_SOURCES.decode(line).kme_sources:
                        if source.id not in register:
                            register[source.id] = source
                    break
            evidence = row.kme_evidence
            if find(b'"in_silico"', start, end) >= 0:
                evidence = _predictions(evidence, line, "kme_evidence")
                if evidence is None:
                    return None
            key = (o, predicate, s) if reverse else (s, predicate, o)
            before = evidence_of.get(key)
            evidence_of[key] = evidence if before is None else before + evidence
    except _DECODE_ERRORS + (TypeError, ValueError):
        return None
    edges = [Edge(subject=s, predicate=p, object=o, evidence=ev) for (s, p, o), ev in evidence_of.items()]
    del evidence_of, mapped_for  # not held while the records are validated
    sources = list(register.values())
    dataset = validate_records(meta, sources, list(nodes.values()), edges, _excerpts(sources, edges, {}))
    return None if dataset is None else (dataset, node_rows, edge_rows)
