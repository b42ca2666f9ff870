"""Claim audit: grade each claim-bearing sentence of a document by the graph's evidence.

Rules (also in the README):

**Claim-bearing sentence**: it names a compound, plant or target (or speaks of users), and
two or more distinct nodes, or one node and a relation or comparative word; or the dataset
quotes it as the document's own claim. Other sentences get verdict ``None``.

**Own evidence never counts.** Evidence items whose source *is* the audited document (a
source whose ``document`` is this file name, or whose document text has the same hash, or
whose quoted claims occur verbatim in the text) are shown but ignored when grading: the
seed article cannot support itself.

**Edge verdict**, from the remaining items of one edge (items whose ``relevance`` is
``no_finding``, such as a notice or "no reliable evidence", are not counted):

- ``supported``: at least one primary item (in_vitro, animal, human_trial,
  human_observational, case_report) that is not negated and whose ``directness`` is direct;
- ``contradicted``: otherwise, at least one negated primary item, or a negated
  computational prediction (a predicted "no change") with nothing for the relation;
- ``weak``: otherwise, at least one non-negated review, regulatory, database or in_silico
  item, or a primary item that is indirect (an NMDA antagonism inferred from hippocampal
  recordings, with no receptor or pain measurement);
- ``unsupported``: nothing but claims (``claim`` items) or the document's own items.

The deciding evidence is the items that set the verdict (strongest first, at most three
per edge); for ``unsupported`` it is the claim items, own ones flagged ``own``.

**Relation verdict** (two mentions of a sentence). The relation word between them (the
last one whose class fits the two kinds of node: a plant *contains* compounds, compounds
*bind* or *act on* targets, anything *causes* an outcome) is what the sentence asserts:
its class (binding, functional, metabolic, compositional, causal) and polarity (+ or -),
compared with each predicate's class and polarity in ``graph.vocab``. The candidates are
the edges joining the two mentions and two-step paths whose first step is ``contains`` or
``metabolized_to`` (the plant acts through its alkaloids), each path graded by its weaker
step, or by its second step alone when the first has primary evidence (mitragynine is
measured in kratom tea; 7-OH's presence in the leaf rests on reviews).

- same class and polarity (a binding word accepts functional edges; an unsigned word any
  polarity; ``interacts_with`` answers any class), graded ``supported`` -> supported;
- otherwise an edge of the opposite polarity graded ``supported`` (primary direct
  evidence) -> contradicted, and the reason names it;
- otherwise the best same-class edge decides (contradicted, weak or unsupported); a causal
  word met only by ``associated_with`` is weak at best;
- no same-class edge at all -> unsupported ("the graph joins these only by ...").

A negated relation (its later mention inside a negation scope: "no risk of addiction")
turns supported into contradicted, and agrees (supported) with negated or opposite
evidence; denying a relation that has only weak evidence is unsupported (weak evidence for
a relation is no evidence against it). A pair with no relation word between them is a co-mention: the strongest link
decides, or the edge that quotes the sentence as the document's claim. A decreasing word on
a beneficial outcome names the symptom it relieves ("relieves pain"), so it is unsigned
there; a word inside a comparative phrase ("a *lower* risk") asserts no direction.

**Comparisons** ("safer than", "lower risk of addiction", "far more potent than
morphine", "no risk of", "the more potent of the two") are supported only by an evidence
item that makes a comparison (than, fold, compared with, ...), the same way round (more
vs less), and names the comparator, on the edges of the compared outcome (or, with none
named, of the sentence's nodes); review-only -> weak; an author's remark in an item's note
-> weak, when it names the compared thing. With none, the comparator's side is read: an
item there comparing it with the subject the other way ("7-OH is more potent than
mitragynine" for "mitragynine is less potent than 7-OH") supports the claim, and the same
way refutes it (contradicted); none at all -> unsupported, and the reason says so.
Each comparative phrase is graded on its own and the sentence takes the worst.

**Subject**: a sentence that names no compound, plant or target but speaks of users or
use ("regular users", "daily use", "the herb") is about the document's subject: the plant
it names most, else the graph's only plant. "Users said they took it for pain" (a reason for
use, said by someone) is graded on the node the data names "reasons for use", not on relief.
A demonstrative for a product ("this holistic approach", "this remedy") is the document's
subject too. Receptors named for a drug class ("the same receptors as opioids") are that
class's receptors (``graph.text.link.class_target_mentions``); an outcome word naming a
class of drugs ("quit other *addictive* drugs") is no outcome of the sentence; a comparative
attribute of a product form ("more potent tablets") compares nothing the graph holds.

**Details a claim adds**, each of which makes it unsupported when no evidence gives it: a
strain or vein colour; a combination ("combined with alcohol") with an outcome; a number
(digits, or "thirteen times") that no evidence item on its edges states; an item of a
coordinated list of outcomes that names nothing in the graph ("seizures and *psychosis*");
an agent with an effect word and no outcome the graph holds ("guards against cancer"); an
agent-outcome pair with no edge or path; an effect word whose object names nothing the
graph holds ("a stimulant that *raises energy*", "*makes them* more awake"), even where
the sentence's other relations hold; a combination of products said to harm ("combining
kratom with sedatives can be dangerous"). A place the claim gives for its finding ("in
humans", "in healthy volunteers", "in rats") that none of the evidence deciding a supported
relation is a finding in makes it weak (people: human trials, observational studies, case
reports and other records of people; an assay on human cells is not). A strength word ("a potent inhibitor") against
evidence that calls the effect weak is contradicted, and so is a value stated for a
measured parameter ("a half-life of two hours") more than twofold from every value the
evidence on the sentence's nodes gives.

**Composition** ("kratom contains X") is answered by composition links only: an
interaction of the plant's alkaloids with X does not put X in the plant. Words of a
conversion between two compounds ("produced ... from") make the relation metabolic,
whatever kind the cue word is of.

**Values of one thing** ("mitragynine has a half-life of about 24 hours"): within a
quarter of a value the evidence on its node measures, supported; within twofold only, weak;
more than twofold from every one, contradicted (above).

**Left unchanged**: a clause ending in "unchanged", "unaltered" or "unaffected" after the
sentence's first name and another ("ketoconazole leaves the effects of 7-OH unchanged")
denies their relation.

**Relief**: a decreasing word on an effect that is itself a relief ("relieves pain":
analgesia) names that effect; on any other effect ("relieves constipation") it lowers the
effect, and the graph's "causes" contradicts it.

**Interactions**: an interaction link says two drugs interact, not which way; a claim
that one raises or lowers the other is graded by what the deciding items find (raised,
increased, prolonged ... against lowered, reduced, shortened ...), only those in the
organism the sentence names if it names one: the same way, supported; the other way,
contradicted; both or neither, weak.

**More readings**: a conversion or a substrate is read in the direction the sentence
gives it ("A is metabolized to B", "B is formed from A", "B, a metabolite of A", "A is a
substrate of E", "E metabolizes A"): the graph's edge the other way round contradicts it. "A full agonist" is contradicted by the compound's own
partial agonism (a full agonist has efficacy a partial one lacks). Two names joined only by a relation word of a kind no link between
such nodes can have ("mitragynine *induces* CYP3A4": a causal word, where the graph holds
inhibition and metabolism) assert that relation, which is unsupported; they are not two
names side by side, which any link between them would support. An enzyme named for its substrates ("medicines that CYP2D6 breaks
down") is graded by the plant's interaction edges with the drugs the graph holds as that
enzyme's substrates. "X is addictive, whereas Y is not" denies the predicate for Y. A
function named for the loss an outcome is ("memory" for learning impairment) inverts the
sign ("improves memory" opposes impairment evidence). A negated claim agrees with a negated
primary item on its edge ("rats do not self-administer mitragynine").

**Sentence verdict** = the *worst* verdict (contradicted < unsupported < weak < supported)
among the relations the sentence asserts, or among all its linked relations when it
asserts none, combined with its comparison. A sentence that asserts a conjunction ("a dual
mechanism involving opioid receptor activation and NMDA receptor inhibition") is only as
good as its weakest part. A claim-bearing sentence with no linked edge is
``unsupported``. Co-mentions with no edge are reported as candidates.

**Not claims** (verdict ``None``): headings (no closing punctuation and title case or a
colon, or a Markdown heading), questions, sentences that name only outcomes and no agent,
and advice or research agendas ("more research is needed", "consult a doctor") that assert
no relation of their own. Hedges are reported and never change a verdict.

>>> from graph import build_graph, load_dataset
>>> from graph.load import DEFAULT_DATA_DIR
>>> tiny = DEFAULT_DATA_DIR.parent / "tests" / "fixtures" / "tiny"
>>> G = build_graph(load_dataset(tiny))
>>> text = "Leafy contains AA.\\nAlkaloid A blocks receptor R and relieves pain.\\nMetabolite M activates receptor R."
>>> [s.verdict.value for s in audit_document(G, text, "article.txt").sentences]
['weak', 'contradicted', 'supported']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

import networkx as nx

from graph.model import Evidence
from graph.text.cues import (
    FULL_AGONISM,
    Comparison,
    CueKind,
    asserts_harm,
    asserts_strength,
    class_matches,
    comparison_direction,
    describes_weak,
    find_combination,
    find_species,
    find_strain,
    makes_comparison,
    opposite,
    parameter_names,
    predicate_sign,
    quantities,
    stated_values,
    unit_of,
)
from graph.text.document import text_hash
from graph.text.link import (
    OUTCOME_KINDS,
    EdgeLink,
    Relation,
    SentenceLinks,
    _normalize_quotes,
    link_document,
    quote_pieces,
)
from graph.vocab import Directness, EvidenceType, NodeKind, Polarity, Predicate, RelationClass, Relevance


class Verdict(StrEnum):
    SUPPORTED = "supported"
    WEAK = "weak"
    UNSUPPORTED = "unsupported"
    CONTRADICTED = "contradicted"


_BEST = {Verdict.SUPPORTED: 3, Verdict.WEAK: 2, Verdict.CONTRADICTED: 1, Verdict.UNSUPPORTED: 0}
_SEVERITY = {Verdict.CONTRADICTED: 0, Verdict.UNSUPPORTED: 1, Verdict.WEAK: 2, Verdict.SUPPORTED: 3}
_FLIP = {Verdict.SUPPORTED: Verdict.CONTRADICTED, Verdict.CONTRADICTED: Verdict.SUPPORTED}
# Secondary evidence: neither a study's own finding nor an unsupported claim.
_WEAK_TYPES = frozenset(t for t in EvidenceType if not t.is_primary and t is not EvidenceType.CLAIM)
_PER_EDGE = 3


def is_indirect(ev: Evidence) -> bool:
    """The item does not measure the relation directly (its ``directness`` field)."""
    return ev.directness is not Directness.DIRECT


@dataclass(frozen=True, kw_only=True)
class EvidenceRef:
    """One deciding evidence item, with the edge it sits on."""

    edge: str
    type: EvidenceType
    source: str
    citation: str
    link: str | None
    text: str
    quote: bool = False
    negated: bool = False
    own: bool = False  # its source is the audited document: shown, never counted
    indirect: bool = False
    species: str | None = None

    def to_json(self) -> dict:
        return {
            "edge": self.edge,
            "type": self.type.value,
            "source": self.source,
            "citation": self.citation,
            "link": self.link,
            "text": self.text,
            "quote": self.quote,
            "negated": self.negated,
            "own": self.own,
            "indirect": self.indirect,
            "species": self.species,
        }


@dataclass(frozen=True, kw_only=True)
class EdgeGrade:
    edge: str
    verdict: Verdict
    deciding: tuple[EvidenceRef, ...]
    reason: str


def _ref(G: nx.MultiDiGraph, edge: str, ev: Evidence, own: frozenset[str]) -> EvidenceRef:
    src = G.graph.get("sources", {}).get(ev.source)
    return EvidenceRef(
        edge=edge,
        type=ev.type,
        source=ev.source,
        citation=src.label if src else ev.source,
        link=src.link if src else None,
        text=ev.text,
        quote=ev.quote,
        negated=ev.negated,
        own=ev.source in own,
        indirect=is_indirect(ev),
        species=ev.species.value if ev.species else None,
    )


def grade_edge(G: nx.MultiDiGraph, key: tuple[str, str, str], own_sources: Iterable[str] = ()) -> EdgeGrade:
    """Verdict of one edge ``(u, v, predicate)`` by the rules of this module.

    >>> from graph import build_graph, load_dataset
    >>> from graph.load import DEFAULT_DATA_DIR
    >>> G = build_graph(load_dataset(DEFAULT_DATA_DIR.parent / "tests" / "fixtures" / "tiny"))
    >>> grade_edge(G, ("TEST:m", "TEST:r", "agonist")).verdict.value
    'supported'
    >>> grade_edge(G, ("TEST:a", "TEST:pain", "causes"), {"DOC"}).reason
    'only the document itself asserts it'
    """
    own = frozenset(own_sources)
    d = G.edges[key]
    eid = d["id"]
    # an item that makes no finding on the relation (a notice, "no reliable evidence") is not counted
    items = [ev for ev in d["evidence"] if ev.source not in own and ev.relevance is Relevance.FINDING]
    ranked = sorted(items, key=lambda ev: -ev.type.rank)

    def refs(evs):
        return tuple(_ref(G, eid, ev, own) for ev in evs[:_PER_EDGE])

    primary_for = [ev for ev in ranked if ev.type.is_primary and not ev.negated and not is_indirect(ev)]
    if primary_for:
        return EdgeGrade(
            edge=eid,
            verdict=Verdict.SUPPORTED,
            deciding=refs(primary_for),
            reason=f"primary evidence ({primary_for[0].type.value})",
        )
    against = [ev for ev in ranked if ev.type.is_primary and ev.negated]
    if against:
        return EdgeGrade(
            edge=eid,
            verdict=Verdict.CONTRADICTED,
            deciding=refs(against),
            reason=f"negated primary evidence ({against[0].type.value}) and none supporting",
        )
    predicted_not = [ev for ev in ranked if ev.type is EvidenceType.IN_SILICO and ev.negated]
    if predicted_not and not any(not ev.negated for ev in ranked if ev.type is not EvidenceType.CLAIM):
        # a prediction of no effect (dextromethorphan AUC ratio 1.06) is a negated finding
        return EdgeGrade(
            edge=eid,
            verdict=Verdict.CONTRADICTED,
            deciding=refs(predicted_not),
            reason="a computational prediction finds no effect, and nothing supports one",
        )
    weak = [ev for ev in ranked if not ev.negated and (ev.type in _WEAK_TYPES or ev.type.is_primary)]
    if weak:
        kinds = "indirect " + weak[0].type.value if weak[0].type.is_primary else weak[0].type.value
        return EdgeGrade(edge=eid, verdict=Verdict.WEAK, deciding=refs(weak), reason=f"only {kinds} evidence")
    shown = [ev for ev in d["evidence"] if ev.type is EvidenceType.CLAIM or ev.source in own]
    reason = (
        "only the document itself asserts it"
        if shown and all(ev.source in own for ev in shown)
        else "only claims, no primary evidence"
    )
    return EdgeGrade(edge=eid, verdict=Verdict.UNSUPPORTED, deciding=refs(shown), reason=reason)


@dataclass(frozen=True, kw_only=True)
class RelationAudit:
    relation: Relation
    verdict: Verdict | None  # None: a candidate (no edge, no path)
    asserted: bool
    via: str  # "direct", "path", "quote" or "none"
    grades: tuple[tuple[EdgeLink, EdgeGrade], ...]  # the edges that decided (a path: both steps)
    reason: str = ""

    @property
    def deciding(self) -> tuple[EvidenceRef, ...]:
        return tuple(ref for _, g in self.grades for ref in g.deciding)


def _best(grades):
    return max(grades, key=lambda g: _BEST[g[1]])


@dataclass(frozen=True)
class _Option:
    """One way the graph joins a relation's two mentions: an edge, or a two-step path."""

    steps: tuple[tuple[EdgeLink, EdgeGrade], ...]
    verdict: Verdict  # of the edge, or of a path's weaker step
    reason: str
    predicate: Predicate  # the step that says what the relation is (a path's last step)
    via: str


def _options(G: nx.MultiDiGraph, rel: Relation, own: frozenset[str]) -> list[_Option]:
    out = []
    for e in rel.edges:
        g = grade_edge(G, e.key, own)
        via = "quote" if rel.a is None else "direct"
        out.append(_Option(((e, g),), g.verdict, g.reason, e.predicate, via))
    for step1, step2 in rel.paths:
        g1, g2 = grade_edge(G, step1.key, own), grade_edge(G, step2.key, own)
        weakest = min((g1, g2), key=lambda g: _SEVERITY[g.verdict])
        if _present(G, step1.key, own):
            weakest = g2  # a constituent measured in the plant (even indirectly) acts for it
        through = G.nodes[step1.object]["label"]
        out.append(
            _Option(
                ((step1, g1), (step2, g2)),
                weakest.verdict,
                f"indirect, through {through}: {weakest.reason}",
                step2.predicate,
                "path",
            )
        )
    return out


def _present(G: nx.MultiDiGraph, key: tuple[str, str, str], own: frozenset[str]) -> bool:
    """A composition or metabolism step with primary evidence (direct or not): the plant holds
    mitragynine (measured in tea), unlike 7-OH, whose presence rests on reviews."""
    return any(
        ev.type.is_primary and not ev.negated and ev.source not in own and ev.relevance is Relevance.FINDING
        for ev in G.edges[key]["evidence"]
    )


def _same_class(p: Predicate, classes: frozenset[RelationClass]) -> bool:
    return class_matches(p, classes)


def _has_negated_primary(G: nx.MultiDiGraph, option: _Option, own: frozenset[str]) -> bool:
    link = option.steps[-1][0]
    return any(
        ev.negated and ev.type.is_primary and ev.source not in own for ev in G.edges[link.key]["evidence"]
    )


def _phrase(G: nx.MultiDiGraph, option: _Option) -> str:
    link = option.steps[-1][0]
    return f"{G.nodes[link.subject]['label']} {link.predicate.phrase} {G.nodes[link.object]['label']}"


def _result(rel, verdict, asserted, option: _Option | None, reason: str) -> RelationAudit:
    return RelationAudit(
        relation=rel,
        verdict=verdict,
        asserted=asserted,
        via=option.via if option else "none",
        grades=option.steps if option else (),
        reason=reason,
    )


def _substrate_options(G: nx.MultiDiGraph, rel: Relation, own: frozenset[str]) -> list[_Option]:
    """ "Kratom interacts with drugs that CYP2D6 breaks down": the product's interaction edges
    with the drugs the graph holds as substrates of that enzyme."""
    enzymes = [n for m in (rel.a, rel.b) for n in m.nodes if G.nodes[n]["kind"] is NodeKind.ENZYME]
    agents = [n for m in (rel.a, rel.b) for n in m.nodes if G.nodes[n]["kind"] is not NodeKind.ENZYME]
    out = []
    for enzyme in enzymes:
        for drug, _, k in G.in_edges(enzyme, keys=True):
            if k != Predicate.SUBSTRATE_OF.value:
                continue
            for agent in agents:
                if G.has_edge(agent, drug, Predicate.INTERACTS_WITH.value):
                    key = (agent, drug, Predicate.INTERACTS_WITH.value)
                    link = EdgeLink(
                        id=G.edges[key]["id"], subject=agent, predicate=Predicate.INTERACTS_WITH, object=drug
                    )
                    g = grade_edge(G, key, own)
                    sub = G.nodes[drug]["label"]
                    reason = f"{sub}, a substrate of {G.nodes[enzyme]['label']}: {g.reason}"
                    out.append(_Option(((link, g),), g.verdict, reason, Predicate.INTERACTS_WITH, "direct"))
    return out


def _denial(verdict: Verdict) -> Verdict:
    """The verdict of a sentence that denies a relation graded ``verdict``: supported becomes
    contradicted and contradicted supported; weak evidence *for* a relation is no evidence
    against it, so its denial is unsupported."""
    if verdict is Verdict.WEAK:
        return Verdict.UNSUPPORTED
    return _FLIP.get(verdict, verdict)


def audit_relation(
    G: nx.MultiDiGraph, rel: Relation, own: frozenset[str], species: str | None = None
) -> RelationAudit:
    """Grade one relation of a sentence (see the module docstring for the rules); ``species``:
    the organism the sentence says its finding holds in (a ``Species`` value), if it says."""
    if rel.substrates:
        options = _substrate_options(G, rel, own)
        if options:
            worst = min(options, key=lambda o: _SEVERITY[o.verdict])
            return _result(rel, worst.verdict, True, worst, f"interaction with {worst.reason}")
    options = _options(G, rel, own)
    if not options:
        return _result(rel, None, False, None, "no edge joins these nodes (candidate new link)")
    note = " (the sentence negates it)" if rel.negated else ""
    if not rel.classes:
        # Named together with no relation word between them (or quoted by the dataset):
        # the strongest link decides; a quote is what the sentence asserts.
        quoted = [o for o in options if o.steps[-1][0].id in rel.quoted] or [
            o for o in options if o.via == "quote"
        ]
        pool = quoted or options
        best = max(pool, key=lambda o: (_BEST[o.verdict], o.via != "path"))
        verdict = _denial(best.verdict) if rel.negated else best.verdict
        if verdict is not best.verdict and best.verdict is Verdict.WEAK:
            note = " (the sentence denies it; weak evidence for a relation is none against it)"
        return _result(rel, verdict, bool(quoted), best, best.reason + note)
    classes, sign = rel.classes, rel.sign
    if rel.cue is not None and rel.cue.predicates == FULL_AGONISM:
        # "mitragynine is a full agonist at MOR": a partial agonist has less than full
        # efficacy, so the compound's own partial agonism (not a metabolite's agonism, a
        # path) answers the claim the other way.
        direct = [o for o in options if o.via == "direct"]
        partial = [
            o for o in direct if o.predicate is Predicate.PARTIAL_AGONIST and o.verdict is Verdict.SUPPORTED
        ]
        if partial and not any(o.predicate is Predicate.AGONIST for o in direct):
            o = partial[0]
            if rel.negated:
                return _result(
                    rel, Verdict.SUPPORTED, True, o, f"the denial agrees with {_phrase(G, o)}: {o.reason}"
                )
            return _result(
                rel,
                Verdict.CONTRADICTED,
                True,
                o,
                f"'{rel.cue.text}' asserts full efficacy; the graph holds a partial agonist ({_phrase(G, o)}: {o.reason})",
            )
        options = [o for o in options if o.predicate is not Predicate.PARTIAL_AGONIST]
    if rel.parent is not None:
        # "7-OH is metabolized to mitragynine", "CYP3A4 is a substrate of mitragynine": a
        # conversion or a substrate the graph holds the other way round asserts the reverse
        # of what it shows.
        conversions = [
            o
            for o in options
            if all(link.predicate is Predicate.METABOLIZED_TO for link, _ in o.steps)
            or (o.via == "direct" and o.predicate is Predicate.SUBSTRATE_OF)
        ]
        reverse = [o for o in conversions if o.steps[0][0].subject not in rel.parent.nodes]
        if reverse:
            options = [o for o in options if o not in reverse]
            forward = [o for o in conversions if o not in reverse]
            if not forward and not rel.negated and reverse[0].verdict is Verdict.SUPPORTED:
                o = reverse[0]
                return _result(
                    rel,
                    Verdict.CONTRADICTED,
                    True,
                    o,
                    f"'{rel.cue.text if rel.cue else 'the sentence'}' makes {rel.parent.text} the compound "
                    f"acted on; the graph holds the reverse ({_phrase(G, o)}: {o.reason})",
                )
            if not options:
                return _result(
                    rel,
                    Verdict.UNSUPPORTED,
                    True,
                    None,
                    "the graph holds this conversion the other way round",
                )
    same = [
        o
        for o in options
        if o.steps[-1][0].id in rel.quoted
        or (
            _same_class(o.predicate, classes)
            and (sign is None or predicate_sign(o.predicate) in (sign, None))
        )
    ]
    against = [
        o
        for o in options
        if sign is not None
        and _same_class(o.predicate, classes)
        and predicate_sign(o.predicate) is opposite(sign)
        and o.verdict is Verdict.SUPPORTED
    ]

    def capped(o: _Option) -> Verdict:
        # a causal claim ("causes") met by a correlation ("is associated with") is weak at
        # best; one met by an interaction ("raises mitragynine levels") is what the deciding
        # items say of the direction: the same way, supported; the other way, contradicted;
        # neither, weak
        unsigned = (
            sign is not None
            and o.predicate in _UNSIGNED_LINKS
            and o.steps[-1][0].id not in rel.quoted
            and o.verdict is Verdict.SUPPORTED
        )
        if not unsigned:
            return o.verdict
        if o.predicate is Predicate.INTERACTS_WITH:
            said = _stated_direction(o, species)
            if said is not None:
                return Verdict.SUPPORTED if said is sign else Verdict.CONTRADICTED
        return Verdict.WEAK

    best = max(same, key=lambda o: (_BEST[capped(o)], o.via != "path")) if same else None
    best_v = capped(best) if best else None
    cue = f"'{rel.cue.text}'" if rel.cue else "the quoted claim"
    if rel.negated:
        denied = [o for o in same if _has_negated_primary(G, o, own)]
        if denied:
            o = denied[0]
            return _result(
                rel,
                Verdict.SUPPORTED,
                True,
                o,
                f"the denial agrees with negated primary evidence ({_phrase(G, o)})",
            )
        if best_v is Verdict.SUPPORTED:
            return _result(
                rel, Verdict.CONTRADICTED, True, best, f"the sentence denies what {best.reason} shows"
            )
        if best_v is Verdict.CONTRADICTED or against:
            option = best if best_v is Verdict.CONTRADICTED else against[0]
            return _result(rel, Verdict.SUPPORTED, True, option, f"the denial agrees with {option.reason}")
        if best:
            if best_v is Verdict.WEAK:
                note = " (the sentence denies it; weak evidence for a relation is none against it)"
            return _result(rel, _denial(best_v), True, best, best.reason + note)
    else:
        if best_v is Verdict.SUPPORTED:
            return _result(rel, Verdict.SUPPORTED, True, best, best.reason)
        if against:
            o = against[0]
            return _result(
                rel,
                Verdict.CONTRADICTED,
                True,
                o,
                f"{cue} asserts the opposite of what the graph holds ({_phrase(G, o)}: {o.reason})",
            )
        if best:
            reason = best.reason
            if best_v is Verdict.WEAK and best.predicate is Predicate.INTERACTS_WITH:
                reason = (
                    f"the items on {_phrase(G, best)} find things raised and lowered, or neither; "
                    f"{cue} asserts one direction"
                )
            elif best_v is Verdict.WEAK and capped(best) is not best.verdict:
                reason = f"the graph's relation is unsigned ({_phrase(G, best)}), {cue} asserts a direction"
            elif best_v is Verdict.CONTRADICTED and best.verdict is Verdict.SUPPORTED:
                reason = f"{cue} asserts the opposite of what the evidence finds ({_phrase(G, best)}: {best.reason})"
            return _result(rel, best_v, True, best, reason)
    held = ", ".join(sorted({o.predicate.title for o in options}))
    kinds = "/".join(sorted(c.value for c in classes))
    direction = f" {sign.value}" if sign else ""
    return _result(
        rel,
        Verdict.UNSUPPORTED,
        True,
        None,
        f"{cue} asserts a {kinds}{direction} relation; the graph joins these only by: {held}",
    )


# What an interaction item finds of the direction: exposure or effect raised, or lowered.
_RAISED = re.compile(r"\b(?:rais|increas|elevat|boost|doubl|tripl|enhanc|potentiat|prolong)\w*", re.I)
_LOWERED = re.compile(r"\b(?:lower|reduc|decreas|diminish|halv|shorten|attenuat|weaken)\w*", re.I)


def _stated_direction(o: _Option, species: str | None = None) -> Polarity | None:
    """The direction the deciding items of an option's last step find, when they agree (only
    the findings in ``species``, when the sentence names one: "in rats, ketoconazole raises
    mitragynine levels", where mice found its effects reduced)."""
    up = down = False
    refs = o.steps[-1][1].deciding
    if species is not None:
        refs = tuple(ref for ref in refs if _in_species(ref, species))
    for ref in refs:
        up = up or bool(_RAISED.search(ref.text))
        down = down or bool(_LOWERED.search(ref.text))
    if up == down:
        return None
    return Polarity.POSITIVE if up else Polarity.NEGATIVE


# Links that say two things are related but not which way: a correlation, an interaction
# ("ketoconazole interacts with mitragynine" holds whether the exposure rises or falls).
_UNSIGNED_LINKS = frozenset({Predicate.ASSOCIATED_WITH, Predicate.INTERACTS_WITH})


@dataclass(frozen=True, kw_only=True)
class ComparisonAudit:
    """The comparative part of a sentence and the evidence, if any, that makes that comparison."""

    phrases: tuple[str, ...]
    verdict: Verdict
    deciding: tuple[EvidenceRef, ...]
    reason: str


def audit_comparison(
    G: nx.MultiDiGraph, links: SentenceLinks, relations: tuple[RelationAudit, ...], own: frozenset[str]
) -> ComparisonAudit | None:
    """A comparison is supported only by an evidence item that makes it (and names the comparator).

    Each comparative phrase is graded on its own ("addiction is *less severe* and withdrawal
    *gentler*" makes two comparisons); the sentence takes the worst.
    """
    if not links.comparisons:
        return None
    graded = [_grade_comparison(G, links, c, own) for c in links.comparisons]
    worst = min(graded, key=lambda g: _SEVERITY[g.verdict])
    return ComparisonAudit(
        phrases=tuple(c.text for c in links.comparisons),
        verdict=worst.verdict,
        deciding=worst.deciding,
        reason=worst.reason,
    )


_NEXT_CLAUSE = re.compile(r"[,;:]|\b(?:and|or|but|whereas|while)\b", re.I)


def _kind_group(G: nx.MultiDiGraph, m) -> str:
    """Compounds, plants, targets or outcomes: the things a comparison can set side by side."""
    kinds = {G.nodes[n]["kind"] for n in m.nodes}
    if kinds <= _COMPOUND_KINDS:
        return "compound"
    if kinds <= OUTCOME_KINDS:
        return "outcome"
    if NodeKind.PLANT in kinds:
        return "plant"
    return "target"


_COMPOUND_KINDS = frozenset({NodeKind.ALKALOID, NodeKind.METABOLITE, NodeKind.DRUG})


def _names(text: str, stems: set[str]) -> bool:
    low = text.lower()
    return any(stem in low for stem in stems)


def _grade_comparison(
    G: nx.MultiDiGraph, links: SentenceLinks, c: Comparison, own: frozenset[str]
) -> ComparisonAudit:
    def is_outcome(m) -> bool:
        return all(G.nodes[n]["kind"] in OUTCOME_KINDS for n in m.nodes)

    # the comparator's own mentions ("than *morphine or 7-OH*") are not where the evidence
    # must be; they name what the evidence must compare with
    def is_comparator(m) -> bool:
        if c.comparator_span is not None:
            s, e = c.comparator_span
            return s <= m.start < e
        return c.start <= m.start and any(w[:6] in m.text.lower() for w in c.comparator)

    comparator = c.comparator
    comparator_nodes = {n for m in links.mentions if is_comparator(m) for n in m.nodes}
    comparator = tuple(
        dict.fromkeys((*comparator, *(m.text.lower() for m in links.mentions if is_comparator(m))))
    )
    named = set(links.nodes) - comparator_nodes
    direction = comparison_direction(c.text)
    if c.pairwise:
        # "7-OH is the more potent of the two": the thing named last before the phrase is
        # compared with the other thing of its kind the sentence names
        agents = [m for m in links.mentions if not is_outcome(m)]
        before = [m for m in agents if m.end <= c.start]
        if before:
            subject = before[-1]
            kind = _kind_group(G, subject)
            others = [
                m for m in agents if not set(m.nodes) & set(subject.nodes) and _kind_group(G, m) == kind
            ]
            comparator = tuple(dict.fromkeys(m.text.lower() for m in others))
            comparator_nodes = {n for m in others for n in m.nodes}
            named = set(subject.nodes)
    # the compared attribute: a mention right after the phrase ("lower risk of *addiction*"),
    # or an outcome before it ("*withdrawal* from kratom is milder than ...")
    text = links.sentence.text
    base = links.sentence.start
    after = [
        m
        for m in links.mentions
        if c.end <= m.start <= c.end + 40
        and not is_comparator(m)
        # "is less severe, and its withdrawal ...": a mention past a coordination is not
        # what the phrase qualifies
        and not _NEXT_CLAUSE.search(text, c.end - base, m.start - base)
    ]
    before = [m for m in links.mentions if m.end <= c.start and c.start - m.end <= 40 and is_outcome(m)]
    chosen = after[0] if after else (before[-1] if before else None)
    focus: set[str] = set()
    focus_words: set[str] = set()
    if chosen is not None:
        focus = set(chosen.nodes)
        focus_words = {w.lower()[:6] for w in re.findall(r"[\w-]+", chosen.text)}
        comparator = tuple(w for w in comparator if w[:6] not in focus_words) or comparator
    # the evidence that could make it: on the edges between the sentence's nodes and the
    # compared attribute, or, with no attribute named ("far more potent"), on any edge of
    # the nodes the sentence names
    if not comparator and not focus:
        named = set()  # nothing named to compare with, and no compared attribute: nothing can make it
    keys = set()
    for u, v, k in G.edges(keys=True):
        if focus:
            if (u in named and v in focus) or (v in named and u in focus):
                keys.add((u, v, k))
        elif u in named or v in named:
            keys.add((u, v, k))
    found, judged = [], []  # judged: the comparison is only the authors' remark (an item's note)
    for key in sorted(keys):
        for ev in G.edges[key]["evidence"]:
            if ev.source in own or ev.negated or ev.type is EvidenceType.CLAIM:
                continue
            if makes_comparison(ev.text, comparator, direction):
                found.append(_ref(G, G.edges[key]["id"], ev, own))
            elif (
                focus
                and ev.note
                and makes_comparison(ev.note, comparator, direction)
                and _names(ev.note, focus_words)
            ):
                # an author's remark makes only the comparison it states, of the thing it
                # names ("withdrawal milder than ..." says nothing of how severe addiction is)
                judged.append(_ref(G, G.edges[key]["id"], ev, own))
    phrases = (c.text,)
    shown = f"'{c.text}'"
    primary = [r for r in found if r.type.is_primary and not r.indirect]
    if primary:
        return ComparisonAudit(
            phrases=phrases, verdict=Verdict.SUPPORTED, deciding=tuple(primary[:_PER_EDGE]), reason=""
        )
    if found or judged:
        weak = found or judged
        why = (
            f"only {weak[0].type.value} evidence" if found else "only an author's remark, not a measurement,"
        )
        return ComparisonAudit(
            phrases=phrases,
            verdict=Verdict.WEAK,
            deciding=tuple(weak[:_PER_EDGE]),
            reason=f"comparative claim ({shown}): {why} makes this comparison",
        )
    # From the comparator's side: "7-OH is more potent than mitragynine" makes the claim
    # "mitragynine is less potent than 7-OH", and refutes "mitragynine is more potent".
    flipped = {"up": "down", "down": "up"}.get(direction)
    converse = _opposite_comparison(G, links, named - focus, comparator_nodes, focus, flipped, own)
    if converse:
        return ComparisonAudit(
            phrases=phrases,
            verdict=Verdict.SUPPORTED,
            deciding=tuple(converse[:_PER_EDGE]),
            reason=f"comparative claim ({shown}): made from the other side ({converse[0].citation})",
        )
    opposite_refs = _opposite_comparison(G, links, named - focus, comparator_nodes, focus, direction, own)
    if opposite_refs:
        ref = opposite_refs[0]
        return ComparisonAudit(
            phrases=phrases,
            verdict=Verdict.CONTRADICTED,
            deciding=tuple(opposite_refs[:_PER_EDGE]),
            reason=f"comparative claim ({shown}): the evidence makes it the other way round ({ref.citation}: {ref.text})",
        )
    against = f" with {', '.join(comparator)}" if comparator else ""
    return ComparisonAudit(
        phrases=phrases,
        verdict=Verdict.UNSUPPORTED,
        deciding=(),
        reason=f"comparative claim ({shown}): no evidence in the graph makes this comparison{against}",
    )


def _opposite_comparison(
    G: nx.MultiDiGraph,
    links: SentenceLinks,
    subject: set[str],
    comparator: set[str],
    focus: set[str],
    direction: str | None,
    own: frozenset[str],
) -> list[EvidenceRef]:
    """Primary evidence on the comparator's side that compares it with the subject in
    ``direction`` ("7-OH is more potent than mitragynine": "up", with mitragynine named after
    the comparison word)."""
    if direction is None or not subject or not comparator:
        return []
    names = tuple(dict.fromkeys(G.nodes[n]["label"].lower() for n in subject if n in G))
    names += tuple(m.text.lower() for m in links.mentions if set(m.nodes) & subject)
    out = []
    for u, v, k in sorted(G.edges(keys=True)):
        ends = {u, v}
        if not ends & comparator or (focus and not ends & focus):
            continue
        for ev in G.edges[u, v, k]["evidence"]:
            if ev.source in own or ev.negated or not ev.type.is_primary:
                continue
            if makes_comparison(ev.text, names, direction):
                ref = _ref(G, G.edges[u, v, k]["id"], ev, own)
                if not ref.indirect:
                    out.append(ref)
    return out


@dataclass(frozen=True, kw_only=True)
class SentenceAudit:
    links: SentenceLinks
    relations: tuple[RelationAudit, ...]
    verdict: Verdict | None
    deciding: tuple[RelationAudit, ...]  # the relations that set the verdict
    reason: str
    comparison: ComparisonAudit | None = None

    @property
    def evidence(self) -> tuple[EvidenceRef, ...]:
        refs = tuple(ref for r in self.deciding for ref in r.deciding)
        if self.comparison and self.comparison.verdict is self.verdict:
            refs += self.comparison.deciding
        return refs


_EFFECT_CLASSES = frozenset({RelationClass.CAUSAL, RelationClass.FUNCTIONAL})
_AGENT_KINDS = frozenset({NodeKind.PLANT, NodeKind.ALKALOID, NodeKind.METABOLITE, NodeKind.DRUG})
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _evidence_numbers(
    G: nx.MultiDiGraph, relations: tuple[RelationAudit, ...], own: frozenset[str]
) -> set[str]:
    out: set[str] = set()
    for r in relations:
        for link in (*r.relation.edges, *(step for path in r.relation.paths for step in path)):
            for ev in G.edges[link.key]["evidence"]:
                if ev.source in own or ev.type is EvidenceType.CLAIM:
                    continue
                out |= {m.replace(",", "") for m in _DIGITS.findall(f"{ev.text} {ev.note or ''}")}
                for v in ev.values:
                    out |= {_number(x) for x in (v.value, v.low, v.high) if x is not None}
    return out


_LIST_SEP = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or|as\s+well\s+as)\s+", re.I)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|may|might|can|could|will|would|has|have|had|does|do|include|includes|including"
    r"|such\s+as)\b",
    re.I,
)
_NOT_AN_ITEM = frozenset("other more less also even both many some their its the a an".split())
_NOT_A_LIST_START = re.compile(
    r"(?:with|in|on|at|by|for|from|to|of|which|that|who|whose|when|while|probably|because|furthermore|however"
    r"|moreover|also|potential|stopping|quitting|so|then|thus|this|these|it|they|them|he|she)\b",
    re.I,
)
_PREPOSITION = re.compile(
    r"\b(?:past|with|for|of|from|against|to|on|in|into|like|bring|brings|bringing)\s+", re.I
)
_EXAMPLES = re.compile(r"\b(?:such\s+as|including|e\.g\.|for\s+example|like)\b", re.I)


def unknown_list_items(G: nx.MultiDiGraph, links: SentenceLinks) -> tuple[str, ...]:
    """Items of a list of outcomes that name nothing the graph holds ("seizures and
    *psychosis*", "weight loss, insomnia and constipation"): the claim is only as good as
    its weakest item."""
    text, base = links.sentence.text, links.sentence.start
    examples = _EXAMPLES.search(text)
    if examples:
        text = text[: examples.start()]  # examples after "such as" are details, not list items
    outcome_spans = [
        (m.start - base, m.end - base)
        for m in links.mentions
        if all(G.nodes[n]["kind"] in OUTCOME_KINDS for n in m.nodes) and m.group is None
    ]
    if not outcome_spans:
        return ()
    mention_spans = [(m.start - base, m.end - base) for m in links.mentions]
    bounds, seps, pos = [], [], 0
    for sep in _LIST_SEP.finditer(text):
        bounds.append((pos, sep.start()))
        seps.append(bool(re.search(r"\b(?:and|or)\b", sep.group(), re.I)))
        pos = sep.end()
    bounds.append((pos, len(text.rstrip(".!?"))))
    if len(bounds) < 2:
        return ()

    def core(i: int, side: str) -> tuple[int, int]:
        # the noun phrase of a chunk next to the list: its first words (before a verb), or
        # the words after the last verb or relation word
        s, e = bounds[i]
        chunk = text[s:e]
        if side == "right":
            verb = _VERBISH.search(chunk)
            cue = next(
                (c for c in links.cues if c.kind is CueKind.RELATION and s <= c.start - base < e), None
            )
            stop = min(
                x
                for x in (verb.start() if verb else len(chunk), (cue.start - base - s) if cue else len(chunk))
            )
            return s, s + stop
        last = None
        for c in links.cues:
            if c.kind is CueKind.RELATION and s <= c.start - base < e:
                last = c.end - base
        if last is None:
            preps = list(_PREPOSITION.finditer(text, s, e))
            last = preps[-1].end() if preps else None
        return (last, e) if last is not None else (s, e)

    def words(a: int, b: int) -> list[str]:
        return [w for w in re.findall(r"[^\W\d_][\w'-]*", text[a:b]) if w.lower() not in _NOT_AN_ITEM]

    def named(a: int, b: int) -> bool:
        return any(ms < b and a < me for ms, me in mention_spans)

    unknown = []
    for i in range(len(bounds)):
        s, e = bounds[i]
        if not any(s <= os < e for os, _ in outcome_spans):
            continue
        for step in (-1, 1):
            own_a, own_b = core(i, "right" if step < 0 else "left")
            if len(words(own_a, own_b)) > 4:
                continue  # the outcome is not an item of a short list on this side
            if not any(own_a <= os < own_b for os, _ in outcome_spans):
                # the outcome is the object of its own clause ("..., and that is how they
                # relieve pain"), not an item of a list with the chunk before it
                continue
            j = i + step
            # a list is coordinated: "a, b and c" (an "and"/"or" between or further along)
            between = range(min(i, j), len(seps)) if step > 0 else range(0, i)
            if not any(seps[k] for k in between):
                continue
            while 0 <= j < len(bounds):
                a, b = core(j, "right" if step > 0 else "left")
                item = words(a, b)
                if not item or len(item) > 3 or _NOT_A_LIST_START.match(text[a:b].strip()):
                    break
                if not named(a, b):
                    unknown.append(" ".join(item))
                if (b - a) < (bounds[j][1] - bounds[j][0]):
                    break  # the list ends inside this chunk
                j += step
    return tuple(dict.fromkeys(unknown))


def _measured(G: nx.MultiDiGraph, links: SentenceLinks, name: str, unit: str, own: frozenset[str]):
    """Values the evidence on the sentence's nodes gives for one parameter, in one unit."""
    names = {n.lower() for n in parameter_names(name)}
    out = []
    for u, v, k in G.edges(keys=True):
        if u not in links.nodes and v not in links.nodes:
            continue
        for ev in G.edges[u, v, k]["evidence"]:
            if ev.source in own or ev.type is EvidenceType.CLAIM or not ev.type.is_primary:
                continue
            for val in ev.values:
                if val.parameter.lower() in names and unit_of(val.unit) == unit and val.value is not None:
                    src = G.graph.get("sources", {}).get(ev.source)
                    out.append((val.value, src.label if src else ev.source))
    return out


def _note(G: nx.MultiDiGraph, link: EdgeLink, ref: EvidenceRef) -> str | None:
    for ev in G.edges[link.key]["evidence"]:
        if ev.source == ref.source and ev.text == ref.text:
            return ev.note
    return None


def audit_details(
    G: nx.MultiDiGraph, links: SentenceLinks, relations: tuple[RelationAudit, ...], own: frozenset[str]
) -> list[tuple[Verdict, str]]:
    """Details a claim adds to its relations, which evidence must give too: a strain, a
    combination of products, a number. Each missing one makes the claim unsupported."""
    text = links.sentence.text
    gaps = []
    strain = find_strain(text)
    if strain:
        gaps.append(
            (Verdict.UNSUPPORTED, f"'{strain.group()}': the graph holds no data on strains or vein colours")
        )
    combination = find_combination(text)
    outcomes = [m for m in links.mentions if all(G.nodes[n]["kind"] in OUTCOME_KINDS for n in m.nodes)]
    if combination and (outcomes or asserts_harm(text)):
        gaps.append(
            (Verdict.UNSUPPORTED, f"'{combination.group()}': no evidence on what the combination does")
        )
    unknown = unknown_list_items(G, links)
    if unknown:
        gaps.append(
            (Verdict.UNSUPPORTED, f"the graph holds nothing on {', '.join(repr(u) for u in unknown)}")
        )
    if links.reason is None:
        for r in relations:
            rel = r.relation
            if r.verdict is not None or rel.a is None:
                continue
            kinds = [{G.nodes[n]["kind"] for n in m.nodes} for m in (rel.a, rel.b)]
            if any(k <= OUTCOME_KINDS for k in kinds) and any(k & _AGENT_KINDS for k in kinds):
                gaps.append((Verdict.UNSUPPORTED, f"no edge or path joins {rel.a.text!r} and {rel.b.text!r}"))
                break
    species = find_species(text)
    if species:
        gap = _species_gap(G, relations, *species)
        if gap:
            gaps.append((Verdict.WEAK, gap))
    strength = asserts_strength(text)
    if strength:
        for r in relations:
            if r.verdict is not Verdict.SUPPORTED or not r.asserted:
                continue
            weak = [
                ref
                for link, g in r.grades
                for ref in g.deciding
                if not ref.own and describes_weak(ref.text + " " + (_note(G, link, ref) or ""))
            ]
            if weak and not any(asserts_strength(ref.text) for link, g in r.grades for ref in g.deciding):
                gaps.append(
                    (
                        Verdict.CONTRADICTED,
                        f"'{strength.group()}': the evidence measures it as weak ({weak[0].citation})",
                    )
                )
                break
    agreed = set()
    for name, number, unit in stated_values(text):
        measured = _measured(G, links, name, unit, own)
        if any(v / 2 <= number <= v * 2 for v, _ in measured):
            agreed.add(_number(number))  # "about 24 hours" against 23.24 h: the same measure
        elif measured:
            v, ref = measured[0]
            gaps.append(
                (
                    Verdict.CONTRADICTED,
                    f"the claim gives {name} {_number(number)} {unit}; the evidence measures {_number(v)} {unit}"
                    f" ({ref})",
                )
            )
            return gaps
    numbers = quantities(text)
    if numbers:
        known = _evidence_numbers(G, relations, own)
        missing = [n for n in numbers if n not in known and n not in agreed]
        if missing:
            gaps.append((Verdict.UNSUPPORTED, f"no evidence item gives the number {', '.join(missing)}"))
    return gaps


def _value_agreement(
    G: nx.MultiDiGraph, links: SentenceLinks, own: frozenset[str]
) -> tuple[Verdict, str] | None:
    """The verdict on the values a sentence states that the evidence measures: each within
    a quarter of a measured value, supported; within twofold of one only, weak (the worst
    stated value decides); None when the sentence states no measured parameter. A value
    more than twofold from every measured one is :func:`audit_details`' contradiction."""
    verdicts = []
    for name, number, unit in stated_values(links.sentence.text):
        measured = _measured(G, links, name, unit, own)
        if not measured:
            continue
        v, ref = min(measured, key=lambda m: abs(m[0] - number))
        close = abs(v - number) <= 0.25 * v
        verdict = Verdict.SUPPORTED if close else Verdict.WEAK
        how = "measures" if close else "measures only within twofold of it,"
        verdicts.append(
            (
                verdict,
                f"the claim gives {name} {_number(number)} {unit}; the evidence {how} {_number(v)} {unit} ({ref})",
            )
        )
    if not verdicts:
        return None
    return min(verdicts, key=lambda x: _SEVERITY[x[0]])


def _in_species(ref: EvidenceRef, species: str) -> bool:
    """Whether an evidence item is a finding in that organism (a ``Species`` value): about
    people, a study of people, or a report on people (a regulatory record of deaths); an
    assay on human cells or tissue (in vitro) is not a finding in humans."""
    if species == "human":
        return ref.type.studies_people or (ref.species == "human" and ref.type.in_organism)
    return ref.species == species and ref.type is EvidenceType.ANIMAL


def _species_gap(G: nx.MultiDiGraph, relations, where: re.Match, species: str) -> str | None:
    """The reason a claim that says where its finding holds ("in humans") is weak: none of
    the evidence deciding a relation it asserts is a finding in that organism; None otherwise."""
    for r in relations:
        # A denial agreeing with negated evidence is decided by items its grades do not list.
        if r.verdict is not Verdict.SUPPORTED or not r.asserted or r.relation.negated:
            continue
        refs = [ref for _, g in r.grades for ref in g.deciding if not ref.own]
        if refs and not any(_in_species(ref, species) for ref in refs):
            found = sorted({_evidence_from(ref) for ref in refs})
            return f"'{where.group()}': the evidence for it is {', '.join(found)}, not a finding in {_PLURAL[species]}"
    return None


_PLURAL = {"human": "humans", "mouse": "mice", "rat": "rats", "guinea_pig": "guinea pigs", "dog": "dogs"}
_PLURAL["monkey"] = "monkeys"


def _evidence_from(ref: EvidenceRef) -> str:
    kind = ref.type.title.lower()
    return (
        f"{kind} ({ref.species.replace('_', ' ')})"
        if ref.species and ref.species != "not_applicable"
        else kind
    )


_OBJECT_END = re.compile(
    r"[,;:()]|\b(?:but|whereas|while|although|though|however|yet|because|since|which|so|when|if|unless"
    r"|depending)\b",
    re.I,
)
_PRONOUN_OBJECT = re.compile(r"\s*(?:it|them|this|these|that|those|its|their|itself|one|each|both)\b", re.I)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?$", re.I)
_NOT_AN_OBJECT = frozenset(
    "the two both all any some many more less most very much and or its their other such than this that "
    "these those above below about over under with from for into onto upon".split()
)
_OBJECT_CLASSES = frozenset({RelationClass.CAUSAL, RelationClass.FUNCTIONAL, RelationClass.BINDING})


def unknown_effect(G: nx.MultiDiGraph, links: SentenceLinks):
    """A relation word after a named agent whose object names nothing the graph holds:
    "kratom guards against cancer", "it acts as a stimulant that raises energy", "small
    doses make users more awake". The claim is about an outcome or target the graph does
    not hold, so nothing supports it, whatever else the sentence says.

    The object is the text after the word up to the end of its clause (a comma, a
    conjunction such as "whereas" or "because"): "activates G protein signalling *at MOR*"
    names MOR. A word in
    the passive ("is relieved by"), followed by a pronoun ("activates it"), inside a
    comparison or inside a name is not read this way."""
    agents = [m for m in links.mentions if not all(G.nodes[n]["kind"] in OUTCOME_KINDS for n in m.nodes)]
    if not agents:
        return None
    text, base = links.sentence.text, links.sentence.start
    first = min(m.end for m in agents)
    for cue in links.cues:
        if cue.kind is not CueKind.RELATION or cue.start < first or not (cue.classes & _OBJECT_CLASSES):
            continue
        if any(m.start <= cue.start < m.end for m in links.mentions):
            continue
        if any(c.start <= cue.start < c.end for c in links.comparisons):
            continue
        local = cue.end - base
        passive = _PASSIVE.search(text, 0, cue.start - base) and re.search(r"(?:ed|en|bound)$", cue.text)
        if passive or re.match(r"\s*by\b", text[local:], re.I):
            continue
        if _PRONOUN_OBJECT.match(text, local):
            continue
        stop = _OBJECT_END.search(text, local)
        end = base + (stop.start() if stop else len(text))
        if any(cue.end <= c.start < end for c in links.cues if c.kind is CueKind.RELATION):
            continue  # "can help alleviate ...": the last word of the chain takes the object
        if any(cue.end <= m.start < end for m in links.mentions):
            continue
        words = [w.lower() for w in re.findall(r"[^\W\d_][\w'-]{2,}", text[local : end - base])]
        content = [w for w in words if w not in _NOT_AN_OBJECT]
        if not content:
            continue  # no object written out ("the more potent agonist of the two")
        named = {w.lower()[:5] for m in links.mentions for w in re.findall(r"[\w-]{4,}", m.text)}
        if any(w[:5] in named for w in content if len(w) >= 4):
            continue  # the object repeats a name the sentence gives ("pain relief ... alleviate pain")
        return cue
    return None


def audit_sentence(G: nx.MultiDiGraph, links: SentenceLinks, own: frozenset[str]) -> SentenceAudit:
    where = find_species(links.sentence.text)
    relations = tuple(audit_relation(G, r, own, where[1] if where else None) for r in links.relations)

    def result(verdict, deciding=(), reason="", comparison=None):
        return SentenceAudit(
            links=links,
            relations=relations,
            verdict=verdict,
            deciding=tuple(deciding),
            reason=reason,
            comparison=comparison,
        )

    if links.heading:
        return result(None, reason="a heading, not a claim")
    if links.question:
        return result(None, reason="a question, not a claim")
    if not links.claim_bearing:
        return result(None, reason="not a claim")
    comparison = audit_comparison(G, links, relations, own)
    if links.advice and not any(r.relation.asserted for r in relations):
        return result(None, reason="advice or a research agenda, not a claim")
    if not relations:
        effect = unknown_effect(G, links)
        if effect is not None:
            return result(
                Verdict.UNSUPPORTED,
                reason=f"'{effect.text}' asserts an effect on something the graph does not hold",
                comparison=comparison,
            )
        if comparison is not None:
            return result(
                comparison.verdict, (), comparison.reason or "comparison made by evidence", comparison
            )
        gaps = audit_details(G, links, relations, own)
        if gaps:
            worst = min(gaps, key=lambda g: _SEVERITY[g[0]])
            return result(worst[0], reason=worst[1])
        # "Mitragynine has a half-life of about 24 hours": a value of one thing, which the
        # evidence measures (close: supported; within twofold only: weak).
        agreement = _value_agreement(G, links, own)
        if agreement is not None:
            return result(agreement[0], reason=agreement[1])
        # One entity (perhaps named twice) and a cue word: no relation between two things
        # is asserted, so there is nothing to check against the graph.
        return result(None, reason="no relation between two entities")
    graded = [r for r in relations if r.verdict is not None]
    if not graded:
        if comparison is not None:
            return result(
                comparison.verdict, (), comparison.reason or "comparison made by evidence", comparison
            )
        return result(Verdict.UNSUPPORTED, reason="no linked edge in the graph")
    asserted = [r for r in graded if r.asserted]
    pool = asserted or graded
    if links.reason is not None:
        # "people use it for pain": a reason for use, graded as what users report, not as relief
        reported = [r for r in graded if r.relation.b is links.reason or r.relation.a is links.reason]
        pool = reported or pool
    verdict = min((r.verdict for r in pool), key=lambda v: _SEVERITY[v])
    deciding = [r for r in pool if r.verdict is verdict]
    scope = "asserted relation" if asserted else "linked relation"
    reason = f"worst {scope}: {deciding[0].reason}"
    if comparison is not None and _SEVERITY[comparison.verdict] < _SEVERITY[verdict]:
        verdict, deciding, reason = comparison.verdict, [], comparison.reason
    for gap, why in audit_details(G, links, relations, own):
        if _SEVERITY[gap] < _SEVERITY[verdict]:
            verdict, deciding, reason = gap, [], why
    effect = unknown_effect(G, links)
    if effect is not None and _SEVERITY[Verdict.UNSUPPORTED] < _SEVERITY[verdict]:
        verdict, deciding = Verdict.UNSUPPORTED, []
        reason = f"'{effect.text}' asserts an effect on something the graph does not hold"
    return result(verdict, deciding, reason, comparison)


def document_sources(
    G: nx.MultiDiGraph, name: str, text: str, documents: Mapping[str, str] | None = None
) -> frozenset[str]:
    """Ids of the sources that are this document (by file name, text hash or verbatim quotes)."""
    base = PurePath(str(name).replace("\\", "/")).name
    digest = text_hash(text)
    plain = _normalize_quotes(text)
    found = set()
    doc_sources = {sid: s for sid, s in G.graph.get("sources", {}).items() if s.document}
    for sid, src in doc_sources.items():
        if src.document == base or (
            documents and src.document in documents and text_hash(documents[src.document]) == digest
        ):
            found.add(sid)
    quoted = {sid: [] for sid in doc_sources if sid not in found}
    if quoted:
        for _, _, d in G.edges(data=True):
            for ev in d["evidence"]:
                if ev.source in quoted and ev.quote and len(ev.text) >= 40:
                    quoted[ev.source].append(ev.text)
        for sid, quotes in quoted.items():
            if any(piece in plain for q in quotes for piece in quote_pieces(q)):
                found.add(sid)
    return frozenset(found)


@dataclass(frozen=True, kw_only=True)
class DocumentAudit:
    document: str
    sentences: tuple[SentenceAudit, ...]
    own_sources: frozenset[str]

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(s.verdict.value if s.verdict else "no_claim" for s in self.sentences)
        return {key: counts.get(key, 0) for key in [*(v.value for v in Verdict), "no_claim"]}

    def to_json(self, G: nx.MultiDiGraph) -> dict:
        return audit_to_json(G, self)


def audit_document(
    G: nx.MultiDiGraph,
    text: str,
    name: str = "document.txt",
    *,
    documents: Mapping[str, str] | None = None,
    markdown: bool | None = None,
) -> DocumentAudit:
    """Audit every sentence of ``text``; ``documents`` (name -> text) helps recognise it by hash."""
    own = document_sources(G, name, text, documents)
    if markdown is None:
        markdown = str(name).lower().endswith(".md")
    links = link_document(G, text, markdown=markdown, self_sources=own)
    return DocumentAudit(
        document=PurePath(str(name)).name,
        sentences=tuple(audit_sentence(G, s, own) for s in links),
        own_sources=own,
    )


def worst_sentence(audit: DocumentAudit) -> SentenceAudit | None:
    """The sentence with the worst verdict (None if no sentence makes a claim)."""
    graded = [s for s in audit.sentences if s.verdict is not None]
    if not graded:
        return audit.sentences[0] if audit.sentences else None
    return min(graded, key=lambda s: _SEVERITY[s.verdict])


def _edge_json(G: nx.MultiDiGraph, link: EdgeLink, grade: EdgeGrade | None, rel: RelationAudit) -> dict:
    from graph.query import relation_sentence

    d = G.edges[link.key]
    sm, om = link.subject_mention, link.object_mention
    return {
        "id": link.id,
        "subject": link.subject,
        "predicate": link.predicate.value,
        "object": link.object,
        "relation": relation_sentence(G, link.key),
        "best_evidence": d["best_evidence"].value if d["best_evidence"] else None,
        "confidence": d["confidence"],
        "contested": d["contested"],
        "via": link.via,
        "cued": link.cued,
        "asserted": rel.asserted and (link.cued or link.id in rel.relation.quoted or link.via == "quote"),
        "negated": rel.relation.negated,
        "verdict": grade.verdict.value if grade else None,
        "subject_span": [sm.start, sm.end] if sm else None,
        "object_span": [om.start, om.end] if om else None,
    }


def sentence_to_json(G: nx.MultiDiGraph, s: SentenceAudit, own: frozenset[str] = frozenset()) -> dict:
    links = s.links
    entities = [
        {
            "node": n,
            "label": G.nodes[n]["label"],
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "group": m.group,
        }
        for m in links.mentions
        for n in m.nodes
    ]
    edges, seen = [], set()
    for rel in s.relations:
        for link in rel.relation.edges:
            if link.id in seen:
                continue
            seen.add(link.id)
            grade = next((g for e, g in rel.grades if e.id == link.id), None) or grade_edge(G, link.key, own)
            edges.append(_edge_json(G, link, grade, rel))
    paths = []
    for rel in s.relations:
        if rel.via == "path":
            paths.append(
                {
                    "between": [list(rel.relation.a.nodes), list(rel.relation.b.nodes)],
                    "edges": [_edge_json(G, link, g, rel) for link, g in rel.grades],
                    "verdict": rel.verdict.value,
                    "reason": rel.reason,
                }
            )
    candidates = [
        {
            "a": list(r.relation.a.nodes),
            "b": list(r.relation.b.nodes),
            "a_text": r.relation.a.text,
            "b_text": r.relation.b.text,
            "a_span": list(r.relation.a.span),
            "b_span": list(r.relation.b.span),
            "indirect": bool(r.relation.paths),
        }
        for r in s.relations
        if r.relation.is_candidate
    ]
    relations = [
        {
            "a": list(r.relation.a.nodes) if r.relation.a else None,
            "b": list(r.relation.b.nodes) if r.relation.b else None,
            "verdict": r.verdict.value if r.verdict else None,
            "asserted": r.asserted,
            "via": r.via,
            "negated": r.relation.negated,
            "cue": r.relation.cue.text if r.relation.cue else None,
            "classes": sorted(c.value for c in r.relation.classes),
            "polarity": r.relation.sign.value if r.relation.sign else None,
            "edges": [e.id for e, _ in r.grades],
            "reason": r.reason,
        }
        for r in s.relations
    ]
    subject = links.subject
    return {
        "index": links.sentence.index,
        "text": links.sentence.text,
        "start": links.sentence.start,
        "end": links.sentence.end,
        "verdict": s.verdict.value if s.verdict else None,
        "reason": s.reason,
        "claim_bearing": links.claim_bearing,
        "hedged": links.hedged,
        "negated": links.negated,
        "heading": links.heading,
        "question": links.question,
        "comparisons": [
            {"text": c.text, "start": c.start, "end": c.end, "comparator": list(c.comparator)}
            for c in links.comparisons
        ],
        "comparison": (
            {
                "verdict": s.comparison.verdict.value,
                "reason": s.comparison.reason,
                "evidence": [ref.to_json() for ref in s.comparison.deciding],
            }
            if s.comparison
            else None
        ),
        "subject": (
            {"node": subject.nodes[0], "label": G.nodes[subject.nodes[0]]["label"], "text": subject.text}
            if subject
            else None
        ),
        "entities": entities,
        "edges": edges,
        "paths": paths,
        "relations": relations,
        "evidence": [ref.to_json() for ref in s.evidence],
        "cues": [
            {
                "kind": c.kind.value,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "predicates": sorted(p.value for p in c.predicates),
            }
            for c in links.cues
        ],
        "candidates": candidates,
    }


def audit_to_json(G: nx.MultiDiGraph, audit: DocumentAudit) -> dict:
    """The audit as plain JSON-ready data (offsets into the document text)."""
    return {
        "document": audit.document,
        "own_sources": sorted(audit.own_sources),
        "sentences": [sentence_to_json(G, s, audit.own_sources) for s in audit.sentences],
        "summary": audit.summary,
    }


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_text(
    G: nx.MultiDiGraph, audit: DocumentAudit, *, all_sentences: bool = False, width: int = 110
) -> str:
    """A plain-text report: each claim-bearing sentence, its verdict and deciding evidence."""
    lines = [f"Claim audit of {audit.document}"]
    if audit.own_sources:
        lines.append(
            f"(evidence from {', '.join(sorted(audit.own_sources))} is this document's own: not counted)"
        )
    for s in audit.sentences:
        if s.verdict is None and not all_sentences:
            continue
        flags = "".join([" [hedged]" if s.links.hedged else "", " [negation]" if s.links.negated else ""])
        lines.append("")
        lines.append(
            f"{s.links.sentence.index:>3}. {(s.verdict.value if s.verdict else '-').upper()}{flags}: "
            f"{_clip(s.links.sentence.text, width)}"
        )
        lines.append(f"     why: {s.reason}")
        for r in s.deciding:
            rel = r.relation
            if rel.a is not None:
                lines.append(f"     relation {rel.a.text!r} ~ {rel.b.text!r}: {r.verdict.value} ({r.via})")
            for link, g in r.grades:
                lines.append(f"     edge {link.id} -> {g.verdict.value} ({g.reason})")
                for ref in g.deciding:
                    tag = " own" if ref.own else ""
                    tag += " indirect" if ref.indirect else ""
                    tag += " negated" if ref.negated else ""
                    lines.append(
                        f"       - {ref.type.value}{tag}, {ref.citation}: {_clip(ref.text, width - 20)}"
                    )
        cands = [r for r in s.relations if r.relation.is_candidate]
        if cands:
            names = ", ".join(f"{r.relation.a.text} ~ {r.relation.b.text}" for r in cands)
            lines.append(f"     candidate links: {_clip(names, width)}")
    lines.append("")
    lines.append("summary: " + ", ".join(f"{k} {v}" for k, v in audit.summary.items()))
    return "\n".join(lines)
