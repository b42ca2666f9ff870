"""The explorer's view state (filters, focus, selection) and its URL query-string form.

Plain Python, no streamlit: the app copies ``st.query_params`` in and out, so a copied
link reopens the same view. Unknown or malformed parameters are ignored, never trusted.

>>> state = ViewState.from_query({"types": "in_vitro,claim", "minconf": "0.3", "node": "X:1"})
>>> sorted(t.value for t in state.evidence_types), state.min_confidence, state.selected
(['claim', 'in_vitro'], 0.3, ('node', 'X:1'))
>>> state.to_query()["types"]
'claim,in_vitro'
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from graph.query import FACETS, Filters
from graph.vocab import EvidenceType, NodeKind, Predicate, Species

MAX_PARAM = 2_000
MAX_HIGHLIGHT = 12  # edges of one highlighted path (paths have at most 6 hops)


def _terms(text: str | None, enum: type[Enum]) -> frozenset | None:
    if text is None:
        return None
    out = set()
    for part in str(text)[:MAX_PARAM].split(","):
        try:
            out.add(enum(part.strip()))
        except ValueError:
            continue
    return frozenset(out)


def _join(terms: frozenset | None) -> str | None:
    return None if terms is None else ",".join(sorted(t.value for t in terms))


@dataclass(frozen=True)
class ViewState:
    evidence_types: frozenset[EvidenceType] | None = None
    predicates: frozenset[Predicate] | None = None
    node_kinds: frozenset[NodeKind] | None = None
    species: frozenset[Species] | None = None
    min_confidence: float = 0.0
    focus: str | None = None
    hops: int = 1
    selected: tuple[str, str] | None = None  # ("node" | "edge", id)
    path_target: str | None = None
    highlight: tuple[str, ...] = ()  # edge ids of a path shown on the network

    @property
    def filters(self) -> Filters | None:
        return Filters.restricting(
            **{f.field: getattr(self, f.field) for f in FACETS}, min_confidence=self.min_confidence
        )

    @classmethod
    def from_query(cls, params: dict[str, str]) -> ViewState:
        def get(name: str) -> str | None:
            value = params.get(name)
            return None if value is None else str(value)[:MAX_PARAM]

        try:
            minconf = min(max(float(get("minconf") or 0.0), 0.0), 1.0)
        except ValueError:
            minconf = 0.0
        try:
            hops = min(max(int(get("hops") or 1), 1), 4)
        except ValueError:
            hops = 1
        selected = None
        if get("edge"):
            selected = ("edge", get("edge"))
        elif get("node"):
            selected = ("node", get("node"))
        return cls(
            **{f.field: _terms(get(f.url), f.vocabulary) for f in FACETS},
            min_confidence=minconf,
            focus=get("focus"),
            hops=hops,
            selected=selected,
            path_target=get("path"),
            highlight=tuple(part for part in (get("hl") or "").split(",") if part)[:MAX_HIGHLIGHT],
        )

    def to_query(self) -> dict[str, str]:
        out = {
            **{f.url: _join(getattr(self, f.field)) for f in FACETS},
            "minconf": f"{self.min_confidence:g}" if self.min_confidence else None,
            "focus": self.focus,
            "hops": str(self.hops) if self.focus and self.hops != 1 else None,
            "path": self.path_target,
            "hl": ",".join(self.highlight) if self.highlight else None,
        }
        if self.selected:
            out[self.selected[0]] = self.selected[1]
        return {k: v for k, v in out.items() if v is not None}

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)
