"""Biolink categories and predicates (with qualifiers) -> the project's node kinds and predicates.

Lenient, and never silent: every Biolink category and predicate maps to something, and
what was generalised is said. Both walk the Biolink ``is_a`` ancestry read from the
installed ``biolink-model`` package (its ``biolink_model.yaml``), nearest ancestor first:

- a category maps to the kind of its nearest mapped ancestor (:data:`KIND_OF`); the deepest
  mapped category of a node wins, so ``NamedThing|ChemicalEntity|SmallMolecule|Drug`` is a
  ``drug``; a category with no mapped ancestor (``biolink:CellularComponent``,
  ``biolink:NamedThing``, a term the model does not hold) gives kind ``other``, and the
  node keeps the category it was given;
- a predicate maps to the project predicate of its nearest mapped ancestor
  (``gene_associated_with_condition`` -> ``associated_with``; ``MappedPredicate.via`` names
  the ancestor used), else to ``related_to``; the evidence keeps the predicate the file gave.

Qualifiers the project cannot represent are not dropped silently: the importer writes them
into the evidence note and reports a warning.

>>> kind_for_categories(["biolink:NamedThing", "biolink:BehavioralFeature"])
(<NodeKind.EFFECT: 'effect'>, 'biolink:BehavioralFeature')
>>> kind_for_categories(["biolink:CellularComponent"])
(<NodeKind.OTHER: 'other'>, 'biolink:CellularComponent')
>>> map_predicate("biolink:part_of", {})
MappedPredicate(predicate=<Predicate.CONTAINS: 'contains'>, reversed=True, ignored=(), via=None)
>>> map_predicate("biolink:gene_associated_with_condition", {}).via
'biolink:associated_with'
>>> map_predicate("biolink:affects", {}).predicate
<Predicate.RELATED_TO: 'related_to'>
>>> predicate_from_biolink("biolink:affects", {"qualified_predicate": "biolink:causes",
...     "causal_mechanism_qualifier": "partial_agonism", "object_aspect_qualifier": "activity",
...     "object_direction_qualifier": "increased"})
<Predicate.PARTIAL_AGONIST: 'partial_agonist'>
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from graph.vocab import NodeKind, Predicate

QUALIFIER_SLOTS = (
    "qualified_predicate",
    "causal_mechanism_qualifier",
    "object_aspect_qualifier",
    "object_direction_qualifier",
)


def biolink_edge(predicate: Predicate) -> dict[str, str]:
    """Biolink ``predicate`` plus qualifier slots of a project predicate.

    >>> biolink_edge(Predicate.METABOLIZED_TO)
    {'predicate': 'biolink:has_metabolite'}
    """
    mapping = predicate.biolink
    return {"predicate": mapping.predicate, **dict(mapping.qualifiers)}


def predicate_from_biolink(predicate: str, qualifiers: Mapping[str, Any] | None = None) -> Predicate | None:
    """The project predicate for a Biolink predicate and its qualifiers, or None.

    Only the qualifier slots of :data:`QUALIFIER_SLOTS` count; other keys are ignored.
    The mapping is exact: an ``affects`` edge with qualifiers no project predicate has
    gives None (a lenient importer decides what to do with it).
    """
    wanted = (
        predicate,
        tuple(sorted((k, v) for k, v in (qualifiers or {}).items() if k in QUALIFIER_SLOTS and v)),
    )
    for p in Predicate:
        if (p.biolink.predicate, tuple(sorted(p.biolink.qualifiers))) == wanted:
            return p
    return None


# Edge slots that name a knowledge source (Biolink's provenance slots, and KGX 1.x's).
PROVENANCE = (
    "primary_knowledge_source",
    "original_knowledge_source",
    "aggregator_knowledge_source",
    "knowledge_source",
    "provided_by",
    "supporting_data_source",
)


@functools.cache
def _model() -> tuple[dict[str, str | None], dict[str, str | None]]:
    """``(class parents, slot parents)`` as ``{biolink:Term: biolink:parent or None}``."""
    path = importlib.resources.files("biolink_model") / "schema" / "biolink_model.yaml"
    # The safe loader in C when built (0.3 s for the 0.5 MB model instead of 3 s).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(path.read_text(encoding="utf-8"))
    try:
        model = loader.get_single_data()
    finally:
        loader.dispose()
    classes = {
        _class_curie(name): _class_curie(c["is_a"]) if (c or {}).get("is_a") else None
        for name, c in (model.get("classes") or {}).items()
    }
    slots = {
        _slot_curie(name): _slot_curie(c["is_a"]) if (c or {}).get("is_a") else None
        for name, c in (model.get("slots") or {}).items()
    }
    return classes, slots


def _class_curie(name: str) -> str:
    """``cellular component`` -> ``biolink:CellularComponent``."""
    return "biolink:" + "".join(w[:1].upper() + w[1:] for w in re.split(r"[ _]+", name.strip()) if w)


def _slot_curie(name: str) -> str:
    """``gene associated with condition`` -> ``biolink:gene_associated_with_condition``."""
    return "biolink:" + "_".join(name.strip().split())


def category_parents() -> dict[str, str | None]:
    """Biolink class -> its ``is_a`` parent, from the installed model."""
    return _model()[0]


def predicate_parents() -> dict[str, str | None]:
    """Biolink slot (predicates among them) -> its ``is_a`` parent, from the installed model."""
    return _model()[1]


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


def _ancestry(term: str, parents: Mapping[str, str | None]) -> list[str]:
    """``term`` and its ``is_a`` ancestors, nearest first (just ``[term]`` if the model lacks it)."""
    out = [term]
    while (term := parents.get(term)) is not None and term not in out:
        out.append(term)
    return out


def kind_for_category(category: str) -> NodeKind | None:
    """Kind of one Biolink category via its nearest mapped ancestor (itself included)."""
    for c in _ancestry(_biolink(category), category_parents()):
        if c in KIND_OF:
            return KIND_OF[c]
    return None


def kind_for_categories(categories: Iterable[str]) -> tuple[NodeKind, str] | None:
    """Kind of a node from all its categories: the deepest mapped category wins (first on ties).

    With no mapped category, kind ``other`` and the most specific category given;
    None only when no category is given at all.
    """
    best: tuple[int, NodeKind, str] | None = None
    fallback: tuple[int, str] | None = None
    for c in categories:
        term = _biolink(c)
        depth = len(_ancestry(term, category_parents()))
        if fallback is None or depth > fallback[0]:
            fallback = (depth, term)
        kind = kind_for_category(c)
        if kind is None:
            continue
        if best is None or depth > best[0]:
            best = (depth, kind, term)
    if best is not None:
        return best[1], best[2]
    return None if fallback is None else (NodeKind.OTHER, fallback[1])


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
    """A project predicate for a Biolink edge; ``reversed``: swap subject and object.

    ``via``: the broader Biolink predicate (an ``is_a`` ancestor) the mapping went through,
    when the predicate itself has no project equivalent.
    """

    predicate: Predicate
    reversed: bool = False
    ignored: tuple[tuple[str, str], ...] = ()
    via: str | None = None


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


def map_predicate(predicate: str, qualifiers: Mapping[str, Any]) -> MappedPredicate:
    """Project predicate for a Biolink predicate and its qualifier slots (always one).

    Order: the exact inverse of the export table; a qualified ``affects``/``causes``
    read by mechanism, then aspect and direction; plain and inverse predicates; a project
    predicate name written as is; then the same for each ``is_a`` ancestor, nearest
    first; else ``related_to``. Qualifiers outside :data:`_READ` (all of them, when the
    mapping went through an ancestor) come back in ``ignored`` (the caller reports them).
    """
    quals = {k: _text(v) for k, v in qualifiers.items() if k in QUALIFIER_NAMES and _text(v)}
    # A file states few distinct (predicate, qualifiers) pairs over many rows.
    return _map_predicate(predicate, tuple(quals.items()))


@functools.lru_cache(maxsize=4096)
def _map_predicate(predicate: str, qualifiers: tuple[tuple[str, str], ...]) -> MappedPredicate:
    term = _predicate_term(predicate)
    quals = dict(qualifiers)
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
        ignored = tuple(sorted(quals.items()))  # qualifiers read but not understood: keep them all
    direct = _direct(term, predicate)
    if direct is not None:
        return MappedPredicate(direct[0], direct[1], ignored)
    every = tuple(sorted(quals.items()))  # none was read: keep them all in the note
    for ancestor in _ancestry(term, predicate_parents())[1:]:
        found = _direct(ancestor, ancestor)
        if found is not None:
            return MappedPredicate(found[0], found[1], every, via=ancestor)
    return MappedPredicate(Predicate.RELATED_TO, False, every, via="biolink:related_to")


def _direct(term: str, written: str) -> tuple[Predicate, bool] | None:
    """``(predicate, reversed)`` for a term with its own row, or a project predicate by name."""
    if term in PLAIN:
        return PLAIN[term], False
    if term in INVERSE:
        return INVERSE[term], True
    bare = written.strip().removeprefix("biolink:")
    for p in Predicate:
        if bare == p.value:
            return p, False
    return None
