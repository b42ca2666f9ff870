"""The command line: validate, stats, paths, and exit codes on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import EXIT_BAD_DATA, EXIT_UNKNOWN_NODE, main

ROOT = Path(__file__).resolve().parent.parent
TINY = str(Path(__file__).parent / "fixtures" / "tiny")


def test_validate_ok(capsys):
    assert main(["validate", TINY]) == 0
    assert capsys.readouterr().out.startswith("ok: Tiny fixture 0.1.0: 5 nodes, 6 edges, 9 evidence items")


def test_validate_broken_lists_every_problem(tiny_copy, capsys):
    edges = tiny_copy / "edges.yaml"
    edges.write_text(
        edges.read_text()
        .replace("predicate: contains", "predicate: nope")
        .replace("source: R1", "source: R404")
    )
    assert main(["validate", str(tiny_copy)]) == EXIT_BAD_DATA
    err = capsys.readouterr().err
    assert "2 problems found" in err
    assert "edges.yaml:1: edge #1 (TEST:plant -nope-> TEST:a): predicate: 'nope' is not one of:" in err
    assert "evidence #1: source: 'R404' is not a source id" in err


def test_stats_json(capsys):
    assert main(["stats", "--json", "--data", TINY]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert {"nodes", "edges", "evidence", "evidence_types", "node_kinds"} <= stats.keys()
    assert stats["evidence"] == sum(stats["evidence_types"].values()) == 9
    assert sum(stats["node_kinds"].values()) == stats["nodes"] == 5


def test_paths_by_label_lists_weakest_link(capsys):
    assert main(["paths", "leafy", "analgesia", "--data", TINY]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 path(s) from Leafy plant to analgesia")
    assert "weakest link: Leafy plant contains alkaloid A (confidence 0.10, best evidence: Review)" in out
    produce, oppose, unknown = (out.index(h) for h in ("WOULD PRODUCE", "WOULD OPPOSE", "SIGN UNKNOWN"))
    assert "antagonist" not in out[produce:oppose]
    assert "why: alkaloid A is an antagonist at the receptor R (-)" in out[oppose:unknown]


def test_kratom_paths_put_isopaynantheine_antagonism_under_oppose(capsys):
    assert main(["paths", "kratom", "analgesia", "--limit", "100"]) == 0
    out = capsys.readouterr().out
    oppose = out.index("WOULD OPPOSE")
    assert "-[antagonist]->" not in out[:oppose]
    assert "isopaynantheine -[antagonist]-> mu-opioid receptor -[mediates]->" in out[oppose:]


def test_paths_json_with_filter(capsys):
    assert (
        main(
            [
                "paths",
                "TEST:plant",
                "TEST:pain",
                "--json",
                "--data",
                TINY,
                "--evidence-types",
                "review,in_vitro,animal",
            ]
        )
        == 0
    )
    paths = json.loads(capsys.readouterr().out)
    # The claim-only edge is filtered out; the contested antagonist edge stays (its
    # negated in vitro item matches), ranked last by its zero-confidence weakest link.
    assert [p["weakest"] for p in paths] == ["TEST:plant|contains|TEST:a", "TEST:a|antagonist|TEST:r"]
    assert [p["group"] for p in paths] == ["would produce", "would oppose"]


def test_paths_accept_old_local_ids(capsys):
    assert main(["paths", "kratom", "KRATOM:seizures", "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith("1 path(s) from Mitragyna speciosa (kratom) to seizures")


def test_paths_unknown_node(capsys):
    assert main(["paths", "leafy", "nowhere", "--data", TINY]) == EXIT_UNKNOWN_NODE
    assert "no node with id or label 'nowhere'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text, first",
    [
        pytest.param("MOR", "mu-opioid receptor [UniProtKB:P35372]  (synonym: MOR)", id="synonym"),
        pytest.param("OPRM1", "mu-opioid receptor [UniProtKB:P35372]  (synonym: OPRM1)", id="gene"),
        pytest.param(
            "HGNC:8156", "mu-opioid receptor [UniProtKB:P35372]  (identifier: HGNC:8156)", id="curie"
        ),
        pytest.param(
            "KRATOM:htr1a",
            "5-HT1A receptor [UniProtKB:P08908]  (identifier: KRATOM:htr1a)",
            id="old-local-id",
        ),
    ],
)
def test_find_lists_best_match_first(capsys, text, first):
    assert main(["find", text]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"  1. {first}"


def test_find_json_and_no_match(capsys):
    assert main(["find", "7-OH", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "PUBCHEM.COMPOUND:44301524"
    assert main(["find", "no such thing"]) == EXIT_UNKNOWN_NODE
    assert "no node's id, label, synonym or identifier matches" in capsys.readouterr().err


def test_bad_filter_term_is_explained(capsys):
    with pytest.raises(SystemExit):
        main(["paths", "a", "b", "--evidence-types", "invitro"])
    assert "'invitro' is not one of: in_vitro" in capsys.readouterr().err


def test_module_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "graph", "validate", TINY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


@pytest.mark.parametrize(
    "drug, enzyme",
    [
        pytest.param("midazolam", "CYP3A4", id="midazolam"),
        pytest.param("dextromethorphan", "CYP2D6", id="dxm"),
    ],
)
def test_interactions_lists_sourced_routes(capsys, drug, enzyme):
    assert main(["interactions", drug]) == 0
    out = capsys.readouterr().out
    assert f"Mitragyna speciosa (kratom) -[inhibits]-> {enzyme} <-[substrate_of]- {drug}" in out
    assert f"predicted: {drug} exposure UP" in out
    assert "in_vitro [S24]" in out and "Interactions the data records directly: 1" in out


def test_interactions_json(capsys):
    assert main(["interactions", "ketoconazole", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["routes"] == []
    assert {r["exposure"] for r in out["reverse"]} == {"up"} and len(out["reverse"]) == 2


def test_explain_decomposes_the_score(capsys):
    assert main(["explain", "mitragynine", "antagonist", "kappa-opioid receptor"]) == 0
    out = capsys.readouterr().out
    assert "confidence 0.50" in out
    assert "for: [S1] (with restatement S31) weight 0.5 = in_vitro 0.5" in out
    assert "not counted: review [S31]: restates S1: counted once with it" in out


def test_explain_json_and_edge_key(capsys, kratom_graph):
    key = next(d["id"] for _, _, d in kratom_graph.edges(data=True) if d["confidence"] > 0)
    assert main(["explain", key, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (
        out["edge"] == key
        and out["confidence"]
        == kratom_graph.edges[key.split("|")[0], key.split("|")[2], key.split("|")[1]]["confidence"]
    )


def test_explain_unknown_edge(capsys):
    assert main(["explain", "TEST:x|binds|TEST:y", "--data", TINY]) == EXIT_UNKNOWN_NODE
    assert "no edge" in capsys.readouterr().err
