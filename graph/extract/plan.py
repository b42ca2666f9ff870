"""The engine-neutral extraction plan (seeds, hops, filters) and the one loop that runs it.

An engine (:mod:`graph.extract.duck`, :mod:`graph.extract.spark`) knows how to read the
files and do one step with its own SQL or DataFrame operations; :func:`run_plan` decides
which steps, in which order, so the hop expansion is written once:

1. resolve the seeds (ids given, plus nodes whose name contains ``seed_search``);
2. expand ``hops`` times: the neighbours of the last frontier over the edges that pass the
   filters, in either direction, that are allowed nodes and not yet reached;
3. collect the reached nodes, and the edges that pass the filters whose two ends were
   reached and at least one end is nearer than ``hops`` (the edges *within* K hops; an edge
   between two nodes both exactly K hops away is not on any path of K hops from a seed).

Filters, each empty for "all": ``predicates`` (an edge's predicate), ``knowledge_sources``
(any of an edge's knowledge-source fields), ``categories`` (any of a node's categories;
the seeds are kept whatever their categories). Terms may be written with or without their
``biolink:`` prefix.

>>> plan = Plan(seeds=("PUBCHEM.COMPOUND:3034396",), hops=2, filters=Filters.of(predicates=["interacts_with"]))
>>> sorted(plan.filters.predicates)
['biolink:interacts_with', 'interacts_with']
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from graph.errors import ExtractError, Problem

MAX_HOPS = 5
MAX_SEEDS = 100
# Node fields whose text a seed search looks in.
SEARCHED = ("name",)


def _spellings(terms: Iterable[str], prefix: str = "biolink:") -> frozenset[str]:
    """Each term with and without the ``biolink:`` prefix, as files write either."""
    out = set()
    for term in terms:
        term = term.strip()
        if not term:
            continue
        out.add(term)
        if term.startswith(prefix):
            out.add(term[len(prefix) :])
        elif ":" not in term:
            out.add(prefix + term)
    return frozenset(out)


def split_terms(text: str | None) -> list[str]:
    """``"a, b,,c"`` -> ``['a', 'b', 'c']``."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What an extraction keeps; an empty set keeps everything."""

    predicates: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    knowledge_sources: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        *,
        predicates: Iterable[str] = (),
        categories: Iterable[str] = (),
        knowledge_sources: Iterable[str] = (),
    ) -> Filters:
        return cls(
            predicates=_spellings(predicates),
            categories=_spellings(categories),
            knowledge_sources=frozenset(t.strip() for t in knowledge_sources if t.strip()),
        )


@dataclass(frozen=True, kw_only=True)
class Plan:
    """Seeds, the number of hops, and the filters of one extraction."""

    seeds: tuple[str, ...] = ()
    seed_search: str | None = None
    hops: int = 2
    filters: Filters = field(default_factory=Filters)

    def problems(self) -> list[Problem]:
        out = []
        if not self.seeds and not (self.seed_search or "").strip():
            out.append(Problem(file="plan", field="seeds", message="give seed ids, a seed search, or both"))
        if not 0 <= self.hops <= MAX_HOPS:
            out.append(
                Problem(file="plan", field="hops", message=f"{self.hops} is not between 0 and {MAX_HOPS}")
            )
        return out


@dataclass(frozen=True, kw_only=True)
class Skipped:
    """Rows an engine left out while reading, by reason (counts)."""

    reasons: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return sum(n for _, n in self.reasons)

    def lines(self) -> list[str]:
        return [f"{n:,} {reason}" for reason, n in self.reasons if n]


@dataclass(frozen=True, kw_only=True)
class Neighbourhood:
    """What an engine returns: the seeds, the reached nodes' and edges' rows, and the skips.

    ``nodes`` and ``edges`` are KGX records (dicts, multi-valued fields as lists);
    ``depth`` maps each reached node id to its hop count from the nearest seed.
    """

    seeds: tuple[str, ...]
    depth: dict[str, int]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    skipped: Skipped
    engine: str
    seconds: float = 0.0

    def node_ids(self) -> frozenset[str]:
        return frozenset(self.depth)

    def edge_keys(self) -> list[tuple[str, str, str, str]]:
        """Sorted ``(subject, predicate, object, id)`` of every edge row (duplicates kept)."""
        return sorted(
            (str(e.get("subject")), str(e.get("predicate")), str(e.get("object")), str(e.get("id") or ""))
            for e in self.edges
        )


class Engine(Protocol):
    """One step each; :func:`run_plan` calls them in order. Tables live in the engine."""

    name: str

    def load(self, filters: Filters) -> None:
        """Read the node and edge files (the filters decide which edges and nodes count)."""

    def find_seeds(self, ids: tuple[str, ...], search: str | None) -> tuple[list[str], list[str]]:
        """``(found ids, ids given that match no node)``; search matches add to the found ids."""

    def start(self, seeds: list[str]) -> None:
        """Reached := the seeds, at depth 0."""

    def expand(self, depth: int) -> int:
        """Add the allowed neighbours of the nodes at ``depth - 1`` not yet reached; their count."""

    def collect(self, hops: int) -> tuple[dict[str, int], list[dict], list[dict]]:
        """``(depth by node id, node records, edge records)`` of the neighbourhood."""

    def skipped(self) -> Skipped: ...

    def close(self) -> None: ...


Progress = Callable[[str, float], None]


def run_plan(plan: Plan, engine: Engine, progress: Progress | None = None) -> Neighbourhood:
    """Run ``plan`` on ``engine``; ``progress(message, fraction)`` is told each step."""
    problems = plan.problems()
    if problems:
        raise ExtractError(problems)
    say = progress or (lambda message, fraction: None)
    started = time.perf_counter()
    steps = plan.hops + 3
    try:
        say("reading the node and edge files", 0.0)
        engine.load(plan.filters)
        say("finding the seeds", 1 / steps)
        found, missing = engine.find_seeds(plan.seeds, plan.seed_search)
        problems = [
            Problem(file="seeds", entry=s, message="matches no node id in the node file") for s in missing
        ]
        if plan.seed_search and not found and not missing:
            problems.append(
                Problem(file="seeds", entry=plan.seed_search, message="the seed search matches no node name")
            )
        if len(found) > MAX_SEEDS:
            problems.append(
                Problem(
                    file="seeds",
                    message=f"{len(found):,} seeds; the limit is {MAX_SEEDS}: name fewer or search more narrowly",
                )
            )
        if problems:
            raise ExtractError(problems)
        engine.start(found)
        for depth in range(1, plan.hops + 1):
            say(f"hop {depth} of {plan.hops}", (1 + depth) / steps)
            if engine.expand(depth) == 0:
                break
        say("collecting the neighbourhood", (plan.hops + 2) / steps)
        depth, nodes, edges = engine.collect(plan.hops)
        skipped = engine.skipped()
    finally:
        engine.close()
    say("done", 1.0)
    return Neighbourhood(
        seeds=tuple(found),
        depth=depth,
        nodes=nodes,
        edges=edges,
        skipped=skipped,
        engine=engine.name,
        seconds=time.perf_counter() - started,
    )
