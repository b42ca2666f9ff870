"""Identifier conformance: every CURIE of every KGX export is Biolink-registered or declared.

The Biolink prefix map comes from the installed biolink-model package (no download). The
checks run on the embedded dataset and must fail on a planted unregistered prefix or a
local id off its namespace's syntax.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import re
import shutil
import zipfile
from functools import cache

import pytest

from graph import build_graph, load_dataset
from graph.formats.kgx import (
    EDGES_JSONL,
    EDGES_TSV,
    METADATA,
    NODES_JSONL,
    NODES_TSV,
    generate_kgx_jsonl,
    generate_kgx_tsv,
)
from graph.identifiers import (
    NAMESPACES,
    RESOLVERS,
    curie_problems,
    curie_url,
    declared_prefixes,
    is_registered,
    split_curie,
)
from graph.load import DEFAULT_DATA_DIR
from graph.model import Node
from graph.query import canonical_edge_key, canonical_node, resolve_node
from graph.vocab import NodeKind

# Fields of KGX records whose values are CURIEs (one or a list).
NODE_CURIE_FIELDS = ("id", "xref", "equivalent_identifiers", "provided_by", "kme_subunits")
EDGE_CURIE_FIELDS = ("subject", "object", "publications", "primary_knowledge_source")


@cache
def biolink_prefix_map() -> dict[str, str]:
    """``prefixmaps/biolink-model-prefix-map.json`` of the installed biolink-model package."""
    files = importlib.metadata.files("biolink-model") or []
    path = next(f for f in files if str(f).endswith("prefixmaps/biolink-model-prefix-map.json"))
    return json.loads(path.locate().read_text(encoding="utf-8"))


def _values(record: dict, fields: tuple[str, ...]) -> list[str]:
    out = []
    for f in fields:
        v = record.get(f)
        if isinstance(v, str) and v:
            out.extend(
                v.split("|")
                if f in ("xref", "equivalent_identifiers", "provided_by", "publications", "kme_subunits")
                else [v]
            )
        elif isinstance(v, list):
            out.extend(v)
    return out


def read_kgx_zip(data: bytes) -> tuple[list[dict], list[dict], dict]:
    """Nodes, edges and metadata of a KGX zip written by either KGX writer."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        meta = json.loads(zf.read(METADATA))
        if NODES_JSONL in names:
            read = lambda n: [json.loads(line) for line in zf.read(n).decode().splitlines() if line]  # noqa: E731
            return read(NODES_JSONL), read(EDGES_JSONL), meta
        import csv

        read = lambda n: list(csv.DictReader(io.StringIO(zf.read(n).decode()), delimiter="\t"))  # noqa: E731
        return read(NODES_TSV), read(EDGES_TSV), meta


def export_curie_problems(nodes: list[dict], edges: list[dict], meta: dict) -> list[str]:
    """Every CURIE of an export checked: prefix in the Biolink map or declared (in the table and
    in the export's ``curie_map``), local id matching its namespace's pattern."""
    biolink = biolink_prefix_map()
    curies = [c for r in nodes for c in _values(r, NODE_CURIE_FIELDS)]
    curies += [c for r in edges for c in _values(r, EDGE_CURIE_FIELDS)]
    curies += [meta["knowledge_source"]]
    curies += [c for s in meta.get("sources", []) for c in _source_curies(s)]
    problems = []
    for c in curies:
        prefix, _ = split_curie(c)
        if prefix not in biolink and prefix not in meta.get("curie_map", {}):
            problems.append(
                f"{c!r}: prefix {prefix!r} is not in the Biolink prefix map nor in the export's curie_map"
            )
        problems += curie_problems(c)
    return problems


def _source_curies(source: dict) -> list[str]:
    out = []
    if source.get("pmid"):
        out.append(f"PMID:{source['pmid']}")
    if source.get("pmcid"):
        out.append(f"PMCID:{source['pmcid']}")
    if source.get("doi"):
        out.append(f"doi:{source['doi']}")
    return out


@pytest.fixture(scope="module")
def exports(kratom_graph) -> dict[str, tuple[list[dict], list[dict], dict]]:
    return {
        "kgx-jsonl": read_kgx_zip(generate_kgx_jsonl(kratom_graph)),
        "kgx-tsv": read_kgx_zip(generate_kgx_tsv(kratom_graph)),
    }


# --- the namespace table against the Biolink prefix map ------------------------------------


@pytest.mark.parametrize("prefix", [p for p, ns in NAMESPACES.items() if ns.biolink])
def test_registered_prefix_is_in_biolink_map_with_its_iri(prefix):
    assert biolink_prefix_map().get(prefix) == NAMESPACES[prefix].base_iri


@pytest.mark.parametrize("prefix", [p for p, ns in NAMESPACES.items() if not ns.biolink])
def test_declared_prefix_is_not_in_biolink_map(prefix):
    assert prefix not in biolink_prefix_map()
    assert re.match(r"^(https?://|urn:)", NAMESPACES[prefix].base_iri)


@pytest.mark.parametrize("prefix", [p for p, ns in NAMESPACES.items() if not ns.biolink])
def test_declared_prefix_documented_with_its_iri(prefix):
    schema = (DEFAULT_DATA_DIR / "SCHEMA.md").read_text(encoding="utf-8")
    assert f"| `{prefix}` | `{NAMESPACES[prefix].base_iri}` |" in schema


# --- the exports -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["kgx-jsonl", "kgx-tsv"])
def test_every_export_curie_is_registered_or_declared(exports, fmt):
    nodes, edges, meta = exports[fmt]
    assert len(nodes) > 50 and len(edges) > 100
    assert export_curie_problems(nodes, edges, meta) == []


@pytest.mark.parametrize("fmt", ["kgx-jsonl", "kgx-tsv"])
def test_export_declares_exactly_the_unregistered_prefixes_it_uses(exports, fmt):
    nodes, edges, meta = exports[fmt]
    used = {split_curie(c)[0] for r in nodes for c in _values(r, NODE_CURIE_FIELDS)}
    used |= {split_curie(meta["knowledge_source"])[0]}
    assert set(meta["curie_map"]) == {p for p in used if p not in biolink_prefix_map()}
    assert meta["curie_map"]["KRATOM"] == NAMESPACES["KRATOM"].base_iri


def _planted(exports, node_id: str) -> list[str]:
    nodes, edges, meta = exports["kgx-jsonl"]
    planted = [dict(nodes[0], id=node_id, equivalent_identifiers=[node_id])] + nodes[1:]
    return export_curie_problems(planted, edges, meta)


@pytest.mark.parametrize(
    "node_id, expected",
    [
        pytest.param(
            "FOODB:FDB000001", "prefix 'FOODB' is not in the Biolink prefix map", id="unregistered-prefix"
        ),
        pytest.param(
            "kratom:mood", "prefix 'kratom' is not in the Biolink prefix map", id="wrong-case-prefix"
        ),
        pytest.param("HP:12345", "does not match HP's pattern", id="hp-not-seven-digits"),
        pytest.param(
            "PUBCHEM.COMPOUND:CID3034396",
            "does not match PUBCHEM.COMPOUND's pattern",
            id="pubchem-not-digits",
        ),
        pytest.param("UniProtKB:OPRM1", "does not match UniProtKB's pattern", id="uniprot-gene-symbol"),
        pytest.param("NCBITaxon:Mitragyna", "does not match NCBITaxon's pattern", id="taxon-not-digits"),
    ],
)
def test_conformance_check_fails_on_planted_identifier(exports, node_id, expected):
    problems = _planted(exports, node_id)
    assert problems and all(node_id in p for p in problems)
    assert any(expected in p for p in problems), problems


def test_declared_prefix_missing_from_export_metadata_fails(exports):
    nodes, edges, meta = exports["kgx-jsonl"]
    stripped = dict(meta, curie_map={k: v for k, v in meta["curie_map"].items() if k != "GBIF"})
    problems = export_curie_problems(nodes, edges, stripped)
    assert len(problems) > 1  # the plant's id, its equivalents and the edges naming it
    assert set(problems) == {
        "'GBIF:7461054': prefix 'GBIF' is not in the Biolink prefix map nor in the export's curie_map"
    }


@pytest.mark.parametrize(
    "curie, ok",
    [
        pytest.param("UniProtKB:P35372", True, id="uniprot-6"),
        pytest.param("UniProtKB:A0A023GPI8", True, id="uniprot-10"),
        pytest.param("UniProtKB:P35372-2", True, id="uniprot-isoform"),
        pytest.param("UniProtKB:P3537", False, id="uniprot-short"),
        pytest.param("GO:0017146", True, id="go"),
        pytest.param("GO:17146", False, id="go-unpadded"),
        pytest.param("NCIT:C28554", True, id="ncit"),
        pytest.param("NCIT:28554", False, id="ncit-no-c"),
        pytest.param("UMLS:C0023378", True, id="umls"),
        pytest.param("UMLS:C23378", False, id="umls-short"),
        pytest.param("MESH:D056486", True, id="mesh"),
        pytest.param("CAS:57-27-2", True, id="cas"),
        pytest.param("CAS:57272", False, id="cas-no-dashes"),
        pytest.param("doi:10.1124/jpet.120.000189", True, id="doi"),
        pytest.param("KRATOM:Mood Effects", False, id="kratom-space"),
    ],
)
def test_namespace_patterns(curie, ok):
    assert (curie_problems(curie) == []) is ok


# --- the dataset -----------------------------------------------------------------------------


def test_most_nodes_have_registered_ids(kratom_dataset):
    registered = [n for n in kratom_dataset.nodes if is_registered(n.id)]
    share = len(registered) / len(kratom_dataset.nodes)
    assert share >= 0.80, f"{len(registered)}/{len(kratom_dataset.nodes)}"


def test_every_prefix_used_in_data_has_a_resolver_unless_local(kratom_dataset):
    used = {split_curie(c)[0] for n in kratom_dataset.nodes for c in (n.id, *n.xrefs, *n.subunits)}
    assert used - set(RESOLVERS) == {"KRATOM"}
    for n in kratom_dataset.nodes:
        for c in (n.id, *n.xrefs, *n.subunits):
            url = curie_url(c)
            assert (url is None) is c.startswith("KRATOM:"), c
            assert url is None or url.startswith("https://"), url


def test_declared_prefixes_lists_only_unregistered():
    assert declared_prefixes(["HP:0001250", "infores:x", "UniProtKB:P35372"]) == {
        "infores": NAMESPACES["infores"].base_iri
    }


# --- old local ids keep working ------------------------------------------------------------


def test_data_files_may_name_nodes_by_old_local_id(tmp_path, kratom_dataset):
    """An edge written with ``KRATOM:htr1a`` loads as the edge of ``UniProtKB:P08908``."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    edges = target / "edges.yaml"
    text = edges.read_text(encoding="utf-8")
    assert text.count("UniProtKB:P08908") >= 3
    edges.write_text(
        text.replace("UniProtKB:P08908", "KRATOM:htr1a").replace("GO:0017146", "KRATOM:nmda_receptor"),
        encoding="utf-8",
    )
    old_style = load_dataset(target)
    assert [e.key for e in old_style.edges] == [e.key for e in kratom_dataset.edges]


def test_an_xref_shared_by_two_nodes_names_neither(tiny_copy):
    nodes = tiny_copy / "nodes.yaml"
    text = nodes.read_text(encoding="utf-8")
    ds = load_dataset(tiny_copy)
    a, b = ds.nodes[0], ds.nodes[1]
    text = text.replace(f"- id: {a.id}\n", f"- id: {a.id}\n  xrefs: [OLD:shared]\n", 1)
    text = text.replace(f"- id: {b.id}\n", f"- id: {b.id}\n  xrefs: [OLD:shared]\n", 1)
    nodes.write_text(text, encoding="utf-8")
    ds = load_dataset(tiny_copy)
    assert ds.resolve_node_id("OLD:shared") is None
    assert ds.resolve_node_id(a.id) == a.id


@pytest.mark.parametrize(
    "old, new",
    [
        pytest.param("KRATOM:htr1a", "UniProtKB:P08908", id="receptor"),
        pytest.param("KRATOM:mitragynine_pseudoindoxyl", "PUBCHEM.COMPOUND:44301701", id="metabolite"),
        pytest.param("KRATOM:seizures", "HP:0001250", id="effect"),
        pytest.param("CHEBI:17303", "PUBCHEM.COMPOUND:5288826", id="other-xref"),
    ],
)
def test_search_and_links_resolve_old_ids(kratom_graph, old, new):
    assert canonical_node(kratom_graph, old) == new
    assert resolve_node(kratom_graph, old) == new
    assert resolve_node(kratom_graph, f"  {old} ") == new


def test_subunits_are_not_aliases(kratom_graph):
    # GluN1 is a part of the NMDA receptor, not another name of it.
    assert canonical_node(kratom_graph, "UniProtKB:Q05586") is None


def test_edge_keys_with_old_ids_are_rewritten(kratom_graph):
    key = canonical_edge_key(kratom_graph, "PUBCHEM.COMPOUND:3034396|binds|KRATOM:htr1a")
    assert key == "PUBCHEM.COMPOUND:3034396|binds|UniProtKB:P08908"
    assert canonical_edge_key(kratom_graph, "not an edge") == "not an edge"


def test_graph_built_without_alias_table_still_resolves(kratom_dataset):
    G = build_graph(kratom_dataset)
    G.graph.pop("aliases")  # graphs read back from exports carry no alias table
    assert canonical_node(G, "KRATOM:htr2b") == "UniProtKB:P41595"


def test_node_record_carries_id_source_and_subunits():
    n = Node(id="GO:0017146", label="NMDA receptor", kind=NodeKind.RECEPTOR, subunits=("UniProtKB:Q05586",))
    assert n.subunits == ("UniProtKB:Q05586",) and n.id_source is None
