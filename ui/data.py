"""The datasets the app shows and what every view derives from them, cached per dataset
token: the embedded graph, its counts, a view's selection, its edge ids."""

from __future__ import annotations

import hashlib

import streamlit as st

from graph import DEFAULT_DATA_DIR, build_graph, load_dataset
from graph.heap import freeze_long_lived
from graph.query import neighbourhood, select, summarize
from graph.render import legend


@st.cache_resource(show_spinner="Loading the kratom dataset...")
def embedded_graph():
    """The embedded dataset, loaded once per server process (read-only, frozen)."""
    dataset = load_dataset(DEFAULT_DATA_DIR)
    token = hashlib.sha256(repr(dataset).encode()).hexdigest()[:16]
    graph = build_graph(dataset), token, dict(dataset.documents)
    freeze_long_lived()
    return graph


@st.cache_data(max_entries=16, show_spinner="Counting the evidence...")
def dataset_summary(_G, token: str) -> dict:
    """Counts of the whole dataset (facet options, header); once per dataset token."""
    return summarize(_G)


def view_selection(G, filters, focus: str | None, hops: int):
    """The edges a view shows: the filtered graph, or the neighbourhood of the focus node."""
    if focus:
        return neighbourhood(G, focus, hops, filters)
    return select(G, filters)


@st.cache_data(max_entries=16, show_spinner=False)
def edge_ids(_G, token: str) -> frozenset[str]:
    """Every edge id of a dataset (to check ids that come from the URL)."""
    return frozenset(d["id"] for _, _, d in _G.edges(data=True))


@st.cache_data(max_entries=16, show_spinner=False)
def dataset_legend(_G, token: str) -> list[dict]:
    """The legend of a dataset: the line styles and node kinds its graph can be drawn with
    (the same whatever the filters, so it does not change under the reader's eyes)."""
    return legend(_G)
