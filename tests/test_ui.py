"""UI helpers without Streamlit: escaping of data in markdown, URL view state."""

from __future__ import annotations

import pytest

from graph import EvidenceType, Species
from ui.panels import BADGE_COLOR
from ui.state import ViewState
from ui.text import md_escape, md_link


@pytest.mark.parametrize(
    "text, forbidden",
    [
        pytest.param("[x](javascript:alert(1))", "](", id="markdown-link"),
        pytest.param("![img](https://evil.example/x.png)", "![", id="markdown-image"),
        pytest.param("<script>alert(1)</script>", "<script>", id="script-tag"),
        pytest.param('<img src=x onerror="alert(1)">', "<img", id="event-handler"),
        pytest.param(":red[colour directive]", ":red[", id="streamlit-directive"),
    ],
)
def test_md_escape_neutralises(text, forbidden):
    assert forbidden not in md_escape(text)


def test_md_escape_heading_is_literal():
    assert md_escape("# heading").startswith("\\#")


def test_md_link_escapes_label_and_encodes_url():
    link = md_link("a](javascript:x)", "https://doi.org/10.1/a (b)")
    assert link.startswith("[a\\]\\(javascript\\:x\\)](")
    assert link.endswith("(https://doi.org/10.1/a%20%28b%29)")
    assert md_link("plain", None) == "plain"


def test_view_state_round_trip():
    state = ViewState(
        evidence_types=frozenset({EvidenceType.CLAIM, EvidenceType.ANIMAL}),
        species=frozenset({Species.RAT}),
        min_confidence=0.25,
        focus="X:1",
        hops=2,
        selected=("edge", "a|binds|b"),
        highlight=("a|binds|b", "b|inhibits|c"),
    )
    assert ViewState.from_query(state.to_query()) == state


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"types": "bogus,claim"}, id="unknown-term-dropped"),
        pytest.param({"minconf": "NaNx"}, id="bad-number"),
        pytest.param({"hops": "999"}, id="hops-clamped"),
        pytest.param({"types": "claim," * 10_000}, id="oversized"),
    ],
)
def test_view_state_ignores_malformed_params(params):
    state = ViewState.from_query(params)
    assert state.hops in range(1, 5) and 0.0 <= state.min_confidence <= 1.0
    assert state.evidence_types in (None, frozenset({EvidenceType.CLAIM}))


@pytest.mark.parametrize("etype", list(EvidenceType), ids=lambda t: t.value)
def test_every_evidence_type_has_a_badge(etype):
    from ui.panels import badge_markdown

    # A type missing from the table would raise KeyError in every panel that shows it.
    assert badge_markdown(etype).endswith(f"-badge[{etype.title}]")
    assert BADGE_COLOR[etype] in {
        "red",
        "orange",
        "yellow",
        "green",
        "blue",
        "violet",
        "gray",
        "grey",
        "primary",
    }


def test_every_facet_reaches_filters_url_cli_and_sidebar_alike():
    """graph.query.FACETS is the one table of filters of terms: a facet's terms set through the
    URL, the command line or the view state make the same Filters, and the import clears it."""
    import argparse
    import dataclasses

    from graph.commands import add_filter_arguments, filters_from_args
    from graph.query import FACETS, Filters
    from ui.keys import DATASET_KEYS

    assert len({f.url for f in FACETS}) == len({f.option for f in FACETS}) == len(FACETS)
    filter_fields = {f.name for f in dataclasses.fields(Filters)}
    state_fields = {f.name for f in dataclasses.fields(ViewState)}
    parser = argparse.ArgumentParser()
    add_filter_arguments(parser)
    for facet in FACETS:
        assert facet.field in filter_fields and facet.field in state_fields and facet.field in DATASET_KEYS
        two = sorted(facet.vocabulary, key=lambda t: t.value)[:2]
        text = ",".join(t.value for t in two)
        wanted = Filters(**{facet.field: frozenset(two)})
        from_url = ViewState.from_query({facet.url: text})
        assert from_url.filters == wanted
        assert from_url.to_query() == {facet.url: text}
        assert filters_from_args(parser.parse_args([facet.option, text])) == wanted
