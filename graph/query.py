"""Read-only questions asked of a built graph: filters, neighbourhoods, paths, summaries.

Nothing here changes the graph it is given (built graphs are frozen anyway). Filters run
on a column index built once per graph (numpy arrays of evidence-type x species bits,
predicate codes, node-kind codes and confidence), so a filter over 150,000 edges is a few
vectorised comparisons instead of a Python loop and a graph copy.

>>> from graph import build_graph, load_dataset
>>> G = build_graph(load_dataset())
>>> sel = select(G, Filters(evidence_types=frozenset({EvidenceType.CLAIM})))
>>> all(EvidenceType.CLAIM in G.edges[e]["evidence_types"] for e in sel.edges)
True
"""

from __future__ import annotations

import difflib
import enum
import itertools
import re
import weakref
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

import networkx as nx
import numpy as np

from graph.errors import UnknownNodeError
from graph.vocab import EvidenceType, NodeKind, Polarity, Predicate, Species

EdgeId = tuple[str, str, str]

_TYPES = list(EvidenceType)
_SPECIES: list[Species | None] = [*Species, None]  # None: item gives no species
_PREDICATES = list(Predicate)
_KINDS = list(NodeKind)


# Each (evidence type, species) pair is one bit of two 64-bit columns (EdgeIndex.pair_lo,
# pair_hi): a vocabulary that outgrows them needs a third column, not silently lost pairs.
PAIR_BITS = 128
if len(_TYPES) * len(_SPECIES) > PAIR_BITS:
    raise RuntimeError(
        f"{len(_TYPES)} evidence types x {len(_SPECIES)} species slots need more than {PAIR_BITS} filter bits"
    )


def _pair_bit(etype: EvidenceType, species: Species | None) -> int:
    return _TYPES.index(etype) * len(_SPECIES) + _SPECIES.index(species)


@dataclass(frozen=True)
class Facet:
    """One filter of terms (the one table, :data:`FACETS`): the :class:`Filters` field (also
    the app's widget and session key and the field of :func:`summarize`), its vocabulary,
    its URL parameter and command-line option, and the sidebar's title and help."""

    field: str
    vocabulary: type[Enum]
    url: str
    option: str
    metavar: str
    title: str
    help: str | None = None


FACETS: tuple[Facet, ...] = (
    Facet(
        "evidence_types",
        EvidenceType,
        "types",
        "--evidence-types",
        "T,T",
        "Evidence types",
        "An edge is drawn when at least one of its evidence items has a ticked type.",
    ),
    Facet("predicates", Predicate, "rel", "--predicates", "P,P", "Relations"),
    Facet(
        "node_kinds",
        NodeKind,
        "kinds",
        "--kinds",
        "K,K",
        "Node kinds",
        "An edge is drawn when both its ends are of a ticked kind.",
    ),
    Facet(
        "species",
        Species,
        "species",
        "--species",
        "S,S",
        "Species",
        "Untick any species to keep only evidence from the ticked ones (claims give no species).",
    ),
)


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What to keep. ``None`` means no restriction on that facet.

    An edge is kept when at least one of its evidence items has a selected type *and* a
    selected species (an item without species counts only when ``species`` is None), its
    predicate and both endpoint kinds are selected, and its confidence is at least
    ``min_confidence``.
    """

    evidence_types: frozenset[EvidenceType] | None = None
    predicates: frozenset[Predicate] | None = None
    node_kinds: frozenset[NodeKind] | None = None
    species: frozenset[Species] | None = None
    min_confidence: float = 0.0

    @classmethod
    def restricting(cls, **facets) -> Filters | None:
        """The filters for ``facets``, or None when they restrict nothing.

        >>> Filters.restricting(min_confidence=0.0) is None
        True
        >>> Filters.restricting(min_confidence=0.5).min_confidence
        0.5
        """
        filters = cls(**facets)
        return None if filters == cls() else filters

    def item_matches(self, etype: EvidenceType, species: Species | None) -> bool:
        if self.evidence_types is not None and etype not in self.evidence_types:
            return False
        if self.species is not None and species not in self.species:
            return False
        return True

    def edge_matches(self, G: nx.MultiDiGraph, u: str, v: str, data: dict) -> bool:
        """Slow path for one edge (used on small neighbourhoods)."""
        if self.predicates is not None and data["predicate"] not in self.predicates:
            return False
        if self.node_kinds is not None and (
            G.nodes[u]["kind"] not in self.node_kinds or G.nodes[v]["kind"] not in self.node_kinds
        ):
            return False
        if data["confidence"] < self.min_confidence:
            return False
        return any(self.item_matches(ev.type, ev.species) for ev in data["evidence"])

    def _pair_mask(self) -> tuple[np.uint64, np.uint64]:
        lo = hi = 0
        for t in _TYPES:
            for s in _SPECIES:
                if self.item_matches(t, s):
                    bit = _pair_bit(t, s)
                    if bit < 64:
                        lo |= 1 << bit
                    else:
                        hi |= 1 << (bit - 64)
        return np.uint64(lo), np.uint64(hi)


class EdgeIndex:
    """Column arrays over a graph's edges, built once per graph and cached weakly."""

    def __init__(self, G: nx.MultiDiGraph):
        self.nodes: list[str] = list(G.nodes)
        node_pos = {n: i for i, n in enumerate(self.nodes)}
        self.node_position: dict[str, int] = node_pos
        self.node_names = np.array(self.nodes, dtype=object)
        kind_code = {k: i for i, k in enumerate(_KINDS)}
        pred_code = {p: i for i, p in enumerate(_PREDICATES)}
        self.node_kind = np.array([kind_code[G.nodes[n]["kind"]] for n in self.nodes], dtype=np.int8)
        self.edges: list[EdgeId] = []
        n_edges = G.number_of_edges()
        self.subject = np.empty(n_edges, dtype=np.int64)
        self.object = np.empty(n_edges, dtype=np.int64)
        self.predicate = np.empty(n_edges, dtype=np.int8)
        self.confidence = np.empty(n_edges, dtype=np.float64)
        self.pair_lo = np.zeros(n_edges, dtype=np.uint64)
        self.pair_hi = np.zeros(n_edges, dtype=np.uint64)
        for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
            self.edges.append((u, v, k))
            self.subject[i] = node_pos[u]
            self.object[i] = node_pos[v]
            self.predicate[i] = pred_code[d["predicate"]]
            self.confidence[i] = d["confidence"]
            lo = hi = 0
            for ev in d["evidence"]:
                bit = _pair_bit(ev.type, ev.species)
                if bit < 64:
                    lo |= 1 << bit
                else:
                    hi |= 1 << (bit - 64)
            self.pair_lo[i] = lo
            self.pair_hi[i] = hi

    @cached_property
    def position(self) -> dict[EdgeId, int]:
        """Each edge's position in the columns (made on first use: filters do not need it)."""
        return {e: i for i, e in enumerate(self.edges)}

    def mask(self, filters: Filters) -> np.ndarray:
        lo, hi = filters._pair_mask()
        keep = ((self.pair_lo & lo) | (self.pair_hi & hi)) != 0
        if filters.predicates is not None:
            codes = [_PREDICATES.index(p) for p in filters.predicates]
            keep &= np.isin(self.predicate, codes)
        if filters.node_kinds is not None:
            codes = [_KINDS.index(k) for k in filters.node_kinds]
            ok = np.isin(self.node_kind, codes)
            keep &= ok[self.subject] & ok[self.object]
        if filters.min_confidence > 0:
            keep &= self.confidence >= filters.min_confidence
        return keep


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def edge_index(G: nx.MultiDiGraph) -> EdgeIndex:
    """The cached :class:`EdgeIndex` of ``G`` (built on first use)."""
    index = _INDEXES.get(G)
    if index is None:
        index = _INDEXES[G] = EdgeIndex(G)
    return index


class Selection:
    """A chosen set of edges of one graph and the nodes they touch (plus pinned nodes).

    A value over the graph's index, not a copy of the graph; lists are built on demand.
    """

    def __init__(self, index: EdgeIndex, mask: np.ndarray, pinned: Iterable[str] = ()):
        self._index = index
        self.mask = mask
        self.pinned = frozenset(pinned)

    @property
    def index(self) -> EdgeIndex:
        """The graph's column index this selection is a mask over."""
        return self._index

    @cached_property
    def edge_positions(self) -> np.ndarray:
        return np.flatnonzero(self.mask)

    @property
    def edge_count(self) -> int:
        return int(self.edge_positions.size)

    @cached_property
    def edges(self) -> tuple[EdgeId, ...]:
        all_edges = self._index.edges
        return tuple(all_edges[i] for i in self.edge_positions)

    @cached_property
    def node_positions(self) -> np.ndarray:
        pos = self.edge_positions
        # Marking a boolean array is linear; np.union1d sorts (16 ms at 150,000 edges).
        touched = np.zeros(len(self._index.nodes), dtype=bool)
        touched[self._index.subject[pos]] = True
        touched[self._index.object[pos]] = True
        return np.flatnonzero(touched)

    @cached_property
    def nodes(self) -> frozenset[str]:
        return frozenset(self._index.node_names[self.node_positions].tolist()) | self.pinned

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    def __contains__(self, edge: EdgeId) -> bool:
        pos = self._index.position.get(edge)
        return pos is not None and bool(self.mask[pos])


def select(G: nx.MultiDiGraph, filters: Filters | None = None) -> Selection:
    """Edges of ``G`` that pass ``filters`` (all edges when ``filters`` is None)."""
    index = edge_index(G)
    if filters is None:
        return Selection(index, np.ones(len(index.edges), dtype=bool))
    return Selection(index, index.mask(filters))


def view(G: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """Read-only subgraph view of ``G`` restricted to a selection (no copy)."""
    nodes = selection.nodes
    return nx.subgraph_view(
        G,
        filter_node=lambda n: n in nodes,
        filter_edge=lambda u, v, k: (u, v, k) in selection,
    )


def filter_graph(G: nx.MultiDiGraph, filters: Filters | None = None) -> nx.MultiDiGraph:
    """Shortcut: ``view(G, select(G, filters))``."""
    return view(G, select(G, filters))


def neighbourhood(
    G: nx.MultiDiGraph, center: str, hops: int = 1, filters: Filters | None = None
) -> Selection:
    """Edges within ``hops`` steps of ``center``, following edges in both directions.

    Only edges passing ``filters`` are walked; the centre is always in the result.
    """
    if center not in G:
        raise UnknownNodeError(center)
    index = edge_index(G)
    mask = np.zeros(len(index.edges), dtype=bool)
    seen = {center}
    frontier = deque([(center, 0)])
    while frontier:
        node, depth = frontier.popleft()
        if depth >= hops:
            continue
        for u, v, k, d in itertools.chain(
            G.out_edges(node, keys=True, data=True), G.in_edges(node, keys=True, data=True)
        ):
            if filters is not None and not filters.edge_matches(G, u, v, d):
                continue
            mask[index.position[(u, v, k)]] = True
            other = v if u == node else u
            if other not in seen:
                seen.add(other)
                frontier.append((other, depth + 1))
    return Selection(index, mask, pinned=(center,))


@dataclass(frozen=True)
class MechanismPath:
    """A directed chain of edges from one node to another, judged by its weakest link."""

    edges: tuple[EdgeId, ...]
    weakest: EdgeId
    strength: float

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.edges[0][0], *(e[1] for e in self.edges))


def mechanism_paths(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    filters: Filters | None = None,
    max_hops: int = 4,
    limit: int = 25,
) -> list[MechanismPath]:
    """Directed simple paths from ``source`` to ``target``, strongest weakest-link first.

    Each path's strength is the confidence of its weakest edge; ties go to shorter paths.
    """
    for n in (source, target):
        if n not in G:
            raise UnknownNodeError(n)
    H = G if filters is None else filter_graph(G, filters)
    if source not in H or target not in H:
        return []
    found = []
    # all_simple_edge_paths can explode on dense graphs; the cap keeps the query bounded.
    for path in itertools.islice(nx.all_simple_edge_paths(H, source, target, cutoff=max_hops), 20_000):
        weakest = min(path, key=lambda e: G.edges[e]["confidence"])
        found.append(MechanismPath(tuple(path), weakest, G.edges[weakest]["confidence"]))
    found.sort(key=lambda p: (-p.strength, len(p.edges), p.edges))
    return found[:limit]


class PathGroup(str, Enum):
    """What a mechanism path predicts for its end node, from the signs of its steps."""

    PRODUCES = "would produce"
    OPPOSES = "would oppose"
    UNKNOWN = "sign unknown"


@dataclass(frozen=True)
class PathSign:
    """Net sign of a path, why, and what else the data says about its steps."""

    polarity: Polarity | None  # None: sign unknown
    reason: str
    notes: tuple[str, ...] = ()

    @property
    def group(self) -> PathGroup:
        if self.polarity is Polarity.POSITIVE:
            return PathGroup.PRODUCES
        if self.polarity is Polarity.NEGATIVE:
            return PathGroup.OPPOSES
        return PathGroup.UNKNOWN


def path_sign(G: nx.MultiDiGraph, edges: Iterable[EdgeId]) -> PathSign:
    """Net sign of a chain of edges: the product of its signed steps.

    Unsigned steps that pass the sign (``contains``, ``metabolized_to``) keep it; any other
    unsigned step (``binds``, ``associated_with``) or a step the evidence only contradicts
    makes it unknown. A partial agonist counts as positive, with a note where the data also
    holds an opposing relation for the same pair.

    >>> from graph import build_graph, load_dataset
    >>> G = build_graph(load_dataset())
    >>> s = path_sign(G, [("PUBCHEM.COMPOUND:3034396", "UniProtKB:P35372", "partial_agonist")])
    >>> s.group.value, s.reason
    ('would produce', 'mitragynine is a partial agonist at the mu-opioid receptor (+): net +')
    """
    sign = 1
    signed: list[str] = []
    notes: list[str] = []
    for e in edges:
        u, v, k = e
        d = G.edges[e]
        p: Predicate = d["predicate"]
        sentence = relation_sentence(G, e)
        if d["negated_only"]:
            return PathSign(None, f"the evidence says {sentence} does not hold", tuple(notes))
        if p.polarity is Polarity.NONE:
            if p.passes_sign:
                continue
            return PathSign(None, f"{sentence}: '{p.title}' states no direction", tuple(notes))
        sign *= p.polarity.sign
        signed.append(f"{sentence} ({'+' if p.polarity is Polarity.POSITIVE else '-'})")
        for q in sorted(G[u][v]):
            if G.edges[u, v, q]["predicate"].polarity.sign == -p.polarity.sign:
                notes.append(f"the data also holds the opposite: {relation_sentence(G, (u, v, q))}")
        if d["contested"]:
            notes.append(f"{sentence} is contested")
    if not signed:
        return PathSign(None, "no step states a direction", tuple(notes))
    net = Polarity.of_sign(sign)
    return PathSign(net, f"{'; '.join(signed)}: net {'+' if net is Polarity.POSITIVE else '-'}", tuple(notes))


@dataclass(frozen=True)
class SignedPath:
    path: MechanismPath
    sign: PathSign

    @property
    def group(self) -> PathGroup:
        return self.sign.group


def signed_paths(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    filters: Filters | None = None,
    max_hops: int = 4,
    limit: int = 25,
) -> dict[PathGroup, list[SignedPath]]:
    """Mechanism paths grouped by net sign: would produce, would oppose, sign unknown.

    Each group keeps at most ``limit`` paths, strongest weakest link first. An opposing
    path is never in the "would produce" group.
    """
    groups: dict[PathGroup, list[SignedPath]] = {g: [] for g in PathGroup}
    for path in mechanism_paths(G, source, target, filters=filters, max_hops=max_hops, limit=20_000):
        sp = SignedPath(path, path_sign(G, path.edges))
        if len(groups[sp.group]) < limit:
            groups[sp.group].append(sp)
    return groups


def _names(G: nx.MultiDiGraph, node: str) -> list[str]:
    d = G.nodes[node]
    return [node, d["label"], *d.get("synonyms", ())]


class MatchKind(enum.IntEnum):
    """How a search text matched a node, best first (the rank of a :class:`NodeMatch`)."""

    ID = 0
    LABEL = 1
    SYNONYM = 2
    IDENTIFIER = 3
    LABEL_PREFIX = 4
    SYNONYM_PREFIX = 5
    IDENTIFIER_PREFIX = 6
    LABEL_PART = 7
    SYNONYM_PART = 8
    IDENTIFIER_PART = 9

    @property
    def phrase(self) -> str:
        what = self.name.split("_")[0].lower()
        if self.name.endswith("PREFIX"):
            return f"{what} starts with"
        if self.name.endswith("PART"):
            return f"{what} contains"
        return what


@dataclass(frozen=True)
class NodeMatch:
    """One search hit: the node, the name that matched and how."""

    node: str
    label: str
    matched: str
    kind: MatchKind


_FOLD_DROP = re.compile(r"[\s\-_/.,()\[\]'\"]+")


def _fold(text: str) -> str:
    """Case, spacing and hyphens ignored: "Mu opioid" finds "mu-opioid"."""
    return _FOLD_DROP.sub("", str(text).casefold())


def find_nodes(G: nx.MultiDiGraph, text: str, limit: int | None = 20) -> list[NodeMatch]:
    """Nodes whose id, label, synonyms or cross-reference identifiers match ``text``, ranked.

    Exact matches come first (id, then label, synonym, identifier), then names that start
    with the text, then names that contain it; ties by label. Case, spaces and hyphens
    are ignored, so "MOR", "OPRM1", "HGNC:8156" and "mu opioid" all find the
    mu-opioid receptor, and an exact synonym outranks a label that merely starts with it.

    >>> from graph import build_graph, load_dataset
    >>> G = build_graph(load_dataset())
    >>> [m.label for m in find_nodes(G, "MOR", limit=2)]
    ['mu-opioid receptor', 'morphine']
    >>> find_nodes(G, "7-OH")[0].node, find_nodes(G, "7-OH")[0].kind.phrase
    ('PUBCHEM.COMPOUND:44301524', 'synonym')
    """
    wanted = _fold(text)
    if not wanted:
        return []
    hits: list[NodeMatch] = []
    for node, d in G.nodes(data=True):
        names = (
            (MatchKind.ID, (node,)),
            (MatchKind.LABEL, (d["label"],)),
            (MatchKind.SYNONYM, d.get("synonyms", ())),
            (MatchKind.IDENTIFIER, d.get("xrefs", ())),
        )
        best: tuple[MatchKind, str] | None = None
        for exact, values in names:
            for value in values:
                folded = _fold(value)
                if folded == wanted:
                    kind = exact
                elif folded.startswith(wanted):
                    kind = MatchKind(exact + 3) if exact else MatchKind.IDENTIFIER_PREFIX
                elif wanted in folded:
                    kind = MatchKind(exact + 6) if exact else MatchKind.IDENTIFIER_PART
                else:
                    continue
                if best is None or kind < best[0]:
                    best = (kind, value)
        if best is not None:
            hits.append(NodeMatch(node, d["label"], best[1], best[0]))
    hits.sort(key=lambda m: (m.kind, m.label.casefold(), m.node))
    return hits if limit is None else hits[:limit]


def canonical_node(G: nx.MultiDiGraph, ident: str) -> str | None:
    """The node an id names: the id itself, or the node that carries it as an xref.

    Old local ids (``KRATOM:paynantheine``) are kept as xrefs of the renamed nodes, so
    links and files that name them still reach the node.

    >>> from graph import build_graph, load_dataset
    >>> canonical_node(build_graph(load_dataset()), "KRATOM:nmda_receptor")
    'GO:0017146'
    """
    if ident in G:
        return ident
    aliases = G.graph.get("aliases")
    if aliases is None:
        aliases = node_aliases_of(G)
    return aliases.get(ident)


def node_aliases_of(G: nx.MultiDiGraph) -> dict[str, str]:
    """``{xref: node id}`` for the xrefs of the graph's nodes that name one node only."""
    owners: dict[str, set[str]] = {}
    for n, d in G.nodes(data=True):
        for x in d.get("xrefs") or ():
            if x not in G:
                owners.setdefault(x, set()).add(n)
    return {x: next(iter(o)) for x, o in owners.items() if len(o) == 1}


def canonical_edge_key(G: nx.MultiDiGraph, key: str) -> str:
    """An edge key ``subject|predicate|object`` with old node ids replaced by the current ones."""
    try:
        u, rest = key.split("|", 1)
        k, v = rest.split("|", 1)
    except ValueError:
        return key
    return f"{canonical_node(G, u) or u}|{k}|{canonical_node(G, v) or v}"


def resolve_node(G: nx.MultiDiGraph, query: str) -> str:
    """Node id for an id, an xref (an old id among them), label or synonym (case-insensitive).

    Raise :class:`UnknownNodeError` with suggestions.

    >>> from graph import build_graph, load_dataset
    >>> G = build_graph(load_dataset())
    >>> resolve_node(G, "MOR"), resolve_node(G, "KRATOM:htr1a")
    ('UniProtKB:P35372', 'UniProtKB:P08908')
    """
    found = canonical_node(G, query.strip())
    if found is not None:
        return found
    wanted = query.strip().casefold()
    for node in G.nodes:
        if G.nodes[node]["label"].casefold() == wanted:
            return node
    for node in G.nodes:
        if any(s.casefold() == wanted for s in G.nodes[node].get("synonyms", ())):
            return node
    labels = {G.nodes[n]["label"]: n for n in G.nodes}
    close = difflib.get_close_matches(query, list(labels), n=3, cutoff=0.6)
    raise UnknownNodeError(query, tuple(close))


def summarize(G: nx.MultiDiGraph, selection: Selection | None = None) -> dict:
    """Counts of a graph or a selection of it, as plain JSON-ready values."""
    edges = selection.edges if selection is not None else list(G.edges(keys=True))
    nodes = selection.nodes if selection is not None else G.nodes
    evidence_types: Counter = Counter()
    species: Counter = Counter()
    predicates: Counter = Counter()
    citations: set[str] = set()
    evidence = claim_only = contested = 0
    for e in edges:
        d = G.edges[e]
        predicates[d["predicate"].value] += 1
        claim_only += d["claim_only"]
        contested += d["contested"]
        citations.update(d["citations"])
        for ev in d["evidence"]:
            evidence += 1
            evidence_types[ev.type.value] += 1
            species[ev.species.value if ev.species else "unspecified"] += 1
    kinds = Counter(G.nodes[n]["kind"].value for n in nodes)
    return {
        "name": G.graph.get("name"),
        "version": G.graph.get("version"),
        "nodes": len(nodes),
        "edges": len(edges),
        "evidence": evidence,
        "sources_cited": len(citations),
        "claim_only_edges": claim_only,
        "contested_edges": contested,
        "evidence_types": {t.value: evidence_types[t.value] for t in EvidenceType if evidence_types[t.value]},
        "node_kinds": {k.value: kinds[k.value] for k in NodeKind if kinds[k.value]},
        "predicates": dict(sorted(predicates.items())),
        "species": dict(sorted(species.items())),
    }


def relation_sentence(G: nx.MultiDiGraph, edge: EdgeId) -> str:
    """The edge read as plain English.

    >>> from graph import build_graph, load_dataset
    >>> G = build_graph(load_dataset())
    >>> relation_sentence(G, ("PUBCHEM.COMPOUND:44301524", "UniProtKB:P35372", "partial_agonist"))
    '7-hydroxymitragynine is a partial agonist at the mu-opioid receptor'
    """
    u, v, k = edge
    # Plain mappings, not views (G.edges[e] builds a view per call; an export asks 15,000 times).
    d = G._succ[u][v][k] if hasattr(G, "_succ") else G.edges[edge]
    nodes = G._node if hasattr(G, "_node") else G.nodes
    obj = nodes[v]
    # "at the mu-opioid receptor" reads naturally; "of the CYP3A4" does not.
    article = "the " if obj["kind"] is NodeKind.RECEPTOR and "receptor" in obj["label"].lower() else ""
    return f"{nodes[u]['label']} {d['predicate'].phrase} {article}{obj['label']}"
