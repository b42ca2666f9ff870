"""Invariants of the embedded kratom dataset (the shipped data, not a fixture)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import EvidenceType, NodeKind, Verification
from graph.identifiers import curie_problems, is_registered
from graph.validate import DOI_RE, PMCID_RE, PMID_RE

PLANT = "NCBITaxon:170351"
ANALGESIA = "GO:1904057"
MG = "PUBCHEM.COMPOUND:3034396"
SEVEN_OH = "PUBCHEM.COMPOUND:44301524"
MOR = "UniProtKB:P35372"
NMDA = "GO:0017146"
SEED = "000_cc0595c1cbfd4a18.txt"

REQUIRED_NODES = [
    PLANT,
    MG,
    SEVEN_OH,
    MOR,
    "UniProtKB:P41143",
    "UniProtKB:P41145",
    NMDA,
    "KRATOM:alpha2_adrenoceptors",
    "UniProtKB:P08908",
    "UniProtKB:P08684",
    "UniProtKB:P10635",
    "PUBCHEM.COMPOUND:44301701",
    "CHEBI:234537",
    "CHEBI:234539",
    "CAS:14382-79-7",
    "KRATOM:corynantheidine",
    "KRATOM:9_o_demethylmitragynine",
    ANALGESIA,
    "HP:0002791",
    "HP:0002019",
    "MESH:D019966",
    "MESH:D012201",
    "MESH:D000339",
    "MESH:D056486",
    "HP:0001250",
    "MESH:D004347",
]

# Identifiers that could not be verified in a primary or secondary record, or that a record
# gives for something else (5360696: the dextromethorphan salt): never in the data.
UNVERIFIED_IDS = ["CHEBI:6956", "HGNC:5286", "HGNC:281", "PUBCHEM.COMPOUND:5360696"]


def test_minimum_size(kratom_dataset):
    assert len(kratom_dataset.nodes) >= 30
    assert len(kratom_dataset.edges) >= 60
    assert kratom_dataset.evidence_count >= 100


def test_all_eight_evidence_types_used(kratom_dataset):
    used = {ev.type for e in kratom_dataset.edges for ev in e.evidence}
    assert set(EvidenceType) - {EvidenceType.DATABASE} <= used


@pytest.mark.parametrize("node", REQUIRED_NODES)
def test_required_node_present(kratom_graph, node):
    assert node in kratom_graph


@pytest.mark.parametrize("curie", UNVERIFIED_IDS)
def test_unverified_identifiers_left_out(kratom_dataset, curie):
    for node in kratom_dataset.nodes:
        assert curie != node.id and curie not in node.xrefs and curie not in node.subunits


def test_every_edge_has_evidence_with_citation_and_text(kratom_dataset):
    sources = kratom_dataset.source_by_id
    for edge in kratom_dataset.edges:
        assert edge.evidence, edge.key
        for ev in edge.evidence:
            assert ev.text.strip(), edge.key
            src = sources[ev.source]
            assert src.curies or src.fr or src.url or src.document, edge.key


def test_identifiers_well_formed(kratom_dataset):
    for s in kratom_dataset.sources:
        assert s.pmid is None or PMID_RE.match(s.pmid), s.id
        assert s.doi is None or DOI_RE.match(s.doi), s.id
        assert s.pmcid is None or PMCID_RE.match(s.pmcid), s.id
        assert s.url is None or s.url.startswith("https://") or s.url.startswith("http://"), s.id


def test_no_orphan_nodes(kratom_graph):
    assert [n for n in kratom_graph if kratom_graph.degree(n) == 0] == []


def test_every_source_is_cited(kratom_dataset):
    cited = {ev.source for e in kratom_dataset.edges for ev in e.evidence}
    assert {s.id for s in kratom_dataset.sources} - cited == set()


def test_plant_reaches_analgesia(kratom_graph):
    assert nx.has_path(kratom_graph, PLANT, ANALGESIA)
    via_mor = nx.has_path(kratom_graph, MOR, ANALGESIA) and nx.has_path(kratom_graph, PLANT, MOR)
    assert via_mor


def test_quotes_come_only_from_documents(kratom_dataset):
    sources = kratom_dataset.source_by_id
    for edge in kratom_dataset.edges:
        for ev in edge.evidence:
            if ev.quote:
                assert sources[ev.source].document, f"{edge.key}: quotes only the client's document"


def claim_items(dataset, key):
    edge = next((e for e in dataset.edges if e.key == key), None)
    assert edge is not None, f"missing edge {key}"
    return [ev for ev in edge.evidence if ev.type is EvidenceType.CLAIM]


SEED_CLAIMS = [
    pytest.param(
        f"{SEVEN_OH}|decreases|HP:0002583",
        "stress-induced colitis shows that 7-hydroxymitragynine can modulate pain",
        id="colitis-summary",
    ),
    pytest.param(
        f"{SEVEN_OH}|decreases|HP:0002583",
        "mitric (MIT)-controlled, stress-induced colitis in mice",
        id="colitis-garbled",
    ),
    pytest.param(
        f"{MG}|antagonist|{NMDA}",
        "dual mechanism involving opioid receptor activation and NMDA",
        id="nmda-dual-mechanism-mg",
    ),
    pytest.param(
        f"{SEVEN_OH}|antagonist|{NMDA}",
        "dual mechanism involving opioid receptor activation and NMDA",
        id="nmda-dual-mechanism-7oh",
    ),
    pytest.param(
        f"{NMDA}|mediates|{ANALGESIA}", "inhibition of the NMDA receptor", id="nmda-mediates-analgesia"
    ),
]


@pytest.mark.parametrize("key, fragment", SEED_CLAIMS)
def test_seed_claim_present_as_quote(kratom_dataset, key, fragment):
    items = claim_items(kratom_dataset, key)
    assert any(fragment in ev.text and ev.quote for ev in items), key


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(f"{SEVEN_OH}|decreases|HP:0002583", id="colitis"),
        pytest.param(f"{SEVEN_OH}|antagonist|{NMDA}", id="7oh-nmda"),
    ],
)
def test_unsupported_seed_claims_stand_alone(kratom_graph, key):
    u, k, v = key.split("|")
    d = kratom_graph.edges[u, v, k]
    assert d["claim_only"] and d["confidence"] == 0


def test_nmda_mitragynine_has_only_indirect_primary_evidence(kratom_graph):
    d = kratom_graph.edges[MG, NMDA, "antagonist"]
    primary = [ev for ev in d["evidence"] if ev.type.is_primary]
    assert primary and all(ev.type is EvidenceType.ANIMAL for ev in primary)
    assert d["confidence"] <= 0.5


def test_every_seed_sentence_quoted_exists_in_document(kratom_dataset):
    document = dict(kratom_dataset.documents)[SEED]
    squash = lambda s: " ".join(s.split())  # noqa: E731
    for edge in kratom_dataset.edges:
        for ev in edge.evidence:
            if ev.quote:
                assert squash(ev.text) in squash(document)


def test_conflicts_kept_not_resolved(kratom_graph):
    assert kratom_graph.has_edge(MG, MOR, "partial_agonist")
    assert kratom_graph.has_edge(MG, MOR, "antagonist")
    species = {
        ev.species.value
        for _, _, d in kratom_graph.in_edges("PUBCHEM.COMPOUND:3823", data=True)
        for ev in d["evidence"]
        if ev.species
    } | {
        ev.species.value
        for _, _, d in kratom_graph.out_edges("PUBCHEM.COMPOUND:3823", data=True)
        for ev in d["evidence"]
        if ev.species
    }
    assert {"mouse", "rat"} <= species, "CYP3A inhibition kept separately for mice and rats"


def test_secondary_facts_are_labelled(kratom_dataset):
    secondary = [s for s in kratom_dataset.sources if s.verification is Verification.SECONDARY]
    assert secondary, "VERIFIED-2 sources must be labelled secondary"


def test_each_kind_has_a_description(kratom_dataset):
    missing = [n.id for n in kratom_dataset.nodes if not n.description]
    assert missing == []


def test_node_kinds_cover_the_mechanism_layers(kratom_graph):
    kinds = {d["kind"] for _, d in kratom_graph.nodes(data=True)}
    assert {
        NodeKind.PLANT,
        NodeKind.ALKALOID,
        NodeKind.METABOLITE,
        NodeKind.RECEPTOR,
        NodeKind.ENZYME,
        NodeKind.EFFECT,
        NodeKind.ADVERSE_EFFECT,
    } <= kinds


def test_pmids_are_not_duplicated_across_sources(kratom_dataset):
    pmids = [s.pmid for s in kratom_dataset.sources if s.pmid]
    assert len(pmids) == len(set(pmids))
    dois = [s.doi.lower() for s in kratom_dataset.sources if s.doi]
    assert len(dois) == len(set(dois))


def test_node_identifiers_are_registered_or_declared(kratom_dataset):
    problems = [
        p for n in kratom_dataset.nodes for c in (n.id, *n.xrefs, *n.subunits) for p in curie_problems(c)
    ]
    assert problems == []


def test_registered_ids_say_where_they_were_read(kratom_dataset):
    """A registered id carries its ``id_source``; a local one an ``id_note`` saying why it stays local."""
    for node in kratom_dataset.nodes:
        if is_registered(node.id):
            assert node.id_source and len(node.id_source) > 40, node.id
        else:
            assert node.id_note, node.id


def test_old_local_ids_stay_as_xrefs(kratom_dataset):
    """Every node renamed from a ``KRATOM:`` slug keeps the slug, so old links still resolve."""
    renamed = [n for n in kratom_dataset.nodes if any(x.startswith("KRATOM:") for x in n.xrefs)]
    assert len(renamed) >= 20
    for node in renamed:
        old = next(x for x in node.xrefs if x.startswith("KRATOM:"))
        assert kratom_dataset.resolve_node_id(old) == node.id
