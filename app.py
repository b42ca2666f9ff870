"""Streamlit explorer of the kratom mechanism graph: UI wiring only.

Everything it shows comes from the ``graph`` package; the views are in ``ui/views/`` (one
registry), the session's state in ``ui/session.py`` and its keys in ``ui/keys.py``. The URL
query string mirrors the view (filters, focus, selection), so a copied link reopens it.
"""

from __future__ import annotations

import threading

import streamlit as st

from graph import DatasetError
from graph.heap import freeze_long_lived, release_free_memory_every
from ui import keys
from ui.data import dataset_summary, embedded_graph
from ui.extract import extract_panel
from ui.importer import import_panel
from ui.session import Page, current_state, init_from_url
from ui.sidebar import sidebar
from ui.text import md_escape
from ui.views import BY_NAME, VIEW_NAMES

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
    init_from_url(G, token, stats, VIEW_NAMES)
    sidebar(G, stats)
    head = st.columns([2, 3], vertical_alignment="center")
    # A markdown heading, not st.subheader: panels below own the page's subheaders.
    head[0].markdown("### " + ("Mechanism explorer" if imported else "Kratom mechanism explorer"))
    st.warning(IMPORTED_DISCLAIMER if imported else DISCLAIMER)
    # A radio rather than st.tabs: other views can switch to the network, and only the
    # visible view is computed on a rerun.
    name = head[1].radio("View", VIEW_NAMES, key=keys.VIEW, horizontal=True, label_visibility="collapsed")
    view = BY_NAME[name]
    view.draw(Page(G, token, stats, documents, imported is not None, current_state(stats)))
    st.caption(
        f"Dataset: {md_escape(stats['name'])} {md_escape(stats['version'])} · {stats['nodes']} nodes · "
        f"{stats['edges']} edges · {stats['evidence']} evidence items · "
        f"{stats['claim_only_edges']} links rest on claims alone · {stats['contested_edges']} contested · "
        "filters and other datasets: the sidebar (› at the top left)"
    )
    if not view.writes_url:  # the network's fragment writes the URL of its own view
        st.query_params.from_dict({**current_state(stats).to_query(), keys.VIEW: name})


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
