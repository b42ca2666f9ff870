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

One reader reads these files and every other KGX file: :mod:`graph.imports.kgx` (it reads
the three extra properties back when they are present).

>>> predicate_from_biolink("biolink:affects", {"qualified_predicate": "biolink:causes",
...     "causal_mechanism_qualifier": "partial_agonism", "object_aspect_qualifier": "activity",
...     "object_direction_qualifier": "increased"})
<Predicate.PARTIAL_AGONIST: 'partial_agonist'>
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.identifiers import declared_prefixes, kgx_node_identifiers
from graph.query import Selection
from graph.readwrite.records import (
    dataset_record,
    evidence_record,
    exported,
    source_record,
)
from graph.vocab import EvidenceType, Predicate

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
