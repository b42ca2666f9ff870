"""Cue words in a sentence: relation cues (-> class and polarity), hedges, negations, comparisons.

Also here: comparative phrases and the words naming what is compared, the words that make
an evidence item a comparison, words speaking of users or use of an unnamed product, and
the tests for headings and questions (which are not claims).

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

from graph.vocab import Polarity, RelationClass
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
    classes: frozenset[RelationClass] = frozenset()  # relation cues: the kinds of relation it can assert
    sign: Polarity | None = None  # relation cues: its polarity, when the word has one


AGONISM = frozenset({P.AGONIST, P.PARTIAL_AGONIST, P.ACTIVATES, P.BINDS})
# "a full agonist": agonism with full efficacy, which a partial agonist does not have.
FULL_AGONISM = frozenset({P.AGONIST})
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

B, F, M, C, X = (
    RelationClass.BINDING,
    RelationClass.FUNCTIONAL,
    RelationClass.METABOLIC,
    RelationClass.COMPOSITIONAL,
    RelationClass.CAUSAL,
)
PLUS, MINUS = Polarity.POSITIVE, Polarity.NEGATIVE
ANY = frozenset(RelationClass)

# (regex, predicates, classes, sign); matched case-insensitively on whole words. Order does
# not matter: overlapping cues are all kept, the longest first. ``classes`` are the kinds of
# relation the word can assert, ``sign`` its polarity (None: the word says nothing of it).
RELATION_CUES: tuple[tuple[str, frozenset[P], frozenset[RelationClass], Polarity | None], ...] = (
    (
        r"partial(?:ly)?[\s-]+agonis(?:t|ts|m|tic)",
        frozenset({P.PARTIAL_AGONIST, P.AGONIST}),
        frozenset({F}),
        PLUS,
    ),
    (r"inverse[\s-]+agonis(?:t|ts|m)", frozenset({P.INVERSE_AGONIST}), frozenset({F}), MINUS),
    (r"full(?:y)?[\s-]+(?:efficacious\s+)?agonis(?:t|ts|m|tic)", FULL_AGONISM, frozenset({F}), PLUS),
    (r"allosteric\s+modulat(?:or|ors|ion|es)", frozenset({P.ALLOSTERIC_MODULATOR}), frozenset({F}), None),
    (r"agonis(?:t|ts|m|tic)", AGONISM, frozenset({F}), PLUS),
    (r"antagoni(?:st|sts|sm|stic|ze|zes|zed|se|ses|sed)", ANTAGONISM, frozenset({F}), MINUS),
    (r"activat(?:e|es|ed|ing|ion|or|ors)", AGONISM | INCREASE, frozenset({F, X}), PLUS),
    (r"stimulat(?:e|es|ed|ing|ion)", AGONISM | INCREASE, frozenset({F, X}), PLUS),
    (r"recruit(?:s|ed|ing|ment)?", AGONISM | INCREASE, frozenset({F}), PLUS),
    (r"block(?:s|ed|ing|ade|er|ers)?", ANTAGONISM, frozenset({F, X}), MINUS),
    (r"inhibit(?:s|ed|ing|ion|ions|or|ors|ory)?", ANTAGONISM | DECREASE, frozenset({F, X}), MINUS),
    (r"suppress(?:es|ed|ing|ion)?", DECREASE | ANTAGONISM, frozenset({F, X}), MINUS),
    (r"bind(?:s|ing)?|bound|affinit(?:y|ies)", BINDING, frozenset({B}), None),
    (r"interact(?:s|ed|ing|ion|ions)?(?:\s+with)?", INTERACTION, frozenset({B, X}), None),
    (
        r"act(?:s|ed|ing)?\s+(?:up)?on|acting\s+at|acts?\s+at|target(?:s|ed|ing)?|work(?:s|ed|ing)?\s+(?:on|at|through)",
        BINDING,
        frozenset({B}),
        None,
    ),
    (r"metaboli[sz](?:e|es|ed|ing|ation)|metabolism|metabolites?", METABOLISM, frozenset({M}), None),
    (
        r"convert(?:s|ed|ing)?|conversion|bioactivat(?:ed|ion|es)|biotransform(?:ed|ation)",
        frozenset({P.METABOLIZED_TO}),
        frozenset({M}),
        None,
    ),
    (
        r"oxidi[sz](?:e|es|ed|ation)|demethylat(?:ed|ion)|hydroxylat(?:ed|ion)|formed\s+from|forms?",
        frozenset({P.METABOLIZED_TO}),
        frozenset({M}),
        None,
    ),
    (r"substrates?", frozenset({P.SUBSTRATE_OF}), frozenset({M}), None),
    (
        r"increas(?:e|es|ed|ing)|enhanc(?:e|es|ed|ing|ement)|elevat(?:e|es|ed|ing)|rais(?:e|es|ed|ing)"
        r"|potentiat(?:e|es|ed|ing|ion)|improv(?:e|es|ed|ing|ement)|boost(?:s|ed|ing)?|worsen(?:s|ed|ing)?"
        r"|strengthen(?:s|ed|ing)?|sharpen(?:s|ed|ing)?|lift(?:s|ed|ing)?",
        INCREASE,
        frozenset({F, X}),
        PLUS,
    ),
    (
        r"decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)|lower(?:s|ed|ing)?|attenuat(?:e|es|ed|ing|ion)"
        r"|alleviat(?:e|es|ed|ing)|reliev(?:e|es|ed|ing)|diminish(?:es|ed)?|impair(?:s|ed|ing|ment)?"
        r"|prevent(?:s|ed|ing)?|protect(?:s|ed|ing)?\s+(?:against|from)|guard(?:s|ed|ing)?\s+against"
        r"|eas(?:e|es|ed|ing)|sooth(?:e|es|ed|ing)|fre(?:e|es|ed|eing)\s+(?:[\w-]+\s+){0,2}?from"
        r"|mitigat(?:e|es|ed|ing)|counteract(?:s|ed|ing)?|revers(?:e|es|ed|ing)",
        DECREASE,
        frozenset({F, X}),
        MINUS,
    ),
    (
        r"caus(?:e|es|ed|ing)|induc(?:e|es|ed|ing|tion)|produc(?:e|es|ed|ing)|result(?:s|ed)?\s+in"
        r"|lead(?:s)?\s+to|led\s+to|trigger(?:s|ed)?|responsible\s+for|becom(?:e|es|ing)|became"
        r"|develop(?:s|ed|ing)?|experienc(?:e|es|ed|ing)|suffer(?:s|ed|ing)?|provid(?:e|es|ed|ing)"
        r"|bring(?:s|ing)?\s+on|brought\s+on|gives?|giving|feel(?:s|ing)?|felt"
        r"|(?:make|makes|making|made)\s+(?:them|you|people|users|one|him|her|us|me)(?:\s+feel)?"
        r"|treat(?:s|ed|ing|ment|ments)?|help(?:s|ed|ing)?(?:\s+with)?|manag(?:e|es|ed|ing)|used\s+for|use\s+for",
        EFFECT,
        frozenset({X}),
        PLUS,
    ),
    (
        r"contribut(?:e|es|ed|ing)\s+to|add(?:s|ed|ing)?\s+to|play(?:s|ed)?\s+(?:a|an)\s+(?:\w+\s+)?role"
        r"|attributed\s+to|aris(?:e|es|ing)\s+from|underl(?:ie|ies|ying)|mediat(?:e|es|ed|ing|ion)|via",
        EFFECT | BINDING,
        ANY,
        None,
    ),
    (
        r"associat(?:ed|ion)\s+with|associated|linked\s+(?:to|with)|correlat(?:e|es|ed|ion)|related\s+to"
        r"|tied\s+to",
        frozenset({P.ASSOCIATED_WITH, P.CAUSES, P.RELATED_TO}),
        frozenset({X, RelationClass.OTHER}),
        None,
    ),
    (
        r"contain(?:s|ed|ing)?|present\s+in|found\s+in|constituents?|components?|isolated\s+from|derived\s+from",
        CONTAINS,
        frozenset({C}),
        None,
    ),
    (
        r"modulat(?:e|es|ed|ing|ion)|affect(?:s|ed|ing)?|impact(?:s|ed|ing)?|effects?\s+(?:on|of)",
        GENERIC,
        ANY,
        None,
    ),
)

HEDGE_CUES = (
    r"may|might|could|possibl[ey]|perhaps|presumabl[ey]|putative(?:ly)?|potential(?:ly)?|likely|unlikely"
    r"|seem(?:s|ed)?(?:\s+to)?|appear(?:s|ed)?\s+to|suggest(?:s|ed|ing|ion|ions)?|(?:is|are|was|were)\s+thought"
    r"|thought\s+to|believed|hypothes(?:is|es|ized|ised)|propos(?:ed|e)|reportedly|purported(?:ly)?"
    r"|unclear|uncertain|preliminary|speculat(?:e|ed|ive)"
)
NEGATION_CUES = (
    r"no\s+evidence|nothing\s+to\s+do\s+with|nothing|not|n't|no|never|none|neither|nor|without|fail(?:s|ed)?\s+to|lack(?:s|ed|ing)?(?:\s+of)?"
    r"|absence\s+of|absent|cannot|devoid\s+of|did\s+not|does\s+not|do\s+not|was\s+not|were\s+not"
)
NOT_NEGATION = re.compile(r"\b(?:not\s+only|not\s+just|not\s+merely|no\s+doubt|no\s+longer\s+only)\b", re.I)
_SCOPE_END = re.compile(
    r"[,;:()]|\b(?:but|whereas|while|although|though|however|yet|after|before|when|because|since|which|so)\b",
    re.I,
)

_RELATION_RE = [
    (re.compile(rf"(?<![^\W_])(?:{src})(?![^\W_])", re.I), preds, classes, sign)
    for src, preds, classes, sign in RELATION_CUES
]
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
    for regex, preds, classes, sign in _RELATION_RE:
        for m in regex.finditer(text, start, end):
            found.append((m.start(), -(m.end() - m.start()), m.end(), m.group(), preds, classes, sign))
    for s, _, e, word, preds, classes, sign in sorted(found, key=lambda f: f[:3]):
        if any(s < te and ts < e for ts, te in taken):
            continue  # "partial agonist" already taken; skip the inner "agonist"
        taken.append((s, e))
        out.append(
            Cue(
                kind=CueKind.RELATION,
                start=s,
                end=e,
                text=word,
                predicates=preds,
                classes=classes,
                sign=sign,
            )
        )
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


# --- what a predicate asserts -------------------------------------------------------------


def predicate_class(p: P) -> RelationClass:
    return p.relation_class


def predicate_sign(p: P) -> Polarity | None:
    """The predicate's polarity, None when it states no direction (binds, contains)."""
    return None if p.polarity is Polarity.NONE else p.polarity


def class_matches(p: P, classes: frozenset[RelationClass]) -> bool:
    """A predicate answers a cue of these classes: its own class, functional for a binding
    cue (an agonist binds), and any class but composition for ``interacts_with`` (the
    graph's only word for a plant-drug interaction, whatever its mechanism; that kratom's
    alkaloids interact with morphine does not make kratom contain it)."""
    cls = predicate_class(p)
    return (
        cls in classes
        or (RelationClass.BINDING in classes and cls is RelationClass.FUNCTIONAL)
        or (p is P.INTERACTS_WITH and classes != {RelationClass.COMPOSITIONAL})
    )


def opposite(sign: Polarity | None) -> Polarity | None:
    return {PLUS: MINUS, MINUS: PLUS}.get(sign) if sign else None


# --- comparisons, the document's subject, headings and questions ---------------------------

_ER = (
    r"safer|stronger|weaker|better|worse|milder|gentler|greater|higher|lower|fewer|less|more|smaller"
    r"|larger|cheaper|faster|slower|longer|shorter"
)
_INTENSIFIER = (
    r"far|much|significantly|considerably|substantially|markedly|dramatically|many\s+times|several\s+times"
    r"|\d+(?:\.\d+)?[\s-]?(?:fold|times)"
)
COMPARATIVE_CUES = (
    rf"(?:{_ER})\s+(?:[\w-]+\s+){{0,5}}?than"
    rf"|(?:{_INTENSIFIER})\s+(?:{_ER})(?:\s+[\w-]+)?"
    r"|(?:lower|reduced|less|smaller|minimal|little)\s+(?:risk|chance|likelihood|potential|danger)s?"
    r"|compared\s+(?:to|with)|in\s+comparison\s+(?:to|with)|relative\s+to|versus|vs\.?|unlike|similar\s+to"
    r"|(?:much|just|very|exactly)\s+(?:like|as)|as\s+(?:\w+\s+){1,2}as"
    r"|(?:less|more)\s+(?:severe|addictive|dangerous|harmful|toxic|potent|effective|intense|powerful)"
    r"|gentler|milder|safer|weaker|stronger"
    r"|safest|strongest|mildest|weakest|most\s+(?:effective|potent|powerful|dangerous|addictive)"
    r"|least\s+(?:addictive|harmful|dangerous|risky)"
    r"|mostly|mainly|chiefly|primarily|predominantly|largely"
    r"|(?:rare|uncommon|common|frequent|infrequent|unusual)\s+(?:with|in|among)\s+[\w-]+\s*,?\s+but"
    r"|no\s+risk|zero\s+risk|risk[\s-]free|(?:completely|perfectly|totally|entirely|100\s*%)\s+safe"
)
_COMPARATIVE_RE = re.compile(rf"(?<![^\W_])(?:{COMPARATIVE_CUES})(?![^\W_])", re.I)
_COMPARATOR_AFTER = re.compile(
    r"(?:than|compared\s+(?:to|with)|comparison\s+(?:to|with)|relative\s+to|versus|vs\.?|unlike|similar\s+to|like"
    r"|as\s+(?:\w+\s+){1,2}as|(?:much|just|exactly)\s+as)\s+((?:[\w-]+\s*){1,6})",
    re.I,
)
_NOT_A_COMPARATOR = frozenset(
    "the a an other its their traditional prescription conventional common standard typical pharmaceutical "
    "many most regular those that this these some any other such like including typical strong and or do does "
    "is are from either both".split()
)
# Words that make an evidence item a comparison.
EVIDENCE_COMPARISON = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?|fold|times\s+(?:more|less|higher|lower)"
    r"|similar\s+to|unlike|more\s+potent|less\s+potent|weaker|stronger|equipotent)\b",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class Comparison:
    """A comparative, superlative or absolute phrase ("safer than", "far more potent", "no risk of")."""

    start: int
    end: int
    text: str
    comparator: tuple[str, ...] = ()  # words naming what it is compared with ("morphine"), if any
    comparator_span: tuple[int, int] | None = None  # where those words are ("than *morphine or 7-OH*")
    pairwise: bool = False  # "the more potent *of the two*": compares two things the sentence names


def find_comparisons(text: str, start: int = 0, end: int | None = None) -> tuple[Comparison, ...]:
    """Comparative phrases in ``text[start:end]``, with the words naming the comparator.

    >>> [(c.text, c.comparator) for c in find_comparisons("It is far more potent than morphine.")]
    [('far more potent', ('morphine',))]
    """
    end = len(text) if end is None else end
    out = []
    for m in _COMPARATIVE_RE.finditer(text, start, end):
        after = _COMPARATOR_AFTER.search(text, m.start(), min(end, m.end() + 60))
        words: tuple[str, ...] = ()
        span = None
        if after:
            tail = re.split(r"[,;:.()]|\b(?:but|with|in|at|for|when|because)\b", after.group(1))[0]
            words = tuple(
                w.lower() for w in _COMPARATOR_WORD.findall(tail) if w.lower() not in _NOT_A_COMPARATOR
            )
            span = (after.start(1), after.start(1) + len(tail))
        pairwise = not words and bool(_PAIRWISE.match(text, m.end(), end))
        out.append(
            Comparison(
                start=m.start(),
                end=m.end(),
                text=m.group(),
                comparator=words,
                comparator_span=span,
                pairwise=pairwise,
            )
        )
    return tuple(out)


# "to make more potent products": the phrase qualifies a product form, not anything the
# graph holds, so it compares nothing the evidence could grade
_PRODUCT_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:products?|extracts?|formulations?|preparations?|tablets?|pills?|capsules?|gummies"
    r"|shots?|powders?|versions?|forms?|brands?|batches?)\b(?!\s+(?:than|of\s+the\s+two))",
    re.I,
)


def qualifies_a_product(text: str, comparison: Comparison) -> bool:
    """The comparative phrase is an attribute of a product form ("more potent products")
    and names no comparator: it compares products, not compounds, targets or effects.

    >>> qualifies_a_product("to make more potent products.", find_comparisons("to make more potent products.")[0])
    True
    """
    return (
        not comparison.comparator
        and not comparison.pairwise
        and bool(_PRODUCT_NOUN.match(text, comparison.end))
    )


# a comparator word: a name ("morphine"), or one that starts with a number ("7-OH")
_COMPARATOR_WORD = re.compile(r"[^\W\d_][\w-]{2,}|\d+-[^\W\d_][\w-]*")
# "the more potent partial agonist of the two": the comparison is between two named things
_PAIRWISE = re.compile(r"(?:\s+[\w-]+){0,3}?\s+of\s+(?:the\s+)?(?:two|both)\b", re.I)


_COMPARATOR_ANCHOR = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?|unlike|similar\s+to|for)\b", re.I
)


def makes_comparison(evidence_text: str, comparator: tuple[str, ...], direction: str | None = None) -> bool:
    """An evidence text compares, and names the comparator (when the sentence names one)
    within a few words after its comparison word ("200-fold more weakly *than morphine*").
    With a ``direction`` ("up": more, higher, stronger; "down": less, lower, weaker) the
    evidence must compare the same way: "7-OH is more potent than mitragynine" does not make
    the comparison "mitragynine is more potent than 7-OH" from mitragynine's side.

    >>> makes_comparison("bound opioid receptors more tightly than adrenergic receptors", ("opioids",))
    False
    >>> makes_comparison("binds 200-fold more weakly than morphine", ("morphine",), "up")
    False
    """
    found = list(EVIDENCE_COMPARISON.finditer(evidence_text))
    if not found:
        return False
    anchors = list(_COMPARATOR_ANCHOR.finditer(evidence_text))
    if not comparator:
        return (
            direction is None
            or not anchors
            or any(
                comparison_direction(evidence_text[max(0, m.start() - 40) : m.start()]) in (None, direction)
                for m in anchors
            )
        )
    low = evidence_text.lower()
    for m in anchors:
        window = low[m.end() : m.end() + 40]
        if not any(_names_word(window, w) for w in comparator):
            continue
        said = comparison_direction(evidence_text[max(0, m.start() - 40) : m.start()])
        if direction is None or said is None or said == direction:
            return True
    return False


def _names_word(window: str, word: str) -> bool:
    # a long name by its first six letters ("morphine" in "morphine's"); a short one ("MOR",
    # "7-OH") only as a whole word, so "mor" is not found in "morphine"
    if len(word) >= 6:
        return word[:6] in window
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", window) is not None


_DOWN = re.compile(r"\b(?:weak\w*|less|lower|fewer|smaller|milder|gentler|slower|shorter|reduced)\b", re.I)
_UP = re.compile(r"\b(?:more|higher|greater|strong\w*|larger|faster|longer|potent\w*)\b", re.I)


def comparison_direction(text: str) -> str | None:
    """ "down" when a comparison says less (less, lower, weaker, "more weakly"), "up" when it
    says more (more, higher, stronger), None when it says neither ("safer", "similar to").

    >>> comparison_direction("far more potent"), comparison_direction("200-fold more weakly")
    ('up', 'down')
    """
    if _DOWN.search(text):
        return "down"
    if _UP.search(text):
        return "up"
    return None


USER_SUBJECT = (
    r"users?|consumers?|people\s+who\s+(?:use|take|took|used)|those\s+who\s+(?:use|take|took|used)"
    r"|(?:regular|daily|chronic|heavy|long[\s-]term|frequent|habitual|prolonged|repeated|continued)"
    r"\s+(?:heavy\s+)?(?:use|users?|consumption|intake)"
    r"|takers?|its\s+use|using\s+it|taking\s+it|the\s+(?:plant|herb|leaf|leaves|substance|product|botanical)"
    r"|this\s+(?:plant|herb|substance|product|botanical)"
    # a demonstrative standing for the product a document is about ("this holistic approach")
    r"|(?:this|such\s+an?)\s+(?:[\w-]+\s+){0,2}?(?:approach|remedy|remedies|treatment|therapy|alternative"
    r"|supplement|option)"
)
_USER_RE = re.compile(rf"(?<![^\W_])(?:{USER_SUBJECT})(?![^\W_])", re.I)


def find_user_subject(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The first word of ``text[start:end]`` that speaks of users or use of an unnamed product."""
    return _USER_RE.search(text, start, len(text) if end is None else end)


_TERMINAL = re.compile(r"[.!;…]['\")\]]*\s*$")


def is_question(sentence: str) -> bool:
    return sentence.rstrip().rstrip("'\")]").endswith("?")


def is_heading(sentence: str) -> bool:
    """A title: no closing punctuation, at most 14 words, most longer words capitalised.

    >>> is_heading("Understanding Kratom's Role in Chronic Pain Relief"), is_heading("Kratom relieves pain")
    (True, False)
    """
    if sentence.lstrip().startswith("#"):
        return True
    body = sentence.strip().lstrip(">-*+ \t")
    if not body or _TERMINAL.search(body) or body.endswith(","):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", body)
    if not words or len(words) > 14:
        return False
    if body.endswith(":") or ":" in body:
        return True  # "Kratom: less addictive than opioids", "Effects of kratom: relief from pain"
    long = [w for w in words[1:] if len(w) >= 4] or words
    return sum(w[0].isupper() for w in long) / len(long) >= 0.6


ADVICE = (
    r"(?:more|further|additional)\s+research|research\s+is\s+(?:needed|necessary|required)|consult(?:ing)?\s+(?:with\s+)?"
    r"|talk\s+to\s+(?:your|a)\s+(?:doctor|physician|healthcare)|topic\s+of\s+interest|continue\s+investigating"
    r"|it\s+is\s+(?:important|imperative|crucial|essential|advisable|wise)\s+(?:for|to)"
)
_ADVICE_RE = re.compile(rf"(?<![^\W_])(?:{ADVICE})", re.I)


def is_advice(sentence: str) -> bool:
    """Advice or a research agenda ("more research is needed", "consult a doctor"): no claim
    when it asserts no relation of its own."""
    return bool(_ADVICE_RE.search(sentence))


# --- details a claim adds that evidence must also give -------------------------------------

STRAIN = (
    r"strains?|(?:red|white|green|yellow|gold)[\s-]+(?:vein|veined|bali|borneo|thai|malay|maeng\s+da)"
    r"|bali|borneo|maeng\s+da|vein\s+colou?rs?"
)
_STRAIN_RE = re.compile(rf"(?<![^\W_])(?:{STRAIN})(?![^\W_])", re.I)
COMBINATION = (
    r"combin(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}?with|in\s+combination\s+with|mix(?:ed|ing)?\s+(?:\w+\s+){0,2}with"
    r"|taken\s+(?:together\s+)?with|together\s+with|alongside"
)
_COMBINATION_RE = re.compile(rf"(?<![^\W_])(?:{COMBINATION})(?![^\W_])", re.I)
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
# a number that is a claim of its own: digits not inside a name ("7-OH", "CYP3A4"), or a
# number word that counts ("thirteen times", "nine in ten")
_QUANTITY_RE = re.compile(
    r"(?<![\w.-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w-])"
    rf"|(?<![\w-])({'|'.join(_NUMBER_WORDS)})\s+(?=times|fold|in\s+(?:ten|\w+)|out\s+of|percent|hours?|days?|minutes?)",
    re.I,
)


def find_strain(text: str) -> re.Match | None:
    """A strain or vein colour ("Red Bali", "white-vein", "certain strains")."""
    return _STRAIN_RE.search(text)


# Where a claim says its finding holds: "in humans", "in healthy volunteers", "in mice".
# The group names the organism: Species values, and "human" for people of any description.
_SPECIES_RE = re.compile(
    r"\bin\s+(?:(?:healthy|adult|human|male|female|daily|regular|chronic|kratom)\s+){0,2}"
    r"(?P<who>humans?|people|persons|patients|users|adults|volunteers|subjects|men|women"
    r"|mice|mouse|rats?|guinea[\s-]+pigs?|dogs?|monkeys?)\b",
    re.I,
)
_SPECIES_OF = {"mice": "mouse", "mouse": "mouse", "rat": "rat", "rats": "rat", "dog": "dog", "dogs": "dog"}
_SPECIES_OF |= {"monkey": "monkey", "monkeys": "monkey"}


def find_species(text: str) -> tuple[re.Match, str] | None:
    """Where the claim says its finding holds, and the organism (a ``Species`` value).

    >>> m, who = find_species("Mitragynine depresses breathing in healthy volunteers.")
    >>> m.group(), who
    ('in healthy volunteers', 'human')
    >>> find_species("Oral 7-OH slowed transit in mice.")[1]
    'mouse'
    """
    m = _SPECIES_RE.search(text)
    if m is None:
        return None
    who = re.sub(r"[\s-]+", " ", m.group("who").lower())
    if who.startswith("guinea"):
        return m, "guinea_pig"
    return m, _SPECIES_OF.get(who, "human")


def find_combination(text: str) -> re.Match | None:
    """A combination of products ("combined with alcohol", "combining kratom with")."""
    return _COMBINATION_RE.search(text)


# what a combination is said to do when no outcome is named: "dangerous additive effects"
_HARM_RE = re.compile(
    r"\b(?:dangerous|dangers?|harmful|harms?|risky|risks?|deadly|fatal|toxic|unsafe|life-threatening|overdoses?"
    r"|additive|synergistic|potentiat\w*|amplif\w*|intensif\w*)\b",
    re.I,
)


def asserts_harm(text: str) -> re.Match | None:
    """A word saying something is harmful or adds to an effect ("dangerous", "additive")."""
    return _HARM_RE.search(text)


def quantities(text: str) -> tuple[str, ...]:
    """The numbers a sentence asserts, normalised ("2,798" -> "2798", "thirteen" -> "13").

    >>> quantities("7-OH is thirteen times as potent; 41% of 2,798 users; CYP3A4")
    ('13', '41', '2798')
    """
    out = []
    for m in _QUANTITY_RE.finditer(text):
        if m.group(1):
            out.append(m.group(1).replace(",", ""))
        else:
            out.append(_NUMBER_WORDS[m.group(2).lower()])
    return tuple(dict.fromkeys(out))


_REPORTER = re.compile(
    r"\b(?:people|users?|respondents|consumers|they|participants|many|some|most|adults|veterans|patients)\b|%",
    re.I,
)
REASON_FOR_USE = (
    r"(?:us(?:e|es|ed|ing)|tak(?:e|es|en|ing)|took)\s+(?:it|kratom|the\s+\w+)?\s*(?:for|to\s+(?:cope|manage|treat|ease"
    r"|relieve|reduce|cut|stop|quit|get|self-treat|dampen|help|deal))|turn(?:s|ed)?\s+to|reasons?\s+for\s+(?:use|using)"
    r"|motives?\s+for"
)
_REASON_RE = re.compile(rf"(?<![^\W_])(?:{REASON_FOR_USE})(?![^\W_])", re.I)


def find_reason_for_use(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """What people say they take a product for ("users turn to kratom", "41% used it to cut
    back on opioids"): the frame needs someone who uses ("it can be used to" is no report)."""
    found = _REASON_RE.search(text, start, len(text) if end is None else end)
    if found and _REPORTER.search(text, start, found.start()):
        return found
    return None


# An outcome defined as a loss ("learning impairment", "respiratory depression") named by
# the function it takes away ("memory", "breathing"): a claim about the function has the
# opposite sign for the outcome ("improves memory" = less learning impairment).
LOSS_WORDS = (
    r"impair\w*|deficits?|loss|depress\w*|inhibit\w*|suppress\w*|injur\w*|damage|toxicity|failure"
    r"|dysfunction|slow\w*|block\w*|decline"
)
FUNCTION_WORDS = (
    r"memory|memories|learning|cognition|cognitive\s+functions?|cognitive\s+performance|problem\s+solving"
    r"|hippocampal\s+LTP|LTP|long-term\s+potentiation|breathing|respiration|attention|concentration"
)
_LOSS_RE = re.compile(rf"(?<![^\W_])(?:{LOSS_WORDS})(?![^\W_])", re.I)
_FUNCTION_RE = re.compile(rf"(?<![^\W_])(?:{FUNCTION_WORDS})(?![^\W_])", re.I)


def names_lost_function(mention_text: str, node_label: str) -> bool:
    """The mention names the function whose loss the node is ("memory" for learning impairment).

    >>> names_lost_function("memory", "hippocampal LTP / learning impairment")
    True
    >>> names_lost_function("learning impairment", "hippocampal LTP / learning impairment")
    False
    """
    return bool(
        _FUNCTION_RE.search(mention_text)
        and not _LOSS_RE.search(mention_text)
        and _LOSS_RE.search(node_label)
    )


# "medicines that CYP2D6 breaks down", "drugs metabolised by CYP3A4": the enzyme named here
# stands for its substrates, so the claim is about the product's interaction with them.
_SUBSTRATES_RE = re.compile(
    r"(?:drugs?|medicines?|medications?|substrates?)\s+(?:that|which)\s+(?P<a>.{1,60}?)\s+"
    r"(?:breaks?\s+down|metaboli[sz]es?|clears?|process(?:es)?)\b"
    r"|(?:drugs?|medicines?|medications?)\s+(?:that\s+are\s+)?(?:metaboli[sz]ed|broken\s+down|cleared)\s+by\s+"
    r"(?P<b>.{1,60}?)(?=[,.;]|$)",
    re.I,
)


def substrate_spans(text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int], ...]:
    """Spans naming enzymes whose substrates a sentence speaks of."""
    end = len(text) if end is None else end
    out = []
    for m in _SUBSTRATES_RE.finditer(text, start, end):
        group = "a" if m.group("a") is not None else "b"
        out.append((m.start(group), m.end(group)))
    return tuple(out)


# Strength a claim asserts ("a potent inhibitor") against how the evidence describes it.
_STRONG_RE = re.compile(
    r"\b(?:potent(?:ly)?|strong(?:ly)?|powerful(?:ly)?|high[\s-]+affinity|highly\s+\w+)\b", re.I
)
_WEAK_RE = re.compile(r"\b(?:weak(?:ly)?|low[\s-]+affinity|no\s+IC50)\b(?!\s+than)", re.I)


def asserts_strength(text: str) -> re.Match | None:
    """A strength word: "potent", "strongly", "high affinity"."""
    return _STRONG_RE.search(text)


def describes_weak(text: str) -> bool:
    """Evidence that calls the effect weak (not "weaker than", a comparison)."""
    return bool(_WEAK_RE.search(text))


# Measured quantities a claim can state, by the names evidence values use for them.
PARAMETERS = {
    "half-life": ("t1/2", "half-life", "half life"),
    "peak": ("tmax",),
    "volume of distribution": ("vd",),
}
_UNITS = {
    "hours": "h",
    "hour": "h",
    "h": "h",
    "hrs": "h",
    "minutes": "min",
    "minute": "min",
    "min": "min",
    "days": "d",
    "day": "d",
    "d": "d",
}
_STATED_RE = re.compile(
    rf"(\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})\s*(hours?|hrs|h|minutes?|min|days?|d)\b", re.I
)


def stated_values(text: str) -> tuple[tuple[str, float, str], ...]:
    """``(parameter, number, unit)`` a sentence states ("a half-life of about two hours").

    >>> stated_values("Mitragynine has a half-life of about two hours.")
    (('half-life', 2.0, 'h'),)
    """
    low = text.lower()
    out = []
    for name in PARAMETERS:
        at = low.find(name)
        if at < 0:
            continue
        m = _STATED_RE.search(text, at, at + len(name) + 40)
        if m:
            raw = m.group(1).lower()
            number = float(_NUMBER_WORDS.get(raw, raw))
            out.append((name, number, _UNITS[m.group(2).lower()]))
    return tuple(out)


def parameter_names(name: str) -> tuple[str, ...]:
    return PARAMETERS[name]


def unit_of(unit: str) -> str | None:
    return _UNITS.get(unit.lower())
