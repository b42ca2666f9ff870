"""The confidence model: what each evidence item is worth, what counts, and why (SCHEMA.md).

Types say what a study is; the weights live here. An edge's score is a noisy-OR over
independent sources of support, discounted by independent sources against it:

* an item's weight is its type's weight, times a directness factor (an indirect or inferred
  observation counts less than a direct measurement), halved if it was read only in a
  secondary copy;
* a source counts once, with the weight of its best item; a source that restates another
  (``restates:`` on the source), or reports the same study again, is pooled with that
  source, and so is a single item that repeats another source's finding (``restates:`` on
  the item, e.g. an introduction citing earlier work);
* an item that makes no finding on the relation (``relevance: no_finding``) and a claim are
  shown but not counted.

>>> from graph.model import Evidence, Source
>>> from graph.vocab import EvidenceType as T, Verification as V
>>> src = {"A": Source(id="A", citation="a", pmid="1", verification=V.PRIMARY),
...        "B": Source(id="B", citation="b", pmid="2", verification=V.PRIMARY, restates="A")}
>>> one = Evidence(type=T.IN_VITRO, source="A", text="x")
>>> again = Evidence(type=T.IN_VITRO, source="B", text="x again")
>>> explain_score([one, again], src).confidence
0.5
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.model import Evidence, Source
from graph.vocab import Directness, EvidenceType, Relevance, Verification

TYPE_WEIGHT: dict[EvidenceType, float] = {
    EvidenceType.HUMAN_TRIAL: 0.6,
    EvidenceType.IN_VITRO: 0.5,
    EvidenceType.ANIMAL: 0.5,
    EvidenceType.HUMAN_OBSERVATIONAL: 0.45,
    EvidenceType.CASE_REPORT: 0.25,
    EvidenceType.REVIEW: 0.2,
    EvidenceType.REGULATORY: 0.2,
    EvidenceType.DATABASE: 0.15,
    EvidenceType.IN_SILICO: 0.1,
    EvidenceType.CLAIM: 0.0,
}
DIRECTNESS_FACTOR: dict[Directness, float] = {
    Directness.DIRECT: 1.0,
    Directness.INDIRECT: 0.5,
    Directness.PREDICTION: 1.0,  # the in_silico type weight already says "prediction"
}
SECONDARY_FACTOR = 0.5


@dataclass(frozen=True)
class ItemWeight:
    """One item's weight and how it was reached."""

    evidence: Evidence
    weight: float
    factors: tuple[str, ...]  # e.g. ("in_vitro 0.5", "indirect x0.5")


@dataclass(frozen=True)
class CountedSource:
    """One independent source as counted: the best of its items (and of its restatements)."""

    source: str  # the source counted (the root of a restatement chain)
    pooled: tuple[str, ...]  # sources pooled into it (restatements), excluding itself
    against: bool  # contradicts the relation
    best: ItemWeight
    items: int  # items pooled


@dataclass(frozen=True)
class NotCounted:
    evidence: Evidence
    reason: str


@dataclass(frozen=True)
class ScoreBreakdown:
    confidence: float
    support: float  # noisy-OR of the supporting sources, before contradictions
    counted: tuple[CountedSource, ...]
    not_counted: tuple[NotCounted, ...]


def root_source(source: str, sources: Mapping[str, Source]) -> str:
    """The source a restatement chain ends in (a source restating none is its own root)."""
    seen = {source}
    while source in sources and sources[source].restates and sources[source].restates not in seen:
        source = sources[source].restates
        seen.add(source)
    return source


def item_weight(ev: Evidence, sources: Mapping[str, Source]) -> ItemWeight:
    """Weight of one item: type weight x directness factor, halved if seen only second-hand."""
    w = TYPE_WEIGHT[ev.type]
    factors = [f"{ev.type.value} {w:g}"]
    d = DIRECTNESS_FACTOR[ev.directness]
    if d != 1.0:
        w *= d
        factors.append(f"{ev.directness.value} x{d:g}")
    if ev.verification_in(sources) is Verification.SECONDARY:
        w *= SECONDARY_FACTOR
        factors.append(f"secondary x{SECONDARY_FACTOR:g}")
    return ItemWeight(ev, w, tuple(factors))


# Why an item is not counted, whatever else the edge holds (the HTML export gives these
# without scoring the edge; an item pooled with another of its source needs the score).
NO_FINDING_REASON = "makes no finding on this relation (shown, not counted)"
CLAIM_REASON = "a claim, not evidence (weight 0)"


def explain_score(evidence: Iterable[Evidence], sources: Mapping[str, Source]) -> ScoreBreakdown:
    """The confidence of an edge with its evidence, decomposed: what counted and what did not."""
    groups: dict[tuple[str, bool], list[tuple[str, ItemWeight]]] = {}
    not_counted: list[NotCounted] = []
    for ev in evidence:
        if ev.relevance is Relevance.NO_FINDING:
            not_counted.append(NotCounted(ev, NO_FINDING_REASON))
            continue
        if ev.type is EvidenceType.CLAIM:
            not_counted.append(NotCounted(ev, CLAIM_REASON))
            continue
        root = root_source(ev.restates or ev.source, sources)
        groups.setdefault((root, ev.negated), []).append((ev.source, item_weight(ev, sources)))
    counted = []
    for (root, against), items in groups.items():
        # A restatement never weighs more than what it restates: the root's own items decide
        # when the edge has any; restating items only stand in for a root that is absent.
        own = [pair for pair in items if pair[0] == root and pair[1].evidence.restates is None] or items
        best = max(own, key=lambda pair: pair[1].weight)[1]
        pooled = tuple(sorted({s for s, _ in items} - {root}))
        counted.append(CountedSource(root, pooled, against, best, len(items)))
        for s, iw in items:
            if iw is best:
                continue
            why = (
                f"restates {root}: counted once with it" if s != root else f"same source {root}: counted once"
            )
            not_counted.append(NotCounted(iw.evidence, why))
    counted.sort(key=lambda c: (c.against, -c.best.weight, c.source))
    doubt = 1.0
    for c in counted:
        if not c.against:
            doubt *= 1.0 - c.best.weight
    support = 1.0 - doubt
    score = support
    for c in counted:
        if c.against:
            score *= 1.0 - c.best.weight
    return ScoreBreakdown(round(score, 4), round(support, 4), tuple(counted), tuple(not_counted))


class Scorer:
    """:func:`confidence` for many edges of one source register, with its parts remembered.

    The same number as ``explain_score(evidence, sources).confidence``, reached without
    building the breakdown: an item's weight is looked up by the fields it depends on
    (type, directness, verification), a source's root and verification once per source,
    and the products are taken in the breakdown's order, so the floats are the same to the
    last bit (a test holds the two equal).
    """

    def __init__(self, sources: Mapping[str, Source]):
        self.sources = sources
        # Read by graph.build, which gathers the groups of many edges in its own pass.
        self.roots: dict[str, str] = {}  # source -> root, filled by root()
        self.plain = not any(s.restates for s in sources.values())  # no source restates another
        self.verification = {sid: s.verification for sid, s in sources.items()}
        # type -> directness -> verification (None: unknown source) -> weight
        self.weights = {
            t: {
                d: {
                    v: item_weight(
                        Evidence(type=t, source="", text="", directness=d, verification=v), {}
                    ).weight
                    for v in (*Verification, None)
                }
                for d in Directness
            }
            for t in EvidenceType
        }

    def root(self, source: str) -> str:
        root = self.roots.get(source)
        if root is None:
            root = self.roots[source] = root_source(source, self.sources)
        return root

    def confidence(self, evidence: Iterable[Evidence]) -> float:
        roots, weights, verification = self.roots, self.weights, self.verification
        # (root, against) -> [best of all items, best of the root's own items or -1]
        groups: dict[tuple[str, bool], list] = {}
        for ev in evidence:
            if ev.relevance is _NO_FINDING or ev.type is _CLAIM:
                continue
            s, r = ev.source, ev.restates
            root = roots.get(r or s) or self.root(r or s)
            w = weights[ev.type][ev.directness][ev.verification or verification.get(s)]  # verification_in
            own = w if r is None and s == root else -1.0
            key = (root, ev.negated)
            best = groups.get(key)
            if best is None:
                groups[key] = [w, own]
                continue
            if w > best[0]:
                best[0] = w
            if own > best[1]:
                best[1] = own
        return self.score(groups)

    @staticmethod
    def score(groups: dict[tuple[str, bool], list]) -> float:
        """The confidence of counted groups: ``(root, against) -> [best weight, best own weight or -1]``
        (see :meth:`confidence`)."""
        support, against = [], []
        for (_, a), (w, own) in groups.items():
            (against if a else support).append(own if own >= 0 else w)
        return score_weights(support, against)


def score_weights(support: list[float], against: list[float]) -> float:
    """The confidence of counted sources' weights: 1 - prod(1 - w) over those for the relation,
    times prod(1 - w) over those against it, largest weight first (so the same floats
    always give the same bits), rounded to 4 places.

    >>> score_weights([0.5, 0.5], []), score_weights([0.5], [0.5]), score_weights([], [0.5])
    (0.75, 0.25, 0.0)
    """
    if not against and len(support) == 1:
        (w,) = support
        score = _ONE.get(w)
        if score is None:
            score = _ONE[w] = round(1.0 - (1.0 - w), 4)
        return score
    doubt = 1.0
    for w in sorted(support, reverse=True):
        doubt *= 1.0 - w
    score = 1.0 - doubt
    for w in sorted(against, reverse=True):
        score *= 1.0 - w
    return round(score, 4)


_NO_FINDING, _CLAIM = Relevance.NO_FINDING, EvidenceType.CLAIM
_ONE: dict[float, float] = {}  # the score of one counted weight (few distinct weights)


def confidence(evidence: Iterable[Evidence], sources: Mapping[str, Source]) -> float:
    """Noisy-OR of per-source support, discounted by contradicting sources (SCHEMA.md).

    >>> from graph.model import Evidence, Source
    >>> from graph.vocab import EvidenceType as T, Verification as V
    >>> src = {"A": Source(id="A", citation="a", pmid="1", verification=V.PRIMARY),
    ...        "B": Source(id="B", citation="b", pmid="2", verification=V.PRIMARY)}
    >>> one = Evidence(type=T.IN_VITRO, source="A", text="x")
    >>> confidence([one], src), confidence([one, one], src)
    (0.5, 0.5)
    >>> confidence([one, Evidence(type=T.IN_VITRO, source="B", text="y")], src)
    0.75
    """
    return explain_score(evidence, sources).confidence


def describe(b: ScoreBreakdown) -> list[str]:
    """The breakdown as lines of text ("why 0.6")."""
    lines = []
    support = [c for c in b.counted if not c.against]
    against = [c for c in b.counted if c.against]
    formula = " x ".join(f"(1 - {c.best.weight:.3g})" for c in support) or "1"
    lines.append(f"support = 1 - {formula} = {b.support:.4g}" if support else "support = 0 (nothing counted)")
    for c in support:
        lines.append(_counted_line(c))
    if against:
        disc = " x ".join(f"(1 - {c.best.weight:.3g})" for c in against)
        lines.append(f"confidence = support x {disc} = {b.confidence:.4g}")
        for c in against:
            lines.append(_counted_line(c))
    else:
        lines.append(f"confidence = support = {b.confidence:.4g}")
    for n in b.not_counted:
        lines.append(f"  not counted: {n.evidence.type.value} [{n.evidence.source}]: {n.reason}")
    return lines


def _counted_line(c: CountedSource) -> str:
    side = "against" if c.against else "for"
    pooled = f" (with restatement {', '.join(c.pooled)})" if c.pooled else ""
    items = f", best of {c.items} items" if c.items > 1 else ""
    return f"  {side}: [{c.source}]{pooled} weight {c.best.weight:.3g} = {' '.join(c.best.factors)}{items}"
