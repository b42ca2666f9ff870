"""Closed vocabularies of the dataset: node kinds, predicates, evidence types, species.

Each term carries what the rest of the package needs to know about it (its Biolink
mapping, its plain-English phrase, its polarity and relation class; an evidence type's
title, rank and what it observes) so that no other module keeps a parallel table. Predicates are
specified in one table (``_SPEC``, one :class:`PredicateSpec` each), evidence types in
another (``_TYPE_SPEC``, one :class:`EvidenceTypeSpec` each).

>>> EvidenceType("in_vitro").is_primary
True
>>> Predicate.PARTIAL_AGONIST.phrase
'is a partial agonist at'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class NodeKind(str, Enum):
    """What a node is. The value is what curators write in ``nodes.yaml``."""

    PLANT = "plant"
    ALKALOID = "alkaloid"
    METABOLITE = "metabolite"
    RECEPTOR = "receptor"
    ENZYME = "enzyme"
    OTHER_TARGET = "other_target"
    DRUG = "drug"
    EFFECT = "effect"
    ADVERSE_EFFECT = "adverse_effect"
    # Imported nodes whose Biolink category maps to none of the kinds above; the node keeps
    # its own category (``Node.category``), shown in the panel and the legend.
    OTHER = "other"

    @property
    def biolink_category(self) -> str:
        return _KIND_CATEGORY[self]

    @property
    def layer(self) -> int:
        """Column of the left-to-right mechanism layout (plant -> ... -> effects)."""
        return _KIND_LAYER[self]

    @property
    def title(self) -> str:
        return self.value.replace("_", " ")


_KIND_CATEGORY = {
    NodeKind.PLANT: "biolink:OrganismTaxon",
    NodeKind.ALKALOID: "biolink:SmallMolecule",
    NodeKind.METABOLITE: "biolink:SmallMolecule",
    NodeKind.RECEPTOR: "biolink:Protein",
    NodeKind.ENZYME: "biolink:Protein",
    NodeKind.OTHER_TARGET: "biolink:Protein",
    NodeKind.DRUG: "biolink:Drug",
    NodeKind.EFFECT: "biolink:PhenotypicFeature",
    NodeKind.ADVERSE_EFFECT: "biolink:DiseaseOrPhenotypicFeature",
    NodeKind.OTHER: "biolink:NamedThing",
}

_KIND_LAYER = {
    NodeKind.PLANT: 0,
    NodeKind.DRUG: 1,
    NodeKind.ALKALOID: 1,
    NodeKind.METABOLITE: 2,
    NodeKind.RECEPTOR: 3,
    NodeKind.ENZYME: 3,
    NodeKind.OTHER_TARGET: 3,
    NodeKind.EFFECT: 4,
    NodeKind.ADVERSE_EFFECT: 4,
    NodeKind.OTHER: 5,
}


@dataclass(frozen=True)
class BiolinkMapping:
    """How a project predicate is written in Biolink / KGX."""

    predicate: str
    qualifiers: tuple[tuple[str, str], ...] = ()


class Polarity(str, Enum):
    """Which way a relation moves its object: up, down, or no direction stated.

    >>> Polarity.NEGATIVE.sign, Polarity.NEGATIVE.times(Polarity.NEGATIVE)
    (-1, <Polarity.POSITIVE: 'positive'>)
    """

    POSITIVE = "positive"
    NEGATIVE = "negative"
    NONE = "none"

    @property
    def sign(self) -> int:
        """+1, -1, or 0 for a relation that states no direction."""
        return {Polarity.POSITIVE: 1, Polarity.NEGATIVE: -1, Polarity.NONE: 0}[self]

    @classmethod
    def of_sign(cls, sign: int) -> Polarity:
        return cls.POSITIVE if sign > 0 else cls.NEGATIVE if sign < 0 else cls.NONE

    def times(self, other: Polarity) -> Polarity:
        """Sign of two relations in a row (NONE absorbs)."""
        return Polarity.of_sign(self.sign * other.sign)

    @property
    def title(self) -> str:
        return self.value


class RelationClass(str, Enum):
    """What kind of statement a predicate makes (claims are compared within one class)."""

    BINDING = "binding"  # occupies a site, no functional direction stated
    FUNCTIONAL = "functional"  # changes the activity or expression of a target
    METABOLIC = "metabolic"  # is formed from, or handled by, an enzyme or transporter
    COMPOSITIONAL = "compositional"  # is a part or constituent of
    CAUSAL = "causal"  # produces, changes or goes with an effect
    OTHER = "other"  # related in a way the vocabulary does not name (an imported related_to)

    @property
    def title(self) -> str:
        return self.value


@dataclass(frozen=True, kw_only=True)
class PredicateSpec:
    """Everything the package knows about one predicate (the one table; see :class:`Predicate`).

    ``passes_sign``: an unsigned step that carries the sign of what follows unchanged along
    a mechanism path (the plant *contains* an agonist, so the plant acts as that agonist
    does). Any other unsigned step (``binds``) leaves a path's sign unknown.
    """

    phrase: str
    biolink: BiolinkMapping
    polarity: Polarity
    relation_class: RelationClass
    passes_sign: bool = False


class Predicate(str, Enum):
    """Relation between two nodes. The value is what curators write in ``edges.yaml``.

    >>> Predicate.ANTAGONIST.polarity, Predicate.ANTAGONIST.relation_class
    (<Polarity.NEGATIVE: 'negative'>, <RelationClass.FUNCTIONAL: 'functional'>)
    >>> Predicate.CONTAINS.polarity.sign, Predicate.CONTAINS.passes_sign
    (0, True)
    """

    CONTAINS = "contains"
    METABOLIZED_TO = "metabolized_to"
    SUBSTRATE_OF = "substrate_of"
    BINDS = "binds"
    AGONIST = "agonist"
    PARTIAL_AGONIST = "partial_agonist"
    ANTAGONIST = "antagonist"
    INVERSE_AGONIST = "inverse_agonist"
    ALLOSTERIC_MODULATOR = "allosteric_modulator"
    ACTIVATES = "activates"
    INHIBITS = "inhibits"
    DECREASES_EXPRESSION = "decreases_expression"
    INCREASES = "increases"
    DECREASES = "decreases"
    CAUSES = "causes"
    MEDIATES = "mediates"
    ASSOCIATED_WITH = "associated_with"
    INTERACTS_WITH = "interacts_with"
    # Imported edges whose Biolink predicate maps to none of the predicates above; the
    # evidence keeps the predicate the file gave.
    RELATED_TO = "related_to"

    @property
    def spec(self) -> PredicateSpec:
        return _SPEC[self]

    @property
    def phrase(self) -> str:
        """Verb phrase used to read an edge as a sentence."""
        return _SPEC[self].phrase

    @property
    def biolink(self) -> BiolinkMapping:
        return _SPEC[self].biolink

    @property
    def polarity(self) -> Polarity:
        """Direction the subject moves the object: agonist +, antagonist -, binds none."""
        return _SPEC[self].polarity

    @property
    def relation_class(self) -> RelationClass:
        return _SPEC[self].relation_class

    @property
    def passes_sign(self) -> bool:
        """Unsigned step that keeps a mechanism path's sign (contains, metabolized_to)."""
        return _SPEC[self].passes_sign

    @property
    def title(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def of(cls, relation_class: RelationClass, polarity: Polarity | None = None) -> frozenset[Predicate]:
        """Predicates of one class (and, if given, one polarity).

        >>> sorted(p.value for p in Predicate.of(RelationClass.FUNCTIONAL, Polarity.NEGATIVE))
        ['antagonist', 'decreases_expression', 'inhibits', 'inverse_agonist']
        """
        return frozenset(
            p
            for p in cls
            if p.relation_class is relation_class and (polarity is None or p.polarity is polarity)
        )


def _affects(mechanism: str | None, aspect: str | None, direction: str | None) -> BiolinkMapping:
    quals = [("qualified_predicate", "biolink:causes")]
    if mechanism:
        quals.append(("causal_mechanism_qualifier", mechanism))
    if aspect:
        quals.append(("object_aspect_qualifier", aspect))
    if direction:
        quals.append(("object_direction_qualifier", direction))
    return BiolinkMapping("biolink:affects", tuple(quals))


_POS, _NEG, _NONE = Polarity.POSITIVE, Polarity.NEGATIVE, Polarity.NONE
_C = RelationClass

_SPEC: dict[Predicate, PredicateSpec] = {
    Predicate.CONTAINS: PredicateSpec(
        phrase="contains",
        biolink=BiolinkMapping("biolink:has_part"),
        polarity=_NONE,
        relation_class=_C.COMPOSITIONAL,
        passes_sign=True,
    ),
    Predicate.METABOLIZED_TO: PredicateSpec(
        phrase="is metabolized to",
        biolink=BiolinkMapping("biolink:has_metabolite"),
        polarity=_NONE,
        relation_class=_C.METABOLIC,
        passes_sign=True,
    ),
    Predicate.SUBSTRATE_OF: PredicateSpec(
        phrase="is a substrate of",
        biolink=BiolinkMapping("biolink:is_substrate_of"),
        polarity=_NONE,
        relation_class=_C.METABOLIC,
    ),
    Predicate.BINDS: PredicateSpec(
        phrase="binds",
        biolink=BiolinkMapping("biolink:directly_physically_interacts_with"),
        polarity=_NONE,
        relation_class=_C.BINDING,
    ),
    Predicate.AGONIST: PredicateSpec(
        phrase="is an agonist at",
        biolink=_affects("agonism", "activity", "increased"),
        polarity=_POS,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.PARTIAL_AGONIST: PredicateSpec(
        phrase="is a partial agonist at",
        biolink=_affects("partial_agonism", "activity", "increased"),
        polarity=_POS,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.ANTAGONIST: PredicateSpec(
        phrase="is an antagonist at",
        biolink=_affects("antagonism", "activity", "decreased"),
        polarity=_NEG,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.INVERSE_AGONIST: PredicateSpec(
        phrase="is an inverse agonist at",
        biolink=_affects("inverse_agonism", "activity", "decreased"),
        polarity=_NEG,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.ALLOSTERIC_MODULATOR: PredicateSpec(
        phrase="is an allosteric modulator of",
        biolink=_affects("allosteric_modulation", "activity", None),
        polarity=_NONE,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.ACTIVATES: PredicateSpec(
        phrase="activates",
        biolink=_affects("activation", "activity", "increased"),
        polarity=_POS,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.INHIBITS: PredicateSpec(
        phrase="inhibits",
        biolink=_affects("inhibition", "activity", "decreased"),
        polarity=_NEG,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.DECREASES_EXPRESSION: PredicateSpec(
        phrase="decreases the expression of",
        biolink=_affects(None, "expression", "decreased"),
        polarity=_NEG,
        relation_class=_C.FUNCTIONAL,
    ),
    Predicate.INCREASES: PredicateSpec(
        phrase="increases",
        biolink=_affects(None, None, "increased"),
        polarity=_POS,
        relation_class=_C.CAUSAL,
    ),
    Predicate.DECREASES: PredicateSpec(
        phrase="decreases",
        biolink=_affects(None, None, "decreased"),
        polarity=_NEG,
        relation_class=_C.CAUSAL,
    ),
    Predicate.CAUSES: PredicateSpec(
        phrase="causes",
        biolink=BiolinkMapping("biolink:causes"),
        polarity=_POS,
        relation_class=_C.CAUSAL,
    ),
    # A receptor that mediates an effect produces it when activated: positive.
    Predicate.MEDIATES: PredicateSpec(
        phrase="mediates",
        biolink=BiolinkMapping("biolink:contributes_to"),
        polarity=_POS,
        relation_class=_C.CAUSAL,
    ),
    Predicate.ASSOCIATED_WITH: PredicateSpec(
        phrase="is associated with",
        biolink=BiolinkMapping("biolink:associated_with"),
        polarity=_NONE,
        relation_class=_C.CAUSAL,
    ),
    Predicate.INTERACTS_WITH: PredicateSpec(
        phrase="interacts with",
        biolink=BiolinkMapping("biolink:interacts_with"),
        polarity=_NONE,
        relation_class=_C.BINDING,
    ),
    Predicate.RELATED_TO: PredicateSpec(
        phrase="is related to",
        biolink=BiolinkMapping("biolink:related_to"),
        polarity=_NONE,
        relation_class=_C.OTHER,
    ),
}


class EvidenceType(str, Enum):
    """Kind of evidence behind one statement.

    The type says what the study is; what an item is worth lives in the confidence model
    (:mod:`graph.score`). ``in_silico`` is a computational prediction (docking, pharmacophore
    or static/PBPK interaction model): never primary, its items are ``directness:
    prediction``. ``claim`` is an assertion with no primary evidence behind it (a lay
    article, a vendor page). ``database`` is provenance from an imported knowledge graph
    that gives a source but no publication or sentence.
    """

    IN_VITRO = "in_vitro"
    ANIMAL = "animal"
    HUMAN_TRIAL = "human_trial"
    HUMAN_OBSERVATIONAL = "human_observational"
    CASE_REPORT = "case_report"
    IN_SILICO = "in_silico"
    REVIEW = "review"
    REGULATORY = "regulatory"
    DATABASE = "database"
    CLAIM = "claim"

    @property
    def spec(self) -> EvidenceTypeSpec:
        return _TYPE_SPEC[self]

    @property
    def is_primary(self) -> bool:
        """Primary evidence: a study that observed or measured something."""
        return _TYPE_SPEC[self].primary

    @property
    def rank(self) -> int:
        """Order of 'best evidence level'; higher is stronger."""
        return _TYPE_SPEC[self].rank

    @property
    def title(self) -> str:
        return _TYPE_SPEC[self].title

    @property
    def knowledge_level(self) -> str:
        """Biolink ``knowledge_level`` for an edge whose best evidence is of this type."""
        return _TYPE_SPEC[self].knowledge_level

    @property
    def studies_people(self) -> bool:
        """A finding about people (a trial, an observational study, a case report); an assay
        on human cells or tissue is not one."""
        return _TYPE_SPEC[self].studies_people

    @property
    def in_organism(self) -> bool:
        """Observed in a living organism or population (not in vitro, not computed)."""
        return _TYPE_SPEC[self].in_organism


@dataclass(frozen=True)
class EvidenceTypeSpec:
    """Everything the vocabulary knows about one evidence type (the one table, ``_TYPE_SPEC``).

    What an item of the type is worth is the confidence model's (:data:`graph.score.TYPE_WEIGHT`);
    how it is drawn is the renderer's.
    """

    title: str
    rank: int  # best-evidence order: higher is stronger
    primary: bool
    knowledge_level: str  # Biolink knowledge_level
    studies_people: bool = False
    in_organism: bool = True


_E = EvidenceType
_TYPE_SPEC: dict[EvidenceType, EvidenceTypeSpec] = {
    _E.HUMAN_TRIAL: EvidenceTypeSpec("Human trial", 9, True, "knowledge_assertion", studies_people=True),
    _E.HUMAN_OBSERVATIONAL: EvidenceTypeSpec(
        "Human observational", 8, True, "statistical_association", studies_people=True
    ),
    _E.ANIMAL: EvidenceTypeSpec("Animal", 7, True, "knowledge_assertion"),
    _E.IN_VITRO: EvidenceTypeSpec("In vitro", 6, True, "knowledge_assertion", in_organism=False),
    _E.CASE_REPORT: EvidenceTypeSpec("Case report", 5, True, "observation", studies_people=True),
    _E.REVIEW: EvidenceTypeSpec("Review", 4, False, "knowledge_assertion"),
    _E.IN_SILICO: EvidenceTypeSpec("Computational prediction", 3, False, "prediction", in_organism=False),
    _E.REGULATORY: EvidenceTypeSpec("Regulatory", 2, False, "knowledge_assertion"),
    _E.DATABASE: EvidenceTypeSpec("Database", 1, False, "not_provided"),
    _E.CLAIM: EvidenceTypeSpec("Unsupported claim", 0, False, "not_provided"),
}


# An edge's best evidence when every item contradicts it (no type supports it).
CONTRADICTED_ONLY = "contradicted only"


def best_evidence_title(best: EvidenceType | None) -> str:
    """The title of an edge's best supporting evidence type, else :data:`CONTRADICTED_ONLY`.

    >>> best_evidence_title(EvidenceType.IN_SILICO), best_evidence_title(None)
    ('Computational prediction', 'contradicted only')
    """
    return best.title if best is not None else CONTRADICTED_ONLY


class Species(str, Enum):
    """Organism (or system) in which the evidence was obtained."""

    HUMAN = "human"
    MOUSE = "mouse"
    RAT = "rat"
    GUINEA_PIG = "guinea_pig"
    DOG = "dog"
    MONKEY = "monkey"
    IN_SILICO = "in_silico"
    NOT_APPLICABLE = "not_applicable"

    @property
    def title(self) -> str:
        return self.value.replace("_", " ")


class Directness(str, Enum):
    """How directly an evidence item measures the relation it supports.

    ``direct``: the relation itself was measured (a binding assay for ``binds``).
    ``indirect``: inferred from a downstream or proxy observation (a field potential
    read as receptor antagonism). ``prediction``: computed, not observed; the items of
    an ``in_silico`` study, and only those.
    """

    DIRECT = "direct"
    INDIRECT = "indirect"
    PREDICTION = "prediction"

    @property
    def title(self) -> str:
        return self.value


class Relevance(str, Enum):
    """Whether an item makes a finding on the relation it is filed under.

    ``no_finding``: a notice, a general statement, or a statement that no reliable evidence
    exists (absence of evidence is not evidence against). Shown, never counted.
    """

    FINDING = "finding"
    NO_FINDING = "no_finding"


class Verification(str, Enum):
    """How a source was checked: its primary record, or only a secondary copy of it."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


def choices(enum: type[Enum]) -> str:
    """Comma-separated valid values, for error messages."""
    return ", ".join(member.value for member in enum)
