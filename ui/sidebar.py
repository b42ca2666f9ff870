"""The sidebar: filters of terms and confidence, the neighbourhood, the layout."""

from __future__ import annotations

import streamlit as st

from graph import UnknownNodeError
from graph.query import resolve_node
from ui import keys
from ui.session import FACET_LABELS, FACETS, facet_options
from ui.text import md_escape

MAX_LISTED_NODES = 5_000  # above it, the focus is typed, not picked from a list


def resolve_focus(G) -> None:
    """The focus text box's callback: the node it names, or why none."""
    s = st.session_state
    query = (s.get(keys.FOCUS_QUERY) or "").strip()
    s.pop(keys.FOCUS_ERROR, None)
    if not query:
        s[keys.FOCUS] = None
        return
    try:
        s[keys.FOCUS] = resolve_node(G, query)
    except UnknownNodeError as exc:
        s[keys.FOCUS_ERROR] = str(exc)


def sidebar(G, stats: dict) -> None:
    sb = st.sidebar
    sb.header("Filters")
    for key, enum in FACETS.items():
        counts = stats[key]
        sb.multiselect(
            FACET_LABELS[key][0],
            facet_options(stats, key),
            key=key,
            format_func=lambda v, enum=enum, counts=counts: f"{enum(v).title} ({counts.get(v, 0)})",
            help=FACET_LABELS[key][1],
        )
    sb.slider(
        "Minimum confidence",
        0.0,
        1.0,
        step=0.05,
        key=keys.MIN_CONFIDENCE,
        help="Noisy-OR over distinct sources; a claim counts zero (see README).",
    )
    sb.header("Neighbourhood")
    if G.number_of_nodes() <= MAX_LISTED_NODES:
        labels = {n: G.nodes[n]["label"] for n in G.nodes}
        sb.selectbox(
            "Show only the surroundings of",
            [None, *sorted(G.nodes, key=lambda n: labels[n].lower())],
            key=keys.FOCUS,
            format_func=lambda n: "Whole graph" if n is None else labels[n],
            placeholder="Whole graph",  # shown while the value is None (set from the URL state)
        )
    else:
        # A selectbox would send every label to the browser on each rerun.
        sb.text_input(
            "Search a node (id, label or synonym)", key=keys.FOCUS_QUERY, on_change=resolve_focus, args=(G,)
        )
        if st.session_state.get(keys.FOCUS_ERROR):
            sb.caption(md_escape(st.session_state[keys.FOCUS_ERROR]))
    sb.slider("Hops around the focus", 1, 4, key=keys.HOPS)
    sb.toggle(
        "Physics layout",
        key=keys.PHYSICS,
        value=False,
        help="Off: the left-to-right mechanism layout (plant, compounds, targets, effects).",
    )
