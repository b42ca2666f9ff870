"""Validate parsed dataset files and turn them into frozen records.

The boundary between untrusted data and the model: every field is checked for type,
vocabulary and form; unknown fields are rejected; references between files are resolved.
Every problem is collected, located (file, line, entry, field) and raised together in one
:class:`~graph.errors.DatasetError`. Nothing is returned half-validated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

import msgspec

from graph.errors import DatasetError, Problem
from graph.heap import gc_paused
from graph.model import SOURCE_FIELDS, Dataset, Edge, Evidence, Node, Record, Source, Value, node_aliases
from graph.vocab import (
    Directness,
    EvidenceType,
    NodeKind,
    Predicate,
    Relevance,
    Species,
    Verification,
    choices,
)

PMID_RE = re.compile(r"^[1-9][0-9]{0,8}$")
PMCID_RE = re.compile(r"^PMC[0-9]{4,9}$")
DOI_RE = re.compile(r"^10\.[0-9]{4,9}/\S+$")
CURIE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:[^\s|]+$")
SOURCE_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
FR_RE = re.compile(r"^[0-9]{1,3} FR [0-9]{1,6}$")
QUALIFIERS = ("=", "~", "<", ">", "<=", ">=")
MAX_TEXT = 5000
MAX_NODES = 100_000
MAX_EDGES = 400_000
PARTS = ("dataset", "sources", "nodes", "edges")

E = TypeVar("E", bound=Enum)

# Stands in for a file that could not be read or parsed, so that its absence is reported
# once instead of as one dangling reference per entry.
_UNUSABLE: dict = {}


class _Entry:
    """Field reader for one mapping: records problems located at this entry."""

    def __init__(self, data: Any, file: str, entry: str, problems: list[Problem], line=None):
        self.data = data if isinstance(data, dict) else {}
        # An entry read from a file carries its origin (see graph.load.LineDict): the file
        # and line it came from, and a label such as ``nodes[3]`` when it has no line.
        self.file = getattr(data, "file", None) or file
        origin_entry = getattr(data, "entry", None)
        self.entry = f"{origin_entry}: {entry}" if origin_entry else entry
        self.line = getattr(data, "line", None) or line
        self.problems = problems
        self.ok = True

    def problem(self, field: str | None, message: str) -> None:
        self.ok = False
        self.problems.append(
            Problem(file=self.file, line=self.line, entry=self.entry, field=field, message=message)
        )

    def only(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(str(key), f"unknown field; allowed: {', '.join(allowed)}")

    def text(self, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str | None:
        value = self.data.get(field)
        if value is None:
            if required:
                self.problem(field, "required field is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(field, f"must be text, not {_kind(value)}")
            return None
        value = str(value).strip()
        if not value:
            if required:
                self.problem(field, "must not be empty")
            return None
        if len(value) > limit:
            self.problem(field, f"is {len(value)} characters; the limit is {limit}")
            return None
        if "\x00" in value:
            self.problem(field, "contains a NUL character")
            return None
        return value

    def flag(self, field: str) -> bool:
        value = self.data.get(field, False)
        if not isinstance(value, bool):
            self.problem(field, f"must be true or false, not {value!r}")
            return False
        return value

    def texts(self, field: str) -> tuple[str, ...]:
        value = self.data.get(field)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(field, f"must be a list of text, not {_kind(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.problem(f"{field}[{i}]", f"must be non-empty text, not {item!r}")
            else:
                out.append(str(item).strip())
        return tuple(out)

    def term(self, field: str, enum: type[E], *, required: bool = False) -> E | None:
        value = self.data.get(field)
        if value is None:
            if required:
                self.problem(field, f"required field is missing; one of: {choices(enum)}")
            return None
        # Dict lookup first: Enum(value) is slow, and a 50k-node dataset has ~1M terms.
        try:
            member = _members(enum).get(value)
        except TypeError:  # unhashable value: Enum(value) below reports it
            member = None
        if member is not None:
            return member
        try:
            return enum(value)
        except ValueError:
            self.problem(field, f"{value!r} is not one of: {choices(enum)}")
            return None


_MEMBERS: dict[type, dict[Any, Enum]] = {}


def _members(enum: type[E]) -> dict[Any, E]:
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {m.value: m for m in enum}
    return members


class _Documents:
    """The dataset's documents, whitespace-squashed once each for the quote check."""

    def __init__(self, documents: dict[str, str]):
        self.raw = documents
        self._squashed: dict[str, str] = {}

    def squashed(self, name: str) -> str | None:
        text = self._squashed.get(name)
        if text is None and name in self.raw:
            text = self._squashed[name] = _squash(self.raw[name])
        return text


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _entries(raw: Any, file: str, problems: list[Problem]) -> list:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(file=file, message=f"must hold a list of entries, not {_kind(raw)}"))
        return []
    return raw


def _validate_source(item: Any, i: int, problems: list[Problem], files: dict[str, str]) -> Source | None:
    label = f"source #{i + 1}"
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        label = f"source {item['id']!r}"
    e = _Entry(item, files["sources"], label, problems)
    if not isinstance(item, dict):
        e.problem(None, f"must be a mapping, not {_kind(item)}")
        return None
    e.only(SOURCE_FIELDS)
    sid = e.text("id", required=True)
    if sid and not SOURCE_ID_RE.match(sid):
        e.problem("id", "must be letters, digits and _ . : - only (at most 64)")
    citation = e.text("citation", required=True)
    pmid = e.text("pmid")
    if pmid and not PMID_RE.match(pmid):
        e.problem("pmid", f"{pmid!r} is not a PubMed id (digits only, no prefix)")
    pmcid = e.text("pmcid")
    if pmcid and not PMCID_RE.match(pmcid):
        e.problem("pmcid", f"{pmcid!r} is not a PMC id (PMC followed by digits)")
    doi = e.text("doi")
    if doi and not DOI_RE.match(doi):
        e.problem("doi", f"{doi!r} is not a DOI (10.NNNN/suffix, without doi: or https://)")
    fr = e.text("fr")
    if fr and not FR_RE.match(fr):
        e.problem("fr", f"{fr!r} is not a Federal Register citation like '81 FR 59929'")
    url = e.text("url")
    if url and not url.startswith("https://") and not url.startswith("http://"):
        e.problem("url", f"{url!r} must start with https:// or http://")
    document = e.text("document")
    if not any((pmid, pmcid, doi, fr, url, document)):
        e.problem(None, "needs at least one of pmid, pmcid, doi, fr, url, document")
    verification = e.term("verification", Verification, required=True)
    note = e.text("note")
    restates = e.text("restates", limit=64)
    if restates and restates == sid:
        e.problem("restates", "a source cannot restate itself")
    if not e.ok:
        return None
    return Source(
        id=sid,
        citation=citation,
        verification=verification,
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        fr=fr,
        url=url,
        document=document,
        note=note,
        restates=restates,
    )


def _restating(raw: Any, sources: dict[str, Source], files: dict[str, str]):
    """(raw item, source) for each source whose ``restates`` is unknown or loops."""
    by_id = {item.get("id"): item for item in raw if isinstance(item, dict)} if isinstance(raw, list) else {}
    for record in sources.values():
        if record.restates and _restates_problem(record, sources, files):
            yield by_id.get(record.id), record


def _restates_problem(record: Source, sources: dict[str, Source], files: dict[str, str]) -> str | None:
    seen = {record.id}
    current = record
    while current.restates:
        if current.restates not in sources:
            return f"{current.restates!r} is not a source id in {_name(files['sources'])}"
        if current.restates in seen:
            return f"restatement loop through {current.restates!r}"
        seen.add(current.restates)
        current = sources[current.restates]
    return None


def _validate_node(item: Any, i: int, problems: list[Problem], files: dict[str, str]) -> Node | None:
    label = f"node #{i + 1}"
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        label = f"node {item['id']!r}"
    e = _Entry(item, files["nodes"], label, problems)
    if not isinstance(item, dict):
        e.problem(None, f"must be a mapping, not {_kind(item)}")
        return None
    e.only(
        (
            "id",
            "label",
            "kind",
            "synonyms",
            "xrefs",
            "subunits",
            "description",
            "id_note",
            "id_source",
            "category",
        )
    )
    nid = e.text("id", required=True, limit=200)
    if nid and not CURIE_RE.match(nid):
        e.problem("id", f"{nid!r} is not a CURIE (PREFIX:local, no spaces or |)")
    name = e.text("label", required=True, limit=200)
    kind = e.term("kind", NodeKind, required=True)
    synonyms = e.texts("synonyms")
    xrefs = e.texts("xrefs")
    subunits = e.texts("subunits")
    for field, curies in (("xrefs", xrefs), ("subunits", subunits)):
        for x in curies:
            if not CURIE_RE.match(x):
                e.problem(field, f"{x!r} is not a CURIE (PREFIX:local, no spaces or |)")
    description = e.text("description")
    id_note = e.text("id_note")
    id_source = e.text("id_source")
    category = e.text("category", limit=200)
    if category and not CURIE_RE.match(category):
        e.problem("category", f"{category!r} is not a CURIE (e.g. biolink:Gene)")
    if not e.ok:
        return None
    if category == kind.biolink_category:
        category = None  # the kind says it already: one spelling of each node
    return Node(
        id=nid,
        label=name,
        kind=kind,
        synonyms=synonyms,
        xrefs=xrefs,
        description=description,
        id_note=id_note,
        id_source=id_source,
        subunits=subunits,
        category=category,
    )


def _number(e: _Entry, data: dict, field: str, where: str) -> float | None:
    value = data.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        e.problem(f"{where}.{field}", f"must be a finite number, not {value!r}")
        return None
    return float(value)


def _validate_values(e: _Entry, raw: Any, where: str) -> tuple[Value, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        e.problem(where, f"must be a list of values, not {_kind(raw)}")
        return ()
    out = []
    for j, item in enumerate(raw):
        at = f"{where}[{j}]"
        if not isinstance(item, dict):
            e.problem(at, f"must be a mapping, not {_kind(item)}")
            continue
        allowed = ("parameter", "value", "low", "high", "unit", "qualifier", "context")
        for key in item:
            if key not in allowed:
                e.problem(f"{at}.{key}", f"unknown field; allowed: {', '.join(allowed)}")
        parameter = item.get("parameter")
        if not isinstance(parameter, str) or not parameter.strip():
            e.problem(f"{at}.parameter", "required text is missing")
            continue
        value = _number(e, item, "value", at)
        low = _number(e, item, "low", at)
        high = _number(e, item, "high", at)
        if value is None and (low is None or high is None):
            e.problem(at, "needs `value`, or both `low` and `high`")
            continue
        if value is None and low > high:
            e.problem(at, f"low {low:g} is greater than high {high:g}")
            continue
        unit = item.get("unit", "")
        if not isinstance(unit, str):
            e.problem(f"{at}.unit", f"must be text, not {unit!r}")
            continue
        qualifier = item.get("qualifier", "=")
        if qualifier not in QUALIFIERS:
            e.problem(f"{at}.qualifier", f"{qualifier!r} is not one of: {', '.join(QUALIFIERS)}")
            continue
        context = item.get("context")
        if context is not None and not isinstance(context, str):
            e.problem(f"{at}.context", f"must be text, not {context!r}")
            continue
        out.append(
            Value(
                parameter=parameter.strip(),
                unit=unit.strip(),
                value=value,
                low=low,
                high=high,
                qualifier=qualifier,
                context=context,
            )
        )
    return tuple(out)


def _validate_evidence(
    item: Any,
    e_edge: _Entry,
    j: int,
    sources: dict[str, Source],
    documents: _Documents,
    files: dict[str, str],
) -> Evidence | None:
    # An item read from its own row (a CSV evidence row) carries that row's origin.
    e = _Entry(item, e_edge.file, f"{e_edge.entry} evidence #{j + 1}", e_edge.problems, e_edge.line)
    if not isinstance(item, dict):
        e.problem(None, f"must be a mapping, not {_kind(item)}")
        return None
    e.only(
        (
            "type",
            "source",
            "text",
            "quote",
            "species",
            "assay",
            "values",
            "negated",
            "verification",
            "note",
            "directness",
            "relevance",
            "restates",
        )
    )
    etype = e.term("type", EvidenceType, required=True)
    sid = e.text("source", required=True, limit=64)
    source = sources.get(sid) if sid else None
    if sid and source is None and sources is not _UNUSABLE:
        e.problem("source", f"{sid!r} is not a source id in {_name(files['sources'])}")
    text = e.text("text", required=True)
    quote = e.flag("quote")
    if quote and text and source is not None and source.document:
        document = documents.squashed(source.document)
        if document is None:
            e.problem("source", f"document {source.document!r} is not in documents/")
        elif _squash(text) not in document:
            e.problem("text", f"is marked as a quote but does not occur in {source.document}")
    species = e.term("species", Species)
    assay = e.text("assay")
    values = _validate_values(e, item.get("values"), "values")
    negated = e.flag("negated")
    verification = e.term("verification", Verification)
    note = e.text("note")
    # One rule for computational predictions: their type is in_silico and their directness
    # prediction; neither without the other.
    default = Directness.PREDICTION if etype is EvidenceType.IN_SILICO else Directness.DIRECT
    directness = e.term("directness", Directness) or default
    if etype is EvidenceType.IN_SILICO and directness is not Directness.PREDICTION:
        e.problem("directness", "an in_silico item is a prediction: directness must be prediction")
    elif etype is not None and etype is not EvidenceType.IN_SILICO and directness is Directness.PREDICTION:
        e.problem("directness", "a computational prediction is typed in_silico, not " + etype.value)
    relevance = e.term("relevance", Relevance) or Relevance.FINDING
    restates = e.text("restates", limit=64)
    if restates and sources is not _UNUSABLE and restates not in sources:
        e.problem("restates", f"{restates!r} is not a source id in {_name(files['sources'])}")
    elif restates and restates == sid:
        e.problem("restates", "an item cannot restate its own source")
    if negated and relevance is Relevance.NO_FINDING:
        e.problem("relevance", "an item that makes no finding cannot contradict: drop negated")
    if not e.ok:
        return None
    return Evidence(
        type=etype,
        source=sid,
        text=text,
        quote=quote,
        species=species,
        assay=assay,
        values=values,
        negated=negated,
        verification=verification,
        note=note,
        directness=directness,
        relevance=relevance,
        restates=restates,
    )


def _name(file: str) -> str:
    """A part's file as a message names it: without the folder or archive it came in."""
    return file.rsplit("/", 1)[-1]


def _located(item: Any, file: str, entry: str, field: str | None, message: str) -> Problem:
    """A problem at the origin ``item`` carries (see :class:`_Entry`), else in ``file``."""
    origin_entry = getattr(item, "entry", None)
    return Problem(
        file=getattr(item, "file", None) or file,
        line=getattr(item, "line", None),
        entry=f"{origin_entry}: {entry}" if origin_entry else entry,
        field=field,
        message=message,
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def _validate_edge(
    item: Any,
    i: int,
    nodes: dict[str, Node],
    node_ids_seen: set[str],
    sources: dict[str, Source],
    documents: _Documents,
    problems: list[Problem],
    files: dict[str, str],
    aliases: dict[str, str] | None = None,
) -> Edge | None:
    label = f"edge #{i + 1}"
    if isinstance(item, dict):
        s, p, o = item.get("subject"), item.get("predicate"), item.get("object")
        if all(isinstance(x, str) for x in (s, p, o)):
            label = f"edge #{i + 1} ({s} -{p}-> {o})"
    e = _Entry(item, files["edges"], label, problems)
    if not isinstance(item, dict):
        e.problem(None, f"must be a mapping, not {_kind(item)}")
        return None
    e.only(("subject", "predicate", "object", "evidence"))
    subject = e.text("subject", required=True, limit=200)
    obj = e.text("object", required=True, limit=200)
    # An old id kept as a node's xref (KRATOM:paynantheine) names that node.
    if aliases:
        subject = aliases.get(subject, subject) if subject not in nodes else subject
        obj = aliases.get(obj, obj) if obj not in nodes else obj
    for field, nid in (("subject", subject), ("object", obj)):
        # A node that exists but failed validation was already reported; say nothing more.
        if nid and nid not in nodes and nid not in node_ids_seen and nodes is not _UNUSABLE:
            e.problem(field, f"{nid!r} is not a node id in {_name(files['nodes'])}")
    if subject and subject == obj:
        e.problem("object", "an edge cannot point from a node to itself")
    predicate = e.term("predicate", Predicate, required=True)
    raw_evidence = item.get("evidence")
    evidence: list[Evidence] = []
    if raw_evidence is None or raw_evidence == []:
        e.problem("evidence", "every edge needs at least one evidence item")
    elif not isinstance(raw_evidence, list):
        e.problem("evidence", f"must be a list of evidence items, not {_kind(raw_evidence)}")
    else:
        for j, ev in enumerate(raw_evidence):
            record = _validate_evidence(ev, e, j, sources, documents, files)
            if record is None:
                e.ok = False
            else:
                evidence.append(record)
    if not e.ok:
        return None
    return Edge(subject=subject, predicate=predicate, object=obj, evidence=tuple(evidence))


# The typed path ------------------------------------------------------------------------
#
# Most entries of a big dataset are clean. They are decoded in one C call per part
# (msgspec, into the record types of graph.model: the records' own annotations say each
# field's type and vocabulary, and unknown fields are rejected), then checked here for what
# a type cannot say (trimmed text, limits, identifier forms, references, the rules between
# fields). An entry this path does not accept as it stands, for any reason, goes through
# the field-by-field validator above, which either makes the same record (it also trims
# text, turns numbers into text, fills defaults) or reports located problems. So the
# records and the messages are the field-by-field validator's; this path only skips work.


def _decoded(items: list, record_type: type[Record]) -> list:
    """Each item as a ``record_type``, or None where typed decoding rejects it."""
    try:
        return msgspec.convert(items, list[record_type])
    except (msgspec.ValidationError, TypeError, ValueError):
        pass
    out = []
    for item in items:
        try:
            out.append(msgspec.convert(item, record_type))
        except (msgspec.ValidationError, TypeError, ValueError):
            out.append(None)
    return out


def _clean(value: str, limit: int = MAX_TEXT) -> bool:
    """Text the field reader would keep as it is: non-empty, trimmed, within ``limit``, no NUL."""
    return 0 < len(value) <= limit and value == value.strip() and "\x00" not in value


def _clean_optional(value: str | None, limit: int = MAX_TEXT) -> bool:
    return value is None or (0 < len(value) <= limit and value == value.strip() and "\x00" not in value)


def _trimmed(values: tuple[str, ...]) -> bool:
    return all(v and v == v.strip() for v in values)


def _source_ok(s: Source) -> bool:
    if not (_clean(s.id) and SOURCE_ID_RE.match(s.id) and _clean(s.citation)):
        return False
    for field, pattern in (("pmid", PMID_RE), ("pmcid", PMCID_RE), ("doi", DOI_RE), ("fr", FR_RE)):
        value = getattr(s, field)
        if value is not None and not (_clean(value) and pattern.match(value)):
            return False
    if s.url is not None and not (_clean(s.url) and s.url.startswith(("https://", "http://"))):
        return False
    if not (_clean_optional(s.document) and _clean_optional(s.note) and _clean_optional(s.restates, 64)):
        return False
    return s.restates != s.id and any((s.pmid, s.pmcid, s.doi, s.fr, s.url, s.document))


def _node_ok(n: Node) -> bool:
    if not (_clean(n.id, 200) and CURIE_RE.match(n.id) and _clean(n.label, 200)):
        return False
    for curies in (n.xrefs, n.subunits):
        if curies and not (_trimmed(curies) and all(CURIE_RE.match(x) for x in curies)):
            return False
    if n.synonyms and not _trimmed(n.synonyms):
        return False
    if not (_clean_optional(n.description) and _clean_optional(n.id_note) and _clean_optional(n.id_source)):
        return False
    category = n.category
    # A category the kind implies is dropped by the field reader: leave that to it.
    return category is None or (
        _clean(category, 200) and CURIE_RE.match(category) is not None and category != n.kind.biolink_category
    )


def _values_ok(values: tuple[Value, ...]) -> bool:
    for v in values:
        p = v.parameter
        if not p or p != p.strip() or v.unit != v.unit.strip() or v.qualifier not in QUALIFIERS:
            return False
        for x in (v.value, v.low, v.high):
            if x is not None and (type(x) is not float or not math.isfinite(x)):
                return False
        if v.value is None and (v.low is None or v.high is None or v.low > v.high):
            return False
    return True


_force_setattr = msgspec.structs.force_setattr
_IN_SILICO, _NO_FINDING = EvidenceType.IN_SILICO, Relevance.NO_FINDING
_DIRECT, _PREDICTION = Directness.DIRECT, Directness.PREDICTION


def _fast_edge(
    edge: Edge,
    stated: list | None,
    nodes: dict[str, Node],
    sources: dict[str, Source],
    documents: _Documents,
) -> Edge | None:
    """The edge the field-by-field validator would make of its entry, or None to leave it to it.

    ``stated`` is the entry's list of evidence mappings (``"directness" in stated[j]``
    says whether item ``j`` gives its directness), or None for records decoded without
    them, whose in_silico items already hold their default directness (see
    :func:`validate_records`). Node ids in ``nodes`` and source ids in ``sources`` were
    validated already (trimmed, within their limits, of their form), so an endpoint or a
    source found there is clean. This loop runs once per evidence item of a big dataset:
    its checks are written out.
    """
    s, o = edge.subject, edge.object
    # Endpoints must be node ids as given (an xref standing for a node is the field reader's).
    ns, no = nodes.get(s), nodes.get(o)
    if ns is None or no is None or s == o or not edge.evidence:
        return None
    # The nodes' own id objects, and the register's own source ids below: one copy of each
    # id in memory, not one per edge or item (set on a record still being made, as a
    # __post_init__ would).
    if s is not ns.id:
        _force_setattr(edge, "subject", ns.id)
    if o is not no.id:
        _force_setattr(edge, "object", no.id)
    any_sources = sources is not _UNUSABLE
    source_of = sources.get
    predicted = None
    for j, ev in enumerate(edge.evidence):
        sid = ev.source
        source = source_of(sid)
        if source is None:
            if any_sources or not _clean(sid, 64):
                return None
        elif sid is not source.id:
            _force_setattr(ev, "source", source.id)
        t = ev.text
        if not (0 < len(t) <= MAX_TEXT and t == t.strip() and "\x00" not in t):
            return None
        if ev.quote and (source is None or source.document):
            # A quote of a document must occur in it (whitespace squashed), as the field
            # reader checks; an unknown source or a document not given is its to report.
            document = documents.squashed(source.document) if source is not None else None
            if document is None or _squash(t) not in document:
                return None
        a = ev.assay  # _clean(a), written out
        if a is not None and not (0 < len(a) <= MAX_TEXT and a == a.strip() and "\x00" not in a):
            return None
        a = ev.note
        if a is not None and not (0 < len(a) <= MAX_TEXT and a == a.strip() and "\x00" not in a):
            return None
        if ev.values and not _values_ok(ev.values):
            return None
        if ev.type is _IN_SILICO:
            # A prediction's directness defaults to prediction, which the record's type
            # cannot say: the decoded default (direct) stands for "not given" only.
            if ev.directness is not _PREDICTION:
                if ev.directness is not _DIRECT or stated is None or "directness" in stated[j]:
                    return None
                predicted = predicted or []
                predicted.append(j)
        elif ev.directness is _PREDICTION:
            return None
        if ev.negated and ev.relevance is _NO_FINDING:
            return None
        r = ev.restates
        if r is not None and (r == sid or (r not in sources if any_sources else not _clean(r, 64))):
            return None
    if predicted:
        evidence = list(edge.evidence)
        for j in predicted:
            evidence[j] = msgspec.structs.replace(evidence[j], directness=_PREDICTION)
        edge = msgspec.structs.replace(edge, evidence=tuple(evidence))
    return edge


def validate_raw(
    raw: dict[str, Any],
    documents: dict[str, str] | None = None,
    problems: list[Problem] | None = None,
    *,
    files: Mapping[str, str] | None = None,
    typed: bool = True,
) -> Dataset:
    """Validate parsed files (``{"dataset": ..., "sources": [...], "nodes": [...], "edges": [...]}``).

    Raise :class:`DatasetError` with every problem, including those passed in. A problem
    names the file and line its entry carries (a :class:`graph.load.LineDict` read from
    any format), else the file ``files`` names for its part (default ``nodes.yaml`` and
    so on); messages that refer to another part name that part's file.

    ``typed`` (default) decodes clean entries in bulk (see "The typed path" above) and
    reads only the others field by field; ``typed=False`` reads every entry field by field.
    Both give the same dataset and the same problems.

    >>> validate_raw({"dataset": {"name": "x", "version": "1"}, "nodes": [{"id": "X:1"}]})
    Traceback (most recent call last):
    ...
    graph.errors.DatasetError: 2 problems found:
      nodes.yaml: node 'X:1': label: required field is missing
      nodes.yaml: node 'X:1': kind: required field is missing; one of: plant, alkaloid, metabolite, receptor, enzyme, other_target, drug, effect, adverse_effect, other
    """
    names = {part: f"{part}.yaml" for part in PARTS} | dict(files or {})
    with gc_paused():
        return _validate_raw(raw, documents or {}, list(problems or []), names, typed)


def _validate_raw(
    raw: dict[str, Any],
    documents: dict[str, str],
    problems: list[Problem],
    files: dict[str, str],
    typed: bool,
) -> Dataset:
    meta = raw.get("dataset")
    e = _Entry(meta, files["dataset"], "dataset", problems)
    if "dataset" in raw and not isinstance(meta, dict):
        e.problem(None, f"must be a mapping, not {_kind(meta)}")
    e.only(("name", "version", "description"))
    name = e.text("name", required="dataset" in raw) or "Untitled dataset"
    version = e.text("version", required="dataset" in raw) or "0"
    description = e.text("description")

    sources: dict[str, Source] = {}
    raw_sources = _entries(raw.get("sources"), files["sources"], problems)
    typed_sources = _decoded(raw_sources, Source) if typed else [None] * len(raw_sources)
    for i, item in enumerate(raw_sources):
        record = typed_sources[i]
        if record is None or not _source_ok(record):
            record = _validate_source(item, i, problems, files)
        if record is None:
            continue
        if record.id in sources:
            problems.append(
                _located(item, files["sources"], f"source {record.id!r}", "id", "duplicate source id")
            )
            continue
        if record.document and record.document not in documents:
            problems.append(
                _located(
                    item,
                    files["sources"],
                    f"source {record.id!r}",
                    "document",
                    f"{record.document!r} is not in documents/",
                )
            )
        sources[record.id] = record
    for item, record in _restating(raw.get("sources"), sources, files):
        problems.append(
            _located(
                item,
                files["sources"],
                f"source {record.id!r}",
                "restates",
                _restates_problem(record, sources, files),
            )
        )

    raw_nodes = _entries(raw.get("nodes"), files["nodes"], problems)
    raw_edges = _entries(raw.get("edges"), files["edges"], problems)
    if len(raw_nodes) > MAX_NODES:
        problems.append(
            Problem(file=files["nodes"], message=f"{len(raw_nodes):,} nodes; the limit is {MAX_NODES:,}")
        )
        raw_nodes = []
    if len(raw_edges) > MAX_EDGES:
        problems.append(
            Problem(file=files["edges"], message=f"{len(raw_edges):,} edges; the limit is {MAX_EDGES:,}")
        )
        raw_edges = []

    nodes: dict[str, Node] = {}
    node_ids_seen: set[str] = set()
    typed_nodes = _decoded(raw_nodes, Node) if typed else [None] * len(raw_nodes)
    for i, item in enumerate(raw_nodes):
        record = typed_nodes[i]
        if record is not None and _node_ok(record):
            node_ids_seen.add(record.id)
        else:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                node_ids_seen.add(item["id"].strip())
            record = _validate_node(item, i, problems, files)
        if record is None:
            continue
        if record.id in nodes:
            problems.append(_located(item, files["nodes"], f"node {record.id!r}", "id", "duplicate node id"))
            continue
        nodes[record.id] = record

    if not isinstance(raw.get("nodes"), list):
        nodes = _UNUSABLE
    if not isinstance(raw.get("sources"), list):
        sources = _UNUSABLE
    edges: dict[str, Edge] = {}
    squashed = _Documents(documents)
    aliases = node_aliases(nodes.values()) if nodes is not _UNUSABLE else {}
    typed_edges = _decoded(raw_edges, Edge) if typed else [None] * len(raw_edges)
    for i, item in enumerate(raw_edges):
        record = typed_edges[i]
        if record is not None:
            record = _fast_edge(record, item["evidence"], nodes, sources, squashed)
        if record is None:
            record = _validate_edge(
                item, i, nodes, node_ids_seen, sources, squashed, problems, files, aliases
            )
        if record is None:
            continue
        key = f"{record.subject}|{_PREDICATE_VALUE[record.predicate]}|{record.object}"  # record.key
        if key in edges:
            problems.append(
                _located(
                    item,
                    files["edges"],
                    f"edge #{i + 1}",
                    None,
                    message=f"duplicate edge {record.key}: add its evidence to the first entry instead",
                )
            )
            continue
        edges[key] = record

    if problems:
        raise DatasetError(problems)
    return _dataset(name, version, description, sources.values(), nodes.values(), edges, documents)


def _dataset(name, version, description, sources, nodes, edges: dict[str, Edge], documents: dict) -> Dataset:
    """The validated dataset, with its edges' keys (``edges``: key -> edge) already known."""
    dataset = Dataset(
        name=name,
        version=version,
        description=description,
        sources=tuple(sources),
        nodes=tuple(nodes),
        edges=tuple(edges.values()),
        documents=tuple(sorted(documents.items())),
    )
    dataset.__dict__["edge_keys"] = tuple(edges)  # the cached property, filled: see Dataset.edge_keys
    return dataset


def validate_records(
    meta: Mapping[str, Any],
    sources: list[Source],
    nodes: list[Node],
    edges: list[Edge],
    documents: dict[str, str],
) -> Dataset | None:
    """The dataset :func:`validate_raw` makes of clean entries, from records decoded without mappings.

    A reader that decodes a whole file straight into records (see
    :mod:`graph.formats.typed`) hands them here: each is checked as the typed path checks
    it (``_source_ok``, ``_node_ok``, ``_fast_edge``, duplicates, references, limits).
    In_silico items must already hold their default directness (prediction) where their
    entry gives none. Returns None as soon as any entry is one the typed path would leave
    to the field reader, or a problem would be reported: the caller then reads the file
    the general way, whose :func:`validate_raw` reports every problem where it is.
    """
    with gc_paused():
        return _validate_records(meta, sources, nodes, edges, documents)


def _validate_records(
    meta: Mapping[str, Any],
    sources: list[Source],
    nodes: list[Node],
    edges: list[Edge],
    documents: dict[str, str],
) -> Dataset | None:
    problems: list[Problem] = []
    e = _Entry(dict(meta), "dataset", "dataset", problems)
    e.only(("name", "version", "description"))
    name = e.text("name", required=True)
    version = e.text("version", required=True)
    description = e.text("description")
    if problems or len(nodes) > MAX_NODES or len(edges) > MAX_EDGES:
        return None
    register: dict[str, Source] = {}
    for record in sources:
        if not _source_ok(record) or record.id in register:
            return None
        if record.document and record.document not in documents:
            return None
        register[record.id] = record
    files = {part: part for part in PARTS}
    if any(r.restates and _restates_problem(r, register, files) for r in register.values()):
        return None
    by_id: dict[str, Node] = {}
    for record in nodes:
        if not _node_ok(record) or record.id in by_id:
            return None
        by_id[record.id] = record
    squashed = _Documents(documents)
    out: dict[str, Edge] = {}
    for record in edges:
        record = _fast_edge(record, None, by_id, register, squashed)
        if record is None:
            return None
        key = f"{record.subject}|{_PREDICATE_VALUE[record.predicate]}|{record.object}"
        if key in out:
            return None
        out[key] = record
    return _dataset(name, version, description, register.values(), by_id.values(), out, documents)


_PREDICATE_VALUE = {p: p.value for p in Predicate}  # Enum.value is a Python-level property
