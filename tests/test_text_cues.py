"""Relation cues, hedges and negation scopes."""

from __future__ import annotations

import pytest

from graph.text.cues import CueKind, find_cues
from graph.text.link import link_sentence
from graph.vocab import Predicate


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
