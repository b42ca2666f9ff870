"""Property tests: random valid datasets round-trip through every lossless format; mutated files fail only with DatasetError."""

from __future__ import annotations

import io
import zipfile

import yaml
from hypothesis import given
from hypothesis import strategies as st

from graph import DatasetError, build_graph
from graph.formats import open_dataset
from graph.formats.csv_tables import generate_csv_tables
from graph.formats.kgx import generate_kgx_jsonl, generate_kgx_tsv
from graph.formats.node_link import generate_node_link
from graph.formats.records import evidence_record, source_record
from graph.validate import validate_raw
from graph.vocab import EvidenceType, NodeKind, Predicate, Species

# Printable text without "|" (the KGX/CSV list separator) and surrounding spaces (trimmed on load).
text = (
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="|"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
local = st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True)


@st.composite
def datasets(draw):
    n = draw(st.integers(2, 7))
    ids = draw(st.lists(local, min_size=n, max_size=n, unique=True))
    nodes = [
        {
            "id": f"T:{i}",
            "label": draw(text),
            "kind": draw(st.sampled_from(NodeKind)).value,
            **({"synonyms": draw(st.lists(text, max_size=2, unique=True))} if draw(st.booleans()) else {}),
            **({"description": draw(text)} if draw(st.booleans()) else {}),
        }
        for i in ids
    ]
    sources = [
        {
            "id": "S1",
            "citation": draw(text),
            "pmid": str(draw(st.integers(1, 99999999))),
            "verification": "primary",
        },
        {"id": "S2", "citation": draw(text), "doi": f"10.1000/{draw(local)}", "verification": "secondary"},
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(list(Predicate)), st.sampled_from(ids)).filter(
                lambda t: t[0] != t[2]
            ),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    edges = []
    for s, p, o in pairs:
        evidence = []
        for _ in range(draw(st.integers(1, 3))):
            item = {
                "type": draw(st.sampled_from(EvidenceType)).value,
                "source": draw(st.sampled_from(["S1", "S2"])),
                "text": draw(text),
            }
            if draw(st.booleans()):
                item["species"] = draw(st.sampled_from(Species)).value
            if draw(st.booleans()):
                item["negated"] = True
            if draw(st.booleans()):
                item["values"] = [
                    {"parameter": "Ki", "value": draw(st.floats(0.001, 1e6, allow_nan=False)), "unit": "nM"}
                ]
            evidence.append(item)
        edges.append({"subject": f"T:{s}", "predicate": p.value, "object": f"T:{o}", "evidence": evidence})
    raw = {
        "dataset": {"name": draw(text), "version": "1"},
        "sources": sources,
        "nodes": nodes,
        "edges": edges,
    }
    return validate_raw(raw)


def _yaml_files(ds) -> list[tuple[str, bytes]]:
    def dump(data):
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()

    nodes = [
        {
            k: v
            for k, v in {
                "id": n.id,
                "label": n.label,
                "kind": n.kind.value,
                "synonyms": list(n.synonyms) or None,
                "description": n.description,
            }.items()
            if v is not None
        }
        for n in ds.nodes
    ]
    edges = [
        {
            "subject": e.subject,
            "predicate": e.predicate.value,
            "object": e.object,
            "evidence": [evidence_record(ev) for ev in e.evidence],
        }
        for e in ds.edges
    ]
    return [
        ("dataset.yaml", dump({"name": ds.name, "version": ds.version})),
        ("sources.yaml", dump([source_record(s) for s in ds.sources])),
        ("nodes.yaml", dump(nodes)),
        ("edges.yaml", dump(edges)),
    ]


def _same(a, b) -> None:
    assert (a.name, a.version) == (b.name, b.version)
    assert a.sources == b.sources
    assert a.nodes == b.nodes
    assert {e.key: e for e in a.edges} == {e.key: e for e in b.edges}


def _formats(ds) -> dict[str, list[tuple[str, bytes]]]:
    G = build_graph(ds)
    return {
        "project-yaml": _yaml_files(ds),
        "node-link": [("graph.json", generate_node_link(G).encode())],
        "kgx-jsonl": [("kg.zip", generate_kgx_jsonl(G))],
        "kgx-tsv": [("kg.zip", generate_kgx_tsv(G))],
        "project-csv": [(k, v.encode()) for k, v in generate_csv_tables(G).items()],
    }


@given(datasets())
def test_random_datasets_round_trip_through_every_lossless_format(ds):
    for name, files in _formats(ds).items():
        back = open_dataset(files).dataset
        try:
            _same(ds, back)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None


def _unzip(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(n, zf.read(n)) for n in zf.namelist()]


mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=4),
)


def _mutate(data: bytes, how: tuple) -> bytes:
    kind, where, junk = how
    i = int(where * max(len(data) - 1, 0))
    if kind == "flip":
        return data[:i] + bytes([data[i] ^ junk[0]]) + data[i + 1 :] if data else junk
    if kind == "insert":
        return data[:i] + junk + data[i:]
    if kind == "delete":
        return data[:i] + data[i + len(junk) :]
    if kind == "truncate":
        return data[:i]
    return data[:i] + data[i : i + 40] + data[i:]


@given(
    datasets(),
    st.sampled_from(["project-yaml", "node-link", "kgx-jsonl", "kgx-tsv", "project-csv", "zipped-kgx"]),
    st.lists(mutation, min_size=1, max_size=3),
    st.data(),
)
def test_mutated_files_raise_only_dataset_error(ds, fmt, mutations, data):
    formats = _formats(ds)
    if fmt == "zipped-kgx":
        files = formats["kgx-jsonl"]  # mutate the zip bytes themselves
    elif fmt.startswith("kgx"):
        files = _unzip(formats[fmt][0][1])
    else:
        files = formats[fmt]
    target = data.draw(st.integers(0, len(files) - 1))
    name, content = files[target]
    for how in mutations:
        content = _mutate(content, how)
    files = [*files[:target], (name, content), *files[target + 1 :]]
    try:
        open_dataset(files)
    except DatasetError as exc:
        assert exc.problems and all(p.file and p.message for p in exc.problems)
