"""The session's view of the dataset: the URL's state copied in, the widgets read back as a
:class:`~ui.state.ViewState`, and the selection that every view can change.

The selection is one value, ``st.session_state[SELECTED]``, that a canvas click, a panel
button, a document's "Show", a path, a search and the URL all set (in callbacks, which run
before the script), and that the canvas and the panel both draw from.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from graph.query import FACETS as QUERY_FACETS
from graph.query import canonical_edge_key, canonical_node
from graph.render import DEFAULT_MAX_NODES
from ui import keys
from ui.data import edge_ids
from ui.state import ViewState

# The sidebar's filters of terms, from graph.query.FACETS: the widget key is the field of
# Filters, ViewState and summarize() that the facet fills.
FACETS = {f.field: f.vocabulary for f in QUERY_FACETS}
FACET_LABELS = {f.field: (f.title, f.help) for f in QUERY_FACETS}
MAX_HISTORY = 50


@dataclass(frozen=True)
class Page:
    """What a view draws from on one run: the dataset's graph and cache token, its counts,
    its documents, whether it was imported, and the view state the widgets describe."""

    G: object
    token: str
    stats: dict
    documents: dict
    imported: bool
    state: ViewState


def facet_options(stats: dict, key: str) -> list[str]:
    """Terms of one facet that occur in the dataset, in vocabulary order."""
    present = stats[key]
    return [m.value for m in FACETS[key] if present.get(m.value)]


def chosen(key: str, stats: dict) -> frozenset | None:
    """Widget value as vocabulary terms; None when every option is ticked (no restriction)."""
    values = st.session_state.get(key) or []
    if set(values) == set(facet_options(stats, key)):
        return None
    return frozenset(FACETS[key](v) for v in values)


def init_from_url(G, token: str, stats: dict, views: tuple[str, ...]) -> None:
    """Copy the query string into widget state once per session (``views``: the view names)."""
    s = st.session_state
    if s.get(keys.INITIALISED):
        return
    s[keys.INITIALISED] = True
    state = ViewState.from_query(dict(st.query_params))
    for key in FACETS:
        options = facet_options(stats, key)
        wanted = getattr(state, key)
        s[key] = options if wanted is None else [v for v in options if v in {t.value for t in wanted}]
    s[keys.MIN_CONFIDENCE] = state.min_confidence
    # Old local ids (kept as xrefs of renamed nodes) still open the node they named.
    s[keys.FOCUS] = canonical_node(G, state.focus) if state.focus else None
    s[keys.HOPS] = state.hops
    s[keys.PATH_TARGET] = canonical_node(G, state.path_target) if state.path_target else None
    selected = state.selected
    if selected and selected[0] == "node":
        selected = ("node", canonical_node(G, selected[1]) or selected[1])
    elif selected:
        selected = ("edge", canonical_edge_key(G, selected[1]))
    s[keys.SELECTED] = selected
    known = edge_ids(G, token)
    s[keys.HIGHLIGHT] = tuple(
        key for key in (canonical_edge_key(G, e) for e in state.highlight) if key in known
    )
    view = st.query_params.get(keys.VIEW)
    s[keys.VIEW] = view if view in views else views[0]


def current_state(stats: dict) -> ViewState:
    """The view the widgets and the selection describe."""
    s = st.session_state
    return ViewState(
        **{key: chosen(key, stats) for key in FACETS},
        min_confidence=float(s.get(keys.MIN_CONFIDENCE) or 0.0),
        focus=s.get(keys.FOCUS),
        hops=int(s.get(keys.HOPS) or 1),
        selected=s.get(keys.SELECTED),
        path_target=s.get(keys.PATH_TARGET),
        highlight=tuple(s.get(keys.HIGHLIGHT) or ()),
    )


def max_nodes() -> int:
    """The cap on drawn nodes ("Show more" doubles it)."""
    return int(st.session_state.get(keys.MAX_NODES, DEFAULT_MAX_NODES))


# Callbacks (they run before the script reruns) ------------------------------------------


def choose(item: tuple[str, str] | None) -> None:
    """Make ``item`` ("node" | "edge", id) the selection; the previous one goes on the Back stack."""
    s = st.session_state
    current = s.get(keys.SELECTED)
    if item == current:
        return
    if current is not None:
        history = list(s.get(keys.HISTORY, ()))[-(MAX_HISTORY - 1) :]
        s[keys.HISTORY] = [*history, tuple(current)]
    s[keys.SELECTED] = item


def select_node(node: str) -> None:
    choose(("node", node))


def select_edge(edge: str) -> None:
    choose(("edge", edge))


def on_canvas_click(click: dict) -> None:
    st.session_state[keys.LAST_CLICK] = click
    choose((click["kind"], click["id"]))


def go_back() -> None:
    history = list(st.session_state.get(keys.HISTORY, ()))
    if history:
        st.session_state[keys.SELECTED] = history.pop()
        st.session_state[keys.HISTORY] = history


def clear_selection() -> None:
    choose(None)


def clear_path() -> None:
    st.session_state[keys.HIGHLIGHT] = ()


def show_more() -> None:
    st.session_state[keys.MAX_NODES] = max_nodes() * 2


def show_edge_in_network(edge: str) -> None:
    """From another view: select the edge and switch to the network."""
    select_edge(edge)
    st.session_state[keys.VIEW] = keys.NETWORK_VIEW


def show_path(path_edges: tuple[str, ...], weakest: str) -> None:
    """From the paths view: draw the path on the network, its weakest link selected."""
    st.session_state[keys.HIGHLIGHT] = path_edges
    show_edge_in_network(weakest)
