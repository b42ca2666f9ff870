"""Find mentions of graph nodes in text, from node labels and synonyms, with offsets.

The matcher is compiled once per graph (cached while the graph lives) from every label
and synonym, each turned into a tolerant pattern:

- case-insensitive, except short all-capital abbreviations (``MG``, ``MOR``, ``7-OH``),
  which match only as written, so "10 mg" is not mitragynine;
- hyphen, space or nothing between the tokens of a name ("mu-opioid receptor",
  "mu opioid receptor"), an optional plural ``s``/``es``;
- Greek letters spelled or written: mu / μ / µ, kappa / κ, delta / δ, alpha / α, beta / β,
  gamma / γ;
- whole tokens only: "MOR" does not match inside "MORE", "MG" not inside "MGS" or "SMG";
- a receptor's name without "receptor" when two tokens remain ("κ-opioid", "mu-opioid").

Among overlapping candidates the leftmost, then the longest wins ("mu-opioid receptor"
over "opioid receptor"); mentions never overlap.

Generic class names are mentions too: when two or more target nodes share a label head of
at least two tokens ("mu-opioid receptor", "kappa-opioid receptor" -> "opioid receptor"),
that head becomes a *group* alias naming all of them, unless a node already owns that
exact name. "opioid receptors" therefore mentions the mu, kappa and delta receptors.
Effects are found through their curated synonyms ("analgesic effects", "pain relief").

>>> from graph import build_graph, load_dataset
>>> from graph.load import DEFAULT_DATA_DIR
>>> G = build_graph(load_dataset(DEFAULT_DATA_DIR.parent / "tests" / "fixtures" / "tiny"))
>>> [(m.text, m.nodes) for m in find_mentions(G, "AA and Alkaloid-A bind receptor R; pain relief.")]
[('AA', ('TEST:a',)), ('Alkaloid-A', ('TEST:a',)), ('receptor R', ('TEST:r',)), ('pain relief', ('TEST:pain',))]
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.vocab import NodeKind

GREEK = {
    "alpha": ("α",),
    "beta": ("β",),
    "gamma": ("γ",),
    "delta": ("δ",),
    "kappa": ("κ",),
    "mu": ("μ", "µ"),  # Greek small mu and the micro sign: both occur in papers
}
_GREEK_TO_NAME = {ch: name for name, chars in GREEK.items() for ch in chars}
_TOKEN = re.compile(r"[^\W_]+")
_SEP = r"[\s\-\u2010-\u2015]{0,2}"
_GROUP_KINDS = frozenset({NodeKind.RECEPTOR, NodeKind.ENZYME, NodeKind.OTHER_TARGET})
_RECEPTOR_SUFFIX = re.compile(r"[\s\-]+receptors?$", re.I)
_CASE_SENSITIVE_MAX = 4  # letters+digits: MG, MOR, KOR, NMDA, 7-OH


@dataclass(frozen=True, kw_only=True)
class Mention:
    """A span of text naming one node, or a group of nodes for a generic class name."""

    start: int
    end: int
    text: str
    nodes: tuple[str, ...]
    group: str | None = None  # the generic name, e.g. "opioid receptor", for group mentions

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def normalize(text: str) -> str:
    """Key under which a name is looked up: casefolded, Greek spelled out, separators dropped.

    >>> normalize("μ-Opioid Receptor") == normalize("mu opioid receptor")
    True
    """
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text.casefold():
        name = _GREEK_TO_NAME.get(ch)
        out.append(name if name else ch)
    return "".join(ch for ch in "".join(out) if ch.isalnum())


def _token_pattern(token: str) -> str:
    low = token.casefold()
    for name, chars in GREEK.items():
        for head in (name, *chars):
            if low.startswith(head):
                rest = token[len(head) :]
                # "mu", "μ", "alpha2A", "α2A"; not "muscle" or "delta" inside a longer word
                if not rest or rest[0].isdigit() or rest.isupper():
                    options = "|".join(re.escape(x) for x in (name, *chars))
                    return f"(?:{options}){re.escape(rest)}"
    return re.escape(token)


def _is_abbreviation(alias: str) -> bool:
    alnum = [ch for ch in alias if ch.isalnum()]
    letters = [ch for ch in alnum if ch.isalpha()]
    return bool(letters) and len(alnum) <= _CASE_SENSITIVE_MAX and all(ch.isupper() for ch in letters)


def alias_pattern(alias: str) -> str | None:
    """Regex source for one alias (without the outer word boundaries), or None if empty."""
    tokens = _TOKEN.findall(alias)
    if not tokens:
        return None
    body = _SEP.join(_token_pattern(t) for t in tokens)
    if _is_abbreviation(alias):
        return f"(?-i:{body})"
    if tokens[-1][-1].isalpha() and tokens[-1][-1].islower():
        body += "(?:e?s)?"
    return body


def _group_aliases(G: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Generic heads shared by two or more target labels: key -> (head text, node)..."""
    heads: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data.get("kind") not in _GROUP_KINDS:
            continue
        tokens = _TOKEN.findall(data.get("label", ""))
        for i in range(1, len(tokens) - 1):
            head = " ".join(tokens[i:])
            heads[normalize(head)].append((head, node))
    return {key: members for key, members in heads.items() if len({n for _, n in members}) >= 2}


@dataclass(frozen=True)
class Matcher:
    """Compiled mention finder of one graph."""

    pattern: re.Pattern
    lookup: Mapping[str, tuple[str, ...]]
    groups: Mapping[str, str]  # key -> generic name, for group keys

    def resolve(self, matched: str) -> tuple[str, tuple[str, ...]] | None:
        key = normalize(matched)
        for candidate in (
            key,
            key[:-2] if key.endswith("es") else None,
            key[:-1] if key.endswith("s") else None,
        ):
            if candidate and candidate in self.lookup:
                return candidate, self.lookup[candidate]
        return None

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[Mention, ...]:
        out = []
        for m in self.pattern.finditer(text, start, len(text) if end is None else end):
            found = self.resolve(m.group())
            if found is None:  # cannot happen for patterns built from the lookup; stay safe
                continue
            key, nodes = found
            out.append(
                Mention(start=m.start(), end=m.end(), text=m.group(), nodes=nodes, group=self.groups.get(key))
            )
        return tuple(out)


def build_matcher(G: nx.MultiDiGraph, extra_aliases: Mapping[str, Iterable[str]] | None = None) -> Matcher:
    """Compile the matcher of a graph; ``extra_aliases`` maps node id -> more names."""
    named: dict[str, set[str]] = defaultdict(set)
    patterns: dict[str, str] = {}

    def add(alias: str, node: str) -> None:
        key = normalize(alias)
        source = alias_pattern(alias)
        if not key or source is None:
            return
        named[key].add(node)
        # several spellings may share a key ("MOR" and "mor" would): keep every pattern
        patterns.setdefault(source, key)

    for node, data in G.nodes(data=True):
        for alias in (data.get("label", ""), *data.get("synonyms", ())):
            add(alias, node)
            if data.get("kind") is NodeKind.RECEPTOR:
                # "κ-opioid and δ-opioid receptors", "a mu-opioid agonist": the name without "receptor"
                bare = _RECEPTOR_SUFFIX.sub("", alias)
                if bare != alias and len(_TOKEN.findall(bare)) >= 2:
                    add(bare, node)
        if extra_aliases:
            for alias in extra_aliases.get(node, ()):
                add(alias, node)
    lookup = {key: tuple(sorted(nodes)) for key, nodes in named.items()}
    groups: dict[str, str] = {}
    for key, members in _group_aliases(G).items():
        if key in lookup:
            continue  # a node owns this exact name: it is not generic
        head = members[0][0]
        lookup[key] = tuple(sorted({n for _, n in members}))
        groups[key] = head
        patterns.setdefault(alias_pattern(head), key)
    if not patterns:
        return Matcher(re.compile(r"(?!x)x"), lookup, groups)
    # Longest alias first, so that at one start position the longest name wins.
    ordered = sorted(patterns, key=lambda src: (-len(patterns[src]), src))
    regex = r"(?<![^\W_])(?:" + "|".join(ordered) + r")(?![^\W_])"
    return Matcher(re.compile(regex, re.IGNORECASE), lookup, groups)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def matcher_for(G: nx.MultiDiGraph) -> Matcher:
    """The graph's matcher, compiled on first use and kept as long as the graph lives."""
    try:
        return _CACHE[G]
    except (KeyError, TypeError):
        pass
    matcher = build_matcher(G)
    try:
        _CACHE[G] = matcher
    except TypeError:  # an object that cannot be weakly referenced: no caching
        pass
    return matcher


def find_mentions(
    G: nx.MultiDiGraph, text: str, start: int = 0, end: int | None = None
) -> tuple[Mention, ...]:
    """Mentions of the graph's nodes in ``text[start:end]``, offsets into ``text``."""
    return matcher_for(G).find(text, start, end)
