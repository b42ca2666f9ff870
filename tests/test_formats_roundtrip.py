"""Generated round trip over the registry, and a format added by one module plus one registry line.

Every registered format with both a reader and a writer writes the embedded graph, reads it
back through :func:`graph.formats.open_dataset`, and must give the same node ids, edge keys
and evidence counts. ``LinesFormat`` below is a format defined here only: registering it is
enough for the CLI's ``export`` choices and ``--data``, the app's upload types and the
round trip to take it up.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping

import networkx as nx
import pytest

from graph import build_graph
from graph.cli import build_parser, main
from graph.errors import DatasetError, Problem
from graph.formats import open_dataset
from graph.formats.files import fail
from graph.formats.limits import DEFAULT_LIMITS, Limits
from graph.formats.located import Origin, RawDataset
from graph.formats.records import dataset_record, evidence_record, exported, node_record, source_record
from graph.formats.registry import FORMATS, Format, readers, upload_types, writers
from graph.formats.report import Imported
from graph.query import Selection
from ui.importer import accepted_types

# Flattened formats keep citations, not evidence items: tests/test_formats_generic.py opens them.
ROUND_TRIP = [
    pytest.param(f.name, id=f.name) for f in FORMATS.values() if f.reader and f.writer and not f.flattened
]


def summary(G: nx.MultiDiGraph) -> tuple:
    """What a round trip must keep: node ids, edge keys and each edge's evidence count."""
    return (
        sorted(G.nodes),
        sorted(G.edges(keys=True)),
        {(u, v, k): len(d["evidence"]) for u, v, k, d in G.edges(keys=True, data=True)},
    )


def round_trip(spec: Format, G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` written in ``spec`` and opened again by the front door, as an upload of that file."""
    data = spec.write(G)
    return build_graph(open_dataset([(spec.filename("kratom"), data)], strict=True).dataset)


def test_some_formats_round_trip():
    assert {"node-link", "kgx-jsonl", "kgx-tsv", "csv"} <= {p.values[0] for p in ROUND_TRIP}


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_every_reader_and_writer_pair_round_trips_the_embedded_graph(name, kratom_graph):
    back = round_trip(FORMATS[name], kratom_graph)
    assert summary(back) == summary(kratom_graph)


# --- a format defined in the tests: one module's worth of code, one registry line ---------


def lines_sniff(texts: Mapping[str, str]) -> bool:
    return any(name.endswith(".lines") for name in texts)


def lines_read(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """One JSON record a line, tagged by its part: ``dataset {...}``, ``source {...}``, ``node {...}``, ``edge {...}``."""
    raw = RawDataset()
    problems = []
    for name, text in texts.items():
        for number, line in enumerate(text.splitlines(), 1):
            tag, _, record = line.partition(" ")
            origin = Origin(f"{display}{name}", number)
            if tag == "dataset":
                raw.dataset, raw.dataset_origin = json.loads(record), origin
            elif tag in ("source", "node", "edge"):
                raw.add(f"{tag}s", json.loads(record), origin)
            elif line.strip():
                problems.append(Problem(file=origin.file, line=number, message=f"unknown tag {tag!r}"))
    fail(problems)
    dataset = raw.validate(strict)
    return Imported(dataset, "tagged lines", raw.report(dataset))


def lines_write(G: nx.MultiDiGraph, selection: Selection | None = None, **_options) -> bytes:
    part = exported(G, selection)
    out = [f"dataset {json.dumps(dataset_record(G))}"]
    out += [f"source {json.dumps(source_record(s))}" for s in part.sources]
    out += [f"node {json.dumps(node_record(G, n))}" for n in part.nodes]
    for u, v, k in part.edges:
        evidence = [evidence_record(ev) for ev in G.edges[u, v, k]["evidence"]]
        out.append(f"edge {json.dumps({'subject': u, 'predicate': k, 'object': v, 'evidence': evidence})}")
    return ("\n".join(out) + "\n").encode("utf-8")


LINES = Format(
    name="lines",
    label="Tagged lines",
    extensions=(".lines",),
    media_type="text/plain",
    reads=(".lines",),
    sniff=lines_sniff,
    reader=lines_read,
    writer=lines_write,
    description="one tagged JSON record a line (a format defined in the tests)",
)


@pytest.fixture
def lines_registered(monkeypatch):
    monkeypatch.setitem(FORMATS, LINES.name, LINES)  # the one registry line
    return LINES


def test_a_registered_format_is_offered_everywhere(lines_registered):
    assert lines_registered in readers() and lines_registered in writers()
    assert ".lines" in upload_types() and "lines" in accepted_types()
    subcommands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    export = subcommands.choices["export"]
    assert "lines" in next(a.choices for a in export._actions if a.dest == "format")
    assert "lines" in next(a.help for a in export._actions if a.dest == "data")


def test_a_registered_format_round_trips(lines_registered, kratom_graph):
    back = round_trip(lines_registered, kratom_graph)
    assert summary(back) == summary(kratom_graph)


def test_a_registered_format_works_in_the_cli(lines_registered, kratom_graph, tmp_path, capsys):
    out = tmp_path / "kratom.lines"
    assert main(["export", "--format", "lines", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["stats", "--json", "--data", str(out)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (stats["nodes"], stats["edges"]) == (
        kratom_graph.number_of_nodes(),
        kratom_graph.number_of_edges(),
    )


def test_a_registered_format_locates_its_problems(lines_registered):
    text = 'dataset {"name": "x", "version": "1"}\nnode {"id": "X:1", "label": "one", "kind": "protein"}\n'
    with pytest.raises(DatasetError) as info:
        open_dataset([("bad.lines", text.encode() + b"nod {}\n")])
    assert "bad.lines:3: unknown tag 'nod'" in str(info.value)
    with pytest.raises(DatasetError) as info:
        open_dataset([("bad.lines", text.encode())])
    assert "bad.lines:2: node 'X:1': kind: 'protein' is not one of" in str(info.value)
