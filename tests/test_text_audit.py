"""Claim audit: verdict rules on the tiny dataset, and the seed article on the real one."""

from __future__ import annotations

import json

import pytest

from graph.cli import main
from graph.load import DEFAULT_DATA_DIR
from graph.text.audit import Verdict, audit_document, audit_to_json, format_text, grade_edge
from graph.text.evaluate import evaluate, load_labelled

SEED = DEFAULT_DATA_DIR / "documents" / "000_cc0595c1cbfd4a18.txt"


@pytest.fixture(scope="module")
def seed_audit(kratom_graph, kratom_dataset):
    text = SEED.read_text(encoding="utf-8")
    return audit_document(kratom_graph, text, SEED.name, documents=dict(kratom_dataset.documents))


def sentence(audit, start):
    return next(s for s in audit.sentences if s.links.sentence.text.startswith(start))


@pytest.mark.parametrize(
    "key, own, verdict",
    [
        pytest.param(("TEST:m", "TEST:r", "agonist"), (), Verdict.SUPPORTED, id="primary"),
        pytest.param(("TEST:plant", "TEST:a", "contains"), (), Verdict.WEAK, id="review-only"),
        pytest.param(
            ("TEST:a", "TEST:r", "antagonist"), ("DOC",), Verdict.CONTRADICTED, id="negated-primary"
        ),
        pytest.param(("TEST:a", "TEST:pain", "causes"), ("DOC",), Verdict.UNSUPPORTED, id="own-claim"),
        pytest.param(("TEST:a", "TEST:pain", "causes"), (), Verdict.UNSUPPORTED, id="other-claim"),
    ],
)
def test_edge_grades(tiny_graph, key, own, verdict):
    assert grade_edge(tiny_graph, key, own).verdict is verdict


def test_own_document_is_recognised_by_name_and_by_text(tiny_graph):
    text = "Alkaloid A blocks receptor R and relieves pain."
    assert audit_document(tiny_graph, text, "article.txt").own_sources == {"DOC"}
    # a renamed copy is still the same document (verbatim quote of at least 40 characters)
    assert audit_document(tiny_graph, text, "renamed.txt").own_sources == {"DOC"}
    assert (
        audit_document(tiny_graph, "Metabolite M activates receptor R.", "x.txt").own_sources == frozenset()
    )


def test_negated_sentence_flips_support(tiny_graph):
    audit = audit_document(tiny_graph, "Metabolite M did not activate receptor R.", "x.txt")
    assert audit.sentences[0].verdict is Verdict.CONTRADICTED


def test_no_entity_sentence_has_no_verdict(tiny_graph):
    audit = audit_document(tiny_graph, "The weather was fine.", "x.txt")
    assert audit.sentences[0].verdict is None and audit.summary["no_claim"] == 1


@pytest.mark.parametrize(
    "start, reason",
    [
        pytest.param("Chronic pain is a pervasive challenge", "not a claim", id="outcomes-only-no-agent"),
        pytest.param(
            "As with any treatment, individual responses to kratom",
            "advice or a research agenda, not a claim",
            id="advice",
        ),
        pytest.param(
            "It is important for individuals considering kratom",
            "advice or a research agenda, not a claim",
            id="advice-consult",
        ),
    ],
)
def test_seed_sentence_without_a_relation_gets_no_verdict(seed_audit, start, reason):
    s = sentence(seed_audit, start)
    assert s.verdict is None and s.reason == reason


# --- the seed article against the real dataset (done-when targets of issue 5) ---------------


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(
            "The analgesic effects of these alkaloids seem to arise from a dual mechanism", id="nmda-dual"
        ),
        pytest.param("The effects are thought to be mediated through a combination", id="nmda-combination"),
        pytest.param("This dual action may contribute", id="dual-action"),
        pytest.param("The recent study on mice with stress-induced colitis", id="colitis-study"),
        pytest.param("mitric (MIT)-controlled, stress-induced colitis", id="colitis-mice"),
        pytest.param(
            "The study indicated that kratom, specifically the alkaloid 7-hydroxymitragynine",
            id="colitis-7oh",
        ),
    ],
)
def test_seed_unsupported_claims(seed_audit, start):
    s = sentence(seed_audit, start)
    assert s.verdict in (Verdict.UNSUPPORTED, Verdict.WEAK)
    assert s.evidence, "the verdict must carry the evidence that decided it"
    assert all(
        ref.own or ref.type.value in ("claim", "review", "regulatory") or ref.indirect for ref in s.evidence
    )


def test_seed_nmda_sentence_grades_each_relation(seed_audit):
    s = sentence(seed_audit, "The analgesic effects of these alkaloids seem to arise")
    by_verdict = {r.verdict for r in s.relations if r.asserted}
    assert Verdict.SUPPORTED in by_verdict  # the opioid half
    assert Verdict.UNSUPPORTED in by_verdict  # the NMDA half
    assert "GO:0017146|mediates|GO:1904057" in {ref.edge for ref in s.evidence}
    assert s.links.hedged


@pytest.mark.parametrize(
    "start",
    [
        pytest.param("The efficacy of kratom in pain relief is attributed", id="opioid-body"),
        pytest.param("Furthermore, preclinical research", id="preclinical"),
    ],
)
def test_seed_supported_claims(seed_audit, start):
    s = sentence(seed_audit, start)
    assert s.verdict is Verdict.SUPPORTED
    assert any(ref.type.is_primary and not ref.own and not ref.negated for ref in s.evidence)


# The seed article's chronic-pain, cognition and well-being sentences: the graph's evidence
# is about experimental pain, rats' anxiety-like behaviour and what users say they take it
# for, so none of them is graded supported (the sentence numbers of the data review, 1-based).
@pytest.mark.parametrize(
    "start",
    [
        pytest.param("Kratom, a substance derived from the Mitragyna speciosa tree", id="s1-chronic-pain"),
        pytest.param("Its key alkaloids, mitragynine and 7-hydroxymitragynine", id="s2-cognitive-function"),
        pytest.param("Users report improved overall well-being", id="s3-well-being"),
        pytest.param("Emerging discussions surround Kratom", id="s10-pain-management"),
        pytest.param("This article delves into the multifaceted role", id="s11-chronic-symptoms"),
        pytest.param("We explore the scientific underpinnings", id="s12-holistic-chronic"),
        pytest.param("Join us to uncover how Kratom", id="s13-persistent-discomfort"),
        pytest.param("Studies have indicated that certain strains", id="strains-chronic-conditions"),
        pytest.param("This holistic approach to managing chronic pain", id="cognitive-enhancement"),
        pytest.param("Kratom\u2019s role in chronic pain relief", id="s27-evolving"),
        pytest.param("The scientific evidence supporting its analgesic properties", id="s39-overstatement"),
        pytest.param("Kratom\u2019s potential as a component", id="s38-component"),
        pytest.param("By thoughtfully integrating kratom", id="s40-pain-care"),
        pytest.param("As research evolves, so too will our understanding", id="s42-well-being"),
    ],
)
def test_seed_outcome_claims_not_supported(seed_audit, start):
    assert sentence(seed_audit, start).verdict is not Verdict.SUPPORTED


@pytest.mark.parametrize("index", [13, 14, 16, 27], ids=["s14", "s15", "s17", "s28"])
def test_seed_headings_are_not_claims(seed_audit, index):
    s = seed_audit.sentences[index]
    assert s.links.heading and s.verdict is None and "heading" in s.reason


def test_seed_alkaloids_present_in_leaves(seed_audit):
    # "present in kratom leaves, namely mitragynine and 7-hydroxymitragynine": the analgesia
    # relations are supported; 7-OH being *in the leaf* rests on reviews only (a trace constituent)
    s = sentence(seed_audit, "The alkaloids present in kratom leaves")
    assert s.verdict in (Verdict.SUPPORTED, Verdict.WEAK)
    analgesia = [r for r in s.relations if "GO:1904057" in r.relation.nodes[1]]
    assert analgesia and all(r.verdict is Verdict.SUPPORTED for r in analgesia)


def test_seed_own_claims_never_count(seed_audit):
    assert seed_audit.own_sources == {"SEED"}
    for s in seed_audit.sentences:
        if s.verdict is Verdict.SUPPORTED:
            assert not any(ref.own for ref in s.evidence)


def test_json_shape(kratom_graph, seed_audit):
    data = json.loads(json.dumps(audit_to_json(kratom_graph, seed_audit)))
    text = SEED.read_text(encoding="utf-8")
    assert sum(data["summary"].values()) == len(data["sentences"])
    for s in data["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
        for e in s["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]
        assert {"verdict", "entities", "edges", "evidence", "hedged", "negated", "candidates"} <= set(s)
        for edge in s["edges"]:
            assert {"id", "relation", "best_evidence", "confidence", "verdict"} <= set(edge)


def test_text_report_lists_verdicts(kratom_graph, seed_audit):
    out = format_text(kratom_graph, seed_audit)
    assert "UNSUPPORTED" in out and "SUPPORTED" in out and "summary:" in out


def test_hostile_text_stays_plain_data(kratom_graph):
    text = "<script>alert(1)</script> Mitragynine <img src=x onerror=alert(1)> binds MOR. javascript:alert(1)"
    data = audit_to_json(kratom_graph, audit_document(kratom_graph, text, "evil.md"))
    assert data["sentences"][0]["text"].startswith("<script>")  # returned verbatim, as data
    assert any(s["verdict"] == "supported" for s in data["sentences"])


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_audit(capsys, fmt):
    assert main(["audit", str(SEED), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["document"] == SEED.name
    else:
        assert out.startswith("Claim audit of")


def test_cli_audit_refuses_bad_file(tmp_path, capsys):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF")
    assert main(["audit", str(bad)]) == 1
    assert "only .txt and .md" in capsys.readouterr().err


# --- the labelled sentence set ---------------------------------------------------------------


@pytest.fixture(scope="module")
def report(kratom_graph):
    return evaluate(kratom_graph, load_labelled())


def test_labelled_set_is_large_and_valid(report):
    assert report.sentences >= 60
    assert report.label_errors == ()


@pytest.mark.parametrize(
    "facet, precision, recall",
    [
        # measured 2026-11-25 on data/ (70 sentences): entities P 1.000 R 0.981; links P 1.000 R 0.974
        pytest.param("entities", 0.95, 0.95, id="entities"),
        pytest.param("links", 0.95, 0.93, id="links"),
    ],
)
def test_precision_recall_thresholds(report, facet, precision, recall):
    score = getattr(report, facet)
    assert score.precision >= precision and score.recall >= recall, score


def test_cli_audit_eval(capsys):
    assert main(["audit-eval"]) == 0
    assert "entities" in capsys.readouterr().out
