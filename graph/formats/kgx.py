"""KGX (Biolink): the lenient reader of JSON Lines, TSV and KGX JSON, and the writer of JSON Lines and TSV zips.

Reading: real-world Biolink files into the project model.

Real KGX files are messy, and this reader takes them as they come: a node repeated on
several rows is merged (categories, synonyms and cross-references unioned); multi-valued
``|`` fields and JSON lists are both read; ``name`` may be missing (the id stands in).
Categories and predicates map with :mod:`graph.formats.biolink` (by Biolink ancestry;
kind ``other`` and predicate ``related_to`` when nothing nearer fits). Rows that state
the same (subject, predicate, object) become one edge with several evidence items. Only
a node without an id and an edge without subject or object are errors; everything else
imports with a warning of a kind listed in :mod:`graph.formats.report`. An edge whose
subject or object has no node row is left out (counted and located): a node with no row
has no name or category, and the importer does not make one up.

Evidence: an edge written by our own exporter carries its nested evidence
(``kme_evidence``) and is read losslessly. Any other edge gets evidence of type
``database`` (provenance from a knowledge graph, no sentence): one item per publication
(``PMID:``, ``doi:``, ``PMCID:``; other CURIEs link to their Bioregistry resolver), or,
without publications, one item per knowledge source (``primary_knowledge_source``,
``original_knowledge_source``, ``aggregator_knowledge_source``, ``knowledge_source``,
``provided_by``, ``supporting_data_source``). Its text is our own summary of the row
(``Imported from edges.tsv line 3: ...``); its source is marked ``secondary`` (we read
the database, not the paper). Provenance that is not a CURIE (``STRING``, ``biogrid``)
is kept as given, and an edge with none cites the imported file: both become sources
whose ``document`` is that file, with a short text saying what the file named.

Writing: nodes carry a Biolink ``category``; edges a Biolink ``predicate`` with its qualifiers
(:attr:`graph.vocab.Predicate.biolink`), ``knowledge_level`` (from the best evidence),
``agent_type`` (``manual_agent``: curated by people), ``primary_knowledge_source`` and
``publications`` as CURIEs (``PMID:``, ``doi:``, ``PMCID:``). Standard KGX consumers read
those columns; the reader here also reads three extra properties that make the
JSON Lines export lossless: ``kme_kind`` on nodes (a Biolink category is coarser than a
node kind), ``kme_evidence`` (the nested evidence items, as in ``edges.yaml``) and
``kme_sources`` on edges: the full record of each source the edge cites, on every row that
cites it, so that each row stands alone (a subset of rows, as ``extract`` or a row filter
makes, still carries its sources). ``metadata.json`` holds the dataset's name, version,
description and source register.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.errors import Problem
from graph.formats import node_link, typed
from graph.formats.biolink import (
    PROVENANCE,
    QUALIFIER_NAMES,
    QUALIFIER_SLOTS,
    biolink_edge,
    kind_for_categories,
    map_predicate,
)
from graph.formats.files import data_suffix, fail, file_role, pair_name, where, zip_texts
from graph.formats.limits import DEFAULT_LIMITS, Limits, check_json_depth, decode_shaped, is_text, without_bom
from graph.formats.located import Origin, RawDataset
from graph.formats.records import dataset_record, evidence_record, exported, source_record
from graph.formats.report import Imported, ImportReport, is_warning
from graph.formats.tabular import read_table
from graph.identifiers import declared_prefixes, kgx_node_identifiers
from graph.query import Selection
from graph.validate import CURIE_RE, DOI_RE, MAX_TEXT, PMCID_RE, PMID_RE
from graph.vocab import EvidenceType

csv.field_size_limit(20 * 1024 * 1024)  # a cell may hold a whole evidence list (kme_evidence)

MULTIVALUED = {
    "category",
    "synonym",
    "synonyms",
    "xref",
    "xrefs",
    "kme_subunits",
    "provided_by",
    "publications",
    "knowledge_source",
    "primary_knowledge_source",
    "original_knowledge_source",
    "aggregator_knowledge_source",
    "supporting_data_source",
}
JSON_COLUMNS = {"kme_evidence", "kme_sources"}
_TRUE = {"true", "True", "TRUE", "1", "yes", "t", "T"}


# Qualifier slots in the order they are read (a record names few of them, if any).
_QUALIFIER_ORDER = {name: i for i, name in enumerate(QUALIFIER_NAMES)}


class Records(list):
    """``[(record, Origin), ...]`` parsed from one file."""


def parse_jsonl(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Records, list[Problem]]:
    """One JSON object per line; blank lines skipped; every bad line reported with its number."""
    out, problems = Records(), []
    lines = text.split("\n")
    max_depth = limits.max_json_depth
    for number, line in enumerate(lines, 1):
        if not line or line.isspace():  # blank (isspace stops at a row's first character)
            continue
        record = decode_shaped(line, "row", limits)
        if record is not None:
            out.append((record, Origin(file, number)))
            continue
        # A line with no more brackets than the limit cannot nest deeper than it.
        if line.count("{") + line.count("[") > max_depth:
            deep = check_json_depth(line, file, limits, line=number)
            if deep:
                problems += deep
                continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            last = number == len(lines) or (number == len(lines) - 1 and not lines[-1])
            hint = " (the file ends here: truncated?)" if last and not text.endswith("\n") else ""
            problems.append(
                Problem(file=file, line=number, message=f"not JSON: {exc.msg} at column {exc.colno}{hint}")
            )
            continue
        except RecursionError:
            problems.append(Problem(file=file, line=number, message="JSON nested too deeply"))
            continue
        if not isinstance(record, dict):
            problems.append(
                Problem(
                    file=file,
                    line=number,
                    message=f"each line must be a JSON object, not {type(record).__name__}",
                )
            )
            continue
        out.append((record, Origin(file, number)))
    return out, problems


def parse_tsv(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Records, list[Problem]]:
    """KGX TSV: a header row; ``|`` joins list values; JSON cells for our own nested columns."""
    out = Records()
    header, table_rows, problems = read_table(text, file, delimiter="\t", kind="TSV")
    if header is None:
        return out, problems
    dupes = sorted(h for h, n in Counter(header).items() if n > 1)
    if dupes:
        return out, [
            Problem(file=file, line=1, field=", ".join(dupes), message="column named twice in the header")
        ]
    for row, start in table_rows:
        record: dict[str, Any] = {}
        for col, cell in zip(header, row, strict=True):
            cell = cell.strip()
            if cell == "":
                continue
            if col in JSON_COLUMNS:
                deep = check_json_depth(cell, file, limits, line=start)
                if deep:
                    problems += deep
                    continue
                try:
                    record[col] = json.loads(cell)
                except json.JSONDecodeError as exc:
                    problems.append(Problem(file=file, line=start, field=col, message=f"not JSON: {exc.msg}"))
            elif col in MULTIVALUED:
                record[col] = [v.strip() for v in cell.split("|") if v.strip()]
            else:
                record[col] = cell
        out.append((record, Origin(file, start)))
    return out, problems


def parse_kgx_json(data: Any, file: str) -> tuple[Records, Records, list[Problem]]:
    """KGX JSON: one object ``{"nodes": [...], "edges": [...]}`` (already parsed, depth-checked)."""
    nodes, edges, problems = Records(), Records(), []
    for key, out in (("nodes", nodes), ("edges", edges)):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(file=file, field=key, message=f"must be a list, not {type(items).__name__}")
            )
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                problems.append(Problem(file=file, entry=f"{key}[{i}]", message="must be an object"))
                continue
            out.append((item, Origin(file, None, f"{key}[{i}]")))
    return nodes, edges, problems


def _values(value: Any) -> list[str]:
    """A KGX field as a list of non-empty strings (lists, ``|``-joined text, or one value)."""
    if value is None:
        return []
    if isinstance(value, list):
        items = value
    elif isinstance(value, str):
        items = value.split("|")
    else:
        items = [value]
    out = []
    for v in items:
        if isinstance(v, str):
            v = v.strip()
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v).strip()
        else:
            continue
        if v:
            out.append(v)
    return out


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _problem(
    origin: Origin, message: str, field: str | None = None, entry: str | None = None, code: str | None = None
) -> Problem:
    return Problem(
        file=origin.file,
        line=origin.line,
        entry=entry or origin.entry,
        field=field,
        message=message,
        code=code,
    )


_NODE_LISTS = (
    ("category", "category"),
    ("synonym", "synonyms"),
    ("xref", "xrefs"),
    ("kme_subunits", "kme_subunits"),
)
_NODE_TEXTS = ("description", "kme_kind", "kind", "kme_id_note", "kme_id_source")


def _merge_node(merged: dict, record: dict, origin: Origin, warnings: list[Problem]) -> None:
    for key, alias in _NODE_LISTS:
        target = merged.setdefault(key, [])
        value = record[key] if key in record else record.get(alias)
        if value is None:
            continue
        for v in _values(value):
            if v not in target:
                target.append(v)
    name = _first(record.get("name"))
    if isinstance(name, str) and name.strip():
        name = name.strip()
        if merged["name"] is None:
            merged["name"] = name
        elif name != merged["name"] and name not in merged["synonym"]:
            # A second name for the same id is a synonym, not a conflict to drop.
            merged["synonym"].append(name)
            warnings.append(
                _problem(
                    origin,
                    f"repeated node row names it {name!r}; kept as a synonym of {merged['name']!r}",
                    "name",
                    f"node {merged['id']!r}",
                    "node_conflict",
                )
            )
    for key in _NODE_TEXTS:
        if key not in record:
            continue
        value = _first(record[key])
        if not isinstance(value, str) or not value.strip():
            continue
        if merged.get(key) is None:
            merged[key] = value.strip()
        elif merged[key] != value.strip():
            warnings.append(
                _problem(
                    origin,
                    f"repeated node row gives another {key}; the first one is kept",
                    key,
                    f"node {merged['id']!r}",
                    "node_conflict",
                )
            )


def _node_record(merged: dict, origin: Origin, warnings: list[Problem]) -> dict:
    nid = merged["id"]
    hinted = merged.get("kme_kind") or merged.get("kind")
    category = None
    if hinted:
        kind = hinted  # validate_raw reports a term that is not a node kind, listing the valid ones
        if hinted == "other" and merged["category"]:
            category = merged["category"][0]
    else:
        found = kind_for_categories(merged["category"])
        if found is None:
            warnings.append(
                _problem(
                    origin, "no category given: kind `other`", "category", f"node {nid!r}", "no_category"
                )
            )
            kind = "other"
        else:
            kind = found[0].value
            if kind == "other":
                category = found[1]
                warnings.append(
                    _problem(
                        origin,
                        f"{'|'.join(merged['category'])!r} maps to no project node kind: kind `other`, "
                        f"category {category}",
                        "category",
                        f"node {nid!r}",
                        "category_other",
                    )
                )
    xrefs = []
    subunits = [x for x in merged.get("kme_subunits", []) if CURIE_RE.match(x)]
    for x in merged["xref"]:
        if x in subunits:
            continue  # a complex's parts are written in `xref` too; they are not its cross-references
        if CURIE_RE.match(x):
            xrefs.append(x)
        else:
            warnings.append(
                _problem(
                    origin,
                    f"{x!r} is not a CURIE; left out of the cross-references",
                    "xref",
                    f"node {nid!r}",
                    "xref_not_curie",
                )
            )
    record = {
        "id": nid,
        "label": merged["name"] or nid,
        "kind": kind,
        "category": category,
        "synonyms": merged["synonym"] or None,
        "xrefs": xrefs or None,
        "subunits": subunits or None,
        "description": merged.get("description"),
        "id_note": merged.get("kme_id_note"),
        "id_source": merged.get("kme_id_source"),
    }
    return {k: v for k, v in record.items() if v is not None}


def _source_id(curie: str) -> str:
    """A source id (letters, digits, ``_ . : -``, at most 64) for a CURIE, stable and unique."""
    clean = re.sub(r"[^A-Za-z0-9_.:-]", "_", curie)
    if clean == curie and len(clean) <= 64:
        return clean
    return f"{clean[:47]}-{hashlib.sha256(curie.encode()).hexdigest()[:16]}"


def _publication_source(curie: str, cited_by: str) -> dict | None:
    prefix, _, local = curie.partition(":")
    record: dict[str, Any] = {
        "id": _source_id(curie),
        "citation": f"{curie} (cited by {cited_by})",
        "verification": "secondary",
    }
    p = prefix.upper()
    if p == "PMID" and PMID_RE.match(local):
        record["pmid"] = local
    elif p in ("PMCID", "PMC") and PMCID_RE.match(local if local.startswith("PMC") else f"PMC{local}"):
        record["pmcid"] = local if local.startswith("PMC") else f"PMC{local}"
    elif p == "DOI" and DOI_RE.match(local):
        record["doi"] = local
    elif p in ("PMID", "PMCID", "PMC", "DOI"):
        return None
    elif curie.startswith(("https://", "http://")):
        record["url"] = curie
    elif not CURIE_RE.match(curie):
        return None
    else:
        record["url"] = f"https://bioregistry.io/{curie}"
        record["note"] = (
            "Link is the Bioregistry resolver of the CURIE the imported file gives; not checked at import."
        )
    return record


def _knowledge_source(curie: str) -> dict:
    return {
        "id": _source_id(curie),
        "citation": f"Knowledge source {curie}",
        "url": f"https://bioregistry.io/{curie}",
        "verification": "secondary",
        "note": "Named by the imported file as the edge's knowledge source; the link is the Bioregistry "
        "resolver of that CURIE, not checked at import.",
    }


def _summary(record: dict, origin: Origin, quals: dict[str, str], stated: str) -> str:
    """The evidence text of an imported row; ``stated`` is its predicate as the file gives it
    (``edge_label`` of a KGX 1.x row, or a note that it gives none)."""
    # The file's own name, not the folder or zip it came in: the same row gives the same text.
    name = origin.file.rsplit("/", 1)[-1]
    where = f"{name} line {origin.line}" if origin.line else f"{name} {origin.entry}"
    # The ends as the file names them: a network without evidence (graph.formats.generic)
    # names them by its own ids, passed as a tuple (a file's JSON or TSV cannot make one).
    ends = record.get("kme_ends")
    subject, obj = ends if isinstance(ends, tuple) else (record.get("subject"), record.get("object"))
    parts = [f"Imported from {where}: {subject} {stated} {obj}"]
    if quals:
        parts.append("qualifiers: " + ", ".join(f"{k}={v}" for k, v in sorted(quals.items())))
    listed = record.get("kme_attributes")  # a graph without evidence (graph.formats.generic)
    if isinstance(listed, str) and listed:
        parts.append(f"attributes given by the file: {listed}")
    for key in ("knowledge_level", "agent_type"):
        value = _first(record.get(key))
        if isinstance(value, str) and value.strip():
            parts.append(f"{key}: {value.strip()}")
    ks = [v for key in PROVENANCE for v in _values(record.get(key))]
    if ks:
        parts.append("knowledge source: " + ", ".join(dict.fromkeys(ks)))
    for key in ("supporting_text", "sentences"):
        texts = _values(record.get(key))
        if texts:
            parts.append("supporting text given by the file: " + " / ".join(texts))
    text = "; ".join(parts) + "."
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _as_given_source(value: str, file_name: str, what: str) -> dict:
    """A source for provenance with no resolvable identifier: cited as the file names it."""
    return {
        "id": _source_id(f"{what}:{value}" if what != "file" else f"file:{file_name}"),
        "citation": f"{value} ({what} as named by the imported file {file_name})"
        if what != "file"
        else f"The imported file {file_name} (it names no publication or knowledge source)",
        "document": file_name,
        "verification": "secondary",
        "note": "Kept as the imported file gives it; not a CURIE, so there is no link to check.",
    }


def kgx_raw(
    nodes: Records,
    edges: Records,
    metadata: dict | None = None,
    meta_file: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    default_name: str = "Imported KGX graph",
) -> RawDataset:
    """YAML-shaped mappings (with origins) for KGX node and edge records.

    Warnings go into ``raw.problems`` with their code (see :mod:`graph.formats.report`);
    ``raw.counts`` holds the rows read and the edge rows imported.
    """
    raw = RawDataset()
    warnings = raw.problems
    raw.counts = {"nodes_read": len(nodes), "edges_read": len(edges), "edges": 0}
    metadata = metadata if isinstance(metadata, dict) else {}
    raw.dataset = {k: metadata[k] for k in ("name", "version", "description") if k in metadata}
    raw.dataset.setdefault("name", default_name)
    raw.dataset.setdefault("version", "imported")
    if meta_file:
        raw.dataset_origin = Origin(meta_file)
    sources: dict[str, int] = {}
    if len(nodes) > limits.max_nodes:
        raw.problems.append(
            Problem(
                file=nodes[0][1].file, message=f"{len(nodes):,} node rows; the limit is {limits.max_nodes:,}"
            )
        )
        return raw
    if len(edges) > limits.max_edges:
        raw.problems.append(
            Problem(
                file=edges[0][1].file, message=f"{len(edges):,} edge rows; the limit is {limits.max_edges:,}"
            )
        )
        return raw

    def add_source(record: dict, origin: Origin) -> None:
        sid = record.get("id")
        if isinstance(sid, str) and sid in sources:
            return
        sources[sid] = raw.add("sources", record, origin)

    for i, s in enumerate(metadata["sources"] if isinstance(metadata.get("sources"), list) else []):
        add_source(
            s if isinstance(s, dict) else {"id": None},
            Origin(meta_file or "metadata.json", None, f"sources[{i}]"),
        )

    # Nodes: merge repeated rows by id, keep first-seen order and the first row's origin.
    merged: dict[str, tuple[dict, Origin]] = {}
    for record, origin in nodes:
        nid = _first(record.get("id"))
        if not isinstance(nid, str) or not nid.strip():
            raw.problems.append(_problem(origin, "required field is missing", "id"))
            continue
        nid = nid.strip()
        if nid not in merged:
            merged[nid] = ({"id": nid, "name": None, "category": [], "synonym": [], "xref": []}, origin)
        else:
            first = merged[nid][1]
            warnings.append(
                _problem(
                    origin,
                    f"repeats the node of {first.file.rsplit('/', 1)[-1]}"
                    + (f" line {first.line}" if first.line else f" {first.entry}")
                    + ": merged",
                    "id",
                    f"node {nid!r}",
                    "node_repeated",
                )
            )
        _merge_node(merged[nid][0], record, origin, warnings)
    for node, origin in merged.values():
        raw.add("nodes", _node_record(node, origin, warnings), origin)

    # Edges: one project edge per mapped triple; each row adds evidence to it.
    edge_index: dict[tuple[str, str, str], int] = {}

    def edge_at(key: tuple[str, str, str], origin: Origin) -> int:
        i = edge_index.get(key)
        if i is None:
            i = edge_index[key] = raw.add(
                "edges", {"subject": key[0], "predicate": key[1], "object": key[2], "evidence": []}, origin
            )
        return i

    named_as_given: dict[str, list[str]] = {}  # file name -> provenance it names without an identifier
    # A file states few distinct (predicate, qualifiers) pairs over many rows.
    mapped_for: dict[tuple, Any] = {}
    for record, origin in edges:
        get = record.get
        subject, obj, predicate = _first(get("subject")), _first(get("object")), _first(get("predicate"))
        rid = _first(get("id"))
        entry = f"edge {rid!r}" if isinstance(rid, str) else None
        missing = [
            k for k, v in (("subject", subject), ("object", obj)) if not isinstance(v, str) or not v.strip()
        ]
        if missing:
            for k in missing:
                raw.problems.append(_problem(origin, "required field is missing", k, entry))
            continue
        subject, obj = subject.strip(), obj.strip()
        if subject not in merged or obj not in merged:
            absent = [k for k, v in (("subject", subject), ("object", obj)) if v not in merged]
            warnings.append(
                _problem(
                    origin,
                    " and ".join(
                        f"{k} {v!r}" for k, v in (("subject", subject), ("object", obj)) if k in absent
                    )
                    + " is not a node of the file: edge left out",
                    absent[0],
                    entry,
                    "endpoint_missing",
                )
            )
            continue
        if subject == obj:
            warnings.append(
                _problem(origin, f"from {subject} to itself: edge left out", "object", entry, "self_loop")
            )
            continue
        stated = predicate
        if not isinstance(predicate, str) or not predicate.strip():
            label = _first(record.get("edge_label"))
            if isinstance(label, str) and label.strip():
                predicate = stated = label.strip()
                warnings.append(
                    _problem(
                        origin,
                        f"edge_label {predicate!r} read as the predicate",
                        "edge_label",
                        entry,
                        "edge_label",
                    )
                )
            else:
                predicate, stated = "biolink:related_to", "(no predicate given)"
                warnings.append(
                    _problem(
                        origin, "no predicate: read as related_to", "predicate", entry, "predicate_missing"
                    )
                )
        predicate = predicate.strip()
        named = _QUALIFIER_ORDER.keys() & record.keys()
        quals = (
            {
                k: v
                for k in sorted(named, key=_QUALIFIER_ORDER.__getitem__)
                if isinstance(v := _first(record[k]), str) and v.strip()
            }
            if named
            else {}
        )
        mapped_key = (predicate, *quals.items())
        mapped = mapped_for.get(mapped_key)
        if mapped is None:
            mapped = mapped_for[mapped_key] = map_predicate(predicate, quals)
        if mapped.via is not None and predicate != mapped.via:
            warnings.append(
                _problem(
                    origin,
                    f"{predicate!r} has no project equivalent: read as {mapped.predicate.value} (via {mapped.via})",
                    "predicate",
                    entry,
                    "predicate_generalised",
                )
            )
        s, o = (obj, subject) if mapped.reversed else (subject, obj)
        key = (s, mapped.predicate.value, o)
        if mapped.ignored:
            warnings.append(
                _problem(
                    origin,
                    "qualifiers with no project equivalent, kept in the evidence note: "
                    + ", ".join(f"{k}={v}" for k, v in mapped.ignored),
                    "qualifiers",
                    entry,
                    "qualifiers_ignored",
                )
            )
        own = get("kme_evidence")
        if own is not None:
            own_sources = get("kme_sources")
            for s_rec in own_sources if isinstance(own_sources, list) else ():
                add_source(s_rec if isinstance(s_rec, dict) else {"id": None}, origin)
            if not isinstance(own, list):
                raw.problems.append(
                    _problem(
                        origin,
                        f"must be a list of evidence items, not {type(own).__name__}",
                        "kme_evidence",
                        entry,
                    )
                )
                continue
            raw.extend_evidence(edge_at(key, origin), own, origin)
            raw.counts["edges"] += 1
            continue
        text = _summary(record, origin, quals, stated)
        notes = []
        if mapped.reversed:
            notes.append(f"Read from the inverse Biolink predicate {predicate} (subject and object swapped).")
        if mapped.via is not None and predicate != mapped.via:
            notes.append(
                f"The file's predicate {predicate} has no project equivalent; read as "
                f"{mapped.predicate.value} (via {mapped.via})."
            )
        if mapped.ignored:
            notes.append(
                "Qualifiers not represented in the project vocabulary: "
                + ", ".join(f"{k}={v}" for k, v in mapped.ignored)
                + "."
            )
        note = " ".join(notes) or None
        negated = _first(record.get("negated"))
        negated = negated is True or (isinstance(negated, str) and negated.strip() in _TRUE)
        publications = _values(record.get("publications"))
        knowledge = list(dict.fromkeys(v for k in PROVENANCE for v in _values(record.get(k))))
        file_name = origin.file.rsplit("/", 1)[-1]
        cited_by = ", ".join(knowledge) or file_name
        items = []

        def as_given(
            value: str, what: str, field: str, file_name=file_name, origin=origin, entry=entry, items=items
        ) -> None:
            src = _as_given_source(value, file_name, what)
            warnings.append(
                _problem(
                    origin,
                    f"{value!r} is not a resolvable identifier: cited as given, without a link",
                    field,
                    entry,
                    "source_not_curie",
                )
            )
            add_source(src, origin)
            named_as_given.setdefault(file_name, []).append(f"{what}: {value}")
            items.append(src["id"])

        for pub in publications:
            src = _publication_source(pub, cited_by)
            if src is None:
                as_given(pub, "publication", "publications")
                continue
            add_source(src, origin)
            items.append(src["id"])
        if not items:
            for ks in knowledge:
                if CURIE_RE.match(ks):
                    add_source(_knowledge_source(ks), origin)
                    items.append(_source_id(ks))
                else:
                    as_given(ks, "knowledge source", "knowledge source")
        if not items:
            src = _as_given_source(file_name, file_name, "file")
            warnings.append(
                _problem(
                    origin,
                    "no publications or knowledge source: cited as the imported file",
                    "publications",
                    entry,
                    "no_provenance",
                )
            )
            add_source(src, origin)
            named_as_given.setdefault(file_name, []).append("no provenance (the file itself)")
            items.append(src["id"])
        i = edge_at(key, origin)
        for sid in dict.fromkeys(items):
            evidence = {"type": "database", "source": sid, "text": text}
            if negated:
                evidence["negated"] = True
            if note:
                evidence["note"] = note
            raw.add_evidence(i, evidence, origin)
        raw.counts["edges"] += 1
    for name, named in named_as_given.items():
        kinds = sorted(set(named))
        raw.documents[name] = (
            f"{name}: an edge file of the imported graph. Provenance it gives without a resolvable "
            f"identifier, kept as given: " + "; ".join(kinds) + "."
        )
    return raw


# Writing: the project's graph as KGX ------------------------------------------------

KNOWLEDGE_SOURCE = "infores:kratom-mechanism-explorer"
AGENT_TYPE = "manual_agent"
NODE_COLUMNS = (
    "id",
    "category",
    "name",
    "synonym",
    "xref",
    "equivalent_identifiers",
    "description",
    "provided_by",
    "kme_kind",
    "kme_id_note",
    "kme_id_source",
    "kme_subunits",
)
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    *QUALIFIER_SLOTS,
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "publications",
    "kme_evidence",
    "kme_sources",
)
WRITTEN_MULTIVALUED = {
    "category",
    "synonym",
    "xref",
    "equivalent_identifiers",
    "provided_by",
    "publications",
    "kme_subunits",
}
NODES_JSONL, EDGES_JSONL = "nodes.jsonl", "edges.jsonl"
NODES_TSV, EDGES_TSV = "nodes.tsv", "edges.tsv"
METADATA = "metadata.json"


def kgx_nodes(G: nx.MultiDiGraph, selection: Selection | None = None) -> list[dict[str, Any]]:
    """KGX node records (JSON Lines form: lists stay lists)."""
    out = []
    for n in exported(G, selection).nodes:
        d = G.nodes[n]
        record = {
            "id": n,
            "category": [d.get("category") or d["kind"].biolink_category],
            "name": d["label"],
            "synonym": list(d.get("synonyms") or ()),
            **kgx_node_identifiers(n, d.get("xrefs") or (), d.get("subunits") or ()),
            "description": d.get("description"),
            "provided_by": [KNOWLEDGE_SOURCE],
            "kme_kind": d["kind"].value,
            "kme_id_note": d.get("id_note"),
            "kme_id_source": d.get("id_source"),
            "kme_subunits": list(d.get("subunits") or ()),
        }
        out.append({k: v for k, v in record.items() if v not in (None, [])})
    return out


def kgx_edges(G: nx.MultiDiGraph, selection: Selection | None = None) -> list[dict[str, Any]]:
    """KGX edge records (JSON Lines form)."""
    sources = G.graph.get("sources") or {}
    out = []
    for e in exported(G, selection).edges:
        d = G.edges[e]
        best: EvidenceType | None = d["best_evidence"]
        cited = [sources[sid] for sid in d["citations"] if sid in sources]
        publications = list(dict.fromkeys(c for s in cited for c in s.curies))
        record = {
            "id": d["id"],
            "subject": e[0],
            **biolink_edge(d["predicate"]),
            "object": e[1],
            "knowledge_level": best.knowledge_level if best else "not_provided",
            "agent_type": AGENT_TYPE,
            "primary_knowledge_source": KNOWLEDGE_SOURCE,
            "publications": publications,
            "kme_evidence": [evidence_record(ev) for ev in d["evidence"]],
            # Every row its sources' records: a row read alone (a row filter, an extract of
            # some rows) still says what its evidence cites. A third of a big file's size.
            "kme_sources": [source_record(s) for s in cited],
        }
        # KGX wants the standard slots first; keep a stable order for equal bytes.
        out.append({k: record[k] for k in EDGE_COLUMNS if k in record and record[k] != []})
    return out


def kgx_metadata(G: nx.MultiDiGraph, selection: Selection | None = None) -> dict[str, Any]:
    chosen = exported(G, selection)
    return {
        **dataset_record(G),
        "knowledge_source": KNOWLEDGE_SOURCE,
        # Prefixes Biolink's prefix map lacks, with their base IRIs, so every CURIE expands.
        "curie_map": declared_prefixes(
            [
                KNOWLEDGE_SOURCE,
                *chosen.nodes,
                *(x for n in chosen.nodes for x in G.nodes[n].get("xrefs") or ()),
            ]
            + [s for n in chosen.nodes for s in G.nodes[n].get("subunits") or ()]
        ),
        "sources": [source_record(s) for s in chosen.sources],
    }


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def generate_kgx_jsonl(G: nx.MultiDiGraph, selection: Selection | None = None) -> bytes:
    """A zip of ``nodes.jsonl``, ``edges.jsonl`` and ``metadata.json``."""
    return zip_texts(
        {
            NODES_JSONL: _jsonl(kgx_nodes(G, selection)),
            EDGES_JSONL: _jsonl(kgx_edges(G, selection)),
            METADATA: json.dumps(kgx_metadata(G, selection), indent=2, ensure_ascii=False) + "\n",
        }
    )


def _tsv(records: list[dict], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for r in records:
        row = []
        for c in columns:
            value = r.get(c)
            if value is None:
                row.append("")
            elif c in JSON_COLUMNS:
                row.append(json.dumps(value, ensure_ascii=False))
            elif c in WRITTEN_MULTIVALUED:
                row.append("|".join(value))
            else:
                row.append(str(value))
        writer.writerow(row)
    return buf.getvalue()


def generate_kgx_tsv(G: nx.MultiDiGraph, selection: Selection | None = None) -> bytes:
    """A zip of ``nodes.tsv``, ``edges.tsv`` (multi-valued fields joined by ``|``) and ``metadata.json``."""
    return zip_texts(
        {
            NODES_TSV: _tsv(kgx_nodes(G, selection), NODE_COLUMNS),
            EDGES_TSV: _tsv(kgx_edges(G, selection), EDGE_COLUMNS),
            METADATA: json.dumps(kgx_metadata(G, selection), indent=2, ensure_ascii=False) + "\n",
        }
    )


# Reading files: the registry's readers ---------------------------------------------

NAME_JSONL, NAME_TSV, NAME_JSON = "KGX JSON Lines", "KGX TSV", "KGX JSON"


def sniff_jsonl(texts: Mapping[str, str]) -> bool:
    return data_suffix(texts) == ".jsonl"


def sniff_tsv(texts: Mapping[str, str]) -> bool:
    return data_suffix(texts) == ".tsv"


def sniff_json(texts: Mapping[str, str]) -> bool:
    """One JSON graph that is not node-link JSON written by this project."""
    return data_suffix(texts) == ".json" and not node_link.sniff(texts)


def read_jsonl_clean(
    files: Mapping[str, bytes], *, display: str = "", limits: Limits = DEFAULT_LIMITS
) -> Imported | None:
    """A clean pair this project wrote, decoded from its bytes straight into records
    (:func:`graph.formats.typed.kgx_jsonl`) before any text is made of it; None for any
    other files, which :func:`read_jsonl` then reads as text (and locates their problems)."""
    if data_suffix(files) != ".jsonl":
        return None
    name = pair_name(display, files) or "KGX graph"
    clean = typed.kgx_jsonl(
        {n: without_bom(raw) for n, raw in files.items()}, limits, f"Imported {NAME_JSONL} ({name})"
    )
    # Bytes that are not text go to the text reader even so (in a field the decoder passed
    # over unread): decode_text says where.
    if clean is None or not all(is_text(raw) for raw in files.values()):
        return None
    dataset, nodes_read, edges_read = clean
    report = ImportReport(
        nodes_read=nodes_read, nodes=len(dataset.nodes), edges_read=edges_read, edges=edges_read
    )
    return Imported(dataset, NAME_JSONL, report)


def read_jsonl(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """A ``nodes.jsonl`` + ``edges.jsonl`` pair (any prefix: ``x_nodes.jsonl``), ``metadata.json`` optional."""
    return _read_pair(texts, display, limits, ".jsonl", NAME_JSONL, strict)


def read_tsv(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """A ``nodes.tsv`` + ``edges.tsv`` pair (any prefix), ``metadata.json`` optional."""
    return _read_pair(texts, display, limits, ".tsv", NAME_TSV, strict)


def _read_pair(
    texts: Mapping[str, str], display: str, limits: Limits, ext: str, fmt: str, strict: bool
) -> Imported:
    # (Rows this project wrote, clean, were read from their bytes already: read_jsonl_clean.)
    problems: list[Problem] = []
    nodes, edges = Records(), Records()
    metadata, meta_file = None, None
    parse = parse_jsonl if ext == ".jsonl" else parse_tsv
    seen_roles = set()
    parse_warnings: list[Problem] = []
    for name, text in texts.items():
        at = f"{display}{name}"
        role = file_role(name)
        lower = name.lower()
        if lower.endswith(".json") and role == "dataset":
            problems += check_json_depth(text, at, limits)
            if problems:
                continue
            try:
                metadata = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                problems.append(Problem(file=at, message=f"not JSON: {getattr(exc, 'msg', exc)}"))
                continue
            if not isinstance(metadata, dict):
                problems.append(
                    Problem(file=at, message="must be a JSON object (name, version, description, sources)")
                )
            meta_file = at
            continue
        if not lower.endswith(ext) or role not in ("nodes", "edges"):
            problems.append(
                Problem(
                    file=at,
                    message=f"a {fmt} upload holds a nodes{ext} and an edges{ext} file (and metadata.json); cannot tell what this file holds",
                )
            )
            continue
        seen_roles.add(role)
        records, found = parse(text, at, limits)
        problems += [p for p in found if not is_warning(p)]
        parse_warnings += [p for p in found if is_warning(p)]
        (nodes if role == "nodes" else edges).extend(records)
    for role in ("nodes", "edges"):
        if role not in seen_roles:
            problems.append(Problem(file=where(display), message=f"no {role}{ext} file among the files"))
    fail(problems)
    name = pair_name(display, texts) or "KGX graph"
    raw = kgx_raw(nodes, edges, metadata, meta_file, limits, default_name=f"Imported {fmt} ({name})")
    raw.problems[:0] = parse_warnings  # padded rows and the like: warnings, strict or not decided later
    raw.part_files.setdefault("nodes", nodes[0][1].file if nodes else "nodes")
    raw.part_files.setdefault("edges", edges[0][1].file if edges else "edges")
    dataset = raw.validate(strict)
    return Imported(dataset, fmt, raw.report(dataset))


def read_json_data(
    data: Any, at: str, name: str, *, limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """One KGX JSON file ``{"nodes": [...], "edges": [...]}`` (``graph`` read as its metadata),
    parsed, from file ``at`` (the registry's reader, :func:`graph.formats.generic.read_json`,
    parses it and sends other JSON graphs elsewhere)."""
    if not isinstance(data, dict):
        fail(
            [
                Problem(
                    file=at,
                    message="must be a JSON object: node-link JSON from this project, or KGX JSON {nodes, edges}",
                )
            ]
        )
    nodes, edges = data.get("nodes"), data.get("edges", data.get("links"))
    for key, items, limit in (("nodes", nodes, limits.max_nodes), ("edges", edges, limits.max_edges)):
        if isinstance(items, list) and len(items) > limit:
            fail([Problem(file=at, field=key, message=f"{len(items):,} {key}; the limit is {limit:,}")])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        fail(
            [
                Problem(
                    file=at,
                    message="must hold `nodes` and `edges` lists (KGX JSON) or be node-link JSON from this project",
                )
            ]
        )
    n, e, problems = parse_kgx_json(data, at)
    fail(problems)
    graph = data.get("graph")
    meta = graph if isinstance(graph, dict) else None
    raw = kgx_raw(n, e, meta, at if meta else None, limits, default_name=f"Imported KGX JSON ({name})")
    raw.part_files.setdefault("nodes", at)
    raw.part_files.setdefault("edges", at)
    dataset = raw.validate(strict)
    return Imported(dataset, NAME_JSON, raw.report(dataset))


def write_jsonl(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    return generate_kgx_jsonl(G, selection)


def write_tsv(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    return generate_kgx_tsv(G, selection)
