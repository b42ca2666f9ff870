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

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.text.cues import Cue, CueKind, find_cues, negation_scopes, relation_predicates
from graph.text.mentions import Mention, matcher_for
from graph.text.sentences import Sentence, split_sentences
from graph.vocab import Predicate

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


def link_sentence_span(
    G: nx.MultiDiGraph,
    text: str,
    sentence: Sentence,
    mentions: tuple[Mention, ...],
    quoted: Iterable[str] = (),
) -> SentenceLinks:
    """Links of one sentence, given its mentions (offsets into ``text``) and quoted edge ids."""
    cues = find_cues(text, sentence.start, sentence.end)
    cued = relation_predicates(cues)
    scopes = negation_scopes(text, cues, sentence.end)
    distinct = _distinct(mentions)
    relations: list[Relation] = []
    quoted = list(dict.fromkeys(quoted))
    placed: set[str] = set()
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if set(a.nodes) & set(b.nodes):
                continue  # "opioid receptors, especially MOR": the same thing twice
            edges = _edges_between(G, a, b, cued)
            ids = {e.id for e in edges}
            here = frozenset(q for q in quoted if q in ids)
            placed |= here
            paths = tuple(_paths_between(G, a, b, cued))
            later = max(a.start, b.start)
            negated = any(s < later < e for s, e in scopes)
            relations.append(
                Relation(a=a, b=b, edges=tuple(edges), paths=paths, quoted=here, negated=negated)
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
            cued=Predicate(k) in cued,
        )
        relations.append(Relation(a=None, b=None, edges=(link,), quoted=frozenset({edge_id})))
    nodes = {n for m in mentions for n in m.nodes}
    has_cue = any(c.kind is CueKind.RELATION for c in cues)
    claim_bearing = len(nodes) >= 2 or (len(nodes) >= 1 and has_cue) or bool(quoted)
    return SentenceLinks(
        sentence=sentence,
        mentions=mentions,
        cues=cues,
        relations=tuple(relations),
        hedged=any(c.kind is CueKind.HEDGE for c in cues),
        negated=any(c.kind is CueKind.NEGATION for c in cues),
        claim_bearing=claim_bearing,
    )


def _normalize_quotes(text: str) -> str:
    # Same length in and out, so offsets found in the result are offsets in the input.
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u00a0", "''\"\" "))


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
            needle = _normalize_quotes(ev.text.strip())
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
        out.append(link_sentence_span(G, text, s, tuple(mine), quoted))
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
    return link_sentence_span(G, text, sentence, matcher_for(G).find(text))
