"""Cue words in a sentence: relation cues (-> predicates), hedges and negations, with offsets.

A relation cue names the predicates it can express ("blocks" -> antagonist, inhibits;
"metabolized" -> metabolized_to, substrate_of). The audit uses them to decide which of a
sentence's linked edges the sentence *asserts*. Hedges ("may", "is thought to") are
reported, they do not change a verdict. A negation ("not", "no evidence", "failed to",
"without") opens a scope that runs to the end of its clause (the next ``,;:``, a
contrastive conjunction, or the sentence end); a relation whose later mention lies in a
scope is negated. "not only" / "not just" are not negations.

>>> [(c.kind.value, c.text) for c in find_cues("Mitragynine may not block MOR.")]
[('hedge', 'may'), ('negation', 'not'), ('relation', 'block')]
>>> sorted(p.value for p in find_cues("a partial agonist")[0].predicates)
['agonist', 'partial_agonist']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from graph.vocab import Predicate as P


class CueKind(StrEnum):
    RELATION = "relation"
    HEDGE = "hedge"
    NEGATION = "negation"


@dataclass(frozen=True, kw_only=True)
class Cue:
    kind: CueKind
    start: int
    end: int
    text: str
    predicates: frozenset[P] = frozenset()


AGONISM = frozenset({P.AGONIST, P.PARTIAL_AGONIST, P.ACTIVATES, P.BINDS})
ANTAGONISM = frozenset({P.ANTAGONIST, P.INVERSE_AGONIST, P.INHIBITS, P.DECREASES_EXPRESSION, P.BINDS})
BINDING = frozenset(
    {
        P.BINDS,
        P.AGONIST,
        P.PARTIAL_AGONIST,
        P.ANTAGONIST,
        P.INVERSE_AGONIST,
        P.ALLOSTERIC_MODULATOR,
        P.ACTIVATES,
        P.INHIBITS,
    }
)
METABOLISM = frozenset({P.METABOLIZED_TO, P.SUBSTRATE_OF})
EFFECT = frozenset({P.CAUSES, P.INCREASES, P.DECREASES, P.MEDIATES, P.ASSOCIATED_WITH})
INCREASE = frozenset({P.INCREASES, P.CAUSES, P.ACTIVATES, P.MEDIATES})
DECREASE = frozenset({P.DECREASES, P.INHIBITS, P.DECREASES_EXPRESSION, P.CAUSES})
CONTAINS = frozenset({P.CONTAINS})
INTERACTION = frozenset({P.INTERACTS_WITH}) | BINDING
GENERIC = EFFECT | BINDING | frozenset({P.DECREASES_EXPRESSION, P.INTERACTS_WITH})

# (regex, predicates); matched case-insensitively on whole words. Order does not matter:
# overlapping cues are all kept, the longest first.
RELATION_CUES: tuple[tuple[str, frozenset[P]], ...] = (
    (r"partial(?:ly)?[\s-]+agonis(?:t|ts|m|tic)", frozenset({P.PARTIAL_AGONIST, P.AGONIST})),
    (r"inverse[\s-]+agonis(?:t|ts|m)", frozenset({P.INVERSE_AGONIST})),
    (r"allosteric\s+modulat(?:or|ors|ion|es)", frozenset({P.ALLOSTERIC_MODULATOR})),
    (r"agonis(?:t|ts|m|tic)", AGONISM),
    (r"antagoni(?:st|sts|sm|stic|ze|zes|zed|se|ses|sed)", ANTAGONISM),
    (r"activat(?:e|es|ed|ing|ion|or|ors)", AGONISM | INCREASE),
    (r"stimulat(?:e|es|ed|ing|ion)", AGONISM | INCREASE),
    (r"block(?:s|ed|ing|ade|er|ers)?", ANTAGONISM),
    (r"inhibit(?:s|ed|ing|ion|ions|or|ors|ory)?", ANTAGONISM | DECREASE),
    (r"suppress(?:es|ed|ing|ion)?", DECREASE | ANTAGONISM),
    (r"bind(?:s|ing)?|bound|affinit(?:y|ies)", BINDING),
    (r"interact(?:s|ed|ing|ion|ions)?(?:\s+with)?", INTERACTION),
    (r"act(?:s|ed|ing)?\s+(?:up)?on|acting\s+at|acts?\s+at|target(?:s|ed|ing)?", BINDING),
    (r"metaboli[sz](?:e|es|ed|ing|ation)|metabolism|metabolites?", METABOLISM),
    (
        r"convert(?:s|ed|ing)?|conversion|bioactivat(?:ed|ion|es)|biotransform(?:ed|ation)",
        frozenset({P.METABOLIZED_TO}),
    ),
    (
        r"oxidi[sz](?:e|es|ed|ation)|demethylat(?:ed|ion)|hydroxylat(?:ed|ion)|formed\s+from|forms?",
        frozenset({P.METABOLIZED_TO}),
    ),
    (r"substrates?", frozenset({P.SUBSTRATE_OF})),
    (
        r"increas(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing|ement)|elevat(?:e|es|ed|ing)|rais(?:e|es|ed|ing)"
        r"|potentiat(?:e|es|ed|ing|ion)|improv(?:e|es|ed|ing|ement)|boost(?:s|ed)?",
        INCREASE,
    ),
    (
        r"decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)|lower(?:s|ed|ing)?|attenuat(?:e|es|ed|ing|ion)"
        r"|alleviat(?:e|es|ed|ing)|reliev(?:e|es|ed|ing)|diminish(?:es|ed)?|impair(?:s|ed|ing|ment)?",
        DECREASE,
    ),
    (
        r"caus(?:e|es|ed|ing)|induc(?:e|es|ed|ing|tion)|produc(?:e|es|ed|ing)|result(?:s|ed)?\s+in"
        r"|lead(?:s)?\s+to|led\s+to|trigger(?:s|ed)?|responsible\s+for",
        EFFECT,
    ),
    (
        r"contribut(?:e|es|ed|ing)\s+to|play(?:s|ed)?\s+(?:a|an)\s+(?:\w+\s+)?role|attributed\s+to|aris(?:e|es|ing)\s+from"
        r"|underl(?:ie|ies|ying)|mediat(?:e|es|ed|ing|ion)|via",
        EFFECT | BINDING,
    ),
    (
        r"associat(?:ed|ion)\s+with|associated|linked\s+(?:to|with)|correlat(?:e|es|ed|ion)|related\s+to",
        frozenset({P.ASSOCIATED_WITH, P.CAUSES}),
    ),
    (
        r"contain(?:s|ed|ing)?|present\s+in|found\s+in|constituents?|components?|isolated\s+from|derived\s+from",
        CONTAINS,
    ),
    (r"modulat(?:e|es|ed|ing|ion)|affect(?:s|ed|ing)?|impact(?:s|ed|ing)?|effects?\s+(?:on|of)", GENERIC),
)

HEDGE_CUES = (
    r"may|might|could|possibl[ey]|perhaps|presumabl[ey]|putative(?:ly)?|potential(?:ly)?|likely|unlikely"
    r"|seem(?:s|ed)?(?:\s+to)?|appear(?:s|ed)?\s+to|suggest(?:s|ed|ing|ion|ions)?|(?:is|are|was|were)\s+thought"
    r"|thought\s+to|believed|hypothes(?:is|es|ized|ised)|propos(?:ed|e)|reportedly|purported(?:ly)?"
    r"|unclear|uncertain|preliminary|speculat(?:e|ed|ive)"
)
NEGATION_CUES = (
    r"no\s+evidence|not|n't|no|never|none|neither|nor|without|fail(?:s|ed)?\s+to|lack(?:s|ed|ing)?(?:\s+of)?"
    r"|absence\s+of|absent|cannot|devoid\s+of|did\s+not|does\s+not|do\s+not|was\s+not|were\s+not"
)
NOT_NEGATION = re.compile(r"\b(?:not\s+only|not\s+just|not\s+merely|no\s+doubt|no\s+longer\s+only)\b", re.I)
_SCOPE_END = re.compile(r"[,;:()]|\b(?:but|whereas|while|although|though|however|yet)\b", re.I)

_RELATION_RE = [(re.compile(rf"(?<![^\W_])(?:{src})(?![^\W_])", re.I), preds) for src, preds in RELATION_CUES]
_HEDGE_RE = re.compile(rf"(?<![^\W_])(?:{HEDGE_CUES})(?![^\W_])", re.I)
_NEGATION_RE = re.compile(rf"(?<![^\W_])(?:{NEGATION_CUES})(?![^\W_])", re.I)


def find_cues(text: str, start: int = 0, end: int | None = None) -> tuple[Cue, ...]:
    """Relation, hedge and negation cues in ``text[start:end]``, sorted by position."""
    end = len(text) if end is None else end
    out: list[Cue] = []
    blocked = [(m.start(), m.end()) for m in NOT_NEGATION.finditer(text, start, end)]
    for m in _HEDGE_RE.finditer(text, start, end):
        out.append(Cue(kind=CueKind.HEDGE, start=m.start(), end=m.end(), text=m.group()))
    for m in _NEGATION_RE.finditer(text, start, end):
        if any(s <= m.start() < e for s, e in blocked):
            continue
        out.append(Cue(kind=CueKind.NEGATION, start=m.start(), end=m.end(), text=m.group()))
    taken: list[tuple[int, int]] = []
    found = []
    for regex, preds in _RELATION_RE:
        for m in regex.finditer(text, start, end):
            found.append((m.start(), -(m.end() - m.start()), m.end(), m.group(), preds))
    for s, _, e, word, preds in sorted(found):
        if any(s < te and ts < e for ts, te in taken):
            continue  # "partial agonist" already taken; skip the inner "agonist"
        taken.append((s, e))
        out.append(Cue(kind=CueKind.RELATION, start=s, end=e, text=word, predicates=preds))
    return tuple(sorted(out, key=lambda c: (c.start, c.end)))


def negation_scopes(text: str, cues: tuple[Cue, ...], end: int | None = None) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` spans governed by each negation cue: to the end of its clause."""
    end = len(text) if end is None else end
    scopes = []
    for cue in cues:
        if cue.kind is not CueKind.NEGATION:
            continue
        stop = _SCOPE_END.search(text, cue.end, end)
        scopes.append((cue.start, stop.start() if stop else end))
    return tuple(scopes)


def relation_predicates(cues: tuple[Cue, ...]) -> frozenset[P]:
    """Every predicate some relation cue of the sentence can express."""
    out: set[P] = set()
    for cue in cues:
        out |= cue.predicates
    return frozenset(out)
