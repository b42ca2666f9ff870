"""The Network view: the selection bar, the network and the details panel (one fragment,
so a click reruns only them), and the node table under them."""

from __future__ import annotations

import heapq
from collections import Counter

import streamlit as st

from graph.details import edge_details, node_details
from graph.query import find_nodes
from graph.render import LARGE_VIEW_NODES, cap_selection, lane_titles, to_network
from ui import keys
from ui.data import dataset_legend, view_selection
from ui.network_component import network_view
from ui.panels import panel_records, show_edge_panel, show_node_panel
from ui.session import (
    FACET_LABELS,
    Page,
    clear_path,
    clear_selection,
    current_state,
    go_back,
    max_nodes,
    on_canvas_click,
    select_edge,
    select_node,
    show_more,
)
from ui.state import ViewState
from ui.text import md_escape

NETWORK_HEIGHT = 620
SEARCH_HITS = 6
# The embedded dataset's: abbreviations, which the search finds as synonyms.
EMBEDDED_SEARCH_EXAMPLES = "MOR, 7-OH"
# The selection bar's caption is two lines high (the container's own height): a shorter
# one keeps the height, a longer one (a long link on a narrow page) ends in "…" (the
# panel's heading gives it whole). Fixed CSS of the app, not data.
SUMMARY_HEIGHT_PX = 45  # two lines of caption
BAR_STYLE = """<style>
.st-key-selection_summary p {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden;
}
</style>"""


@st.cache_data(max_entries=128, show_spinner="Preparing the view...")
def drawable(_G, token: str, state_key: tuple, physics: bool, highlight: tuple, max_nodes: int):
    """vis-network records for one view (a graph.render.NetworkView) and its "showing N of M" note.

    Cached per dataset token and view; big views are capped to what a browser draws fast.
    """
    filters, focus, hops = state_key
    capped = cap_selection(_G, view_selection(_G, filters, focus, hops), max_nodes, focus=focus)
    net = to_network(_G, capped.selection, physics=physics)
    if highlight:
        marked = set(highlight)
        # From the graph: a large view's records carry only what drawing needs.
        confidence = {
            e["id"]: next(d["confidence"] for d in _G[e["from"]][e["to"]].values() if d["id"] == e["id"])
            for e in net.edges
            if e["id"] in marked
        }
        weakest = min(confidence, key=confidence.get) if confidence else None
        for e in net.edges:
            if e["id"] in marked:
                e["width"] = e["width"] + 4
                if e["id"] == weakest:
                    e["label"] = "weakest link"
                    e["font"] = {"size": 13, "strokeWidth": 3}
    note = capped.message if capped.capped else None
    return net.nodes, net.edges, net.options, net.edge_layer, note


def drawn_view(state: ViewState) -> tuple:
    """The drawable() arguments (after the graph and token) of the network ``state`` shows."""
    physics = bool(st.session_state.get(keys.PHYSICS))
    return (state.filters, state.focus, state.hops), physics, state.highlight, max_nodes()


def network_tab(page: Page) -> None:
    """The network, its selection bar and panel (one fragment), and the node table under them."""
    G, token = page.G, page.token
    drawn = drawn_view(page.state)
    st.session_state[keys.TABLE_VIEW] = drawn
    st.html(BAR_STYLE)
    network_and_panel(G, token, page.stats, imported=page.imported)
    # The drawn nodes as a sortable table (as Cytoscape's node table), outside the fragment: a
    # click reruns the fragment only, and what is drawn (so this table) stays as it was. Made
    # only while the expander is open: a data grid on the page, even collapsed, loads and
    # starts Streamlit's data-grid code, about a third of a first page's browser CPU
    # (bench/RESULTS-ui.md).
    nodes, edges, *_ = drawable(G, token, *drawn)
    # One label whatever is drawn: a widget whose label changes is a new one, and would close.
    table = st.expander("Node table: the drawn nodes", key=keys.NODE_TABLE_OPEN, on_change="rerun")
    if table.open:
        with table:
            st.caption(f"{len(nodes)} nodes drawn; click a column's name to sort.")
            st.dataframe(node_rows(G, nodes, edges), hide_index=True, key="node_table")


@st.fragment
def network_and_panel(G, token: str, stats: dict, *, imported: bool = False) -> None:
    """Selection bar, network and details panel: a click on any of them reruns only this part.

    When an action here changes what is drawn (a cleared path, "Show more"), the whole page
    reruns, so that the node table lists what is drawn.
    """
    state = current_state(stats)
    drawn = drawn_view(state)
    if st.session_state.get(keys.TABLE_VIEW) != drawn:
        st.rerun()
    _, physics, _, cap = drawn
    nodes, edges, options, edge_layer, capped_note = drawable(G, token, *drawn)
    selected = state.selected
    bar = st.columns([6, 3, 1.4, 1.4, 1.4], vertical_alignment="center")  # Back and Clear whole at 900 px
    label = None
    if selected:
        kind, ident = selected
        if kind == "node" and ident in G:
            label = G.nodes[ident]["label"]
        elif kind == "edge":
            label = edge_sentence(G, ident)
    # Two lines high whatever the caption holds: a bar that grew or shrank with it would
    # move the canvas on the page under the reader's pointer at a click. The height is the
    # container's own, not a style's: while a rerun replaced the style element that once
    # gave it, the bar fell to its row's 40 px and the canvas rose 5 px under the pointer
    # (bench/load.py saw clicks land beside their nodes).
    summary_box = bar[0].container(
        key="selection_summary", height=SUMMARY_HEIGHT_PX, border=False, vertical_alignment="center"
    )
    if label:
        summary_box.caption(f"Selected: **{md_escape(label)}** (details below the network)")
    else:
        summary_box.caption("Click a node or an edge for its evidence; filters: the sidebar (›).")
    search_box(G, token, bar[1], imported=imported)
    bar[2].button(
        "Back",
        key="select_back",
        on_click=go_back,
        disabled=not st.session_state.get(keys.HISTORY),
        width="stretch",
    )
    bar[3].button(
        "Clear",
        key="select_clear",
        on_click=clear_selection,
        disabled=not selected,
        width="stretch",
        help="Clear the selection",
    )
    if state.highlight:
        bar[4].button(
            "Clear path",
            key="path_clear",
            on_click=clear_path,
            width="stretch",
            help="Remove the path highlight",
        )
    search_hits(G)
    if capped_note:
        c1, c2 = st.columns([4, 1])
        c1.info(capped_note)
        c2.button("Show more", key="show_more", on_click=show_more)
    if not nodes:
        st.warning(empty_view_message(state))
    # The canvas selects what the selection names (set by callbacks before this run) and
    # refits when what is drawn changes; plain clicks keep the user's zoom.
    fit_key = repr((token, state.filters, state.focus, state.hops, physics, state.highlight, cap))
    fit_nodes = sorted({n for e in edges if e["id"] in set(state.highlight) for n in (e["from"], e["to"])})
    network_view(
        nodes,
        edges,
        options=options,
        edge_layer=edge_layer,
        legend=dataset_legend(G, token),
        height=NETWORK_HEIGHT,
        key=keys.NETWORK,
        focus=selected[1] if selected else None,
        fit_key=fit_key,
        fit_nodes=fit_nodes,
        on_click=on_canvas_click,
        lanes=[] if physics else lane_titles(G, generic=imported),
        # The drawable() arguments: a click keeps them, and the page keeps its items.
        data_key=repr((token, drawn)),
        # A view small enough is sent with its details, and the page draws the panel.
        details=(lambda: panel_records(G, [n["id"] for n in nodes], [e["id"] for e in edges]))
        if in_page_panel(nodes)
        else None,
    )
    st.caption(
        f"Drawn: {len(nodes)} nodes, {len(edges)} edges "
        f"(of {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)"
    )
    click = st.session_state.get(keys.NETWORK)
    click = click.get("selected") if isinstance(click, dict) else None
    if (
        isinstance(click, dict)
        and click.get("id") is not None
        and click != st.session_state.get(keys.LAST_CLICK)
    ):
        # A click set without the callback (a test writing the component's state).
        on_canvas_click({"kind": click.get("kind"), "id": click.get("id"), **click})
        st.rerun()
    drawn_nodes, drawn_edges = {n["id"] for n in nodes}, {e["id"] for e in edges}
    drawn_here = selected and selected[1] in (drawn_nodes if selected[0] == "node" else drawn_edges)
    if not (in_page_panel(nodes) and drawn_here):
        # A large view's panel, and that of a selection not drawn, come from the server.
        details_panel(G, state, drawn_nodes, drawn_edges)
    # The URL mirrors the selection; a rerun of this fragment alone does not reach main()'s end.
    st.query_params.from_dict(state.to_query())


# Views of at most this many nodes carry their details panel to the page (about 0.4 MB
# of JSON for the embedded dataset's 71 nodes and 147 edges); larger ones are drawn with
# the edge layer, and their panel is the server's.
IN_PAGE_PANEL_NODES = LARGE_VIEW_NODES


def in_page_panel(nodes: list) -> bool:
    """Whether the page draws the details panel of this view (see IN_PAGE_PANEL_NODES)."""
    return 0 < len(nodes) <= IN_PAGE_PANEL_NODES


def empty_view_message(state: ViewState) -> str:
    """Why nothing is drawn, and which control widens the view."""
    reasons = []
    for key, (title, _) in FACET_LABELS.items():
        if key == "species":
            continue
        chosen_terms = getattr(state, key)
        if chosen_terms is not None and not chosen_terms:
            reasons.append(f"no {title.lower()} are ticked")
    if state.species is not None:
        reasons.append("only evidence from the ticked species counts")
    if state.min_confidence:
        reasons.append(f"the minimum confidence is {state.min_confidence:g}")
    if state.focus:
        reasons.append("only the surroundings of the chosen node are shown")
    why = "; ".join(reasons) if reasons else "the filters leave no link"
    return (
        f"Nothing to draw: {why}. Widen the view in the sidebar: tick more evidence types, "
        "relations or node kinds, lower the minimum confidence, or choose *Whole graph*."
    )


def node_rows(G, nodes: list[dict], edges: list[dict]) -> list[dict]:
    """One row per drawn node: label, kind, id, its drawn links and all its links."""
    drawn = Counter(end for e in edges for end in {e["from"], e["to"]})
    return [
        {
            "node": G.nodes[n["id"]]["label"],
            "kind": G.nodes[n["id"]]["kind"].title,
            "id": n["id"],
            "links drawn": drawn[n["id"]],
            "links": G.degree(n["id"]),
        }
        for n in nodes
    ]


def edge_sentence(G, edge: str) -> str | None:
    try:
        return edge_details(G, edge).sentence
    except KeyError:
        return None


def details_panel(G, state: ViewState, drawn_nodes: set, drawn_edges: set) -> None:
    selected = state.selected
    if not selected:
        return
    kind, ident = selected
    with st.container(border=True, key="details"):
        if ident not in (drawn_nodes if kind == "node" else drawn_edges):
            st.caption("Not drawn in the current view (filters or neighbourhood); its details:")
        try:
            if kind == "node":
                show_node_panel(node_details(G, ident), on_node=select_node, on_edge=select_edge)
            else:
                show_edge_panel(edge_details(G, ident), G, on_node=select_node)
        except KeyError:
            st.warning(f"Nothing called {md_escape(ident)} in this dataset.")


# The search box above the network ------------------------------------------------------


def search_select(G) -> None:
    """Enter in the search box selects the best match."""
    hits = find_nodes(G, st.session_state.get(keys.SEARCH) or "", limit=1)
    if hits:
        select_node(hits[0].node)


@st.cache_data(max_entries=16, show_spinner=False)
def search_examples(_G, token: str) -> str:
    """Two names to search for in an imported dataset: its two most connected nodes' labels
    (Gephi's Les Misérables: "Valjean, Gavroche")."""
    hubs = heapq.nlargest(2, _G.nodes, key=lambda n: (_G.degree(n), n))
    return ", ".join(_G.nodes[n]["label"] for n in hubs)


def search_box(G, token: str, where, *, imported: bool = False) -> None:
    examples = search_examples(G, token) if imported else EMBEDDED_SEARCH_EXAMPLES
    where.text_input(
        "Search a node",
        key=keys.SEARCH,
        placeholder=f"name, synonym or id, e.g. {examples}" if examples else "name, synonym or id",
        help="Matches labels, synonyms and identifiers (exact first). Enter selects the best match.",
        on_change=search_select,
        args=(G,),
        label_visibility="collapsed",
    )


def search_hits(G) -> None:
    """The best matches of the search box as buttons in one row (Enter takes the first)."""
    text = st.session_state.get(keys.SEARCH) or ""
    if not text.strip():
        return
    hits = find_nodes(G, text, limit=SEARCH_HITS)
    if not hits:
        st.caption("No node's name, synonym or identifier contains that.")
        return
    cols = st.columns(len(hits))
    for i, hit in enumerate(hits):
        how = "" if hit.matched == hit.label else f" ({hit.kind.phrase}: {hit.matched})"
        cols[i].button(
            f"{hit.label}{how}",
            key=f"search_hit_{i}",
            on_click=select_node,
            args=(hit.node,),
            width="stretch",
        )
