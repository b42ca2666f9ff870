"""Measure entity and link precision/recall/F1 (micro) on a labelled sentence set.

The set is JSONL, one sentence per line: ``{"id", "text", "entities": [node ids],
"edges": ["subject|predicate|object"], "note"}``. ``entities`` are the nodes the sentence
mentions (a generic "opioid receptors" mentions the mu, kappa and delta receptors);
``edges`` are the graph edges whose two endpoints the sentence names (direct links only:
indirect paths and quoted claims are not scored). Labels naming a node or edge the graph
does not hold are reported as label errors, so a changed dataset cannot silently pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.text.link import link_sentence

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "sentences" / "labelled.jsonl"


@dataclass(frozen=True, kw_only=True)
class Labelled:
    id: str
    text: str
    entities: frozenset[str]
    edges: frozenset[str]
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, kw_only=True)
class Report:
    sentences: int
    entities: Score
    links: Score
    errors: tuple[tuple[str, str, str], ...] = field(default=())  # (sentence id, kind, item)
    label_errors: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "sentences": self.sentences,
            "entities": self.entities.to_json(),
            "links": self.links.to_json(),
            "errors": [list(e) for e in self.errors],
            "label_errors": list(self.label_errors),
        }


def load_labelled(path: str | Path = DEFAULT_SET) -> tuple[Labelled, ...]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row = json.loads(line)
        out.append(
            Labelled(
                id=row.get("id", f"line{n}"),
                text=row["text"],
                entities=frozenset(row.get("entities", ())),
                edges=frozenset(row.get("edges", ())),
                note=row.get("note", ""),
            )
        )
    return tuple(out)


def _score(pairs) -> Score:
    tp = fp = fn = 0
    for gold, found in pairs:
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
    return Score(tp=tp, fp=fp, fn=fn)


def evaluate(G: nx.MultiDiGraph, labelled: tuple[Labelled, ...]) -> Report:
    """Score the linker on the labelled set against graph ``G``."""
    ent_pairs, link_pairs, errors, label_errors = [], [], [], []
    edge_ids = {d["id"] for _, _, d in G.edges(data=True)}
    for item in labelled:
        for node in item.entities - set(G.nodes):
            label_errors.append(f"{item.id}: unknown node {node}")
        for edge in item.edges - edge_ids:
            label_errors.append(f"{item.id}: unknown edge {edge}")
        links = link_sentence(G, item.text)
        nodes = frozenset(links.nodes)
        edges = frozenset(e.id for e in links.edges if e.via == "mention")
        ent_pairs.append((item.entities, nodes))
        link_pairs.append((item.edges, edges))
        errors += [(item.id, "entity FP", n) for n in sorted(nodes - item.entities)]
        errors += [(item.id, "entity FN", n) for n in sorted(item.entities - nodes)]
        errors += [(item.id, "link FP", e) for e in sorted(edges - item.edges)]
        errors += [(item.id, "link FN", e) for e in sorted(item.edges - edges)]
    return Report(
        sentences=len(labelled),
        entities=_score(ent_pairs),
        links=_score(link_pairs),
        errors=tuple(errors),
        label_errors=tuple(label_errors),
    )


def format_report(report: Report, *, errors: bool = False) -> str:
    lines = [f"labelled sentences: {report.sentences}", f"{'':9} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for name, s in (("entities", report.entities), ("links", report.links)):
        lines.append(f"{name:9} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:3d} {s.fn:3d}")
    if report.label_errors:
        lines.append(f"label errors ({len(report.label_errors)}):")
        lines += [f"  {e}" for e in report.label_errors]
    if errors:
        lines += [f"  {sid}: {kind}: {item}" for sid, kind, item in report.errors]
    return "\n".join(lines)
