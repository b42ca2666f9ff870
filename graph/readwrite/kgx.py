"""KGX (Biolink) exports: JSON Lines and TSV, each a zip of nodes, edges and metadata.

Nodes carry a Biolink ``category``; edges a Biolink ``predicate`` with its qualifiers
(:attr:`graph.vocab.Predicate.biolink`), ``knowledge_level`` (from the best evidence),
``agent_type`` (``manual_agent``: curated by people), ``primary_knowledge_source`` and
``publications`` as CURIEs (``PMID:``, ``doi:``, ``PMCID:``). Standard KGX consumers read
those columns; the project's own reader also reads three extra properties that make the
JSON Lines export lossless: ``kme_kind`` on nodes (a Biolink category is coarser than a
node kind), ``kme_evidence`` (the nested evidence items, as in ``edges.yaml``) and
``kme_sources`` (the full records of the sources an edge cites) on edges. ``metadata.json``
holds the dataset's name, version, description and source register.

The reader here is strict: it reads what this module writes. A lenient importer for
arbitrary KGX files can reuse :func:`predicate_from_biolink` and :func:`kind_from_category`.

>>> predicate_from_biolink("biolink:affects", {"qualified_predicate": "biolink:causes",
...     "causal_mechanism_qualifier": "partial_agonism", "object_aspect_qualifier": "activity",
...     "object_direction_qualifier": "increased"})
<Predicate.PARTIAL_AGONIST: 'partial_agonist'>
>>> kind_from_category(["biolink:SmallMolecule"])
<NodeKind.ALKALOID: 'alkaloid'>
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import DatasetError, Problem
from graph.identifiers import declared_prefixes, kgx_node_identifiers
from graph.model import Dataset
from graph.query import Selection
from graph.readwrite.records import (
    dataset_record,
    evidence_record,
    exported,
    source_record,
    validate_records,
)
from graph.vocab import EvidenceType, NodeKind, Predicate

KNOWLEDGE_SOURCE = "infores:kratom-mechanism-explorer"
AGENT_TYPE = "manual_agent"
QUALIFIER_SLOTS = (
    "qualified_predicate",
    "causal_mechanism_qualifier",
    "object_aspect_qualifier",
    "object_direction_qualifier",
)
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
MULTIVALUED = {
    "category",
    "synonym",
    "xref",
    "equivalent_identifiers",
    "provided_by",
    "publications",
    "kme_subunits",
}
JSON_COLUMNS = {"kme_evidence", "kme_sources"}
NODES_JSONL, EDGES_JSONL = "nodes.jsonl", "edges.jsonl"
NODES_TSV, EDGES_TSV = "nodes.tsv", "edges.tsv"
METADATA = "metadata.json"
# A fixed timestamp keeps zip bytes equal for equal input (zip stores file times).
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

# Default kind of each category, for files that do not say (several kinds share a category).
_CATEGORY_KIND = {
    "biolink:OrganismTaxon": NodeKind.PLANT,
    "biolink:SmallMolecule": NodeKind.ALKALOID,
    "biolink:ChemicalEntity": NodeKind.ALKALOID,
    "biolink:MolecularMixture": NodeKind.ALKALOID,
    "biolink:Protein": NodeKind.OTHER_TARGET,
    "biolink:Gene": NodeKind.OTHER_TARGET,
    "biolink:Drug": NodeKind.DRUG,
    "biolink:PhenotypicFeature": NodeKind.EFFECT,
    "biolink:DiseaseOrPhenotypicFeature": NodeKind.ADVERSE_EFFECT,
    "biolink:Disease": NodeKind.ADVERSE_EFFECT,
}


def biolink_edge(predicate: Predicate) -> dict[str, str]:
    """Biolink ``predicate`` plus qualifier slots of a project predicate.

    >>> biolink_edge(Predicate.METABOLIZED_TO)
    {'predicate': 'biolink:has_metabolite'}
    """
    mapping = predicate.biolink
    return {"predicate": mapping.predicate, **dict(mapping.qualifiers)}


def predicate_from_biolink(predicate: str, qualifiers: Mapping[str, Any] | None = None) -> Predicate | None:
    """The project predicate for a Biolink predicate and its qualifiers, or None.

    Only the qualifier slots of :data:`QUALIFIER_SLOTS` count; other keys are ignored.
    The mapping is exact: an ``affects`` edge with qualifiers no project predicate has
    gives None (a lenient importer decides what to do with it).
    """
    wanted = (
        predicate,
        tuple(sorted((k, v) for k, v in (qualifiers or {}).items() if k in QUALIFIER_SLOTS and v)),
    )
    for p in Predicate:
        if (p.biolink.predicate, tuple(sorted(p.biolink.qualifiers))) == wanted:
            return p
    return None


def kind_from_category(categories: str | Iterable[str], kind: str | None = None) -> NodeKind | None:
    """Node kind for Biolink categories; ``kind`` (a ``kme_kind`` value) wins when it fits.

    >>> kind_from_category("biolink:Protein", "enzyme")
    <NodeKind.ENZYME: 'enzyme'>
    >>> kind_from_category(["biolink:Gene"]) is NodeKind.OTHER_TARGET
    True
    """
    cats = [categories] if isinstance(categories, str) else list(categories)
    if kind is not None:
        try:
            hinted = NodeKind(kind)
        except ValueError:
            hinted = None
        if hinted is not None and hinted.biolink_category in cats:
            return hinted
    for c in cats:
        if c in _CATEGORY_KIND:
            return _CATEGORY_KIND[c]
    return None


def kgx_nodes(G: nx.MultiDiGraph, selection: Selection | None = None) -> list[dict[str, Any]]:
    """KGX node records (JSON Lines form: lists stay lists)."""
    out = []
    for n in exported(G, selection).nodes:
        d = G.nodes[n]
        record = {
            "id": n,
            "category": [d["kind"].biolink_category],
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


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def generate_kgx_jsonl(G: nx.MultiDiGraph, selection: Selection | None = None) -> bytes:
    """A zip of ``nodes.jsonl``, ``edges.jsonl`` and ``metadata.json``."""
    return _zip(
        {
            NODES_JSONL: _jsonl(kgx_nodes(G, selection)),
            EDGES_JSONL: _jsonl(kgx_edges(G, selection)),
            METADATA: json.dumps(kgx_metadata(G, selection), indent=2, ensure_ascii=False) + "\n",
        }
    )


def write_kgx_jsonl(G: nx.MultiDiGraph, path: str | Path, selection: Selection | None = None) -> None:
    Path(path).write_bytes(generate_kgx_jsonl(G, selection))


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
            elif c in MULTIVALUED:
                row.append("|".join(value))
            else:
                row.append(str(value))
        writer.writerow(row)
    return buf.getvalue()


def generate_kgx_tsv(G: nx.MultiDiGraph, selection: Selection | None = None) -> bytes:
    """A zip of ``nodes.tsv``, ``edges.tsv`` (multi-valued fields joined by ``|``) and ``metadata.json``."""
    return _zip(
        {
            NODES_TSV: _tsv(kgx_nodes(G, selection), NODE_COLUMNS),
            EDGES_TSV: _tsv(kgx_edges(G, selection), EDGE_COLUMNS),
            METADATA: json.dumps(kgx_metadata(G, selection), indent=2, ensure_ascii=False) + "\n",
        }
    )


def write_kgx_tsv(G: nx.MultiDiGraph, path: str | Path, selection: Selection | None = None) -> None:
    Path(path).write_bytes(generate_kgx_tsv(G, selection))


def _problem(file: str, message: str, line: int | None = None, entry: str | None = None) -> DatasetError:
    return DatasetError([Problem(file=file, line=line, entry=entry, message=message)])


def kgx_dataset(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    metadata: dict[str, Any] | None = None,
    display: str = "KGX",
) -> Dataset:
    """Validate KGX records written by this module into a :class:`~graph.model.Dataset`.

    Strict: each edge needs its ``kme_evidence``; its Biolink predicate and qualifiers
    must map back to one project predicate.
    """
    problems: list[Problem] = []
    raw_nodes = []
    for i, r in enumerate(nodes):
        cats = r.get("category") or []
        kind = kind_from_category(cats, r.get("kme_kind"))
        if kind is None:
            problems.append(
                Problem(
                    file=f"{display} ({NODES_JSONL})",
                    line=i + 1,
                    entry=str(r.get("id")),
                    field="category",
                    message=f"{cats!r} maps to no node kind",
                )
            )
            continue
        raw_nodes.append(
            {
                k: v
                for k, v in {
                    "id": r.get("id"),
                    "label": r.get("name"),
                    "kind": kind.value,
                    "synonyms": r.get("synonym") or None,
                    "xrefs": [x for x in r.get("xref") or () if x not in (r.get("kme_subunits") or ())]
                    or None,
                    "subunits": r.get("kme_subunits") or None,
                    "description": r.get("description"),
                    "id_note": r.get("kme_id_note"),
                    "id_source": r.get("kme_id_source"),
                }.items()
                if v is not None
            }
        )
    raw_edges = []
    cited_sources: dict[str, dict] = {}
    for i, r in enumerate(edges):
        where = dict(file=f"{display} ({EDGES_JSONL})", line=i + 1, entry=str(r.get("id")))
        predicate = predicate_from_biolink(str(r.get("predicate")), r)
        if predicate is None:
            qual = {k: r[k] for k in QUALIFIER_SLOTS if r.get(k)}
            problems.append(
                Problem(
                    **where,
                    field="predicate",
                    message=f"{r.get('predicate')!r} with {qual} maps to no project predicate",
                )
            )
            continue
        if "kme_evidence" not in r:
            problems.append(
                Problem(
                    **where,
                    field="kme_evidence",
                    message="missing: this reader needs the nested evidence of our export",
                )
            )
            continue
        for s in r.get("kme_sources") or []:
            if isinstance(s, dict) and isinstance(s.get("id"), str):
                cited_sources.setdefault(s["id"], s)
        raw_edges.append(
            {
                "subject": r.get("subject"),
                "predicate": predicate.value,
                "object": r.get("object"),
                "evidence": r.get("kme_evidence"),
            }
        )
    metadata = metadata or {}
    sources = metadata.get("sources")
    if sources is None:
        sources = list(cited_sources.values())
    raw = {
        "dataset": {k: metadata[k] for k in ("name", "version", "description") if k in metadata},
        "sources": sources,
        "nodes": raw_nodes,
        "edges": raw_edges,
    }
    return validate_records(raw, {}, display, problems)


def _parse_jsonl(text: str, file: str) -> list[dict]:
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _problem(file, f"not JSON: {exc.msg}", line=i) from None
        if not isinstance(record, dict):
            raise _problem(file, "each line must be a JSON object", line=i)
        out.append(record)
    return out


def _parse_tsv(text: str, file: str) -> list[dict]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    if not rows:
        return []
    header, out = rows[0], []
    for i, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            raise _problem(file, f"{len(row)} columns; the header has {len(header)}", line=i)
        record: dict[str, Any] = {}
        for col, cell in zip(header, row, strict=True):
            if cell == "":
                continue
            if col in JSON_COLUMNS:
                try:
                    record[col] = json.loads(cell)
                except json.JSONDecodeError as exc:
                    raise _problem(file, f"{col}: not JSON: {exc.msg}", line=i) from None
            elif col in MULTIVALUED:
                record[col] = cell.split("|")
            else:
                record[col] = cell
        out.append(record)
    return out


def _read_zip(source: str | Path | bytes, names: tuple[str, str], parse) -> Dataset:
    display = "KGX zip" if isinstance(source, bytes) else Path(source).name
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            members = set(zf.namelist())
            texts = {}
            for name in (*names, METADATA):
                if name not in members:
                    raise _problem(display, f"the zip holds no {name}")
                texts[name] = zf.read(name).decode("utf-8")
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise _problem(display, f"cannot read KGX zip: {exc}") from None
    try:
        metadata = json.loads(texts[METADATA])
    except json.JSONDecodeError as exc:
        raise _problem(f"{display} ({METADATA})", f"not JSON: {exc.msg}") from None
    if not isinstance(metadata, dict):
        raise _problem(f"{display} ({METADATA})", "must be a JSON object")
    nodes = parse(texts[names[0]], f"{display} ({names[0]})")
    edges = parse(texts[names[1]], f"{display} ({names[1]})")
    return kgx_dataset(nodes, edges, metadata, display)


def read_kgx_jsonl(source: str | Path | bytes) -> Dataset:
    """Read a zip written by :func:`write_kgx_jsonl` (a path or its bytes) into a validated Dataset."""
    return _read_zip(source, (NODES_JSONL, EDGES_JSONL), _parse_jsonl)


def read_kgx_tsv(source: str | Path | bytes) -> Dataset:
    """Read a zip written by :func:`write_kgx_tsv` into a validated Dataset.

    Lossless except for synonyms or cross-references that contain ``|`` (KGX's list separator).
    """
    return _read_zip(source, (NODES_TSV, EDGES_TSV), _parse_tsv)
