"""A neighbourhood written as a KGX JSON Lines archive that the dataset importer opens as it is.

The archive is a zip of ``nodes.jsonl``, ``edges.jsonl`` and ``metadata.json``. By default
it keeps only what the explorer can represent, by the importer's own mapping
(:mod:`graph.formats.biolink`): nodes whose categories map to a node kind (or that say
their ``kind``), edges whose predicate and qualifiers map to a project predicate, that name
a publication or knowledge source, and whose two ends are kept. What it leaves out is
counted by reason, never dropped silently. ``importable=False`` keeps every row.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.extract.fields import first, values
from graph.extract.plan import Neighbourhood, Plan
from graph.formats.biolink import PROVENANCE, QUALIFIER_NAMES, kind_for_categories, map_predicate
from graph.validate import MAX_EDGES, MAX_NODES

NODES, EDGES, METADATA = "nodes.jsonl", "edges.jsonl", "metadata.json"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so equal input gives equal bytes


@dataclass(frozen=True, kw_only=True)
class Written:
    """The archive's bytes, its node count (distinct ids) and edge rows, and what was left out (reason, count)."""

    data: bytes
    nodes: int
    edges: int
    left_out: tuple[tuple[str, int], ...]

    def lines(self) -> list[str]:
        return [f"{n:,} {reason}" for reason, n in self.left_out]

    @property
    def too_big(self) -> bool:
        return self.nodes > MAX_NODES or self.edges > MAX_EDGES


def _node_ok(record: dict[str, Any]) -> bool:
    if first(record.get("kme_kind")) or first(record.get("kind")):
        return True
    return kind_for_categories(values(record.get("category"))) is not None


def _edge_problem(record: dict[str, Any]) -> str | None:
    predicate = first(record.get("predicate")) or ""
    quals = {k: v for k in QUALIFIER_NAMES if (v := first(record.get(k)))}
    if map_predicate(predicate, quals) is None:
        return f"edges whose predicate the explorer does not map ({predicate})"
    if "kme_evidence" not in record and not values(record.get("publications")):
        if not any(values(record.get(k)) for k in PROVENANCE):
            return "edges with no publication or knowledge source"
    return None


def importable(nb: Neighbourhood) -> tuple[list[dict], list[dict], Counter]:
    """Node and edge records the importer maps, and the count of the others by reason."""
    left: Counter = Counter()
    nodes, kept = [], set()
    for r in nb.nodes:
        nid = first(r.get("id"))
        if _node_ok(r):
            nodes.append(r)
            kept.add(nid)
    dropped_nodes = {first(r.get("id")) for r in nb.nodes} - kept
    if dropped_nodes:
        left["nodes whose categories map to no node kind of the explorer"] = len(dropped_nodes)
    edges = []
    for r in nb.edges:
        problem = _edge_problem(r)
        if problem is None and (first(r.get("subject")) not in kept or first(r.get("object")) not in kept):
            problem = "edges to a node left out"
        if problem is None:
            edges.append(r)
        else:
            left[problem] += 1
    # Nodes the kept edges no longer reach stay: they are in the neighbourhood.
    return nodes, edges, left


def describe(plan: Plan, source: str) -> str:
    seeds = ", ".join(plan.seeds) + (
        f" and names containing {plan.seed_search!r}" if plan.seed_search else ""
    )
    parts = [f"Neighbourhood of {seeds} within {plan.hops} hop(s), extracted from {source}"]
    f = plan.filters
    for label, terms in (
        ("predicates", f.predicates),
        ("categories", f.categories),
        ("knowledge sources", f.knowledge_sources),
    ):
        if terms:
            shown = sorted(
                t for t in terms if label == "knowledge sources" or t.startswith("biolink:") or ":" in t
            )
            parts.append(f"{label}: {', '.join(shown or sorted(terms))}")
    return "; ".join(parts) + "."


def write_archive(nb: Neighbourhood, plan: Plan, source: str, *, keep_all: bool = False) -> Written:
    """The neighbourhood as a KGX JSON Lines zip (bytes); see the module docstring."""
    if keep_all:
        nodes, edges, left = nb.nodes, nb.edges, Counter()
    else:
        nodes, edges, left = importable(nb)
    metadata = {
        "name": f"Extract from {source}"[:200],
        "version": "extracted",
        "description": describe(plan, source)[:2000],
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (
            (NODES, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in nodes)),
            (EDGES, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in edges)),
            (METADATA, json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"),
        ):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return Written(
        data=buf.getvalue(),
        nodes=len({first(r.get("id")) for r in nodes}),
        edges=len(edges),
        left_out=tuple(sorted(left.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def save(written: Written, path: str | Path) -> None:
    Path(path).write_bytes(written.data)
