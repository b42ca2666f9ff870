"""Importing every supported format: the hand-written KGX pair, CSV, zips, single files, the CLI."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from graph import DatasetError, EvidenceType, NodeKind, Predicate, build_graph, load_dataset
from graph.cli import main
from graph.formats import open_dataset
from graph.formats.biolink import (
    INVERSE,
    KIND_OF,
    LEGACY,
    PLAIN,
    category_parents,
    kind_for_categories,
    map_predicate,
)
from graph.formats.csv_tables import generate_csv_tables
from graph.formats.kgx import generate_kgx_jsonl, generate_kgx_tsv
from graph.formats.limits import json_depth, read_zip
from graph.formats.node_link import generate_node_link

ROOT = Path(__file__).resolve().parent.parent
KGX_DIR = ROOT / "tests" / "fixtures" / "kgx_handwritten"
TINY = ROOT / "tests" / "fixtures" / "tiny"
MITRAGYNINE, SEVEN_OH, MOR = "PUBCHEM.COMPOUND:3034396", "PUBCHEM.COMPOUND:44301524", "UniProtKB:P35372"


@pytest.fixture(scope="module")
def handwritten():
    return open_dataset(KGX_DIR)


def test_handwritten_kgx_counts_and_kinds(handwritten):
    ds = handwritten.dataset
    assert handwritten.format == "KGX TSV"
    assert (len(ds.nodes), len(ds.edges), ds.evidence_count) == (6, 6, 9)
    kinds = {n.id: n.kind for n in ds.nodes}
    assert kinds == {
        "GBIF:7461054": NodeKind.PLANT,
        MITRAGYNINE: NodeKind.ALKALOID,
        SEVEN_OH: NodeKind.ALKALOID,
        MOR: NodeKind.OTHER_TARGET,
        "UniProtKB:P08684": NodeKind.OTHER_TARGET,
        "KRATOM:antinociception": NodeKind.EFFECT,
    }


def test_handwritten_kgx_repeated_rows_and_pipes_merge(handwritten):
    nodes = handwritten.dataset.node_by_id
    assert nodes[MITRAGYNINE].label == "mitragynine"
    assert nodes[MITRAGYNINE].synonyms == ("MG", "Mitragynin")  # second row: no name, one more synonym
    assert nodes[MOR].synonyms == ("MOR", "OPRM1")
    assert nodes[MOR].xrefs == ("HGNC:8156", "NCBIGene:4988")


def test_handwritten_kgx_edges_map_and_carry_database_evidence(handwritten):
    ds = handwritten.dataset
    edges = {e.key: e for e in ds.edges}
    partial = edges[f"{SEVEN_OH}|partial_agonist|{MOR}"]
    # Rows e2 (two publications) and e3 (knowledge source only) are one edge with three items.
    assert [ev.source for ev in partial.evidence] == [
        "PMID:14969718",
        "PMID:33384303",
        "infores:kratom-mechanism-explorer",
    ]
    assert all(ev.type is EvidenceType.DATABASE for e in ds.edges for ev in e.evidence)
    assert "edges.tsv line 3: " in partial.evidence[0].text and "partial_agonism" in partial.evidence[0].text
    provided_only = edges[f"{MOR}|mediates|KRATOM:antinociception"]
    assert [ev.source for ev in provided_only.evidence] == ["infores:kratom-mechanism-explorer"]
    sources = ds.source_by_id
    assert sources["PMID:33384303"].pmid == "33384303"
    assert (
        sources["infores:kratom-mechanism-explorer"].url
        == "https://bioregistry.io/infores:kratom-mechanism-explorer"
    )
    assert {e.predicate for e in ds.edges} == {
        Predicate.CONTAINS,
        Predicate.PARTIAL_AGONIST,
        Predicate.SUBSTRATE_OF,
        Predicate.METABOLIZED_TO,
        Predicate.MEDIATES,
        Predicate.CAUSES,
    }


def test_handwritten_kgx_builds_a_graph(handwritten):
    G = build_graph(handwritten.dataset)
    d = G.edges[SEVEN_OH, MOR, "partial_agonist"]
    assert d["best_evidence"] is EvidenceType.DATABASE
    assert 0 < d["confidence"] < 0.5


@pytest.mark.parametrize(
    "opener",
    [
        pytest.param(lambda: open_dataset(KGX_DIR / "edges.tsv").dataset, id="one-file-of-the-pair"),
        pytest.param(lambda: open_dataset(KGX_DIR / "nodes.tsv").dataset, id="the-other-file"),
        pytest.param(
            lambda: open_dataset([(p.name, p.read_bytes()) for p in KGX_DIR.glob("*.tsv")]).dataset,
            id="upload",
        ),
        pytest.param(
            lambda: (
                open_dataset(
                    [("kgx.zip", _zip({p.name: p.read_bytes() for p in KGX_DIR.glob("*.tsv")}))]
                ).dataset
            ),
            id="zip",
        ),
        pytest.param(
            lambda: (
                open_dataset(
                    [("kgx.zip", _zip({f"my-kg/{p.name}": p.read_bytes() for p in KGX_DIR.glob("*.tsv")}))]
                ).dataset
            ),
            id="zip-with-a-top-folder",
        ),
    ],
)
def test_handwritten_kgx_opens_every_way(opener, handwritten):
    ds = opener()
    assert ds.nodes == handwritten.dataset.nodes
    assert ds.edges == handwritten.dataset.edges


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_kgx_json_lines_in_spec_shape(tmp_path):
    """The example records of the KGX spec (JSON Lines, lists as JSON arrays), with our ids."""
    (tmp_path / "kg_nodes.jsonl").write_text(
        json.dumps(
            {
                "id": SEVEN_OH,
                "name": "7-hydroxymitragynine",
                "category": ["biolink:SmallMolecule", "biolink:ChemicalEntity"],
            }
        )
        + "\n"
        + json.dumps({"id": MOR, "name": "mu-opioid receptor", "category": ["biolink:Protein"]})
        + "\n"
    )
    (tmp_path / "kg_edges.jsonl").write_text(
        json.dumps(
            {
                "id": "urn:uuid:1",
                "subject": MOR,
                "predicate": "biolink:affected_by",
                "object": SEVEN_OH,
                "knowledge_level": "knowledge_assertion",
                "agent_type": "manual_agent",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "urn:uuid:2",
                "subject": SEVEN_OH,
                "predicate": "biolink:affects",
                "object": MOR,
                "qualified_predicate": "biolink:causes",
                "object_aspect_qualifier": "activity",
                "object_direction_qualifier": "increased",
                "species_context_qualifier": "NCBITaxon:10116",
                "primary_knowledge_source": ["infores:kratom-mechanism-explorer"],
                "publications": ["PMID:14969718"],
                "knowledge_level": "knowledge_assertion",
                "agent_type": "manual_agent",
                "negated": True,
            }
        )
        + "\n"
    )
    lenient = open_dataset(tmp_path / "kg_edges.jsonl")
    assert {e.predicate for e in lenient.dataset.edges} == {Predicate.RELATED_TO, Predicate.ACTIVATES}
    assert [w.code for w in lenient.warnings] == [
        "predicate_generalised",
        "no_provenance",
        "qualifiers_ignored",
    ]
    with pytest.raises(DatasetError) as info:
        open_dataset(tmp_path / "kg_edges.jsonl", strict=True)
    assert "predicates with no project equivalent: 1 (kg_edges.jsonl:1)" in str(info.value)
    lines = (tmp_path / "kg_edges.jsonl").read_text().splitlines()
    (tmp_path / "kg_edges.jsonl").write_text(lines[1] + "\n")
    imported = open_dataset(tmp_path / "kg_edges.jsonl")
    (edge,) = imported.dataset.edges
    assert edge.predicate is Predicate.ACTIVATES
    assert edge.evidence[0].negated
    assert "species_context_qualifier=NCBITaxon:10116" in edge.evidence[0].note
    assert [w.field for w in imported.warnings] == ["qualifiers"]


def test_kgx_json_object_format():
    data = {
        "nodes": [{"id": SEVEN_OH, "category": ["biolink:Drug"]}, {"id": MOR, "category": "biolink:Protein"}],
        "edges": [
            {
                "subject": MOR,
                "predicate": "biolink:has_substrate",
                "object": SEVEN_OH,
                "provided_by": ["infores:x"],
            }
        ],
    }
    imported = open_dataset([("kg.json", json.dumps(data).encode())])
    assert imported.format == "KGX JSON"
    (edge,) = imported.dataset.edges
    assert (edge.subject, edge.predicate, edge.object) == (
        SEVEN_OH,
        Predicate.SUBSTRATE_OF,
        MOR,
    )  # inverse read
    assert imported.dataset.node_by_id[SEVEN_OH].label == SEVEN_OH  # no name: the id stands in


@pytest.mark.parametrize(
    "data_dir", [pytest.param(TINY, id="tiny"), pytest.param(ROOT / "data", id="embedded")]
)
def test_csv_tables_round_trip(data_dir):
    ds = load_dataset(data_dir)
    files = [(k, v.encode()) for k, v in generate_csv_tables(build_graph(ds)).items()]
    back = open_dataset(files).dataset
    assert (back.name, back.version, back.sources, back.nodes) == (ds.name, ds.version, ds.sources, ds.nodes)
    # Written from the graph, edges come in graph order: compare them by key.
    assert {e.key: e for e in back.edges} == {e.key: e for e in ds.edges}


def test_csv_kind_from_a_biolink_category_column():
    files = [
        ("nodes.csv", b"id,label,category\nX:a,A,biolink:SmallMolecule\nX:b,B,biolink:Disease\n"),
        ("evidence.csv", b"subject,predicate,object,type,source,text\nX:a,causes,X:b,claim,S,A causes B.\n"),
        ("sources.csv", b"id,citation,url,verification\nS,A page,https://example.org/a,secondary\n"),
    ]
    ds = open_dataset(files).dataset
    assert [n.kind for n in ds.nodes] == [NodeKind.ALKALOID, NodeKind.ADVERSE_EFFECT]


HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "[link](javascript:alert(1))",
]


@pytest.mark.parametrize("text", [pytest.param(t, id=f"hostile-{i}") for i, t in enumerate(HOSTILE)])
def test_hostile_strings_load_as_inert_text(text):
    """Valid but hostile text loads unchanged (it is data); the app and exports escape it."""
    quoted = '"' + text.replace('"', '""') + '"'
    files = [
        (
            "nodes.csv",
            f"id,label,kind,description\nX:a,{quoted},alkaloid,{quoted}\nX:b,B,receptor,\n".encode(),
        ),
        (
            "evidence.csv",
            f"subject,predicate,object,type,source,text\nX:a,binds,X:b,claim,S,{quoted}\n".encode(),
        ),
        (
            "sources.csv",
            f"id,citation,url,verification\nS,{quoted},https://example.org/a,secondary\n".encode(),
        ),
    ]
    ds = open_dataset(files).dataset
    assert ds.node_by_id["X:a"].label == text
    assert ds.edges[0].evidence[0].text == text
    assert ds.sources[0].citation == text


def test_hostile_source_url_is_rejected():
    files = [
        ("nodes.csv", b"id,label,kind\nX:a,A,alkaloid\nX:b,B,receptor\n"),
        ("evidence.csv", b"subject,predicate,object,type,source,text\nX:a,binds,X:b,claim,S,t\n"),
        ("sources.csv", b"id,citation,url,verification\nS,c,javascript:alert(1),secondary\n"),
    ]
    with pytest.raises(Exception) as info:
        open_dataset(files)
    assert "sources.csv:2: source 'S': url: 'javascript:alert(1)' must start with https://" in str(info.value)


# --- Biolink mapping table, checked against the Biolink model shipped in biolink-model ---


@pytest.fixture(scope="module")
def biolink():
    import importlib.resources

    path = importlib.resources.files("biolink_model") / "schema" / "biolink_model.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _biolink_name(curie: str, camel: bool) -> str:
    local = curie.split(":", 1)[1]
    if not camel:
        return local.replace("_", " ")
    out = ""
    for ch in local:
        out += (" " + ch.lower()) if ch.isupper() and out else ch.lower()
    return out


def test_category_ancestry_matches_biolink(biolink):
    classes = biolink["classes"]
    parents = category_parents()
    # One spelling per class ("KnowledgeGraph" and "knowledge graph" are one class).
    assert len(parents) == len({c.replace(" ", "").lower() for c in classes})
    for child, parent in parents.items():
        if parent is not None:
            assert parent in parents, child
    assert set(KIND_OF) <= set(parents)
    assert parents["biolink:SmallMolecule"] == "biolink:MolecularEntity"


def test_predicates_exist_in_biolink(biolink):
    slots = biolink["slots"]
    for p in [*PLAIN, *INVERSE]:
        name = _biolink_name(p, camel=False)
        assert (name in slots) != (p in LEGACY), p
    # Each inverse predicate is the Biolink inverse of its forward form.
    forward = {
        "biolink:part_of": "has part",
        "biolink:is_metabolite_of": "has metabolite",
        "biolink:has_substrate": "is substrate of",
        "biolink:caused_by": "causes",
    }
    for p, fwd in forward.items():
        name = _biolink_name(p, camel=False)
        assert fwd in (slots[name].get("inverse"), _inverse_of(slots, name)), p


def _inverse_of(slots, name):
    return next((k for k, v in slots.items() if isinstance(v, dict) and v.get("inverse") == name), None)


@pytest.mark.parametrize(
    "categories, kind",
    [
        pytest.param(
            ["biolink:NamedThing", "biolink:ChemicalEntity", "biolink:SmallMolecule", "biolink:Drug"],
            NodeKind.DRUG,
            id="deepest-wins",
        ),
        pytest.param(
            ["biolink:DiseaseOrPhenotypicFeature", "biolink:PhenotypicFeature"],
            NodeKind.EFFECT,
            id="phenotype-over-parent",
        ),
        pytest.param(["biolink:Disease"], NodeKind.ADVERSE_EFFECT, id="disease"),
        pytest.param(["biolink:Pathway"], NodeKind.EFFECT, id="process"),
        pytest.param(["small_molecule"], NodeKind.ALKALOID, id="snake-case-without-prefix"),
        pytest.param(["biolink:NamedThing"], NodeKind.OTHER, id="too-generic"),
        pytest.param(["biolink:CellularComponent"], NodeKind.OTHER, id="no-mapped-ancestor"),
        pytest.param(["biolink:biological_role_mixin"], NodeKind.OTHER, id="not-in-the-model"),
        pytest.param([], None, id="none-given"),
    ],
)
def test_kind_for_categories(categories, kind):
    found = kind_for_categories(categories)
    assert (found[0] if found else None) is kind


@pytest.mark.parametrize(
    "predicate, expected, via",
    [
        pytest.param(
            "biolink:gene_associated_with_condition",
            "associated_with",
            "biolink:associated_with",
            id="ancestor",
        ),
        pytest.param("biolink:subclass_of", "related_to", "biolink:related_to", id="concept-level"),
        pytest.param("biolink:expressed_in", "related_to", "biolink:related_to", id="instance-level"),
        pytest.param("biolink:orthologous_to", "related_to", "biolink:related_to", id="homology"),
        pytest.param("biolink:not_a_biolink_slot", "related_to", "biolink:related_to", id="unknown"),
        pytest.param("biolink:related_to", "related_to", None, id="itself"),
        pytest.param("biolink:affects", "related_to", "biolink:related_to", id="unqualified-affects"),
    ],
)
def test_predicates_map_by_ancestry(predicate, expected, via):
    mapped = map_predicate(predicate, {})
    assert (mapped.predicate.value, mapped.via) == (expected, via)


@pytest.mark.parametrize("predicate", list(Predicate), ids=lambda p: p.value)
def test_every_exported_predicate_maps_back(predicate):
    mapping = predicate.biolink
    assert map_predicate(mapping.predicate, dict(mapping.qualifiers)).predicate is predicate


def test_json_depth_ignores_brackets_in_strings():
    assert json_depth('{"a": "[[[[[[", "b": [{"c": []}]}') == 4
    assert json_depth("[]") == 1 and json_depth('"x"') == 0


def test_zip_member_lying_about_its_size_is_caught():
    data = bytearray(_zip({"nodes.csv": b"id,label,kind\n" + b"X:a,A,alkaloid\n" * 50}))
    # Patch the central directory's uncompressed size (offset 24 in the entry) down to 10 bytes.
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (10).to_bytes(4, "little")
    files, problems = read_zip(bytes(data), "x.zip")
    assert files == {} and problems
    assert "more bytes than its header declares" in problems[0].message or "corrupt" in problems[0].message


# --- CLI: --data PATH for every importable format ---


def _exports(tmp_path: Path) -> dict[str, Path]:
    G = build_graph(load_dataset(TINY))
    out = {
        "kgx-jsonl-zip": tmp_path / "kg.jsonl.zip",
        "kgx-tsv-zip": tmp_path / "kg.tsv.zip",
        "node-link": tmp_path / "graph.json",
        "csv-dir": tmp_path / "csv",
    }
    out["kgx-jsonl-zip"].write_bytes(generate_kgx_jsonl(G))
    out["kgx-tsv-zip"].write_bytes(generate_kgx_tsv(G))
    out["node-link"].write_text(generate_node_link(G))
    out["csv-dir"].mkdir()
    for name, text in generate_csv_tables(G).items():
        (out["csv-dir"] / name).write_text(text)
    (out["csv-dir"] / "documents").mkdir()
    (out["csv-dir"] / "documents" / "article.txt").write_text(
        (TINY / "documents" / "article.txt").read_text()
    )
    return out


@pytest.mark.parametrize(
    "fmt",
    [
        "yaml-dir",
        "kgx-handwritten-dir",
        "kgx-single-file",
        "kgx-jsonl-zip",
        "kgx-tsv-zip",
        "node-link",
        "csv-dir",
    ],
)
def test_cli_validate_and_stats_open_every_format(tmp_path, fmt, capsys):
    # In process, as tests/test_cli.py runs the CLI (its test_module_entry_point_runs covers
    # `python -m graph` itself): a subprocess per command cost about 0.6 CPU-s of imports.
    paths = {
        "yaml-dir": TINY,
        "kgx-handwritten-dir": KGX_DIR,
        "kgx-single-file": KGX_DIR / "edges.tsv",
        **_exports(tmp_path),
    }
    path = paths[fmt]
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.startswith("ok: ")
    code = main(["stats", "--json", "--data", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    counts = json.loads(out)
    expected = (6, 6) if "kgx-" in fmt and "zip" not in fmt else (5, 6)
    assert (counts["nodes"], counts["edges"]) == expected


def test_cli_reports_located_problems_for_a_bad_import(capsys):
    bad = ROOT / "tests" / "fixtures" / "malformed" / "csv-dangling-node"
    assert main(["validate", str(bad)]) != 0
    out, err = capsys.readouterr()
    assert (
        "csv-dangling-node/evidence.csv:2: edge #1 (X:ghost -contains-> X:a): subject: 'X:ghost' is not a node id"
        in out + err
    )


SHAPED = [
    pytest.param(
        '{"id": "X:1", "name": "x", "xref": ["A:1", "B:2"], "n": 3, "f": 1.5, "t": true, "z": null}',
        "row",
        id="node-row",
    ),
    pytest.param(
        '{"subject": "X:1", "kme_evidence": [{"type": "in_vitro", "values": [{"parameter": "Ki", "value": 2}]}]}',
        "row",
        id="edge-row-with-values",
    ),
    pytest.param(
        '{"id": "X:1", "id": "X:2", "big": 123456789012345678901234567890}', "row", id="repeated-key-big-int"
    ),
    pytest.param(
        '{"graph": {"format": "f", "sources": [{"id": "S"}], "documents": {"a.txt": "text"}}, "nodes": [{"id": "X:1"}]}',
        "file",
        id="node-link-file",
    ),
]

NOT_SHAPED = [
    pytest.param('{"a": [[1]]}', "row", id="list-in-list"),
    pytest.param('{"a": {"b": {"c": {}}}}', "row", id="deeper-than-a-row"),
    pytest.param("[1, 2]", "row", id="not-an-object"),
    pytest.param('{"a": NaN}', "row", id="nan-literal"),
    pytest.param('{"a": 1e400}', "row", id="number-out-of-range"),
    pytest.param('{"a": "\\ud800"}', "row", id="lone-surrogate"),
    pytest.param('{"a": 1', "row", id="truncated"),
    pytest.param("[" * 40 + "]" * 40, "file", id="deep-list"),
]


@pytest.mark.parametrize("text, shape", SHAPED)
def test_shaped_json_is_what_the_standard_library_reads(text, shape):
    from graph.formats.limits import SHAPED_DEPTH, decode_shaped

    assert decode_shaped(text, shape) == json.loads(text)
    assert json_depth(text) <= SHAPED_DEPTH


@pytest.mark.parametrize("text, shape", NOT_SHAPED)
def test_other_json_is_left_to_the_general_reader(text, shape):
    from graph.formats.limits import decode_shaped

    assert decode_shaped(text, shape) is None


def test_shaped_decoding_is_skipped_under_a_lower_depth_limit():
    from graph.formats.limits import Limits, decode_shaped

    text = '{"a": [{"b": [{"c": 1}]}]}'
    assert decode_shaped(text, "row") == json.loads(text)
    assert decode_shaped(text, "row", Limits(max_json_depth=3)) is None


def _unnamed_pair(tiny_graph, prefix: str, order: int) -> dict[str, bytes]:
    """The tiny graph's KGX JSON Lines files, renamed with ``prefix`` and with no dataset name
    in their metadata, in one of two orders."""
    with zipfile.ZipFile(io.BytesIO(generate_kgx_jsonl(tiny_graph))) as z:
        meta = json.loads(z.read("metadata.json"))
        del meta["name"]
        files = {
            f"{prefix}nodes.jsonl": z.read("nodes.jsonl"),
            f"{prefix}edges.jsonl": z.read("edges.jsonl"),
            "metadata.json": json.dumps(meta).encode(),
        }
    names = sorted(files, reverse=bool(order))
    return {n: files[n] for n in names}


@pytest.mark.parametrize("order", [0, 1])
def test_an_unnamed_pair_is_named_alike_by_both_jsonl_readers(tiny_graph, order):
    """Files whose metadata names no dataset are called after what their pair shares, by the
    reader of clean files and by the text reader alike, whatever order the files come in
    (the text reader named them after whichever file it read last)."""
    from graph.formats import kgx

    files = _unnamed_pair(tiny_graph, "kratom_", order)
    clean = kgx.read_jsonl_clean(files)
    text = kgx.read_jsonl({n: b.decode() for n, b in files.items()})
    assert clean is not None
    assert clean.dataset.name == text.dataset.name == "Imported KGX JSON Lines (kratom)"
    # Through the front door: an upload of the files, and the same files in a folder.
    assert open_dataset(list(files.items())).dataset.name == "Imported KGX JSON Lines (kratom)"
    bare = _unnamed_pair(tiny_graph, "", order)
    assert kgx.read_jsonl({n: b.decode() for n, b in bare.items()}).dataset.name == (
        "Imported KGX JSON Lines (KGX graph)"
    )


def test_an_unnamed_pair_in_a_folder_is_named_after_the_folder(tiny_graph, tmp_path):
    folder = tmp_path / "monarch-sample"
    folder.mkdir()
    for name, data in _unnamed_pair(tiny_graph, "kratom_", 0).items():
        (folder / name).write_bytes(data)
    assert open_dataset(folder).dataset.name == "Imported KGX JSON Lines (monarch-sample)"


@pytest.mark.parametrize("order", [0, 1])
def test_an_unnamed_tsv_pair_is_named_after_its_files_shared_name(tiny_graph, order):
    from graph.formats import kgx

    with zipfile.ZipFile(io.BytesIO(generate_kgx_tsv(tiny_graph))) as z:
        meta = json.loads(z.read("metadata.json"))
        del meta["name"]
        files = {"kg-nodes.tsv": z.read("nodes.tsv").decode(), "kg-edges.tsv": z.read("edges.tsv").decode()}
    files["metadata.json"] = json.dumps(meta)
    texts = {n: files[n] for n in sorted(files, reverse=bool(order))}
    assert kgx.read_tsv(texts).dataset.name == "Imported KGX TSV (kg)"
