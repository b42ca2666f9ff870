"""Streamlit explorer of the kratom mechanism graph: UI wiring only.

Everything it shows comes from the ``graph`` package; ``ui/`` holds the network
component and small Streamlit helpers. The URL query string mirrors the view
(filters, focus, selection), so a copied link reopens it.
"""

from __future__ import annotations

import hashlib
import heapq
import threading
from collections import Counter

import streamlit as st

from graph import DEFAULT_DATA_DIR, DatasetError, UnknownNodeError, build_graph, load_dataset
from graph.details import edge_details, evidence_rows, node_details, path_view
from graph.formats.registry import FORMATS, export, writers
from graph.heap import freeze_long_lived, release_free_memory_every
from graph.query import FACETS as QUERY_FACETS
from graph.query import (
    PathGroup,
    canonical_edge_key,
    canonical_node,
    find_nodes,
    neighbourhood,
    resolve_node,
    select,
    signed_paths,
    summarize,
)
from graph.render import DEFAULT_MAX_NODES, cap_selection, lane_titles, legend, to_network
from graph.vocab import EvidenceType, NodeKind
from ui.documents import documents_view
from ui.extract import extract_panel
from ui.importer import import_panel
from ui.interactions import interactions_view
from ui.network_component import network_view
from ui.panels import show_edge_panel, show_node_panel
from ui.state import ViewState
from ui.text import md_escape

# The sidebar (filters, datasets) starts collapsed so the network gets the page's width.
st.set_page_config(
    page_title="Kratom mechanism explorer",
    page_icon=None,
    layout="wide",
    initial_sidebar_state="collapsed",
)

DISCLAIMER = (
    "Information, not medical advice. This map shows published evidence and its gaps; "
    "it does not recommend any use of kratom or its alkaloids."
)
# An imported dataset is not the curated kratom one: its own evidence, as given.
IMPORTED_DISCLAIMER = (
    "Information, not medical advice. This map shows an imported dataset as its file states it; "
    "it has not been reviewed here and recommends nothing."
)


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


# The sidebar's filters of terms, from graph.query.FACETS: the widget key is the field of
# Filters, ViewState and summarize() that the facet fills.
FACETS = {f.field: f.vocabulary for f in QUERY_FACETS}
FACET_LABELS = {f.field: (f.title, f.help) for f in QUERY_FACETS}


def facet_options(stats: dict, key: str) -> list[str]:
    """Terms of one facet that occur in the dataset, in vocabulary order."""
    present = stats[key]
    return [m.value for m in FACETS[key] if present.get(m.value)]


@st.cache_data(max_entries=16, show_spinner=False)
def edge_ids(_G, token: str) -> frozenset[str]:
    """Every edge id of a dataset (to check ids that come from the URL)."""
    return frozenset(d["id"] for _, _, d in _G.edges(data=True))


def init_from_url(G, token: str, stats: dict) -> None:
    """Copy the query string into widget state once per session."""
    if st.session_state.get("_initialised"):
        return
    st.session_state["_initialised"] = True
    state = ViewState.from_query(dict(st.query_params))
    for key in FACETS:
        options = facet_options(stats, key)
        wanted = getattr(state, key)
        st.session_state[key] = (
            options if wanted is None else [v for v in options if v in {t.value for t in wanted}]
        )
    st.session_state["min_confidence"] = state.min_confidence
    # Old local ids (kept as xrefs of renamed nodes) still open the node they named.
    st.session_state["focus"] = canonical_node(G, state.focus) if state.focus else None
    st.session_state["hops"] = state.hops
    st.session_state["path_target"] = canonical_node(G, state.path_target) if state.path_target else None
    selected = state.selected
    if selected and selected[0] == "node":
        selected = ("node", canonical_node(G, selected[1]) or selected[1])
    elif selected:
        selected = ("edge", canonical_edge_key(G, selected[1]))
    st.session_state["selected"] = selected
    known = edge_ids(G, token)
    st.session_state["highlight"] = tuple(
        key for key in (canonical_edge_key(G, e) for e in state.highlight) if key in known
    )
    view = st.query_params.get("view")
    st.session_state["view"] = view if view in VIEWS else "Network"


def chosen(key: str, stats: dict) -> frozenset | None:
    """Widget value as vocabulary terms; None when every option is ticked (no restriction)."""
    values = st.session_state.get(key) or []
    if set(values) == set(facet_options(stats, key)):
        return None
    return frozenset(FACETS[key](v) for v in values)


# The selection: one value in st.session_state["selected"] that a canvas click, a panel
# button, a document's "Show", a path, a search and the URL all set (in callbacks, which
# run before the script), and that the canvas and the panel both draw from.
HISTORY = "_selection_history"
MAX_HISTORY = 50


def choose(item: tuple[str, str] | None) -> None:
    """Make ``item`` ("node" | "edge", id) the selection; the previous one goes on the Back stack."""
    current = st.session_state.get("selected")
    if item == current:
        return
    if current is not None:
        history = list(st.session_state.get(HISTORY, ()))[-(MAX_HISTORY - 1) :]
        st.session_state[HISTORY] = [*history, tuple(current)]
    st.session_state["selected"] = item


def select_node(node: str) -> None:
    choose(("node", node))


def select_edge(edge: str) -> None:
    choose(("edge", edge))


def on_canvas_click(click: dict) -> None:
    st.session_state["_last_click"] = click
    choose((click["kind"], click["id"]))


def go_back() -> None:
    history = list(st.session_state.get(HISTORY, ()))
    if history:
        st.session_state["selected"] = history.pop()
        st.session_state[HISTORY] = history


def clear_selection() -> None:
    choose(None)


def clear_path() -> None:
    st.session_state["highlight"] = ()


def search_select(G) -> None:
    """Enter in the search box selects the best match."""
    hits = find_nodes(G, st.session_state.get("search") or "", limit=1)
    if hits:
        select_node(hits[0].node)


SEARCH_HITS = 6


MAX_LISTED_NODES = 5_000


def resolve_focus(G) -> None:
    query = (st.session_state.get("focus_query") or "").strip()
    st.session_state.pop("focus_error", None)
    if not query:
        st.session_state["focus"] = None
        return
    try:
        st.session_state["focus"] = resolve_node(G, query)
    except UnknownNodeError as exc:
        st.session_state["focus_error"] = str(exc)


def show_more() -> None:
    st.session_state["max_nodes"] = int(st.session_state.get("max_nodes", DEFAULT_MAX_NODES)) * 2


def show_edge_in_network(edge: str) -> None:
    """From another view: select the edge and switch to the network."""
    select_edge(edge)
    st.session_state["view"] = "Network"


@st.cache_data(max_entries=16, show_spinner=False)
def search_examples(_G, token: str) -> str:
    """Two names to search for in an imported dataset: its two most connected nodes' labels
    (Gephi's Les Misérables: "Valjean, Gavroche")."""
    hubs = heapq.nlargest(2, _G.nodes, key=lambda n: (_G.degree(n), n))
    return ", ".join(_G.nodes[n]["label"] for n in hubs)


# The embedded dataset's: abbreviations, which the search finds as synonyms.
EMBEDDED_SEARCH_EXAMPLES = "MOR, 7-OH"


def search_box(G, token: str, where, *, imported: bool = False) -> None:
    examples = search_examples(G, token) if imported else EMBEDDED_SEARCH_EXAMPLES
    where.text_input(
        "Search a node",
        key="search",
        placeholder=f"name, synonym or id, e.g. {examples}" if examples else "name, synonym or id",
        help="Matches labels, synonyms and identifiers (exact first). Enter selects the best match.",
        on_change=search_select,
        args=(G,),
        label_visibility="collapsed",
    )


def search_hits(G) -> None:
    """The best matches of the search box as buttons in one row (Enter takes the first)."""
    text = st.session_state.get("search") or ""
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
        key="min_confidence",
        help="Noisy-OR over distinct sources; a claim counts zero (see README).",
    )
    sb.header("Neighbourhood")
    if G.number_of_nodes() <= MAX_LISTED_NODES:
        labels = {n: G.nodes[n]["label"] for n in G.nodes}
        sb.selectbox(
            "Show only the surroundings of",
            [None, *sorted(G.nodes, key=lambda n: labels[n].lower())],
            key="focus",
            format_func=lambda n: "Whole graph" if n is None else labels[n],
            placeholder="Whole graph",  # shown while the value is None (set from the URL state)
        )
    else:
        # A selectbox would send every label to the browser on each rerun.
        sb.text_input(
            "Search a node (id, label or synonym)", key="focus_query", on_change=resolve_focus, args=(G,)
        )
        if st.session_state.get("focus_error"):
            sb.caption(md_escape(st.session_state["focus_error"]))
    sb.slider("Hops around the focus", 1, 4, key="hops")
    sb.toggle(
        "Physics layout",
        key="physics",
        value=False,
        help="Off: the left-to-right mechanism layout (plant, compounds, targets, effects).",
    )


def current_state(stats: dict) -> ViewState:
    return ViewState(
        evidence_types=chosen("evidence_types", stats),
        predicates=chosen("predicates", stats),
        node_kinds=chosen("node_kinds", stats),
        species=chosen("species", stats),
        min_confidence=float(st.session_state.get("min_confidence") or 0.0),
        focus=st.session_state.get("focus"),
        hops=int(st.session_state.get("hops") or 1),
        selected=st.session_state.get("selected"),
        path_target=st.session_state.get("path_target"),
        highlight=tuple(st.session_state.get("highlight") or ()),
    )


def empty_view_message(state: ViewState, stats: dict) -> str:
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


def network_tab(G, token: str, stats: dict, *, imported: bool = False) -> None:
    """The network, its selection bar and panel (one fragment), and the node table under them."""
    drawn = drawn_view(current_state(stats))
    st.session_state[TABLE_VIEW] = drawn
    st.html(BAR_STYLE)
    network_and_panel(G, token, stats, imported=imported)
    # The drawn nodes as a sortable table (as Cytoscape's node table), outside the fragment: a
    # click reruns the fragment only, and what is drawn (so this table) stays as it was. Made
    # only while the expander is open: a data grid on the page, even collapsed, loads and
    # starts Streamlit's data-grid code, about a third of a first page's browser CPU
    # (bench/RESULTS-ui.md).
    nodes, edges, *_ = drawable(G, token, *drawn)
    # One label whatever is drawn: a widget whose label changes is a new one, and would close.
    table = st.expander("Node table: the drawn nodes", key=NODE_TABLE_OPEN, on_change="rerun")
    if table.open:
        with table:
            st.caption(f"{len(nodes)} nodes drawn; click a column's name to sort.")
            st.dataframe(node_rows(G, nodes, edges), hide_index=True, key="node_table")


# Whether the node table's expander is open (its state, kept by Streamlit).
NODE_TABLE_OPEN = "node_table_open"


# What the node table under the network lists: the drawable() arguments of its last full run.
TABLE_VIEW = "_table_view"


def drawn_view(state: ViewState) -> tuple:
    """The drawable() arguments (after the graph and token) of the network ``state`` shows."""
    physics = bool(st.session_state.get("physics"))
    max_nodes = int(st.session_state.get("max_nodes", DEFAULT_MAX_NODES))
    return (state.filters, state.focus, state.hops), physics, state.highlight, max_nodes


# The selection bar's caption is two lines high: a shorter one keeps the height, a longer
# one (a long link on a narrow page) ends in "…" (the panel's heading gives it whole).
# Fixed CSS of the app, not data (min and max: the block is a flex item, its height unheeded).
BAR_STYLE = """<style>
.st-key-selection_summary { min-height: 2.8rem; max-height: 2.8rem; justify-content: center; }
.st-key-selection_summary p {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden;
}
</style>"""


@st.fragment
def network_and_panel(G, token: str, stats: dict, *, imported: bool = False) -> None:
    """Selection bar, network and details panel: a click on any of them reruns only this part.

    When an action here changes what is drawn (a cleared path, "Show more"), the whole page
    reruns, so that the node table lists what is drawn.
    """
    state = current_state(stats)
    drawn = drawn_view(state)
    if st.session_state.get(TABLE_VIEW) != drawn:
        st.rerun()
    _, physics, _, max_nodes = drawn
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
    # Two lines high whatever the caption holds (BAR_STYLE): a bar that grew or shrank with
    # it would move the canvas on the page under the reader's pointer at a click.
    summary_box = bar[0].container(key="selection_summary")
    if label:
        summary_box.caption(f"Selected: **{md_escape(label)}** (details below the network)")
    else:
        summary_box.caption("Click a node or an edge for its evidence; filters: the sidebar (›).")
    search_box(G, token, bar[1], imported=imported)
    bar[2].button(
        "Back",
        key="select_back",
        on_click=go_back,
        disabled=not st.session_state.get(HISTORY),
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
        st.warning(empty_view_message(state, stats))
    # The canvas selects what the selection names (set by callbacks before this run) and
    # refits when what is drawn changes; plain clicks keep the user's zoom.
    fit_key = repr((token, state.filters, state.focus, state.hops, physics, state.highlight, max_nodes))
    fit_nodes = sorted({n for e in edges if e["id"] in set(state.highlight) for n in (e["from"], e["to"])})
    network_view(
        nodes,
        edges,
        options=options,
        edge_layer=edge_layer,
        legend=legend(),
        height=NETWORK_HEIGHT,
        key="network",
        focus=selected[1] if selected else None,
        fit_key=fit_key,
        fit_nodes=fit_nodes,
        on_click=on_canvas_click,
        lanes=[] if physics else lane_titles(G, generic=imported),
        # The drawable() arguments: a click keeps them, and the page keeps its items.
        data_key=repr((token, drawn)),
    )
    st.caption(
        f"Drawn: {len(nodes)} nodes, {len(edges)} edges "
        f"(of {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)"
    )
    click = st.session_state.get("network")
    click = click.get("selected") if isinstance(click, dict) else None
    if (
        isinstance(click, dict)
        and click.get("id") is not None
        and click != st.session_state.get("_last_click")
    ):
        # A click set without the callback (a test writing the component's state).
        on_canvas_click({"kind": click.get("kind"), "id": click.get("id"), **click})
        st.rerun()
    details_panel(G, state, {n["id"] for n in nodes}, {e["id"] for e in edges})
    # The URL mirrors the selection; a rerun of this fragment alone does not reach main()'s end.
    st.query_params.from_dict(state.to_query())


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


NETWORK_HEIGHT = 620


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


def count_table(counts: dict[str, int], enum, what: str) -> str:
    """Counts as a small markdown table, largest first (no chart library or data grid: the
    view opens at once)."""
    titles = {m.value: m.title for m in enum}  # plus keys outside the vocabulary ("unspecified")
    rows = sorted(
        ((titles.get(k, k.replace("_", " ")), v) for k, v in counts.items() if v),
        key=lambda kv: (-kv[1], kv[0]),
    )
    lines = [f"| {what} | items |", "|---|---:|"]
    lines += [f"| {md_escape(title)} | {count:,} |" for title, count in rows]
    return "\n".join(lines)


EVIDENCE_TITLES = {t.value: t.title for t in EvidenceType}


@st.cache_data(max_entries=16, show_spinner=False)
def evidence_frame(_G, token: str, state_key: tuple):
    """The evidence table of one view (at most about ``TABLE_ROWS`` items, the first edges of
    the view) and how many items it holds; cached per dataset token and view."""
    import pandas as pd

    filters, focus, hops = state_key
    selection = view_selection(_G, filters, focus, hops)
    edges, shown = [], 0
    for e in selection.edges:
        if shown >= TABLE_ROWS:
            break
        edges.append(e)
        shown += len(_G.edges[e]["evidence"])
    frame = pd.DataFrame(evidence_rows(_G, edges))
    if len(frame):  # the types as the counts above and the legend name them (the CSV keeps the values)
        frame["evidence type"] = frame["evidence type"].map(EVIDENCE_TITLES)
    return frame, shown


def evidence_tab(G, token: str, state: ViewState) -> None:
    selection = current_selection(G, state)
    counts = summarize(G, selection)
    total = counts["evidence"]
    st.caption(f"{total} evidence items on {selection.edge_count} edges in the current view.")
    if not total:
        st.info("No evidence in this view: widen the filters.")
        return
    c1, c2 = st.columns(2)
    for column, key, what in ((c1, "evidence_types", "type"), (c2, "species", "species")):
        column.markdown(f"**Evidence items by {what}**")
        column.markdown(count_table(counts[key], FACETS[key], what))
    # The table holds at most TABLE_ROWS items (the first edges of the view); the counts
    # and the evidence CSV export cover everything.
    frame, shown = evidence_frame(G, token, (state.filters, state.focus, state.hops))
    if shown < total:
        st.caption(f"The table lists the first {shown} of {total} items; export the evidence CSV for all.")
    st.dataframe(
        frame,
        hide_index=True,
        column_config={
            "link": st.column_config.LinkColumn("link"),
            "edge confidence": st.column_config.NumberColumn(format="%.2f"),
        },
        key="evidence_table",
    )


def paths_tab(G, state: ViewState) -> None:
    plants = [n for n in G.nodes if G.nodes[n]["kind"] is NodeKind.PLANT]
    effects = sorted(
        (n for n in G.nodes if G.nodes[n]["kind"] in (NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT)),
        key=lambda n: G.nodes[n]["label"].lower(),
    )
    if not plants or not effects:
        st.info("This dataset has no plant or no effect nodes to connect.")
        return
    c1, c2, c3 = st.columns([2, 2, 1])
    source = c1.selectbox("From", plants, format_func=lambda n: G.nodes[n]["label"], key="path_source")
    target = c2.selectbox(
        "To effect",
        [None, *effects],
        key="path_target",
        format_func=lambda n: "Pick an effect" if n is None else G.nodes[n]["label"],
        placeholder="Pick an effect",  # shown while the value is None (set from the URL)
    )
    max_hops = c3.slider("Max hops", 2, 6, 4, key="path_hops")
    if target is None:
        st.info("Pick an effect to see the mechanism paths from the plant, weakest link first.")
        return
    groups = signed_paths(G, source, target, filters=state.filters, max_hops=max_hops, limit=PATH_LIMIT)
    st.caption(
        "Paths grouped by net sign (the product of each step's sign: agonist and causes +, antagonist "
        "and inhibits -; contains and metabolized to pass the sign on; binds leaves it unknown). "
        f"At most {PATH_LIMIT} per group, strongest weakest link first: a path is only as well "
        "supported as its weakest link."
    )
    effect = md_escape(G.nodes[target]["label"])
    for group, paths in groups.items():
        st.subheader(f"{group.value.capitalize()} {effect} ({len(paths)})", anchor=False)
        if group is PathGroup.OPPOSES and paths:
            st.caption(f"These routes would work against {effect}, not towards it.")
        for i, sp in enumerate(paths):
            view = path_view(G, sp)
            with st.container(border=True):
                chain = md_escape(view.steps[0][0]) + "".join(
                    f" *{md_escape(rel)}* → {md_escape(obj)}" for _, rel, obj in view.steps
                )
                st.markdown(f"**{i + 1}.** {chain}")
                st.markdown(f"Why: {md_escape(view.reason)}")
                for note in view.notes:
                    st.markdown(f"Note: {md_escape(note)}")
                st.markdown(
                    f"Weakest link: *{md_escape(view.weakest_sentence)}* · confidence {view.strength:.2f}"
                    f" · best evidence: {md_escape(view.weakest_best_evidence)}"
                )
                st.button(
                    "Show on the network",
                    key=f"path_show_{group.name.lower()}_{i}",
                    on_click=show_path,
                    args=(view.edge_ids, view.weakest_id),
                )


def current_selection(G, state: ViewState):
    return view_selection(G, state.filters, state.focus, state.hops)


@st.cache_data(max_entries=16, show_spinner="Preparing the file...")
def export_bytes(_G, token: str, fmt: str, state_key: tuple, whole: bool, title: str) -> bytes:
    selection = None if whole else view_selection(_G, *state_key)
    return export(_G, fmt, selection, title=title)


def export_view(G, token: str, state: ViewState) -> None:
    st.markdown(
        "Download the graph, or the current filtered view, in the format your tool reads. "
        "The HTML file is one self-contained page (works offline) with the evidence panel and legend."
    )
    scope = st.radio("Scope", ["Current view", "Whole graph"], key="export_scope", horizontal=True)
    whole = scope == "Whole graph"
    selection = None if whole else current_selection(G, state)
    count = (
        f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
        if whole
        else f"{selection.node_count} nodes, {selection.edge_count} edges"
    )
    st.caption(f"Exporting {count}.")
    fmt = st.selectbox(
        "Format",
        [f.name for f in writers()],
        key="export_format",
        format_func=lambda f: f"{FORMATS[f].label} ({FORMATS[f].extension})",
    )
    spec = FORMATS[fmt]
    st.caption(
        md_escape(spec.description) + (" Lossless: re-imports to the same graph." if spec.lossless else "")
    )
    title = f"{G.graph.get('name', 'Mechanism graph')} ({'whole graph' if whole else 'filtered view'})"
    data = export_bytes(G, token, fmt, (state.filters, state.focus, state.hops), whole, title)
    stem = "kratom-mechanisms" + ("" if whole else "-view")
    st.download_button(
        f"Download {spec.label}",
        data,
        file_name=spec.filename(stem),
        mime=spec.media_type,
        key="export_download",
        type="primary",
    )


def show_path(path_edges: tuple[str, ...], weakest: str) -> None:
    st.session_state["highlight"] = path_edges
    select_edge(weakest)
    st.session_state["view"] = "Network"


PATH_LIMIT = 30
TABLE_ROWS = 5_000
VIEWS = ["Network", "Evidence table", "Mechanism paths", "Interactions", "Documents", "Export"]


def main() -> None:
    warm_imports()  # pandas and pyarrow load in the background while this run draws
    memory_release()
    # A dataset opened in this session (kept in st.session_state only), else the embedded one.
    imported = import_panel()
    extract_panel()  # a finished extraction is queued as an upload for import_panel
    try:
        G, token, documents = imported or embedded_graph()
    except DatasetError as exc:
        st.error("The embedded dataset failed validation:")
        st.code(str(exc), language=None)
        st.stop()
    stats = dataset_summary(G, token)
    init_from_url(G, token, stats)
    sidebar(G, stats)
    head = st.columns([2, 3], vertical_alignment="center")
    # A markdown heading, not st.subheader: panels below own the page's subheaders.
    head[0].markdown("### " + ("Mechanism explorer" if imported else "Kratom mechanism explorer"))
    st.warning(IMPORTED_DISCLAIMER if imported else DISCLAIMER)
    state = current_state(stats)
    # A radio rather than st.tabs: other views can switch to the network, and only the
    # visible view is computed on a rerun.
    view = head[1].radio("View", VIEWS, key="view", horizontal=True, label_visibility="collapsed")
    if view == "Network":
        network_tab(G, token, stats, imported=imported is not None)
    elif view == "Evidence table":
        evidence_tab(G, token, state)
    elif view == "Mechanism paths":
        paths_tab(G, state)
    elif view == "Interactions":
        interactions_view(G, on_edge=show_edge_in_network)
    elif view == "Documents":
        documents_view(G, token, documents, on_edge=show_edge_in_network)
    else:
        export_view(G, token, state)
    st.caption(
        f"Dataset: {md_escape(stats['name'])} {md_escape(stats['version'])} · {stats['nodes']} nodes · "
        f"{stats['edges']} edges · {stats['evidence']} evidence items · "
        f"{stats['claim_only_edges']} links rest on claims alone · {stats['contested_edges']} contested · "
        "filters and other datasets: the sidebar (› at the top left)"
    )
    if view != "Network":  # the network's fragment writes the URL of its own view
        st.query_params.from_dict({**current_state(stats).to_query(), "view": view})


@st.cache_resource(show_spinner=False)
def memory_release() -> threading.Thread:
    """Once per server process: return the C allocator's freed pages to the system every few
    seconds (graph.heap), so that what closed sessions held does not stay resident (freed
    blocks inside a thread's malloc arena are not returned otherwise)."""
    return release_free_memory_every(RELEASE_SECONDS)


RELEASE_SECONDS = 2.0


@st.cache_resource(show_spinner=False)
def warm_imports() -> threading.Thread:
    """Import what the tables need (pandas, pyarrow) in a background thread, once per server
    process, started as the first run begins: the network's data goes out while they load,
    and the node table under it (or the Evidence table) finds them loaded or nearly so."""

    def run() -> None:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401

        freeze_long_lived()

    thread = threading.Thread(target=run, name="warm-imports", daemon=True)
    thread.start()
    return thread


main()
