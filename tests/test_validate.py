"""One named test per validation failure mode, on broken copies of the tiny dataset."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from graph import DatasetError, load_dataset


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


CASES = [
    pytest.param(
        "edges.yaml",
        "predicate: contains",
        "predicate: containz",
        r"edges\.yaml:1: edge #1 \(TEST:plant -containz-> TEST:a\): predicate: 'containz' is not one of: contains, metabolized_to",
        id="unknown-predicate-lists-valid",
    ),
    pytest.param(
        "edges.yaml",
        "type: review",
        "type: invitro",
        r"edges\.yaml:5: edge #1 .*evidence #1: type: 'invitro' is not one of: in_vitro, animal, human_trial",
        id="unknown-evidence-type",
    ),
    pytest.param(
        "nodes.yaml",
        "kind: receptor",
        "kind: protein",
        r"nodes\.yaml:\d+: node 'TEST:r': kind: 'protein' is not one of: plant, alkaloid",
        id="unknown-node-kind",
    ),
    pytest.param(
        "edges.yaml",
        "species: rat",
        "species: cat",
        r"evidence #2: species: 'cat' is not one of: human, mouse, rat",
        id="unknown-species",
    ),
    pytest.param(
        "edges.yaml",
        "object: TEST:a\n",
        "object: TEST:zzz\n",
        r"edges\.yaml:1: edge #1 .*: object: 'TEST:zzz' is not a node id in nodes\.yaml",
        id="dangling-edge-target",
    ),
    pytest.param(
        "edges.yaml",
        "source: R1",
        "source: R9",
        r"evidence #1: source: 'R9' is not a source id in sources\.yaml",
        id="unknown-source",
    ),
    pytest.param(
        "nodes.yaml",
        "- id: TEST:m\n",
        "- id: TEST:a\n",
        r"nodes\.yaml:\d+: node 'TEST:a': id: duplicate node id",
        id="duplicate-node-id",
    ),
    pytest.param(
        "sources.yaml",
        "- id: P2\n",
        "- id: P1\n",
        r"sources\.yaml:\d+: source 'P1': id: duplicate source id",
        id="duplicate-source-id",
    ),
    pytest.param(
        "sources.yaml",
        'pmid: "11111111"',
        "pmid: PMID:11111111",
        r"source 'P1': pmid: 'PMID:11111111' is not a PubMed id",
        id="malformed-pmid",
    ),
    pytest.param(
        "sources.yaml",
        "doi: 10.1000/fixture.2",
        "doi: https://doi.org/10.1000/x",
        r"source 'P2': doi: 'https://doi.org/10.1000/x' is not a DOI",
        id="malformed-doi",
    ),
    pytest.param(
        "sources.yaml",
        "url: https://example.org/review",
        "url: javascript:alert(1)",
        r"source 'R1': url: 'javascript:alert\(1\)' must start with https:// or http://",
        id="non-http-url",
    ),
    pytest.param(
        "sources.yaml",
        "  url: https://example.org/review\n",
        "",
        r"source 'R1': needs at least one of pmid, pmcid, doi, fr, url, document",
        id="source-without-identifier",
    ),
    pytest.param(
        "edges.yaml",
        "      text: The review lists A as the main alkaloid.\n",
        "",
        r"evidence #1: text: required field is missing",
        id="evidence-without-text",
    ),
    pytest.param(
        "edges.yaml",
        "  evidence:\n    - type: review\n      source: R1\n      text: The review lists A as the main alkaloid.\n",
        "  evidence: []\n",
        r"edge #1 .*: evidence: every edge needs at least one evidence item",
        id="edge-without-evidence",
    ),
    pytest.param(
        "edges.yaml",
        "      text: Alkaloid A blocks receptor R and relieves pain.\n",
        "      text: Alkaloid A cures everything.\n",
        r"evidence #1: text: is marked as a quote but does not occur in article\.txt",
        id="quote-not-in-document",
    ),
    pytest.param(
        "edges.yaml",
        "      species: human\n      values:\n        - {parameter: EC50, value: 12, unit: nM}",
        "      species: human\n      values:\n        - {parameter: EC50, value: twelve, unit: nM}",
        r"values\[0\]\.value: must be a finite number, not 'twelve'",
        id="value-not-a-number",
    ),
    pytest.param(
        "edges.yaml",
        "      negated: true",
        "      negated: yes please",
        r"negated: must be true or false",
        id="flag-not-boolean",
    ),
    pytest.param(
        "edges.yaml",
        "      species: mouse\n- subject: TEST:r",
        "      species: mouse\n      colour: red\n- subject: TEST:r",
        r"evidence #2: colour: unknown field; allowed: type, source, text",
        id="unknown-field",
    ),
    pytest.param(
        "nodes.yaml",
        "- id: TEST:pain",
        "- id: not a curie",
        r"node 'not a curie': id: 'not a curie' is not a CURIE",
        id="node-id-not-curie",
    ),
    pytest.param(
        "edges.yaml",
        "- subject: TEST:plant\n  predicate: contains\n  object: TEST:a\n",
        "- subject: TEST:a\n  predicate: contains\n  object: TEST:a\n",
        r"object: an edge cannot point from a node to itself",
        id="self-loop",
    ),
    pytest.param(
        "nodes.yaml",
        "  label: receptor R\n",
        "  label: receptor R\n  label: receptor Q\n",
        r"nodes\.yaml:\d+: label: duplicate key in the same mapping",
        id="duplicate-yaml-key",
    ),
    pytest.param(
        "nodes.yaml",
        "- id: TEST:m\n",
        "- id: [TEST:m\n",
        r"nodes\.yaml:\d+: not valid YAML",
        id="yaml-syntax-error",
    ),
    pytest.param(
        "edges.yaml",
        "- subject: TEST:r\n  predicate: mediates",
        "- subject: TEST:a\n  predicate: antagonist\n  object: TEST:r\n  evidence:\n"
        "    - {type: animal, source: P2, text: again}\n- subject: TEST:r\n  predicate: mediates",
        r"duplicate edge TEST:a\|antagonist\|TEST:r",
        id="duplicate-triple",
    ),
    pytest.param(
        "sources.yaml",
        "  doi: 10.1000/fixture.2\n",
        "  doi: 10.1000/fixture.2\n  restates: P404\n",
        r"sources\.yaml:\d+: source 'P2': restates: 'P404' is not a source id",
        id="restates-unknown-source",
    ),
    pytest.param(
        "sources.yaml",
        "  doi: 10.1000/fixture.2\n",
        "  doi: 10.1000/fixture.2\n  restates: P2\n",
        r"source 'P2': restates: a source cannot restate itself",
        id="restates-itself",
    ),
    pytest.param(
        "edges.yaml",
        "      text: Liver microsomes turn A into M.\n",
        "      text: Liver microsomes turn A into M.\n      directness: prediction\n",
        r"edges\.yaml:\d+: .*evidence #1: directness: a computational prediction is typed in_silico, not in_vitro",
        id="prediction-on-in-vitro",
    ),
    pytest.param(
        "edges.yaml",
        "    - type: review\n      source: R1\n",
        "    - type: in_silico\n      directness: indirect\n      source: R1\n",
        r"directness: an in_silico item is a prediction",
        id="in-silico-not-prediction",
    ),
    pytest.param(
        "edges.yaml",
        "      text: No antagonism was seen at R.\n",
        "      text: No antagonism was seen at R.\n      relevance: no_finding\n",
        r"relevance: an item that makes no finding cannot contradict",
        id="no-finding-negated",
    ),
    pytest.param(
        "dataset.yaml",
        "version: 0.1.0\n",
        "",
        r"dataset\.yaml:1: dataset: version: required field is missing",
        id="dataset-without-version",
    ),
]


@pytest.mark.parametrize("filename, old, new, expected", CASES)
def test_broken_copy_reports_located_problem(tiny_copy, filename, old, new, expected):
    edit(tiny_copy / filename, old, new)
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    message = str(info.value)
    assert re.search(expected, message), message


def test_every_problem_is_reported_at_once(tiny_copy):
    edit(tiny_copy / "edges.yaml", "predicate: contains", "predicate: containz")
    edit(tiny_copy / "edges.yaml", "source: R1", "source: R9")
    edit(tiny_copy / "nodes.yaml", "kind: receptor", "kind: protein")
    edit(tiny_copy / "sources.yaml", 'pmid: "11111111"', "pmid: x1")
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    fields = {(p.file, p.field) for p in info.value.problems}
    folder = tiny_copy.name
    expected = {
        (f"{folder}/edges.yaml", "predicate"),
        (f"{folder}/nodes.yaml", "kind"),
        (f"{folder}/sources.yaml", "pmid"),
    }
    assert expected <= fields
    assert str(info.value).startswith(f"{len(info.value.problems)} problems found:")


def test_missing_file_is_named(tiny_copy):
    (tiny_copy / "sources.yaml").unlink()
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    assert "sources.yaml: file is missing" in str(info.value)


def test_not_utf8_names_the_line(tiny_copy):
    path = tiny_copy / "nodes.yaml"
    path.write_bytes(path.read_bytes().replace(b"alkaloid A", b"alkaloid \xff", 1))
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    assert re.search(r"nodes\.yaml:\d+: not UTF-8 text", str(info.value))


def test_top_level_must_be_a_list(tiny_copy):
    (tiny_copy / "nodes.yaml").write_text("id: TEST:x\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    assert "nodes.yaml: must hold a list of entries, not a mapping" in str(info.value)


def test_unsafe_yaml_tag_is_refused(tiny_copy):
    (tiny_copy / "nodes.yaml").write_text("- !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    assert "nodes.yaml" in str(info.value) and "not valid YAML" in str(info.value)


def test_valid_copy_loads(tiny_copy):
    ds = load_dataset(tiny_copy)
    assert len(ds.nodes) == 5 and len(ds.edges) == 6


def test_yaml_aliases_are_refused(tiny_copy):
    (tiny_copy / "dataset.yaml").write_text(
        "name: &n [a, b]\nversion: '1'\ndescription: *n\n", encoding="utf-8"
    )
    with pytest.raises(DatasetError) as info:
        load_dataset(tiny_copy)
    assert "dataset.yaml: not valid YAML: aliases (*name) are not allowed" in str(info.value)


# ------------------------------------------------ typed decoding and the field-by-field reader

ROOT = Path(__file__).resolve().parent.parent


def _outcome(raw: dict, documents: dict | None, typed: bool):
    """What validate_raw makes of ``raw``: the dataset's records as text, or its problems."""
    from graph.validate import validate_raw

    try:
        ds = validate_raw(copy.deepcopy(raw), documents, typed=typed)
    except DatasetError as exc:
        return "problems", [str(p) for p in exc.problems]
    # repr tells 5 from 5.0 and a member from its value, which == would not
    return "dataset", repr((ds.name, ds.version, ds.sources, ds.nodes, ds.edges, ds.documents)), ds


def _same_both_ways(raw: dict, documents: dict | None = None):
    typed, plain = _outcome(raw, documents, True), _outcome(raw, documents, False)
    assert typed[:2] == plain[:2]
    return typed


def _yaml_raw(where: Path) -> tuple[dict, dict]:
    from graph.formats.yaml_dir import parse

    files = [*where.glob("*.yaml"), *where.glob("documents/*")]
    texts = {p.relative_to(where).as_posix(): p.read_text(encoding="utf-8") for p in files if p.is_file()}
    raw, documents, _ = parse(texts)
    return raw, documents


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(ROOT / "tests" / "fixtures" / "tiny", id="tiny-fixture"),
        pytest.param(ROOT / "data", id="embedded-data"),
    ],
)
def test_typed_path_makes_the_field_readers_dataset_from_yaml(where):
    raw, documents = _yaml_raw(where)
    kind = _same_both_ways(raw, documents)[0]
    assert kind == "dataset"


def test_typed_path_makes_the_field_readers_dataset_from_a_synthetic_one():
    from bench.synthetic import generate

    kind, _, ds = _same_both_ways(generate(300, seed=3))
    assert kind == "dataset" and len(ds.edges) > 800


def _small() -> dict:
    from bench.synthetic import generate

    return generate(40, seed=5)


def _first_item(raw: dict) -> dict:
    return raw["edges"][0]["evidence"][0]


def _set(**fields):
    def change(raw):
        _first_item(raw).update(fields)

    return change


def _drop(field):
    def change(raw):
        _first_item(raw).pop(field, None)

    return change


def _in_silico(**extra):
    def change(raw):
        item = _first_item(raw)
        item.pop("values", None)
        item.pop("assay", None)
        item.update(type="in_silico", species="in_silico", **extra)

    return change


def _node(**fields):
    def change(raw):
        kind = raw["nodes"][0]["kind"]
        raw["nodes"][0].update({k: (v(kind) if callable(v) else v) for k, v in fields.items()})

    return change


def _alias_endpoint(raw):
    raw["nodes"][0]["xrefs"] = ["OLD:first"]
    subject = raw["nodes"][0]["id"]
    edge = next(e for e in raw["edges"] if e["subject"] == subject)
    edge["subject"] = "OLD:first"


def _edge(**fields):
    def change(raw):
        raw["edges"][0].update({k: (v(raw) if callable(v) else v) for k, v in fields.items()})

    return change


def _value(**fields):
    def change(raw):
        _first_item(raw)["values"] = [{"parameter": "Ki", "unit": "nM", **fields}]

    return change


def _duplicate_edge(raw):
    raw["edges"].append(copy.deepcopy(raw["edges"][0]))


def _source(**fields):
    def change(raw):
        raw["sources"][0].update(fields)

    return change


# Entries the field reader normalises (the typed path must hand them over, not keep them as they are)
NORMALISED = [
    pytest.param(_set(text="  padded text  "), id="text-trimmed"),
    pytest.param(_set(assay=42), id="number-as-text"),
    pytest.param(_set(note=""), id="empty-optional-text"),
    pytest.param(_set(species=None), id="null-optional-term"),
    pytest.param(_value(value=5), id="whole-number-value"),
    pytest.param(_value(value=5.0, unit=" nM "), id="unit-trimmed"),
    pytest.param(_in_silico(), id="in-silico-default-directness"),
    pytest.param(_in_silico(directness="prediction"), id="in-silico-given-prediction"),
    pytest.param(
        _node(category=lambda kind: f"biolink:{'SmallMolecule' if kind != 'plant' else 'OrganismTaxon'}"),
        id="category-the-kind-implies",
    ),
    pytest.param(_node(synonyms=[" spaced "]), id="synonym-trimmed"),
    pytest.param(_alias_endpoint, id="endpoint-named-by-xref"),
    pytest.param(_source(note="  a note "), id="source-note-trimmed"),
]

# Entries with a problem: the same located messages either way
BROKEN = [
    pytest.param(_set(type="invitro"), id="wrong-enum-value"),
    pytest.param(_drop("text"), id="missing-field"),
    pytest.param(_set(quote="yes"), id="wrong-type"),
    pytest.param(_set(colour="red"), id="unknown-field"),
    pytest.param(_set(text="a\x00b"), id="nul-in-text"),
    pytest.param(_set(text="x" * 5001), id="text-over-the-limit"),
    pytest.param(_set(source="SYN-none"), id="unknown-source"),
    pytest.param(_set(restates="SYN0", source="SYN0"), id="restates-its-own-source"),
    pytest.param(_set(negated=True, relevance="no_finding"), id="negated-without-finding"),
    pytest.param(_set(directness="prediction"), id="prediction-not-in-silico"),
    pytest.param(_in_silico(directness="direct"), id="in-silico-given-direct"),
    pytest.param(_value(value=float("nan")), id="value-not-finite"),
    pytest.param(_value(low=5.0, high=1.0), id="low-above-high"),
    pytest.param(_value(value=1.0, qualifier="about"), id="unknown-qualifier"),
    pytest.param(_value(value=True), id="value-a-boolean"),
    pytest.param(_edge(object=lambda raw: raw["edges"][0]["subject"]), id="self-loop"),
    pytest.param(_edge(evidence=[]), id="no-evidence"),
    pytest.param(_edge(subject="BENCH:nothing"), id="dangling-subject"),
    pytest.param(_duplicate_edge, id="duplicate-edge"),
    pytest.param(_node(id="not a curie"), id="node-id-not-a-curie"),
    pytest.param(_node(xrefs=["no-prefix"]), id="xref-not-a-curie"),
    pytest.param(_node(kind="protein"), id="node-kind-wrong"),
    pytest.param(_source(url="ftp://example.invalid/x"), id="source-url-scheme"),
    pytest.param(_source(verification=None), id="source-verification-null"),
]


@pytest.mark.parametrize("change", NORMALISED)
def test_typed_path_leaves_entries_to_normalise_to_the_field_reader(change):
    raw = _small()
    change(raw)
    kind, _, ds = _same_both_ways(raw)
    assert kind == "dataset"


@pytest.mark.parametrize("change", BROKEN)
def test_typed_path_reports_the_field_readers_problems(change):
    raw = _small()
    change(raw)
    kind, problems = _same_both_ways(raw)
    assert kind == "problems" and problems


def test_in_silico_item_without_directness_is_a_prediction_on_the_typed_path():
    from graph.validate import validate_raw
    from graph.vocab import Directness

    raw = _small()
    _in_silico()(raw)
    item = validate_raw(raw).edges[0].evidence[0]
    assert item.directness is Directness.PREDICTION


KGX_BROKEN = [
    pytest.param(
        lambda ev: ev.update(type="invitro"),
        "type: 'invitro' is not one of: in_vitro, animal",
        id="wrong-enum-value",
    ),
    pytest.param(lambda ev: ev.pop("text"), "text: required field is missing", id="missing-field"),
    pytest.param(
        lambda ev: ev.update(negated="no"), "negated: must be true or false, not 'no'", id="wrong-type"
    ),
]


@pytest.mark.parametrize("change, message", KGX_BROKEN)
def test_broken_evidence_on_line_n_of_a_kgx_file_is_located_there(tmp_path, change, message):
    import io
    import json
    import zipfile

    from graph import build_graph
    from graph.formats.kgx import generate_kgx_jsonl
    from graph.formats.open import open_dataset

    G = build_graph(load_dataset(ROOT / "tests" / "fixtures" / "tiny"))
    with zipfile.ZipFile(io.BytesIO(generate_kgx_jsonl(G))) as z:
        for name in z.namelist():
            (tmp_path / name).write_bytes(z.read(name))
    lines = (tmp_path / "edges.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    change(record["kme_evidence"][0])
    lines[2] = json.dumps(record)
    (tmp_path / "edges.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        open_dataset(tmp_path)
    located = [p for p in info.value.problems if p.line == 3]
    assert len(located) == 1, [str(p) for p in info.value.problems]
    problem = located[0]
    assert problem.file.endswith("edges.jsonl") and "evidence #1" in problem.entry
    assert message in str(problem)


def _spoilt(part: str, spoil):
    """Records of a synthetic dataset with ``spoil(records)`` applied to one part."""

    def make():
        from bench.synthetic import generate
        from graph.validate import validate_raw

        ds = validate_raw(generate(60, seed=5))
        parts = {
            "meta": {"name": ds.name, "version": ds.version, "description": ds.description},
            "sources": list(ds.sources),
            "nodes": list(ds.nodes),
            "edges": list(ds.edges),
        }
        if spoil is not None:
            parts[part] = spoil(parts[part])
        return ds, parts

    return make


def _replace(records, i, **changes):
    import msgspec

    records[i] = msgspec.structs.replace(records[i], **changes)
    return records


RECORDS = [
    pytest.param(_spoilt("edges", None), True, id="clean"),
    pytest.param(_spoilt("edges", lambda e: [*e, e[0]]), False, id="edge-twice"),
    pytest.param(_spoilt("nodes", lambda n: [*n, n[0]]), False, id="node-twice"),
    pytest.param(_spoilt("sources", lambda s: [*s, s[0]]), False, id="source-twice"),
    pytest.param(_spoilt("nodes", lambda n: _replace(n, 0, label=" padded")), False, id="label-padded"),
    pytest.param(_spoilt("meta", lambda m: {**m, "name": None}), False, id="no-name"),
    pytest.param(_spoilt("edges", lambda e: _replace(e, 0, object=e[0].subject)), False, id="edge-to-itself"),
    pytest.param(_spoilt("edges", lambda e: _replace(e, 1, subject="X:ghost")), False, id="dangling-subject"),
]


@pytest.mark.parametrize("make, taken", RECORDS)
def test_validate_records_takes_clean_records_only(make, taken):
    """Records decoded without mappings: the dataset validate_raw makes, or None (left to it)."""
    from graph.validate import validate_records

    ds, parts = make()
    got = validate_records(parts["meta"], parts["sources"], parts["nodes"], parts["edges"], {})
    if taken:
        assert got == ds
        assert got.edge_keys == ds.edge_keys
    else:
        assert got is None
