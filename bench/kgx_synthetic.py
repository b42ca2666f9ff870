"""Deterministic synthetic KGX node and edge files with the shape of a real knowledge-graph dump.

For the extraction benchmark and tests only. Shape, as in RTX-KG2 or ROBOKOP dumps:

- skewed degrees: edge ends are drawn from a power law over a shuffled node order, so a few
  hubs hold tens of thousands of edges while most nodes have a handful;
- many categories (31 Biolink classes, some the explorer maps and many it does not), written
  multi-valued with their ancestors (``biolink:NamedThing|biolink:ChemicalEntity|...``);
- multi-valued fields: ``category``, ``synonym``, ``publications``,
  ``aggregator_knowledge_source`` (``|``-joined in TSV, lists in JSON Lines);
- a few ragged rows (one field too many, or cut short) that a lenient reader must skip.

Values are synthetic and say so: names read ``Synthetic chemical 42``; publications use the
made-up prefix ``synthetic:`` so no invented citation can pass for a real one. Knowledge
source ids are real infores names (a vocabulary, not a claim).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     files = write_synthetic_kgx(d, nodes=300, edges=2000, seed=3)
...     first = open(files.edges).readline().rstrip("\\n").split("\\t")
>>> first[:4]
['id', 'subject', 'predicate', 'object']
>>> len(files.seeds)
5
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# (category with its ancestors, id prefix, name word, weight)
CATEGORIES = [
    (
        "biolink:NamedThing|biolink:ChemicalEntity|biolink:MolecularEntity|biolink:SmallMolecule",
        "CHEBI",
        "chemical",
        12,
    ),
    ("biolink:NamedThing|biolink:ChemicalEntity", "CHEBI", "chemical entity", 4),
    (
        "biolink:NamedThing|biolink:ChemicalEntity|biolink:ChemicalMixture|biolink:MolecularMixture|biolink:Drug",
        "RXCUI",
        "drug",
        3,
    ),
    ("biolink:NamedThing|biolink:BiologicalEntity|biolink:Gene", "NCBIGene", "gene", 10),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:Polypeptide|biolink:Protein",
        "UniProtKB",
        "protein",
        8,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:DiseaseOrPhenotypicFeature|biolink:Disease",
        "MONDO",
        "disease",
        6,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:DiseaseOrPhenotypicFeature|biolink:PhenotypicFeature",
        "HP",
        "phenotype",
        5,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:BiologicalProcessOrActivity|biolink:BiologicalProcess",
        "GO",
        "process",
        5,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:BiologicalProcessOrActivity|biolink:MolecularActivity",
        "GO",
        "activity",
        3,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:BiologicalProcessOrActivity|biolink:BiologicalProcess|biolink:Pathway",
        "REACT",
        "pathway",
        2,
    ),
    ("biolink:NamedThing|biolink:OrganismTaxon", "NCBITaxon", "organism", 3),
    ("biolink:NamedThing|biolink:AnatomicalEntity", "UBERON", "anatomy", 3),
    ("biolink:NamedThing|biolink:AnatomicalEntity|biolink:Cell", "CL", "cell", 2),
    ("biolink:NamedThing|biolink:AnatomicalEntity|biolink:CellularComponent", "GO", "component", 2),
    ("biolink:NamedThing|biolink:Procedure", "UMLS", "procedure", 2),
    ("biolink:NamedThing|biolink:Device", "UMLS", "device", 1),
    ("biolink:NamedThing|biolink:Publication", "UMLS", "publication", 2),
    ("biolink:NamedThing|biolink:InformationContentEntity", "UMLS", "concept", 2),
    ("biolink:NamedThing|biolink:Activity", "UMLS", "activity", 1),
    ("biolink:NamedThing|biolink:PhysicalEntity", "UMLS", "physical entity", 1),
    ("biolink:NamedThing|biolink:GeographicLocation", "UMLS", "place", 1),
    ("biolink:NamedThing|biolink:Behavior", "UMLS", "behaviour", 1),
    ("biolink:NamedThing|biolink:BiologicalEntity|biolink:GeneFamily", "PANTHER.FAMILY", "gene family", 1),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:ProteinFamily",
        "PANTHER.FAMILY",
        "protein family",
        1,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:MacromolecularComplex",
        "ComplexPortal",
        "complex",
        1,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:DiseaseOrPhenotypicFeature|biolink:PhenotypicFeature|biolink:ClinicalFinding",
        "UMLS",
        "finding",
        1,
    ),
    (
        "biolink:NamedThing|biolink:BiologicalEntity|biolink:DiseaseOrPhenotypicFeature|biolink:PhenotypicFeature|biolink:BehavioralFeature",
        "UMLS",
        "behavioural feature",
        1,
    ),
    ("biolink:NamedThing|biolink:BiologicalEntity|biolink:NucleicAcidEntity", "UMLS", "nucleic acid", 1),
    ("biolink:NamedThing|biolink:Agent", "UMLS", "agent", 1),
    ("biolink:NamedThing|biolink:Event", "UMLS", "event", 1),
    ("biolink:NamedThing|biolink:Treatment", "UMLS", "treatment", 1),
]
# (predicate, weight): the mix of a real dump, many without a project equivalent.
PREDICATES = [
    ("biolink:related_to", 14),
    ("biolink:interacts_with", 10),
    ("biolink:physically_interacts_with", 6),
    ("biolink:affects", 8),
    ("biolink:associated_with", 8),
    ("biolink:subclass_of", 10),
    ("biolink:has_part", 3),
    ("biolink:part_of", 3),
    ("biolink:treats", 4),
    ("biolink:causes", 3),
    ("biolink:has_metabolite", 2),
    ("biolink:is_substrate_of", 1),
    ("biolink:participates_in", 6),
    ("biolink:located_in", 4),
    ("biolink:expressed_in", 4),
    ("biolink:contributes_to", 2),
    ("biolink:correlated_with", 3),
    ("biolink:coexists_with", 5),
    ("biolink:same_as", 2),
    ("biolink:close_match", 2),
]
KNOWLEDGE_SOURCES = [
    ("infores:semmeddb", 30),
    ("infores:chembl", 8),
    ("infores:drugbank", 5),
    ("infores:ctd", 10),
    ("infores:goa", 10),
    ("infores:umls", 12),
    ("infores:reactome", 5),
    ("infores:uniprot", 8),
    ("infores:mondo", 6),
    ("infores:hpo-annotations", 6),
]
AGGREGATORS = ["infores:rtx-kg2", "infores:robokop", "infores:spoke"]
NODE_COLUMNS = ("id", "category", "name", "synonym", "provided_by")
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "primary_knowledge_source",
    "aggregator_knowledge_source",
    "knowledge_level",
    "agent_type",
    "publications",
)
RAGGED_EVERY = 200_003  # one ragged row per this many (a prime, so the two kinds never line up)
CHUNK = 250_000


@dataclass(frozen=True)
class SyntheticFiles:
    """Paths of a generated node and edge file, and five seed ids of modest degree."""

    nodes: Path
    edges: Path
    seeds: tuple[str, ...]
    node_count: int
    edge_count: int


def _pick(rng: np.random.Generator, weights: list[int], size: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(weights), size=size, p=p / p.sum())


def _opener(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=1, newline="")
    return open(path, "w", encoding="utf-8", newline="")


def _node_fields(i: int, cat: int, syn: int) -> tuple[str, str, str, list[str], str]:
    categories, prefix, word, _ = CATEGORIES[cat]
    nid = f"{prefix}:{i}"
    synonyms = [f"{word} {i} synonym {k}" for k in range(syn)]
    return nid, categories, f"Synthetic {word} {i}", synonyms, "infores:synthetic"


def write_synthetic_kgx(
    directory: str | Path,
    *,
    nodes: int,
    edges: int,
    seed: int = 7,
    fmt: str = "tsv",
    gz: bool = False,
    skew: float = 2.5,
) -> SyntheticFiles:
    """Write ``nodes.<fmt>`` and ``edges.<fmt>`` (``fmt``: ``tsv`` or ``jsonl``; ``gz`` compresses).

    Node ``i`` has id ``PREFIX:i``; edge ends are ``floor(nodes * u ** skew)`` over a shuffled
    order (``u`` uniform), which gives the long-tailed degrees of a real graph.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    suffix = f".{fmt}" + (".gz" if gz else "")
    node_path, edge_path = directory / f"nodes{suffix}", directory / f"edges{suffix}"
    rng = np.random.default_rng(seed)
    cats = _pick(rng, [c[3] for c in CATEGORIES], nodes)
    syns = rng.integers(0, 3, nodes)
    ids = [f"{CATEGORIES[c][1]}:{i}" for i, c in enumerate(cats)]

    order = rng.permutation(nodes)
    subj = order[np.minimum((nodes * rng.random(edges) ** skew).astype(np.int64), nodes - 1)]
    obj = order[np.minimum((nodes * rng.random(edges) ** skew).astype(np.int64), nodes - 1)]
    preds = _pick(rng, [p[1] for p in PREDICATES], edges)
    ks = _pick(rng, [k[1] for k in KNOWLEDGE_SOURCES], edges)
    aggs = rng.integers(1, 4, edges)  # how many aggregators list the edge
    pubs = rng.integers(0, 4, edges)
    levels = np.where(rng.random(edges) < 0.7, "knowledge_assertion", "statistical_association")

    with _opener(node_path) as out:
        if fmt == "tsv":
            out.write("\t".join(NODE_COLUMNS) + "\n")
        for i in range(nodes):
            nid, categories, name, synonyms, provided = _node_fields(i, cats[i], syns[i])
            if fmt == "tsv":
                out.write(f"{nid}\t{categories}\t{name}\t{'|'.join(synonyms)}\t{provided}\n")
            else:
                record = {"id": nid, "category": categories.split("|"), "name": name}
                if synonyms:
                    record["synonym"] = synonyms
                record["provided_by"] = [provided]
                out.write(json.dumps(record) + "\n")

    with _opener(edge_path) as out:
        if fmt == "tsv":
            out.write("\t".join(EDGE_COLUMNS) + "\n")
        for start in range(0, edges, CHUNK):
            lines = []
            for j in range(start, min(start + CHUNK, edges)):
                s, o = ids[subj[j]], ids[obj[j]]
                agg = AGGREGATORS[: aggs[j]]
                pub = [f"synthetic:pub{(j * 7 + k) % 900_001}" for k in range(pubs[j])]
                fields = [
                    f"E{j}",
                    s,
                    PREDICATES[preds[j]][0],
                    o,
                    KNOWLEDGE_SOURCES[ks[j]][0],
                    agg,
                    str(levels[j]),
                    "automated_agent" if ks[j] == 0 else "manual_agent",
                    pub,
                ]
                ragged = j % RAGGED_EVERY
                if fmt == "tsv":
                    cells = [("|".join(f) if isinstance(f, list) else f) for f in fields]
                    if ragged == RAGGED_EVERY - 1:
                        cells.append("stray field")
                    elif ragged == RAGGED_EVERY // 2:
                        cells = cells[:3]  # cut short: no object
                    lines.append("\t".join(cells))
                else:
                    record = dict(zip(EDGE_COLUMNS, fields, strict=True))
                    if not record["publications"]:
                        del record["publications"]
                    if ragged == RAGGED_EVERY // 2:
                        lines.append(json.dumps(record)[:40])  # a truncated line
                        continue
                    lines.append(json.dumps(record))
            out.write("\n".join(lines) + "\n")

    degree = np.bincount(subj, minlength=nodes) + np.bincount(obj, minlength=nodes)
    modest = [int(n) for n in order[nodes // 3 :] if 5 <= degree[n] <= 60][:5]
    return SyntheticFiles(
        node_path, edge_path, tuple(ids[n] for n in modest), node_count=nodes, edge_count=edges
    )
