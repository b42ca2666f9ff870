"""The datasets the app shows and what every view derives from them, cached per dataset
token: the embedded graph, its counts, a view's selection, its edge ids."""

from __future__ import annotations

import hashlib

import streamlit as st

from graph import DEFAULT_DATA_DIR, build_graph, load_dataset
from graph.heap import freeze_long_lived
from graph.query import neighbourhood, select, summarize


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
