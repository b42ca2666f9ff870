"""Link each sentence of a document to the graph: mentions, the edges between them, candidates.

For every pair of mentions in a sentence (their node sets disjoint), the edges of the graph
between any node of one and any node of the other, in either direction, are the pair's
*direct* links, each with the character offsets of both mentions. Every pair also gets
*indirect* links: two-step paths that start with a composition or metabolism
step (``x -contains-> w -p-> y``, ``x -metabolized_to-> w -p-> y``), so "kratom acts on
opioid receptors" reaches the receptors through the plant's alkaloids even when a weaker
direct edge exists. Pairs with no direct edge are reported as candidate new links.

A third kind of link comes from the dataset itself: evidence items whose source is the
document being read (the seed article's own claims, quoted on the edges they assert) link
the sentence they quote to that edge, even when the sentence names an endpoint in words
the matcher does not know ("modulate pain and inflammation").

Offsets are always into the whole document text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.text.cues import (
    Comparison,
    Cue,
    CueKind,
    class_matches,
    find_combination,
    find_comparisons,
    find_cues,
    find_reason_for_use,
    find_user_subject,
    is_advice,
    is_heading,
    is_question,
    names_lost_function,
    negation_scopes,
    predicate_sign,
    qualifies_a_product,
    quantities,
    relation_predicates,
    substrate_spans,
)
from graph.text.mentions import Mention, matcher_for
from graph.text.sentences import Sentence, split_sentences
from graph.vocab import NodeKind, Polarity, Predicate, RelationClass

OUTCOME_KINDS = frozenset({NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT})
_COMPOUNDS = frozenset({NodeKind.ALKALOID, NodeKind.METABOLITE, NodeKind.DRUG})
_AGENTS = _COMPOUNDS | {NodeKind.PLANT}
_TARGETS = frozenset({NodeKind.RECEPTOR, NodeKind.ENZYME, NodeKind.OTHER_TARGET})
_RC = RelationClass


def pair_classes(kinds_a: frozenset[NodeKind], kinds_b: frozenset[NodeKind]) -> frozenset[RelationClass]:
    """Kinds of relation that can hold between nodes of these kinds (either order).

    A plant contains compounds; compounds are metabolised to each other and by enzymes,
    bind and act on targets; anything can cause an outcome. "Derived from" between the
    plant and chronic pain therefore asserts nothing about them.
    """
    out: set[RelationClass] = set()
    for x, y in ((kinds_a, kinds_b), (kinds_b, kinds_a)):
        if NodeKind.PLANT in x and y & (_COMPOUNDS - {NodeKind.DRUG}):
            out.add(_RC.COMPOSITIONAL)
        if x & _AGENTS and y & _COMPOUNDS:
            out |= {_RC.METABOLIC, _RC.BINDING, _RC.FUNCTIONAL, _RC.CAUSAL}
        if x & _AGENTS and y & _TARGETS:
            out |= {_RC.BINDING, _RC.FUNCTIONAL, _RC.METABOLIC}
        if y & OUTCOME_KINDS and x:
            out.add(_RC.CAUSAL)
        if x & _TARGETS and y & _TARGETS:
            out |= {_RC.FUNCTIONAL, _RC.CAUSAL}
    return frozenset(out)


PATH_FIRST_STEPS = frozenset(p for p in Predicate if p.passes_sign)


@dataclass(frozen=True, kw_only=True)
class EdgeLink:
    """One graph edge a sentence speaks of."""

    id: str  # "subject|predicate|object"
    subject: str
    predicate: Predicate
    object: str
    subject_mention: Mention | None = None
    object_mention: Mention | None = None
    via: str = (
        "mention"  # "mention": both ends named; "quote": the document's own claim; "path": a step of a path
    )
    cued: bool = False  # a relation cue of the sentence can express this predicate

    @property
    def key(self) -> tuple[str, str, str]:
        """The networkx edge key ``(u, v, k)``."""
        return (self.subject, self.object, self.predicate.value)


@dataclass(frozen=True, kw_only=True)
class Relation:
    """Two mentions of one sentence and how the graph joins them (directly or by a path).

    A relation made only from a quoted claim has no mentions (``a`` and ``b`` are None).
    """

    a: Mention | None
    b: Mention | None
    edges: tuple[EdgeLink, ...] = ()
    paths: tuple[tuple[EdgeLink, EdgeLink], ...] = ()
    quoted: frozenset[str] = frozenset()  # ids of edges that quote this sentence as the document's claim
    negated: bool = False
    substrates: bool = (
        False  # one mention is an enzyme standing for its substrates ("drugs CYP2D6 breaks down")
    )
    cue: Cue | None = None  # the relation word between the two mentions that asserts this relation
    classes: frozenset[RelationClass] = frozenset()  # what the cue asserts, for these kinds of node
    sign: Polarity | None = None  # its polarity as applied to the object (None: unsigned)
    # The mention the sentence makes the compound acted on: the parent of a conversion ("A
    # is metabolized to B", "B is formed from A": A) or the substrate of an enzyme ("A is a
    # substrate of E", "A is metabolized by E", "E metabolizes A": A); None where it states
    # no direction. It is the subject of the graph's metabolized_to or substrate_of edge.
    parent: Mention | None = None

    @property
    def asserted(self) -> bool:
        """A relation word joins the two mentions, or the dataset quotes the sentence as a claim."""
        return self.cue is not None or bool(self.quoted)

    @property
    def nodes(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return (self.a.nodes if self.a else (), self.b.nodes if self.b else ())

    @property
    def is_candidate(self) -> bool:
        """Named together but joined by no edge: a candidate new link."""
        return self.a is not None and self.b is not None and not self.edges


@dataclass(frozen=True, kw_only=True)
class SentenceLinks:
    sentence: Sentence
    mentions: tuple[Mention, ...]
    cues: tuple[Cue, ...]
    relations: tuple[Relation, ...]
    hedged: bool
    negated: bool
    claim_bearing: bool = field(default=False)
    comparisons: tuple[Comparison, ...] = ()
    subject: Mention | None = None  # the document's subject, standing for "users" / "regular use"
    heading: bool = False
    question: bool = False
    advice: bool = False  # advice or a research agenda ("more research is needed")
    reason: Mention | None = None  # "used it for", standing for the node of self-reported reasons for use

    @property
    def edges(self) -> tuple[EdgeLink, ...]:
        """Direct and quoted edge links, each edge once (first link wins)."""
        seen: dict[str, EdgeLink] = {}
        for rel in self.relations:
            for link in rel.edges:
                seen.setdefault(link.id, link)
        return tuple(seen.values())

    @property
    def candidates(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.is_candidate)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for m in self.mentions for n in m.nodes))


def _edges_between(G: nx.MultiDiGraph, a: Mention, b: Mention, cued: frozenset[Predicate]) -> list[EdgeLink]:
    out = []
    for x in a.nodes:
        for y in b.nodes:
            for u, v, sm, om in ((x, y, a, b), (y, x, b, a)):
                if not G.has_edge(u, v):
                    continue
                for d in G[u][v].values():
                    out.append(
                        EdgeLink(
                            id=d["id"],
                            subject=u,
                            predicate=d["predicate"],
                            object=v,
                            subject_mention=sm,
                            object_mention=om,
                            cued=d["predicate"] in cued,
                        )
                    )
    return out


def _paths_between(G: nx.MultiDiGraph, a: Mention, b: Mention, cued: frozenset[Predicate]):
    named = set(a.nodes) | set(b.nodes)
    out = []
    for first, second in ((a, b), (b, a)):
        for x in first.nodes:
            for _, w, d1 in G.out_edges(x, data=True):
                if d1["predicate"] not in PATH_FIRST_STEPS or w in named:
                    continue
                for y in second.nodes:
                    if not G.has_edge(w, y):
                        continue
                    step1 = EdgeLink(
                        id=d1["id"],
                        subject=x,
                        predicate=d1["predicate"],
                        object=w,
                        subject_mention=first,
                        via="path",
                    )
                    for d2 in G[w][y].values():
                        step2 = EdgeLink(
                            id=d2["id"],
                            subject=w,
                            predicate=d2["predicate"],
                            object=y,
                            object_mention=second,
                            via="path",
                            cued=d2["predicate"] in cued,
                        )
                        out.append((step1, step2))
    return out


def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per node set (the first), in text order."""
    seen: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        seen.setdefault(m.nodes, m)
    return list(seen.values())


def _kinds(G: nx.MultiDiGraph, m: Mention) -> frozenset[NodeKind]:
    return frozenset(G.nodes[n]["kind"] for n in m.nodes)


_MARKDOWN_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+")
_ADJACENT_BEFORE = re.compile(r"\s*(?:of|by|at|on|the|a|an|its|\s)*\s*", re.I)
_LINKING = re.compile(
    r"[\s,]*(?:(?:is|are|was|were|be|been|being|can|may|might|could|will|would|does|do|did|has|have|had"
    r"|also|often|not|no|still|even|itself|both)\s+)*(?:is|are|can|may|might|could|will|would)?[\s,]*",
    re.I,
)
_BY_ING = re.compile(r"\bby\s+$", re.I)
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or|but)\b", re.I)
_FILLER = re.compile(r"[\s,]*(?:(?:the|a|an|at|on|of|to|with|its|their|human)\s+)*[\s,]*$", re.I)


# An effect that is itself the relief of something: "relieves pain" names analgesia, whereas
# "relieves constipation" lowers the effect "GI transit inhibition / constipation".
_RELIEF_LABEL = re.compile(r"\b(?:relief|anti|antinocicept|analges|anxiolytic|reduction)", re.I)


def _names_a_relief(G: nx.MultiDiGraph, m: Mention) -> bool:
    return any(
        G.nodes[n]["kind"] is NodeKind.EFFECT and _RELIEF_LABEL.search(G.nodes[n]["label"]) for n in m.nodes
    )


def _pair_cue(
    G: nx.MultiDiGraph,
    text: str,
    a: Mention,
    b: Mention,
    cues: tuple[Cue, ...],
    comparisons: tuple[Comparison, ...],
    sentence_subject: Mention | None = None,
) -> tuple[Cue | None, frozenset[RelationClass], Polarity | None]:
    """The relation word that joins ``a`` and ``b``: the last compatible cue between them.

    A cue inside a comparative phrase ("a *lower* risk of addiction") makes no absolute claim
    and is skipped. A decreasing word on a beneficial outcome names the symptom it relieves
    ("relieves pain" is pain relief), so it is read as unsigned there.
    """

    def _text_of(start: int, end: int) -> str:
        return text[start:end] if start <= end else ""

    def text_between_is_blank(start: int, end: int) -> bool:
        return start <= end and bool(_FILLER.match(text[start:end]))

    first, second = (a, b) if a.start <= b.start else (b, a)
    subject_of_sentence = sentence_subject
    allowed = pair_classes(_kinds(G, a), _kinds(G, b))
    relation_cues = [c for c in cues if c.kind is CueKind.RELATION]
    # "kratom inhibits CYP3A4 and raises midazolam levels": CYP3A4 is an object, and the
    # verb after "and" belongs to the earlier subject, not to CYP3A4
    object_first = any(text_between_is_blank(c.end, first.start) for c in relation_cues)
    outcome = [m for m in (a, b) if _kinds(G, m) <= OUTCOME_KINDS]

    def reading(cue: Cue) -> tuple[Cue, frozenset[RelationClass], Polarity | None] | None:
        if any(c.start <= cue.start < c.end for c in comparisons):
            return None
        classes = cue.classes & allowed
        if not classes:
            return None
        sign = cue.sign
        if sign is Polarity.NEGATIVE and outcome and _names_a_relief(G, outcome[-1]):
            sign = None
        if sign is not None and outcome:
            m = outcome[-1]
            if any(names_lost_function(m.text, G.nodes[n]["label"]) for n in m.nodes):
                sign = Polarity.NEGATIVE if sign is Polarity.POSITIVE else Polarity.POSITIVE
        return cue, frozenset(classes), sign

    for cue in reversed(relation_cues):
        if not (first.end <= cue.start and cue.end <= second.start):
            continue
        if object_first and _COORDINATION.match(_text_of(first.end, cue.start)):
            continue
        if _BY_ING.search(text, 0, cue.start) and first is not subject_of_sentence:
            continue
        found = reading(cue)
        if found:
            return found
    # "mitragynine is a MOR antagonist", "activation of MOR by 7-OH": the word right after
    # the second mention, or right before the first
    for cue in relation_cues:
        near = (cue.start >= second.end and text_between_is_blank(second.end, cue.start)) or (
            cue.end <= first.start and _ADJACENT_BEFORE.fullmatch(_text_of(cue.end, first.start))
        )
        if near:
            found = reading(cue)
            if found:
                return found
    # "kratom can slow down breathing", "kratom is addictive": the two names joined by
    # nothing but a verb of being or a modal assert a relation of unstated kind
    between = _text_of(first.end, second.start)
    if _LINKING.fullmatch(between) and allowed:
        cue = Cue(kind=CueKind.RELATION, start=first.end, end=second.start, text=between.strip() or "-")
        return cue, allowed, None
    # "mitragynine induces CYP3A4": the two names joined by nothing but a relation word of
    # a kind that cannot join such nodes (a causal word between a compound and an enzyme).
    # It still asserts a relation, which the graph's links of other kinds do not make: it is
    # read with its own kinds (graded unsupported), not as two names side by side (which any
    # link between them would support). A word with more between it and either name may
    # belong to other names of the sentence, and is left out.
    for cue in relation_cues:
        if (
            cue.classes
            and first.end <= cue.start
            and cue.end <= second.start
            and _LINKING.fullmatch(_text_of(first.end, cue.start))
            and _FILLER.match(_text_of(cue.end, second.start))
            and not any(c.start <= cue.start < c.end for c in comparisons)
        ):
            return cue, cue.classes, cue.sign
    return None, frozenset(), None


# A conversion stated with its direction, between the two names: "A is metabolized (in)to B",
# "A is converted/oxidised/demethylated to B" (A the parent), "B is formed from A", "B, a
# metabolite of A" (A the parent, named second).
_TO_PRODUCT = re.compile(
    r"\b(?:metaboli[sz]ed|converted|biotransformed|bioactivated|oxidi[sz]ed|demethylated|hydroxylated"
    r"|transformed|broken\s+down)\s+(?:[\w-]+\s+){0,4}?(?:in)?to\b",
    re.I,
)
_FROM_PARENT = re.compile(
    r"\b(?:formed|made|produced|generated|derived)\s+(?:[\w-]+\s+){0,4}?from\b|\bmetabolites?\s+of\b", re.I
)
# "A is a substrate of E", "A is metabolized/cleared by E" (A acted on, named first); "E
# metabolizes/clears A" (named second).
_ACTED_ON_BY = re.compile(
    r"\bsubstrates?\s+(?:of|for)\b|\b(?:metaboli[sz]ed|cleared|oxidi[sz]ed|demethylated|hydroxylated"
    r"|broken\s+down)\s+(?:\w+\s+){0,2}?by\b",
    re.I,
)
_ACTS_ON = re.compile(
    r"^[\s,]*(?:(?:also|mainly|mostly|primarily|largely|readily)\s+)?(?:metaboli[sz]es|clears|oxidi[sz]es"
    r"|demethylates|hydroxylates|breaks\s+down)\b",
    re.I,
)


def _parent(text: str, first: Mention, second: Mention) -> Mention | None:
    """The compound acted on, as the words between two names state it, if they do."""
    between = text[first.end : second.start]
    if _TO_PRODUCT.search(between) or _ACTED_ON_BY.search(between):
        return first
    if _FROM_PARENT.search(between) or _ACTS_ON.search(between):
        return second
    return None


# "ketoconazole leaves the effects of 7-OH unchanged": a denial written after both names.
_UNCHANGED = re.compile(r"[^,;:]*?\b(?:unchanged|unaltered|unaffected)\b", re.I)


def _left_unchanged(text: str, after: int, end: int) -> bool:
    """Whether the clause after the later of two names ends in "unchanged" (or unaltered,
    unaffected): what the sentence relates them by, it denies."""
    return bool(_UNCHANGED.match(text, after, end))


def _matches(link_predicate: Predicate, classes: frozenset[RelationClass], sign: Polarity | None) -> bool:
    if not class_matches(link_predicate, classes):
        return False
    return sign is None or predicate_sign(link_predicate) in (sign, None)


_CONTRAST = re.compile(r"\b(?:whereas|while|but|unlike)\b", re.I)
_ELLIPTIC_NOT = re.compile(r"\s*(?:is|are|was|were|does|do|did|has|have)\s*(?:not|n't)\s*[.!]?\s*$", re.I)


def _elliptic_denials(text: str, sentence: Sentence, mentions: list[Mention]) -> Mention | None:
    """The mention that a contrast clause denies the earlier predicate ("..., whereas *X* is not.")."""
    if not mentions:
        return None
    last = mentions[-1]
    if _ELLIPTIC_NOT.fullmatch(text[last.end : sentence.end]) and _CONTRAST.search(
        text, sentence.start, last.start
    ):
        return last
    return None


def _document_subject(G: nx.MultiDiGraph, mentions: Iterable[Mention]) -> str | None:
    """The plant a document is about: the plant it names most, else the graph's only plant."""
    counts: dict[str, int] = {}
    for m in mentions:
        for n in m.nodes:
            if G.nodes[n]["kind"] is NodeKind.PLANT:
                counts[n] = counts.get(n, 0) + 1
    if counts:
        return max(counts, key=lambda n: (counts[n], n))
    plants = [n for n, d in G.nodes(data=True) if d["kind"] is NodeKind.PLANT]
    return plants[0] if len(plants) == 1 else None


def _reason_mention(G: nx.MultiDiGraph, text: str, sentence: Sentence) -> Mention | None:
    """ "People use kratom for pain": the phrase stands for the node the data names "reasons
    for use" (if any), so the sentence is graded by what surveys record users say."""
    found = find_reason_for_use(text, sentence.start, sentence.end)
    if not found:
        return None
    named = [m for m in matcher_for(G).find("reasons for use") if m.text == "reasons for use"]
    if not named:
        return None
    return Mention(
        start=found.start(),
        end=found.end(),
        text=found.group(),
        nodes=named[0].nodes,
        group="reason for use",
    )


# "the same receptors as opioids", "the same brain receptors that opioid painkillers act
# on": receptors named for the drug class that acts on them
_SAME_TARGETS = re.compile(
    r"\b(?:the\s+)?same\s+(?:[\w-]+\s+){0,2}?(?P<kind>receptors?)\s+(?:as|that|which|used\s+by)\s+"
    r"(?P<tail>(?:[\w-]+\s*){1,3})",
    re.I,
)
# older names of a class ("opiate receptor" was the first name of the opioid receptors)
_CLASS_NAMES = {"opiate": "opioid"}


_DRUG_NOUN = re.compile(
    r"\s+(?:drugs?|substances?|medications?|medicines?|compounds?|products?|opioids?|chemicals?|painkillers?)\b",
    re.I,
)
_PREDICATE_NOMINAL = re.compile(r"\b(?:is|are|was|were|be|been|as|becomes?)\s+(?:an?\s+|the\s+)?$", re.I)


def names_a_drug_class(G: nx.MultiDiGraph, text: str, m: Mention) -> bool:
    """An outcome word used as a drug's attribute ("people come off other *addictive* drugs",
    "*analgesic* medications") names a class of drugs, not an outcome the sentence asserts;
    as a predicate ("kratom is an addictive substance") it is still a claim about the subject."""
    if not _kinds(G, m) <= OUTCOME_KINDS or not _DRUG_NOUN.match(text, m.end):
        return False
    return not _PREDICATE_NOMINAL.search(text, max(0, m.start - 20), m.start)


def class_target_mentions(
    G: nx.MultiDiGraph, text: str, sentence: Sentence, mentions: tuple[Mention, ...]
) -> tuple[Mention, ...]:
    """``mentions`` plus the receptors a sentence names by the drug class that acts on them
    ("works on the same receptors as opioids" names the opioid receptors), when the graph
    knows receptors of that name. The new mention spans "same ... receptors"."""
    out = list(mentions)
    matcher = matcher_for(G)
    for m in _SAME_TARGETS.finditer(text, sentence.start, sentence.end):
        if any(x.start < m.end("kind") and m.start() < x.end for x in mentions):
            continue
        for word in re.findall(r"[\w-]+", m.group("tail")):
            low = word.lower()
            stem = low[:-1] if low.endswith("s") else low
            stem = _CLASS_NAMES.get(stem, stem)
            probe = f"{stem} {m.group('kind')}"
            found = [x for x in matcher.find(probe) if x.start == 0 and x.end == len(probe)]
            if found and _kinds(G, found[0]) & _TARGETS:
                out.append(
                    Mention(
                        start=m.start(),
                        end=m.end("kind"),
                        text=m.group()[: m.end("kind") - m.start()],
                        nodes=found[0].nodes,
                        group=found[0].group or found[0].text,
                    )
                )
                break
    return tuple(sorted(out, key=lambda x: x.start)) if len(out) > len(mentions) else mentions


def link_sentence_span(
    G: nx.MultiDiGraph,
    text: str,
    sentence: Sentence,
    mentions: tuple[Mention, ...],
    quoted: Iterable[str] = (),
    subject: str | None = None,
) -> SentenceLinks:
    """Links of one sentence, given its mentions (offsets into ``text``) and quoted edge ids.

    ``subject`` is the document's subject (a plant node): a sentence that names no
    compound, plant or target but speaks of users or use ("regular users can become
    dependent") is read as being about it.
    """
    cues = find_cues(text, sentence.start, sentence.end)
    comparisons = tuple(
        c for c in find_comparisons(text, sentence.start, sentence.end) if not qualifies_a_product(text, c)
    )
    scopes = negation_scopes(text, cues, sentence.end)
    line_start = text.rfind("\n", 0, sentence.start) + 1
    heading = is_heading(sentence.text) or bool(
        _MARKDOWN_HEADING.fullmatch(text[line_start : sentence.start])
    )
    question = is_question(sentence.text)
    quoted = list(dict.fromkeys(quoted))
    mentions = class_target_mentions(G, text, sentence, mentions)
    mentions = tuple(m for m in mentions if not names_a_drug_class(G, text, m))
    agents = [m for m in mentions if not _kinds(G, m) <= OUTCOME_KINDS]
    stand_in = None
    if not agents and subject is not None and subject in G:
        found = find_user_subject(text, sentence.start, sentence.end)
        if found:
            stand_in = Mention(
                start=found.start(),
                end=found.end(),
                text=found.group(),
                nodes=(subject,),
                group="document subject",
            )
    reason = _reason_mention(G, text, sentence)
    extra = [m for m in (stand_in, reason) if m is not None]
    with_subject = tuple(sorted((*mentions, *extra), key=lambda m: m.start)) if extra else mentions
    distinct = _distinct(with_subject)
    relations: list[Relation] = []
    placed: set[str] = set()
    substrate_at = substrate_spans(text, sentence.start, sentence.end)
    contrast_denied = _elliptic_denials(text, sentence, distinct)
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if set(a.nodes) & set(b.nodes):
                continue  # "opioid receptors, especially MOR": the same thing twice
            cue, classes, sign = _pair_cue(
                G, text, a, b, cues, comparisons, distinct[0] if distinct else None
            )
            # "7-OH is produced by the liver from mitragynine": words of a conversion (or of a
            # substrate) between two names that can have one make the relation metabolic,
            # whatever the cue word's own kind ("produced" is causal)
            parent = None
            if RelationClass.METABOLIC in pair_classes(_kinds(G, a), _kinds(G, b)):
                parent = _parent(text, *sorted((a, b), key=lambda m: m.start))
                if parent is not None and cue is not None and RelationClass.METABOLIC not in classes:
                    classes, sign = frozenset({RelationClass.METABOLIC}), None
            cued = frozenset(p for p in Predicate if _matches(p, classes, sign)) if cue else frozenset()
            edges = _edges_between(G, a, b, cued)
            ids = {e.id for e in edges}
            here = frozenset(q for q in quoted if q in ids)
            placed |= here
            paths = tuple(_paths_between(G, a, b, cued))
            later = max(a.start, b.start)
            # "ketoconazole leaves the effects of 7-OH unchanged": the sentence's subject (its
            # first name) and each name before "unchanged" are denied their relation
            negated = any(s < later < e for s, e in scopes) or (
                min(a, b, key=lambda m: m.start) is distinct[0]
                and _left_unchanged(text, max(a.end, b.end), sentence.end)
            )
            if contrast_denied and max(a, b, key=lambda m: m.start) is contrast_denied:
                # "7-OH is addictive, whereas plain kratom leaf is not": kratom is denied it
                negated = True
                if cue is None:
                    classes = pair_classes(_kinds(G, a), _kinds(G, b))
                    cue = Cue(kind=CueKind.RELATION, start=later, end=later, text="(elliptic) is not")
            substrates = any(
                s <= m.start < e and _kinds(G, m) & {NodeKind.ENZYME} for m in (a, b) for s, e in substrate_at
            )
            relations.append(
                Relation(
                    a=a,
                    b=b,
                    edges=tuple(edges),
                    paths=paths,
                    quoted=here,
                    negated=negated,
                    cue=cue,
                    classes=classes,
                    sign=sign,
                    substrates=substrates,
                    parent=parent,
                )
            )
    for edge_id in quoted:
        if edge_id in placed:
            continue
        u, rest = edge_id.split("|", 1)
        k, v = rest.split("|", 1)
        if not G.has_edge(u, v, k):
            continue
        by_node = {n: m for m in mentions for n in m.nodes}
        link = EdgeLink(
            id=edge_id,
            subject=u,
            predicate=Predicate(k),
            object=v,
            subject_mention=by_node.get(u),
            object_mention=by_node.get(v),
            via="quote",
            cued=Predicate(k) in relation_predicates(cues),
        )
        relations.append(Relation(a=None, b=None, edges=(link,), quoted=frozenset({edge_id})))
    nodes = {n for m in with_subject for n in m.nodes}
    has_agent = bool(agents) or stand_in is not None
    has_cue = any(c.kind is CueKind.RELATION for c in cues)
    says_more = has_cue or comparisons or quantities(sentence.text) or find_combination(sentence.text)
    claim_bearing = (
        not heading
        and not question
        and (bool(quoted) or (has_agent and (len(nodes) >= 2 or (says_more and len(nodes) >= 1))))
    )
    return SentenceLinks(
        sentence=sentence,
        mentions=with_subject,
        cues=cues,
        relations=tuple(relations),
        hedged=any(c.kind is CueKind.HEDGE for c in cues),
        negated=any(c.kind is CueKind.NEGATION for c in cues),
        claim_bearing=claim_bearing,
        comparisons=comparisons,
        subject=stand_in,
        heading=heading,
        question=question,
        advice=is_advice(sentence.text),
        reason=reason,
    )


def _normalize_quotes(text: str) -> str:
    # Same length in and out, so offsets found in the result are offsets in the input.
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u00a0", "''\"\" "))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def quote_pieces(quote: str) -> tuple[str, ...]:
    """The quote, and each of its sentences of 40 characters or more (normalised quotes):
    a quoted claim that spans two sentences marks each of them."""
    whole = _normalize_quotes(quote.strip())
    parts = [p for p in _SENTENCE_BREAK.split(whole) if len(p) >= 40]
    return tuple(dict.fromkeys([whole, *parts])) if len(parts) > 1 else (whole,)


def quote_locations(
    G: nx.MultiDiGraph, text: str, self_sources: frozenset[str]
) -> list[tuple[int, int, str]]:
    """Where the document's own evidence items quote it: ``(start, end, edge id)``."""
    if not self_sources:
        return []
    plain = _normalize_quotes(text)
    out = []
    for _, _, d in G.edges(data=True):
        for ev in d["evidence"]:
            if ev.source not in self_sources or not ev.text.strip():
                continue
            for needle in quote_pieces(ev.text):
                pos = plain.find(needle)
                while pos >= 0:
                    out.append((pos, pos + len(needle), d["id"]))
                    pos = plain.find(needle, pos + 1)
    return out


def link_document(
    G: nx.MultiDiGraph,
    text: str,
    *,
    markdown: bool = False,
    self_sources: frozenset[str] = frozenset(),
    sentences: tuple[Sentence, ...] | None = None,
) -> tuple[SentenceLinks, ...]:
    """Split ``text`` into sentences and link each to the graph.

    ``self_sources`` are the ids of the sources that *are* this document: their quoted
    evidence items mark which sentence asserts which edge.
    """
    sentences = split_sentences(text, markdown=markdown) if sentences is None else sentences
    all_mentions = matcher_for(G).find(text)
    quotes = quote_locations(G, text, self_sources)
    subject = _document_subject(G, all_mentions)
    out = []
    j = 0
    for s in sentences:
        while j < len(all_mentions) and all_mentions[j].start < s.start:
            j += 1
        mine = []
        k = j
        while k < len(all_mentions) and all_mentions[k].start < s.end:
            if all_mentions[k].end <= s.end:
                mine.append(all_mentions[k])
            k += 1
        quoted = [eid for qs, qe, eid in quotes if qs < s.end and s.start < qe]
        out.append(link_sentence_span(G, text, s, tuple(mine), quoted, subject))
    return tuple(out)


def link_sentence(G: nx.MultiDiGraph, text: str) -> SentenceLinks:
    """Link one piece of text as a single sentence (no splitting).

    >>> from graph import build_graph, load_dataset
    >>> from graph.load import DEFAULT_DATA_DIR
    >>> G = build_graph(load_dataset(DEFAULT_DATA_DIR.parent / "tests" / "fixtures" / "tiny"))
    >>> [e.id for e in link_sentence(G, "Metabolite M activates receptor R.").edges]
    ['TEST:m|agonist|TEST:r']
    """
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    mentions = matcher_for(G).find(text)
    return link_sentence_span(G, text, sentence, mentions, subject=_document_subject(G, mentions))
