"""Relation cues, hedges and negation scopes."""

from __future__ import annotations

import pytest

from graph.text.cues import (
    CueKind,
    asserts_harm,
    comparison_direction,
    find_combination,
    find_comparisons,
    find_cues,
    makes_comparison,
)
from graph.text.link import link_sentence
from graph.vocab import Polarity, Predicate


def kinds(text, kind):
    return [c.text for c in find_cues(text) if c.kind is kind]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Mitragynine may bind MOR.", ["may"], id="may"),
        pytest.param("It seems to arise from NMDA inhibition.", ["seems to"], id="seems-to"),
        pytest.param("This suggests an effect.", ["suggests"], id="suggests"),
        pytest.param("It is thought to act on MOR.", ["is thought"], id="is-thought"),
        pytest.param("Mitragynine binds MOR.", [], id="no-hedge"),
    ],
)
def test_hedges(text, expected):
    assert kinds(text, CueKind.HEDGE) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Mitragynine did not bind MOR.", ["did not"], id="did-not"),
        pytest.param("There is no evidence that it works.", ["no evidence"], id="no-evidence"),
        pytest.param("Kratom failed to relieve pain.", ["failed to"], id="failed-to"),
        pytest.param("not only pain but also mood", [], id="not-only-is-not-negation"),
        pytest.param("not just the reduction of pain", [], id="not-just-is-not-negation"),
    ],
)
def test_negations(text, expected):
    assert kinds(text, CueKind.NEGATION) == expected


def test_relation_cue_predicates():
    (cue,) = [c for c in find_cues("7-OH is a partial agonist") if c.kind is CueKind.RELATION]
    assert Predicate.PARTIAL_AGONIST in cue.predicates
    (block,) = [c for c in find_cues("it blocks the receptor") if c.kind is CueKind.RELATION]
    assert Predicate.ANTAGONIST in block.predicates


def test_negation_scope_is_the_clause(kratom_graph):
    links = link_sentence(kratom_graph, "Mitragynine produced analgesia without respiratory depression.")
    negated = {frozenset(r.nodes[0] + r.nodes[1]): r.negated for r in links.relations}
    assert negated[frozenset({"PUBCHEM.COMPOUND:3034396", "GO:1904057"})] is False
    assert negated[frozenset({"PUBCHEM.COMPOUND:3034396", "HP:0002791"})] is True


@pytest.mark.parametrize(
    "text, cue, sign",
    [
        pytest.param(
            "It frees patients from nausea.", "frees patients from", Polarity.NEGATIVE, id="frees-from"
        ),
        pytest.param("Kratom makes people talkative.", "makes people", Polarity.POSITIVE, id="makes-people"),
        pytest.param(
            "They say it makes them feel calm.", "makes them feel", Polarity.POSITIVE, id="makes-feel"
        ),
    ],
)
def test_effect_cues(text, cue, sign):
    found = [c for c in find_cues(text) if c.kind is CueKind.RELATION]
    assert [(c.text, c.sign) for c in found] == [(cue, sign)]


@pytest.mark.parametrize(
    "text, direction",
    [
        pytest.param("far more potent", "up", id="more"),
        pytest.param("a lower risk", "down", id="lower"),
        pytest.param("about 50-fold more weakly", "down", id="more-weakly"),
        pytest.param("safer", None, id="no-direction"),
    ],
)
def test_comparison_direction(text, direction):
    assert comparison_direction(text) == direction


@pytest.mark.parametrize(
    "evidence, comparator, direction, expected",
    [
        pytest.param(
            "X bound MOR 20-fold more weakly than morphine.", ("morphine",), "down", True, id="same-way"
        ),
        pytest.param(
            "X bound MOR 20-fold more weakly than morphine.", ("morphine",), "up", False, id="other-way"
        ),
        pytest.param("X was more potent than morphine.", ("mor",), None, False, id="short-name-whole-word"),
        pytest.param("X was more potent than MOR agonists.", ("mor",), None, True, id="short-name-found"),
    ],
)
def test_makes_comparison(evidence, comparator, direction, expected):
    assert makes_comparison(evidence, comparator, direction) is expected


def test_comparator_list_and_pairwise_comparison():
    (listed,) = find_comparisons("A is a more efficacious agonist than B-1 or 7-OH in cells.")
    assert listed.comparator == ("b-1", "7-oh")
    assert listed.comparator_span is not None and not listed.pairwise
    (pair,) = find_comparisons("A and B bind, and B is the more potent agonist of the two.")
    assert pair.pairwise and pair.comparator == ()


@pytest.mark.parametrize(
    "text, combination, harm",
    [
        pytest.param("Combining kratom with alcohol is risky.", True, True, id="combining-x-with"),
        pytest.param("Combine it with food.", True, False, id="combine-no-harm"),
        pytest.param("Kratom is harmful.", False, True, id="harm-no-combination"),
    ],
)
def test_combination_and_harm(text, combination, harm):
    assert bool(find_combination(text)) is combination
    assert bool(asserts_harm(text)) is harm
