"""Entity mentions and sentence splitting: the hard cases, one test each."""

from __future__ import annotations

import pytest

from graph.text.mentions import find_mentions, matcher_for
from graph.text.sentences import split_sentences

MG, OH, MOR, KOR, DOR = (
    "PUBCHEM.COMPOUND:3034396",
    "PUBCHEM.COMPOUND:44301524",
    "UniProtKB:P35372",
    "UniProtKB:P41145",
    "UniProtKB:P41143",
)


def nodes(G, text):
    return [n for m in find_mentions(G, text) for n in m.nodes]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("binds the μ-opioid receptor", id="greek-mu"),
        pytest.param("binds the µ-opioid receptor", id="micro-sign"),
        pytest.param("binds the mu opioid receptor", id="spelled-space"),
        pytest.param("binds the Mu-Opioid Receptor", id="case"),
        pytest.param("binds MOR", id="abbreviation"),
        pytest.param("a mu-opioid agonist", id="without-receptor"),
    ],
)
def test_mu_opioid_receptor_variants(kratom_graph, text):
    assert nodes(kratom_graph, text) == [MOR]


def test_7oh_abbreviations_are_7_hydroxymitragynine(kratom_graph):
    found = find_mentions(kratom_graph, "7-OH, 7-OH-MG and 7-hydroxymitragynine")
    assert [m.nodes for m in found] == [(OH,), (OH,), (OH,)]
    assert [m.text for m in found] == ["7-OH", "7-OH-MG", "7-hydroxymitragynine"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("MORE research is needed", id="MORE"),
        pytest.param("more research is needed", id="more"),
        pytest.param("a dose of 10 mg/kg", id="mg-unit"),
        pytest.param("SMG and MGS are not names", id="mg-inside-token"),
        pytest.param("Pain affects millions.", id="bare-pain"),
    ],
)
def test_no_false_mentions(kratom_graph, text):
    assert nodes(kratom_graph, text) == []


def test_mg_only_as_a_token(kratom_graph):
    assert nodes(kratom_graph, "MG (10 mg/kg) was given") == [MG]


def test_generic_opioid_receptors_mention_all_three(kratom_graph):
    (m,) = find_mentions(kratom_graph, "its interaction with opioid receptors")
    assert set(m.nodes) == {MOR, KOR, DOR} and m.group == "opioid receptor"


def test_longest_match_wins_and_no_overlap(kratom_graph):
    found = find_mentions(kratom_graph, "mitragynine pseudoindoxyl and mu-opioid receptor")
    assert [m.text for m in found] == ["mitragynine pseudoindoxyl", "mu-opioid receptor"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_offsets_point_into_text(kratom_graph):
    text = "Kratom’s alkaloid 7-OH binds κ-opioid receptors."
    for m in find_mentions(kratom_graph, text):
        assert text[m.start : m.end] == m.text


def test_matcher_is_cached_per_graph(kratom_graph, tiny_graph):
    assert matcher_for(kratom_graph) is matcher_for(kratom_graph)
    assert matcher_for(tiny_graph) is not matcher_for(kratom_graph)


def test_sentences_keep_offsets_and_lines():
    text = "Kratom contains MG. It binds MOR.\n\n- Heading without period\nDr. Smith agrees."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Kratom contains MG.",
        "It binds MOR.",
        "- Heading without period",
        "Dr. Smith agrees.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_markdown_markers_are_outside_the_span():
    text = "## The science\n> Mitragynine binds MOR."
    assert [s.text for s in split_sentences(text, markdown=True)] == ["The science", "Mitragynine binds MOR."]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("MG acts on the same receptors as opioids.", (MOR, KOR, DOR), id="as-opioids"),
        pytest.param("MG acts on the same receptors as opiates do.", (MOR, KOR, DOR), id="opiate-older-name"),
        pytest.param(
            "MG acts on the same brain receptors that opioid drugs act on.", (MOR, KOR, DOR), id="that-clause"
        ),
        pytest.param("MG acts on the same receptors as caffeine.", None, id="unknown-class"),
    ],
)
def test_receptors_named_for_a_drug_class(kratom_graph, text, expected):
    from graph.text.link import link_sentence

    links = link_sentence(kratom_graph, text)
    named = [m for m in links.mentions if "same" in m.text]
    if expected is None:
        assert named == []
    else:
        (m,) = named
        assert set(m.nodes) == set(expected) and m.group == "opioid receptor"
