"""Closed vocabularies of the dataset: node kinds, predicates, evidence types, species.

Each term carries what the rest of the package needs to know about it (its Biolink
mapping, its plain-English phrase, its weight in the confidence score) so that no other
module keeps a parallel table.

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


class Predicate(str, Enum):
    """Relation between two nodes. The value is what curators write in ``edges.yaml``."""

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
    def phrase(self) -> str:
        """Verb phrase used to read an edge as a sentence."""
        return _PHRASES[self]

    @property
    def biolink(self) -> BiolinkMapping:
        return _BIOLINK[self]

    @property
    def title(self) -> str:
        return self.value.replace("_", " ")


_PHRASES = {
    Predicate.CONTAINS: "contains",
    Predicate.METABOLIZED_TO: "is metabolized to",
    Predicate.SUBSTRATE_OF: "is a substrate of",
    Predicate.BINDS: "binds",
    Predicate.AGONIST: "is an agonist at",
    Predicate.PARTIAL_AGONIST: "is a partial agonist at",
    Predicate.ANTAGONIST: "is an antagonist at",
    Predicate.INVERSE_AGONIST: "is an inverse agonist at",
    Predicate.ALLOSTERIC_MODULATOR: "is an allosteric modulator of",
    Predicate.ACTIVATES: "activates",
    Predicate.INHIBITS: "inhibits",
    Predicate.DECREASES_EXPRESSION: "decreases the expression of",
    Predicate.INCREASES: "increases",
    Predicate.DECREASES: "decreases",
    Predicate.CAUSES: "causes",
    Predicate.MEDIATES: "mediates",
    Predicate.ASSOCIATED_WITH: "is associated with",
    Predicate.INTERACTS_WITH: "interacts with",
    Predicate.RELATED_TO: "is related to",
}


def _affects(mechanism: str | None, aspect: str | None, direction: str | None) -> BiolinkMapping:
    quals = [("qualified_predicate", "biolink:causes")]
    if mechanism:
        quals.append(("causal_mechanism_qualifier", mechanism))
    if aspect:
        quals.append(("object_aspect_qualifier", aspect))
    if direction:
        quals.append(("object_direction_qualifier", direction))
    return BiolinkMapping("biolink:affects", tuple(quals))


_BIOLINK = {
    Predicate.CONTAINS: BiolinkMapping("biolink:has_part"),
    Predicate.METABOLIZED_TO: BiolinkMapping("biolink:has_metabolite"),
    Predicate.SUBSTRATE_OF: BiolinkMapping("biolink:is_substrate_of"),
    Predicate.BINDS: BiolinkMapping("biolink:directly_physically_interacts_with"),
    Predicate.AGONIST: _affects("agonism", "activity", "increased"),
    Predicate.PARTIAL_AGONIST: _affects("partial_agonism", "activity", "increased"),
    Predicate.ANTAGONIST: _affects("antagonism", "activity", "decreased"),
    Predicate.INVERSE_AGONIST: _affects("inverse_agonism", "activity", "decreased"),
    Predicate.ALLOSTERIC_MODULATOR: _affects("allosteric_modulation", "activity", None),
    Predicate.ACTIVATES: _affects("activation", "activity", "increased"),
    Predicate.INHIBITS: _affects("inhibition", "activity", "decreased"),
    Predicate.DECREASES_EXPRESSION: _affects(None, "expression", "decreased"),
    Predicate.INCREASES: _affects(None, None, "increased"),
    Predicate.DECREASES: _affects(None, None, "decreased"),
    Predicate.CAUSES: BiolinkMapping("biolink:causes"),
    Predicate.MEDIATES: BiolinkMapping("biolink:contributes_to"),
    Predicate.ASSOCIATED_WITH: BiolinkMapping("biolink:associated_with"),
    Predicate.INTERACTS_WITH: BiolinkMapping("biolink:interacts_with"),
    Predicate.RELATED_TO: BiolinkMapping("biolink:related_to"),
}


class EvidenceType(str, Enum):
    """Kind of evidence behind one statement.

    ``claim`` is an assertion with no primary evidence behind it (a lay article, a vendor
    page). ``database`` is provenance from an imported knowledge graph that gives a source
    but no publication or sentence.
    """

    IN_VITRO = "in_vitro"
    ANIMAL = "animal"
    HUMAN_TRIAL = "human_trial"
    HUMAN_OBSERVATIONAL = "human_observational"
    CASE_REPORT = "case_report"
    REVIEW = "review"
    REGULATORY = "regulatory"
    DATABASE = "database"
    CLAIM = "claim"

    @property
    def is_primary(self) -> bool:
        """Primary evidence: a study that observed or measured something."""
        return self in _PRIMARY

    @property
    def weight(self) -> float:
        """Support one independent source of this type lends an edge (see SCHEMA.md)."""
        return _WEIGHT[self]

    @property
    def rank(self) -> int:
        """Order of 'best evidence level'; higher is stronger."""
        return _RANK[self]

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def knowledge_level(self) -> str:
        """Biolink ``knowledge_level`` for an edge whose best evidence is of this type."""
        return _KNOWLEDGE_LEVEL[self]


_PRIMARY = {
    EvidenceType.IN_VITRO,
    EvidenceType.ANIMAL,
    EvidenceType.HUMAN_TRIAL,
    EvidenceType.HUMAN_OBSERVATIONAL,
    EvidenceType.CASE_REPORT,
}

_WEIGHT = {
    EvidenceType.HUMAN_TRIAL: 0.6,
    EvidenceType.IN_VITRO: 0.5,
    EvidenceType.ANIMAL: 0.5,
    EvidenceType.HUMAN_OBSERVATIONAL: 0.45,
    EvidenceType.CASE_REPORT: 0.25,
    EvidenceType.REVIEW: 0.2,
    EvidenceType.REGULATORY: 0.2,
    EvidenceType.DATABASE: 0.15,
    EvidenceType.CLAIM: 0.0,
}

_RANK = {
    EvidenceType.HUMAN_TRIAL: 8,
    EvidenceType.HUMAN_OBSERVATIONAL: 7,
    EvidenceType.ANIMAL: 6,
    EvidenceType.IN_VITRO: 5,
    EvidenceType.CASE_REPORT: 4,
    EvidenceType.REVIEW: 3,
    EvidenceType.REGULATORY: 2,
    EvidenceType.DATABASE: 1,
    EvidenceType.CLAIM: 0,
}

_TITLES = {
    EvidenceType.IN_VITRO: "In vitro",
    EvidenceType.ANIMAL: "Animal",
    EvidenceType.HUMAN_TRIAL: "Human trial",
    EvidenceType.HUMAN_OBSERVATIONAL: "Human observational",
    EvidenceType.CASE_REPORT: "Case report",
    EvidenceType.REVIEW: "Review",
    EvidenceType.REGULATORY: "Regulatory",
    EvidenceType.DATABASE: "Database",
    EvidenceType.CLAIM: "Unsupported claim",
}

_KNOWLEDGE_LEVEL = {
    EvidenceType.IN_VITRO: "knowledge_assertion",
    EvidenceType.ANIMAL: "knowledge_assertion",
    EvidenceType.HUMAN_TRIAL: "knowledge_assertion",
    EvidenceType.HUMAN_OBSERVATIONAL: "statistical_association",
    EvidenceType.CASE_REPORT: "observation",
    EvidenceType.REVIEW: "knowledge_assertion",
    EvidenceType.REGULATORY: "knowledge_assertion",
    EvidenceType.DATABASE: "not_provided",
    EvidenceType.CLAIM: "not_provided",
}


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


class Verification(str, Enum):
    """How a source was checked: its primary record, or only a secondary copy of it."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


def choices(enum: type[Enum]) -> str:
    """Comma-separated valid values, for error messages."""
    return ", ".join(member.value for member in enum)
