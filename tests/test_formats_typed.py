"""The typed way in (graph.formats.typed) against the general readers: same dataset, same report,
and every file it does not take as it stands read (and its problems located) the general way."""

from __future__ import annotations

import copy
import io
import json
import random
import zipfile
from unittest import mock

import pytest

from bench.synthetic import generate
from graph import DatasetError, build_graph, load_dataset
from graph.formats import Limits, open_dataset, typed
from graph.formats.kgx import generate_kgx_jsonl
from graph.formats.node_link import FORMAT, generate_node_link
from graph.validate import validate_raw


def _general(files):
    """``open_dataset(files)`` with the typed way in turned off: the general readers alone."""
    with (
        mock.patch.object(typed, "kgx_jsonl", return_value=None),
        mock.patch.object(typed, "node_link_dataset", return_value=None),
    ):
        return open_dataset(files)


def _kgx_texts(G) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(generate_kgx_jsonl(G))) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()}


def _upload(texts: dict[str, str]) -> list[tuple[str, bytes]]:
    return [(name, text.encode("utf-8")) for name, text in texts.items()]


def _encoded(texts: dict[str, str]) -> dict[str, bytes]:
    """The files as the typed way takes them: bytes."""
    return dict(_upload(texts))


@pytest.fixture(scope="module", params=["shipped", "synthetic-300"])
def graph(request):
    ds = load_dataset() if request.param == "shipped" else validate_raw(generate(300, seed=11))
    return build_graph(ds)


def test_node_link_typed_equals_general(graph):
    text = generate_node_link(graph)
    assert (
        typed.node_link_dataset(text.encode("utf-8"), Limits(), FORMAT) is not None
    )  # the typed way takes it
    files = [("graph.json", text.encode("utf-8"))]
    quick, general = open_dataset(files), _general(files)
    assert quick.dataset == general.dataset
    assert quick.report == general.report
    assert quick.dataset.edge_keys == general.dataset.edge_keys
    G, R = build_graph(quick.dataset), build_graph(general.dataset)
    assert list(G.edges(keys=True, data=True)) == list(R.edges(keys=True, data=True))
    assert list(G.nodes(data=True)) == list(R.nodes(data=True))


def _taken(files) -> tuple[object, list[bool]]:
    """``open_dataset(files)``, and whether each call of the typed way took the files."""
    calls: list[bool] = []
    real_kgx, real_nl = typed.kgx_jsonl, typed.node_link_dataset

    def watched(real):
        def call(*args, **kwargs):
            out = real(*args, **kwargs)
            calls.append(out is not None)
            return out

        return call

    with (
        mock.patch.object(typed, "kgx_jsonl", watched(real_kgx)),
        mock.patch.object(typed, "node_link_dataset", watched(real_nl)),
    ):
        return open_dataset(files), calls


BOM = b"\xef\xbb\xbf"


def test_files_with_a_byte_order_mark_or_windows_line_ends_are_read_from_their_bytes():
    """The typed way reads the bytes as the text readers read the decoded text: a UTF-8
    byte-order mark dropped, CRLF line ends and blank lines in JSON Lines passed over."""
    G = build_graph(load_dataset())
    node_link = [("graph.json", BOM + generate_node_link(G).encode("utf-8"))]
    imported, calls = _taken(node_link)
    assert calls == [True]
    assert imported.dataset == _general(node_link).dataset
    texts = _kgx_texts(G)
    edges = texts["edges.jsonl"].replace("\n", "\r\n\r\n  \n")
    kgx = [
        ("nodes.jsonl", BOM + texts["nodes.jsonl"].encode("utf-8")),
        ("edges.jsonl", edges.encode("utf-8")),
    ]
    kgx += [(n, t.encode("utf-8")) for n, t in texts.items() if n not in ("nodes.jsonl", "edges.jsonl")]
    imported, calls = _taken(kgx)
    assert calls == [True]
    general = _general(kgx)
    assert imported.dataset == general.dataset and imported.report == general.report


def test_a_file_that_is_not_utf8_is_left_to_the_text_readers_which_locate_the_byte():
    text = generate_node_link(build_graph(load_dataset()))
    at = text.index("mitragynine")
    broken = text[:at].encode("utf-8") + b"\xe9" + text[at:].encode("utf-8")  # Latin-1 e-acute
    with pytest.raises(DatasetError) as caught:
        _taken([("graph.json", broken)])
    (problem,) = caught.value.problems
    assert problem.file == "graph.json" and problem.line == text[:at].count("\n") + 1
    assert "not UTF-8 text" in problem.message and "Latin-1" in problem.message
    # The same in an edge row of a KGX JSON Lines pair.
    texts = _kgx_texts(build_graph(load_dataset()))
    edges = texts["edges.jsonl"]
    at = edges.index("mitragynine", len(edges) // 2)
    files = _upload(texts)
    files = [
        (n, edges[:at].encode() + b"\xe9" + edges[at:].encode() if n == "edges.jsonl" else b)
        for n, b in files
    ]
    with pytest.raises(DatasetError) as caught:
        _taken(files)
    (problem,) = caught.value.problems
    assert problem.file == "edges.jsonl" and problem.line == edges[:at].count("\n") + 1
    assert "not UTF-8 text" in problem.message


def test_the_format_is_sniffed_in_the_same_characters_as_the_text_readers_sniff():
    """Named within the first 4,096 characters (not bytes): node-link JSON both ways; named
    only after them: neither way reads the file as node-link JSON."""
    document = json.loads(generate_node_link(build_graph(load_dataset())))
    graph_part = document.pop("graph")
    for pad, node_link in ((3000, True), (4200, False)):
        text = json.dumps({"padding": "\u00e9" * pad, "graph": graph_part, **document}, ensure_ascii=False)
        files = [("graph.json", text.encode("utf-8"))]
        assert len(text.encode("utf-8")) > len(text)  # two bytes for each e-acute
        try:
            imported, calls = _taken(files)
        except DatasetError:
            imported, calls = None, []
        assert bool(calls) is node_link, pad
        if node_link:
            assert imported.dataset == _general(files).dataset
        else:
            assert imported is None or imported.format != "node-link JSON"


def test_kgx_jsonl_typed_equals_general(graph):
    texts = _kgx_texts(graph)
    assert typed.kgx_jsonl(_encoded(texts), Limits(), "x") is not None  # the typed way takes it
    quick, general = open_dataset(_upload(texts)), _general(_upload(texts))
    assert quick.dataset == general.dataset
    assert quick.report == general.report
    assert quick.format == general.format
    G, R = build_graph(quick.dataset), build_graph(general.dataset)
    assert list(G.edges(keys=True, data=True)) == list(R.edges(keys=True, data=True))
    assert list(G.nodes(data=True)) == list(R.nodes(data=True))


def _row_edit(line: int, edit):
    """An edit of edges.jsonl: ``edit(row)`` on the row of ``line`` (1-based)."""

    def apply(texts):
        lines = texts["edges.jsonl"].split("\n")
        row = json.loads(lines[line - 1])
        edit(row)
        lines[line - 1] = json.dumps(row)
        texts["edges.jsonl"] = "\n".join(lines)

    return apply


def _set(path, value):
    def edit(row):
        target = row
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def _without_sources(texts) -> str:
    meta = json.loads(texts["metadata.json"])
    del meta["sources"]
    return json.dumps(meta)


def _both(*edits):
    def apply(texts):
        for edit in edits:
            edit(texts)

    return apply


# Edits of a clean file: taken by the typed way (True) or left to the general reader (False),
# which reads them (with or without a warning). Either way, the same import.
EDITS = [
    pytest.param(
        _row_edit(5, lambda row: row.update(subject=" " + row["subject"] + " ")), False, id="subject-padded"
    ),
    pytest.param(_row_edit(4, lambda row: row.update(extra_column="x")), False, id="unknown-column"),
    pytest.param(
        _row_edit(6, lambda row: row["kme_evidence"][0].update(text=row["kme_evidence"][0]["text"] + " ")),
        False,
        id="evidence-text-padded",
    ),
    pytest.param(
        _row_edit(3, lambda row: row.update(predicate="biolink:gene_associated_with_condition")),
        False,
        id="predicate-generalised",
    ),
    pytest.param(
        lambda texts: texts.update(
            {"nodes.jsonl": texts["nodes.jsonl"] + texts["nodes.jsonl"].split("\n")[0]}
        ),
        False,
        id="node-row-repeated",
    ),
    pytest.param(
        lambda texts: texts.update(
            {"edges.jsonl": texts["edges.jsonl"] + texts["edges.jsonl"].split("\n")[0]}
        ),
        True,
        id="edge-row-repeated-merged",
    ),
    pytest.param(
        lambda texts: texts.update({"edges.jsonl": texts["edges.jsonl"].replace("\n", "\n\n  \n", 3)}),
        True,
        id="blank-lines",
    ),
    # A source record on a row whose id is known already is passed over, read or not.
    pytest.param(
        _row_edit(2, lambda row: row["kme_sources"][0].update(citation="Another citation")),
        True,
        id="known-source-record-differs",
    ),
    pytest.param(
        _row_edit(2, lambda row: row["kme_sources"][0].update(verification="bogus", extra=1)),
        True,
        id="known-source-record-malformed",
    ),
    # With no register in metadata.json, the rows' records are the sources (first of each id).
    pytest.param(
        lambda texts: texts.update({"metadata.json": _without_sources(texts)}),
        True,
        id="sources-on-rows-only",
    ),
    pytest.param(
        _both(
            lambda texts: texts.update({"metadata.json": _without_sources(texts)}),
            _row_edit(3, lambda row: row["kme_sources"][0].update(citation="Another citation")),
        ),
        True,
        id="sources-on-rows-only-first-record-kept",
    ),
]


@pytest.mark.parametrize("edit, taken", EDITS)
def test_an_edited_file_imports_as_the_general_reader_imports_it(edit, taken):
    G = build_graph(validate_raw(generate(120, seed=2)))
    texts = _kgx_texts(G)
    edit(texts)
    assert (typed.kgx_jsonl(_encoded(texts), Limits(), "x") is not None) is taken
    quick, general = open_dataset(_upload(texts)), _general(_upload(texts))
    assert quick.dataset == general.dataset
    assert quick.report == general.report


def _in_silico_texts(directness: str | None) -> dict[str, str]:
    """A KGX pair of two edges, the second with an in_silico item (giving ``directness`` or none)."""
    G = build_graph(validate_raw(generate(120, seed=2)))
    texts = _kgx_texts(G)
    lines = texts["edges.jsonl"].split("\n")
    row = json.loads(lines[1])
    item = {"type": "in_silico", "source": row["kme_evidence"][0]["source"], "text": "Docked in a model."}
    if directness:
        item["directness"] = directness
    row["kme_evidence"].append(item)
    row["kme_evidence"][0]["directness"] = "indirect"
    lines[1] = json.dumps(row)
    texts["edges.jsonl"] = "\n".join(lines)
    return texts


@pytest.mark.parametrize(
    "directness, taken",
    [
        pytest.param(None, True, id="in-silico-default-prediction"),
        pytest.param("prediction", True, id="in-silico-given-prediction"),
        pytest.param("direct", False, id="in-silico-given-direct"),
    ],
)
def test_an_in_silico_items_directness_is_read_as_the_general_reader_reads_it(directness, taken):
    texts = _in_silico_texts(directness)
    assert (typed.kgx_jsonl(_encoded(texts), Limits(), "x") is not None) is taken
    if not taken:
        with pytest.raises(DatasetError) as quick_error:
            open_dataset(_upload(texts))
        with pytest.raises(DatasetError) as general_error:
            _general(_upload(texts))
        assert quick_error.value.problems == general_error.value.problems
        assert [(p.line, p.field) for p in quick_error.value.problems] == [(2, "directness")]
        return
    quick, general = open_dataset(_upload(texts)), _general(_upload(texts))
    assert quick.dataset == general.dataset
    items = [ev for e in quick.dataset.edges for ev in e.evidence if ev.type.value == "in_silico"]
    assert [ev.directness.value for ev in items][-1] == "prediction"


@pytest.mark.parametrize(
    "line, edit, field, message",
    [
        pytest.param(
            7,
            _set(["kme_evidence", 0, "type"], "invitro"),
            "type",
            "'invitro' is not one of",
            id="unknown-evidence-type",
        ),
        pytest.param(
            12,
            _set(["kme_evidence", 0, "negated"], "maybe"),
            "negated",
            "must be true or false",
            id="bad-flag",
        ),
        pytest.param(
            9, _set(["kme_evidence", 0, "text"], ""), "text", "must not be empty", id="empty-evidence-text"
        ),
    ],
)
def test_a_malformed_row_among_clean_ones_is_located_at_its_line(line, edit, field, message):
    G = build_graph(validate_raw(generate(120, seed=2)))
    texts = _kgx_texts(G)
    _row_edit(line, edit)(texts)
    assert typed.kgx_jsonl(_encoded(texts), Limits(), "x") is None
    with pytest.raises(DatasetError) as error:
        open_dataset(_upload(texts))
    problems = error.value.problems
    assert [(p.file, p.line, p.field) for p in problems] == [("edges.jsonl", line, field)]
    assert message in problems[0].message


def test_a_malformed_source_record_read_first_on_a_row_is_located_at_its_line():
    # No register in metadata.json: the first record of each source id, on an edge row, is
    # the source; a malformed one is the general reader's to report, at its line.
    G = build_graph(validate_raw(generate(120, seed=2)))
    texts = _kgx_texts(G)
    texts["metadata.json"] = _without_sources(texts)
    _row_edit(1, lambda row: row["kme_sources"][0].update(verification="bogus"))(texts)
    assert typed.kgx_jsonl(_encoded(texts), Limits(), "x") is None
    with pytest.raises(DatasetError) as error:
        open_dataset(_upload(texts))
    first, *others = error.value.problems
    assert (first.file, first.line, first.field) == ("edges.jsonl", 1, "verification")
    assert "'bogus' is not one of" in first.message
    # Each item citing the source it could not read is reported too, where it is.
    assert others and {(p.file, p.field) for p in others} == {("edges.jsonl", "source")}
    assert all(p.line and "is not a source id" in p.message for p in others)


def test_a_malformed_node_link_edge_is_located_at_its_entry():
    G = build_graph(validate_raw(generate(120, seed=2)))
    data = json.loads(generate_node_link(G))
    data["edges"][4]["evidence"][1]["species"] = "martian"
    text = json.dumps(data)
    assert typed.node_link_dataset(text.encode("utf-8"), Limits(), FORMAT) is None
    with pytest.raises(DatasetError) as error:
        open_dataset([("graph.json", text.encode("utf-8"))])
    (problem,) = error.value.problems
    edge = data["edges"][4]
    assert problem.file == "graph.json (edges)"
    assert problem.entry == f"edge #5 ({edge['source']} -{edge['key']}-> {edge['target']}) evidence #2"
    assert problem.field == "species"
    assert "'martian' is not one of" in problem.message


# Seeded edits of the shipped data's own files: each replaces a field (with an empty, padded,
# NUL-bearing, over-long, mistyped or foreign value), drops one, adds an unknown one or
# repeats an entry. Whatever the typed way takes must equal what the general reader makes
# of the same file, and whatever it declines is the general reader's (with its located
# problems). The same edits on every run.
ODD_VALUES = ["", " x", "x ", "a\x00b", "X" * 5000, None, 5, [], {}, "HP:0000001", "in_silico", "prediction"]


def _edited(document, rng: random.Random):
    """A copy of ``document`` (parsed JSON) with one seeded edit somewhere inside it."""
    document = copy.deepcopy(document)
    parent, key = None, None
    node = document
    for _ in range(rng.randint(1, 5)):
        if isinstance(node, dict) and node:
            parent, key = node, rng.choice(sorted(node))
        elif isinstance(node, list) and node:
            parent, key = node, rng.randrange(min(len(node), 4))
        else:
            break
        node = parent[key]
    if parent is None:
        return document
    roll = rng.random()
    if roll < 0.6:
        old = parent[key]
        if isinstance(old, str) and rng.random() < 0.5:
            parent[key] = old + rng.choice([" ", "\x00", "  y"])
        else:
            parent[key] = rng.choice(ODD_VALUES)
    elif isinstance(parent, dict):
        if roll < 0.8:
            del parent[key]
        else:
            parent["unknown_field"] = "z"
    else:
        parent.append(copy.deepcopy(parent[key]))
    return document


def _outcome(files, general: bool):
    try:
        imported = _general(files) if general else open_dataset(files)
    except DatasetError as exc:
        return "error", exc.problems
    return "ok", (imported.dataset, imported.report)


def _node_link_edits(rng):
    base = json.loads(generate_node_link(build_graph(load_dataset())))
    for _ in range(150):
        part = rng.choice(["nodes", "edges"])
        document = dict(base)
        document[part] = list(base[part])
        i = rng.randrange(len(document[part]))
        document[part][i] = _edited(document[part][i], rng)
        yield [("graph.json", json.dumps(document).encode("utf-8"))]


def _kgx_edits(rng):
    texts = _kgx_texts(build_graph(load_dataset()))
    for _ in range(150):
        name = rng.choice(["nodes.jsonl", "edges.jsonl"])
        lines = texts[name].rstrip("\n").split("\n")
        i = rng.randrange(len(lines))
        lines[i] = json.dumps(_edited(json.loads(lines[i]), rng))
        yield _upload({**texts, name: "\n".join(lines) + "\n"})


@pytest.mark.parametrize(
    "edits, taker",
    [
        pytest.param(_node_link_edits, "node_link_dataset", id="node-link"),
        pytest.param(_kgx_edits, "kgx_jsonl", id="kgx-jsonl"),
    ],
)
def test_seeded_edits_import_as_the_general_reader_imports_them(edits, taker):
    taken = declined = 0
    real = getattr(typed, taker)

    def counted(*args, **kwargs):
        nonlocal taken, declined
        out = real(*args, **kwargs)
        taken, declined = taken + (out is not None), declined + (out is None)
        return out

    for n, files in enumerate(edits(random.Random(5))):
        with mock.patch.object(typed, taker, counted):
            quick = _outcome(files, general=False)
        assert quick == _outcome(files, general=True), f"edit {n}"
    # Both ways were exercised: edited files the typed way took, and ones it left.
    assert taken >= 20 and declined >= 20, (taken, declined)
