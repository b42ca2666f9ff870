"""Deterministic synthetic mechanism datasets in the project's own schema, for benchmarks only.

Every dataset is a plain mapping shaped like the four YAML files
(``{"dataset", "sources", "nodes", "edges"}``), ready for
:func:`graph.validate.validate_raw`, or written as a YAML directory for
:func:`graph.load_dataset`. All vocabulary terms (node kinds, predicates, evidence types,
species) are the project's real ones; names, texts and sources are synthetic and say so:
source citations read "Synthetic benchmark source N (not a real publication)" and point at
``https://example.invalid/``, so no invented citation can be mistaken for a real one.

Shape: about ``edges_per_node`` (3) edges per node, flowing along the mechanism layers
(plant -> alkaloids / drugs -> metabolites -> targets -> effects), targets picked with a
skew so that some nodes become hubs, as in real knowledge graphs; 1-5 evidence items per
edge (about 3 on average) with mixed types and species, some measured values, ~5% negated.

>>> raw = generate(200, seed=1)
>>> len(raw["nodes"]), 550 <= len(raw["edges"]) <= 600
(200, True)
>>> raw == generate(200, seed=1)
True
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from graph.vocab import EvidenceType, NodeKind, Predicate, Species

# Share of nodes per kind (sums to 1; the plant gets at least one node).
KIND_SHARE = {
    NodeKind.PLANT: 0.002,
    NodeKind.ALKALOID: 0.23,
    NodeKind.DRUG: 0.05,
    NodeKind.METABOLITE: 0.15,
    NodeKind.RECEPTOR: 0.15,
    NodeKind.ENZYME: 0.05,
    NodeKind.OTHER_TARGET: 0.108,
    NodeKind.EFFECT: 0.15,
    NodeKind.ADVERSE_EFFECT: 0.11,
}

P = Predicate
# (subject kind, object kinds, predicates, weight): the relations a curator would write.
RELATIONS = [
    (NodeKind.PLANT, (NodeKind.ALKALOID,), (P.CONTAINS,), 0.06),
    (NodeKind.ALKALOID, (NodeKind.METABOLITE,), (P.METABOLIZED_TO,), 0.10),
    (
        NodeKind.ALKALOID,
        (NodeKind.RECEPTOR,),
        (P.BINDS, P.AGONIST, P.PARTIAL_AGONIST, P.ANTAGONIST, P.INVERSE_AGONIST, P.ALLOSTERIC_MODULATOR),
        0.22,
    ),
    (NodeKind.METABOLITE, (NodeKind.RECEPTOR,), (P.BINDS, P.AGONIST, P.PARTIAL_AGONIST, P.ANTAGONIST), 0.10),
    (NodeKind.ALKALOID, (NodeKind.ENZYME,), (P.INHIBITS, P.SUBSTRATE_OF, P.DECREASES_EXPRESSION), 0.08),
    (NodeKind.ALKALOID, (NodeKind.OTHER_TARGET,), (P.INHIBITS, P.ACTIVATES, P.BINDS), 0.06),
    (NodeKind.RECEPTOR, (NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT), (P.MEDIATES,), 0.14),
    (NodeKind.OTHER_TARGET, (NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT), (P.MEDIATES,), 0.06),
    (
        NodeKind.ALKALOID,
        (NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT),
        (P.CAUSES, P.INCREASES, P.DECREASES, P.ASSOCIATED_WITH),
        0.10,
    ),
    (NodeKind.DRUG, (NodeKind.ALKALOID, NodeKind.DRUG), (P.INTERACTS_WITH,), 0.04),
    (NodeKind.DRUG, (NodeKind.RECEPTOR, NodeKind.ENZYME), (P.AGONIST, P.ANTAGONIST, P.INHIBITS), 0.04),
]

EVIDENCE_WEIGHTS = {
    EvidenceType.IN_VITRO: 0.30,
    EvidenceType.ANIMAL: 0.22,
    EvidenceType.HUMAN_TRIAL: 0.05,
    EvidenceType.HUMAN_OBSERVATIONAL: 0.07,
    EvidenceType.CASE_REPORT: 0.06,
    EvidenceType.REVIEW: 0.12,
    EvidenceType.REGULATORY: 0.03,
    EvidenceType.DATABASE: 0.05,
    EvidenceType.IN_SILICO: 0.02,
    EvidenceType.CLAIM: 0.10,
}
SPECIES_FOR = {
    EvidenceType.IN_VITRO: (Species.HUMAN, Species.RAT, Species.MOUSE, Species.GUINEA_PIG, None),
    EvidenceType.ANIMAL: (Species.MOUSE, Species.RAT, Species.DOG, Species.MONKEY),
    EvidenceType.HUMAN_TRIAL: (Species.HUMAN,),
    EvidenceType.HUMAN_OBSERVATIONAL: (Species.HUMAN,),
    EvidenceType.CASE_REPORT: (Species.HUMAN,),
    EvidenceType.IN_SILICO: (Species.IN_SILICO,),
}
ASSAYS = (
    "radioligand binding",
    "[35S]GTPgammaS binding",
    "cAMP accumulation",
    "hot plate test",
    "tail flick test",
    "liver microsomes",
    "recombinant enzyme",
    "survey",
)
PARAMETERS = (("Ki", "nM"), ("EC50", "nM"), ("IC50", "uM"), ("Emax", "%"), ("dose", "mg/kg"))


def _counts(n_nodes: int) -> dict[NodeKind, int]:
    counts = {k: max(1, int(round(share * n_nodes))) for k, share in KIND_SHARE.items()}
    # Put the rounding difference on the biggest kind so the total is exact.
    counts[NodeKind.ALKALOID] += n_nodes - sum(counts.values())
    return counts


def generate(n_nodes: int, *, seed: int = 7, edges_per_node: float = 3.0) -> dict[str, Any]:
    """A valid raw dataset of ``n_nodes`` nodes and about ``edges_per_node * n_nodes`` edges.

    Same arguments, same dataset (``random.Random(seed)``; no global state).
    """
    rng = random.Random(seed)
    n_sources = max(20, n_nodes // 5)
    sources = [
        {
            "id": f"SYN{i}",
            "citation": f"Synthetic benchmark source {i} (not a real publication)",
            "url": f"https://example.invalid/synthetic/{i}",
            "verification": "primary" if i % 10 else "secondary",
        }
        for i in range(n_sources)
    ]
    by_kind: dict[NodeKind, list[str]] = {}
    nodes = []
    for kind, count in _counts(n_nodes).items():
        ids = [f"BENCH:{kind.value}-{i:06d}" for i in range(count)]
        by_kind[kind] = ids
        for i, nid in enumerate(ids):
            node = {"id": nid, "label": f"{kind.title} {i}", "kind": kind.value}
            if i % 3 == 0:
                node["synonyms"] = [f"{kind.value[:3].upper()}{i}"]
            if i % 4 == 0:
                node["description"] = f"Synthetic {kind.title} number {i}, made for benchmarks."
            nodes.append(node)

    target_edges = int(round(edges_per_node * n_nodes))
    rel_weights = [r[3] for r in RELATIONS]
    ev_types = list(EVIDENCE_WEIGHTS)
    ev_weights = list(EVIDENCE_WEIGHTS.values())
    seen: set[tuple[str, str, str]] = set()
    edges = []
    attempts = 0
    while len(edges) < target_edges and attempts < 20 * target_edges:
        attempts += 1
        subject_kind, object_kinds, predicates, _ = rng.choices(RELATIONS, rel_weights)[0]
        subjects = by_kind[subject_kind]
        targets = by_kind[rng.choice(object_kinds)]
        subject = subjects[rng.randrange(len(subjects))]
        # u**2 skews picks to the start of the list: a few hub targets, a long tail.
        obj = targets[int(len(targets) * rng.random() ** 2)]
        predicate = rng.choice(predicates).value
        if subject == obj or (subject, predicate, obj) in seen:
            continue
        seen.add((subject, predicate, obj))
        evidence = []
        for j in range(rng.choice((1, 2, 3, 3, 4, 5))):
            etype = rng.choices(ev_types, ev_weights)[0]
            item: dict[str, Any] = {
                "type": etype.value,
                "source": f"SYN{rng.randrange(n_sources)}",
                "text": f"Synthetic statement {j + 1} that {subject} {predicate.replace('_', ' ')} {obj}.",
            }
            species = rng.choice(SPECIES_FOR.get(etype, (None,)))
            if species is not None:
                item["species"] = species.value
            if etype in (EvidenceType.IN_VITRO, EvidenceType.ANIMAL) and rng.random() < 0.5:
                item["assay"] = rng.choice(ASSAYS)
                parameter, unit = rng.choice(PARAMETERS)
                item["values"] = [
                    {"parameter": parameter, "value": round(rng.uniform(0.1, 500), 2), "unit": unit}
                ]
            if rng.random() < 0.05:
                item["negated"] = True
            evidence.append(item)
        edges.append({"subject": subject, "predicate": predicate, "object": obj, "evidence": evidence})

    return {
        "dataset": {
            "name": f"Synthetic benchmark dataset ({n_nodes:,} nodes)",
            "version": f"bench-{seed}",
            "description": "Generated by bench/synthetic.py; not real data.",
        },
        "sources": sources,
        "nodes": nodes,
        "edges": edges,
    }


def write_yaml_dir(raw: dict[str, Any], directory: str | Path) -> Path:
    """Write a raw dataset as the four YAML files of a dataset directory; return the directory."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for stem in ("dataset", "sources", "nodes", "edges"):
        with open(directory / f"{stem}.yaml", "w", encoding="utf-8") as fh:
            yaml.dump(raw[stem], fh, Dumper=dumper, sort_keys=False, allow_unicode=True, width=200)
    return directory
