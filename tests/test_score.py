"""The confidence model: restatements count once, non-findings and claims do not count,
indirect items weigh less, predictions are never primary; the breakdown explains the number."""

from __future__ import annotations

import pytest

from graph.model import Evidence, Source
from graph.score import TYPE_WEIGHT, describe, explain_score, root_source
from graph.vocab import Directness, EvidenceType, Relevance, Verification

T = EvidenceType


def sources(**restates) -> dict[str, Source]:
    return {
        sid: Source(
            id=sid,
            citation=sid,
            pmid=str(i + 1),
            verification=Verification.PRIMARY,
            restates=restates.get(sid),
        )
        for i, sid in enumerate(("A", "B", "C"))
    }


def ev(source: str, etype: EvidenceType = T.IN_VITRO, **kw) -> Evidence:
    return Evidence(type=etype, source=source, text=f"{source} {etype.value}", **kw)


def test_a_restatement_counts_once():
    items = [ev("A"), ev("B", T.REVIEW)]
    assert explain_score(items, sources()).confidence == pytest.approx(0.6)  # two sources
    b = explain_score(items, sources(B="A"))
    assert b.confidence == 0.5
    assert [(c.source, c.pooled) for c in b.counted] == [("A", ("B",))]
    assert "restates A" in b.not_counted[0].reason


def test_an_item_restating_another_source_counts_once_with_it():
    items = [ev("A"), ev("B", T.REVIEW, restates="A"), ev("B", T.HUMAN_TRIAL)]
    b = explain_score(items, sources())
    # B's own trial item counts; its review item repeating A's finding is pooled with A.
    assert b.confidence == pytest.approx(1 - 0.5 * 0.4)
    assert {c.source for c in b.counted} == {"A", "B"}


def test_a_restatement_never_weighs_more_than_what_it_restates():
    # A regulator repeating a computational model is still the model.
    items = [ev("A", T.IN_SILICO, directness=Directness.PREDICTION), ev("B", T.REGULATORY, restates="A")]
    b = explain_score(items, sources())
    assert b.confidence == TYPE_WEIGHT[T.IN_SILICO]
    assert b.not_counted[0].reason == "restates A: counted once with it"


def test_restatement_chains_end_in_one_root():
    assert root_source("C", sources(C="B", B="A")) == "A"
    assert explain_score([ev("A"), ev("B"), ev("C")], sources(C="B", B="A")).confidence == 0.5


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(ev("B", T.REGULATORY, relevance=Relevance.NO_FINDING), id="notice-adds-nothing"),
        pytest.param(
            ev("B", T.REGULATORY, relevance=Relevance.NO_FINDING, negated=False),
            id="no-reliable-evidence-not-against",
        ),
        pytest.param(ev("C", T.CLAIM), id="claim-adds-nothing"),
    ],
)
def test_items_without_a_finding_are_shown_not_counted(extra):
    b = explain_score([ev("A"), extra], sources())
    assert b.confidence == 0.5
    assert [n.evidence for n in b.not_counted] == [extra]


def test_absence_of_evidence_is_not_a_contradiction():
    # Encoded as a contradiction the same statement would cut the score to 0.5 x 0.8.
    negated = explain_score([ev("A"), ev("B", T.REGULATORY, negated=True)], sources()).confidence
    absent = explain_score(
        [ev("A"), ev("B", T.REGULATORY, relevance=Relevance.NO_FINDING)], sources()
    ).confidence
    assert (negated, absent) == (pytest.approx(0.4), 0.5)


@pytest.mark.parametrize(
    "directness, expected",
    [
        pytest.param(Directness.DIRECT, 0.5, id="direct"),
        pytest.param(Directness.INDIRECT, 0.25, id="indirect-halved"),
    ],
)
def test_directness_lowers_the_weight(directness, expected):
    b = explain_score([ev("A", T.ANIMAL, directness=directness)], sources())
    assert b.confidence == expected


def test_an_indirect_assay_scores_below_a_direct_one():
    direct = explain_score([ev("A", T.IN_VITRO)], sources()).confidence
    indirect = explain_score([ev("A", T.ANIMAL, directness=Directness.INDIRECT)], sources()).confidence
    assert indirect < direct


def test_predictions_are_never_primary_and_weigh_least():
    assert not T.IN_SILICO.is_primary
    assert TYPE_WEIGHT[T.IN_SILICO] < min(
        w for t, w in TYPE_WEIGHT.items() if t is not T.CLAIM and t is not T.IN_SILICO
    )
    b = explain_score([ev("A", T.IN_SILICO, directness=Directness.PREDICTION)], sources())
    assert b.confidence == TYPE_WEIGHT[T.IN_SILICO]


def test_secondary_items_are_halved_and_the_breakdown_says_so():
    b = explain_score(
        [ev("A", verification=Verification.SECONDARY), ev("B", T.ANIMAL, negated=True)], sources()
    )
    assert b.support == 0.25 and b.confidence == pytest.approx(0.125)
    text = "\n".join(describe(b))
    assert "for: [A] weight 0.25 = in_vitro 0.5 secondary x0.5" in text
    assert "against: [B] weight 0.5 = animal 0.5" in text
    assert "confidence = support x (1 - 0.5) = 0.125" in text


def test_every_type_has_a_weight():
    assert set(TYPE_WEIGHT) == set(EvidenceType)


# ------------------------------------------------ the scorer of many edges


SCORER_CASES = [
    pytest.param(lambda: [ev("A")], {}, id="one-item"),
    pytest.param(lambda: [ev("A"), ev("A", T.ANIMAL)], {}, id="same-source-twice"),
    pytest.param(lambda: [ev("A"), ev("B")], {"B": "A"}, id="source-restates-another"),
    pytest.param(lambda: [ev("B"), ev("C", restates="B")], {}, id="item-restates-a-source"),
    pytest.param(lambda: [ev("C", restates="A")], {}, id="only-a-restating-item"),
    pytest.param(lambda: [ev("A"), ev("B", negated=True)], {}, id="contradicted"),
    pytest.param(lambda: [ev("A", negated=True)], {}, id="only-against"),
    pytest.param(
        lambda: [ev("A", T.CLAIM), ev("B", relevance=Relevance.NO_FINDING)], {}, id="nothing-counted"
    ),
    pytest.param(
        lambda: [ev("A", directness=Directness.INDIRECT), ev("B", verification=Verification.SECONDARY)],
        {},
        id="discounted-items",
    ),
    pytest.param(lambda: [ev("A"), ev("Z")], {}, id="unknown-source"),
    pytest.param(lambda: [ev("A"), ev("B"), ev("C")], {"A": "B", "B": "A"}, id="restatement-loop"),
]


@pytest.mark.parametrize("items, restates", SCORER_CASES)
def test_scorer_gives_the_breakdowns_confidence(items, restates):
    from graph.score import Scorer

    register = sources(**restates)
    evidence = items()
    assert Scorer(register).confidence(evidence) == explain_score(evidence, register).confidence


@pytest.mark.parametrize("size", [pytest.param(0, id="embedded-data"), pytest.param(400, id="synthetic-400")])
def test_scorer_gives_the_breakdowns_confidence_on_every_edge(size):
    from bench.synthetic import generate
    from graph import load_dataset
    from graph.score import Scorer
    from graph.validate import validate_raw

    ds = load_dataset() if size == 0 else validate_raw(generate(size, seed=4))
    register = ds.source_by_id
    scorer = Scorer(register)
    assert [scorer.confidence(e.evidence) for e in ds.edges] == [
        explain_score(e.evidence, register).confidence for e in ds.edges
    ]
