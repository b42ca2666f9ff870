"""Biolink categories and predicates (with qualifiers) -> the project's node kinds and predicates.

Lenient where the meaning is kept, strict where it is not: an unmappable predicate is a
located problem (the edge would say something the project cannot), and an unknown
category too, unless another category of the same node, or a ``kme_kind`` / ``kind``
column, names a kind. Qualifiers the project cannot represent are not dropped silently:
the importer writes them into the evidence note and reports a warning.

Categories map through their Biolink ancestry (``is_a`` in biolink-model 4.x, checked
against the model's YAML in the tests); the deepest mapped category of a node wins, so
``NamedThing|ChemicalEntity|SmallMolecule|Drug`` is a ``drug``.

>>> kind_for_categories(["biolink:NamedThing", "biolink:BehavioralFeature"])
(<NodeKind.EFFECT: 'effect'>, 'biolink:BehavioralFeature')
>>> map_predicate("biolink:part_of", {})
MappedPredicate(predicate=<Predicate.CONTAINS: 'contains'>, reversed=True, ignored=())
>>> map_predicate("biolink:affects", {}) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.readwrite.kgx import QUALIFIER_SLOTS, predicate_from_biolink
from graph.vocab import NodeKind, Predicate

# Parent (Biolink is_a) of each category the importer knows, biolink-model 4.x.
PARENT = {
    "biolink:NamedThing": None,
    "biolink:OrganismTaxon": "biolink:NamedThing",
    "biolink:ChemicalEntity": "biolink:NamedThing",
    "biolink:MolecularEntity": "biolink:ChemicalEntity",
    "biolink:SmallMolecule": "biolink:MolecularEntity",
    "biolink:NucleicAcidEntity": "biolink:MolecularEntity",
    "biolink:ChemicalMixture": "biolink:ChemicalEntity",
    "biolink:MolecularMixture": "biolink:ChemicalMixture",
    "biolink:ComplexMolecularMixture": "biolink:ChemicalMixture",
    "biolink:ProcessedMaterial": "biolink:ChemicalMixture",
    "biolink:Food": "biolink:ChemicalMixture",
    "biolink:Drug": "biolink:MolecularMixture",
    "biolink:BiologicalEntity": "biolink:NamedThing",
    "biolink:Gene": "biolink:BiologicalEntity",
    "biolink:Polypeptide": "biolink:BiologicalEntity",
    "biolink:Protein": "biolink:Polypeptide",
    "biolink:MacromolecularComplex": "biolink:BiologicalEntity",
    "biolink:GeneFamily": "biolink:BiologicalEntity",
    "biolink:ProteinFamily": "biolink:BiologicalEntity",
    "biolink:DiseaseOrPhenotypicFeature": "biolink:BiologicalEntity",
    "biolink:Disease": "biolink:DiseaseOrPhenotypicFeature",
    "biolink:PhenotypicFeature": "biolink:DiseaseOrPhenotypicFeature",
    "biolink:BehavioralFeature": "biolink:PhenotypicFeature",
    "biolink:ClinicalFinding": "biolink:PhenotypicFeature",
    "biolink:BiologicalProcessOrActivity": "biolink:BiologicalEntity",
    "biolink:BiologicalProcess": "biolink:BiologicalProcessOrActivity",
    "biolink:PhysiologicalProcess": "biolink:BiologicalProcess",
    "biolink:Pathway": "biolink:BiologicalProcess",
    "biolink:MolecularActivity": "biolink:BiologicalProcessOrActivity",
}

# The kind a category gives; descendants inherit it unless they have their own row.
# ChemicalEntity -> alkaloid is a fallback: the project has one compound kind (the
# plant's constituents); a file can say `metabolite` or `drug` with a kme_kind/kind column.
KIND_OF = {
    "biolink:OrganismTaxon": NodeKind.PLANT,
    "biolink:ChemicalEntity": NodeKind.ALKALOID,
    "biolink:Drug": NodeKind.DRUG,
    "biolink:Gene": NodeKind.OTHER_TARGET,
    "biolink:Polypeptide": NodeKind.OTHER_TARGET,
    "biolink:MacromolecularComplex": NodeKind.OTHER_TARGET,
    "biolink:GeneFamily": NodeKind.OTHER_TARGET,
    "biolink:ProteinFamily": NodeKind.OTHER_TARGET,
    "biolink:DiseaseOrPhenotypicFeature": NodeKind.ADVERSE_EFFECT,
    "biolink:PhenotypicFeature": NodeKind.EFFECT,
    "biolink:BiologicalProcessOrActivity": NodeKind.EFFECT,
}


def _ancestry(category: str) -> list[str]:
    out = []
    while category is not None and category in PARENT and category not in out:
        out.append(category)
        category = PARENT[category]
    return out


def kind_for_category(category: str) -> NodeKind | None:
    """Kind of one Biolink category via its nearest mapped ancestor (itself included)."""
    for c in _ancestry(_biolink(category)):
        if c in KIND_OF:
            return KIND_OF[c]
    return None


def kind_for_categories(categories: Iterable[str]) -> tuple[NodeKind, str] | None:
    """Kind of a node from all its categories: the deepest mapped category wins (first on ties)."""
    best: tuple[int, NodeKind, str] | None = None
    for c in categories:
        kind = kind_for_category(c)
        if kind is None:
            continue
        depth = len(_ancestry(_biolink(c)))
        if best is None or depth > best[0]:
            best = (depth, kind, _biolink(c))
    return None if best is None else (best[1], best[2])


def _biolink(term: str) -> str:
    """``SmallMolecule`` / ``small_molecule`` / ``biolink:SmallMolecule`` -> one spelling."""
    term = term.strip()
    if ":" in term:
        return term
    if "_" in term or term.islower():
        term = "".join(part.capitalize() for part in term.split("_"))
    return f"biolink:{term}"


def _predicate_term(term: str) -> str:
    term = term.strip()
    return term if ":" in term else f"biolink:{term}"


@dataclass(frozen=True)
class MappedPredicate:
    """A project predicate for a Biolink edge; ``reversed``: swap subject and object."""

    predicate: Predicate
    reversed: bool = False
    ignored: tuple[tuple[str, str], ...] = ()


# Unqualified Biolink predicates with a project equivalent (same direction).
PLAIN = {
    "biolink:has_part": Predicate.CONTAINS,
    "biolink:has_metabolite": Predicate.METABOLIZED_TO,
    "biolink:is_substrate_of": Predicate.SUBSTRATE_OF,
    "biolink:directly_physically_interacts_with": Predicate.BINDS,
    "biolink:physically_interacts_with": Predicate.BINDS,
    "biolink:interacts_with": Predicate.INTERACTS_WITH,
    "biolink:causes": Predicate.CAUSES,
    "biolink:contributes_to": Predicate.MEDIATES,
    "biolink:associated_with": Predicate.ASSOCIATED_WITH,
    "biolink:correlated_with": Predicate.ASSOCIATED_WITH,
    "biolink:positively_correlated_with": Predicate.ASSOCIATED_WITH,
    "biolink:negatively_correlated_with": Predicate.ASSOCIATED_WITH,
    # Biolink 2.x predicates, replaced by qualified `affects` in 3.x; still common in files.
    "biolink:increases_activity_of": Predicate.ACTIVATES,
    "biolink:decreases_activity_of": Predicate.INHIBITS,
    "biolink:decreases_expression_of": Predicate.DECREASES_EXPRESSION,
}

# Predicates of Biolink 2.x, removed from the 4.x model (the tests check the others exist).
LEGACY = frozenset(
    {"biolink:increases_activity_of", "biolink:decreases_activity_of", "biolink:decreases_expression_of"}
)

# Inverse Biolink predicates: read with subject and object swapped.
INVERSE = {
    "biolink:part_of": Predicate.CONTAINS,
    "biolink:is_metabolite_of": Predicate.METABOLIZED_TO,
    "biolink:has_substrate": Predicate.SUBSTRATE_OF,
    "biolink:caused_by": Predicate.CAUSES,
}

MECHANISM = {
    "agonism": Predicate.AGONIST,
    "partial_agonism": Predicate.PARTIAL_AGONIST,
    "antagonism": Predicate.ANTAGONIST,
    "inverse_agonism": Predicate.INVERSE_AGONIST,
    "allosteric_modulation": Predicate.ALLOSTERIC_MODULATOR,
    "positive_allosteric_modulation": Predicate.ALLOSTERIC_MODULATOR,
    "negative_allosteric_modulation": Predicate.ALLOSTERIC_MODULATOR,
    "activation": Predicate.ACTIVATES,
    "inhibition": Predicate.INHIBITS,
}

# Qualifier slots that say *which* relation: read by the mapping, never "ignored".
_READ = {
    "qualified_predicate",
    "causal_mechanism_qualifier",
    "object_aspect_qualifier",
    "object_direction_qualifier",
}
# Every Biolink edge qualifier slot the importer recognises as a qualifier.
QUALIFIER_NAMES = (
    *QUALIFIER_SLOTS,
    "subject_aspect_qualifier",
    "subject_direction_qualifier",
    "subject_form_or_variant_qualifier",
    "subject_part_qualifier",
    "subject_derivative_qualifier",
    "subject_context_qualifier",
    "object_form_or_variant_qualifier",
    "object_part_qualifier",
    "object_derivative_qualifier",
    "object_context_qualifier",
    "anatomical_context_qualifier",
    "species_context_qualifier",
    "disease_context_qualifier",
    "frequency_qualifier",
    "onset_qualifier",
    "sex_qualifier",
    "stage_qualifier",
    "temporal_context_qualifier",
    "population_context_qualifier",
)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def map_predicate(predicate: str, qualifiers: Mapping[str, Any]) -> MappedPredicate | None:
    """Project predicate for a Biolink predicate and its qualifier slots, or None if none fits.

    Order: the exact inverse of the export table; a qualified ``affects``/``causes``
    read by mechanism, then aspect and direction; plain and inverse predicates; a project
    predicate name written as is. Qualifiers outside :data:`_READ` come back in
    ``ignored`` (the caller reports them).
    """
    term = _predicate_term(predicate)
    quals = {k: _text(v) for k, v in qualifiers.items() if k in QUALIFIER_NAMES and _text(v)}
    ignored = tuple(sorted((k, v) for k, v in quals.items() if k not in _READ))
    exact = predicate_from_biolink(term, quals)
    if exact is not None:
        return MappedPredicate(exact, False, ignored)
    if term in ("biolink:affects", "biolink:causes", "biolink:regulates") and (
        quals.get("causal_mechanism_qualifier") or quals.get("object_direction_qualifier")
    ):
        mechanism = quals.get("causal_mechanism_qualifier")
        aspect = quals.get("object_aspect_qualifier")
        direction = quals.get("object_direction_qualifier")
        if mechanism in MECHANISM:
            return MappedPredicate(MECHANISM[mechanism], False, ignored)
        if mechanism is None and aspect == "expression" and direction in ("decreased", "downregulated"):
            return MappedPredicate(Predicate.DECREASES_EXPRESSION, False, ignored)
        if mechanism is None and aspect in (None, "activity", "activity_or_abundance", "abundance"):
            if direction in ("increased", "upregulated"):
                p = Predicate.ACTIVATES if aspect == "activity" else Predicate.INCREASES
                return MappedPredicate(p, False, ignored)
            if direction in ("decreased", "downregulated"):
                p = Predicate.INHIBITS if aspect == "activity" else Predicate.DECREASES
                return MappedPredicate(p, False, ignored)
        return None
    if term in PLAIN:
        return MappedPredicate(PLAIN[term], False, ignored)
    if term in INVERSE:
        return MappedPredicate(INVERSE[term], True, ignored)
    bare = predicate.strip()
    if bare.startswith("biolink:"):
        bare = bare[len("biolink:") :]
    for p in Predicate:
        if bare == p.value:
            return MappedPredicate(p, False, ignored)
    return None


def supported_predicates() -> str:
    """Comma-separated Biolink predicates the importer reads, for error messages."""
    names = sorted(
        {*PLAIN, *INVERSE, "biolink:affects (with causal_mechanism_qualifier or object_direction_qualifier)"}
    )
    return ", ".join(names)


def supported_categories() -> str:
    return ", ".join(sorted(PARENT))
