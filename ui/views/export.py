"""The Export view: the whole graph or the current view, in any registered format."""

from __future__ import annotations

import streamlit as st

from graph.formats.registry import FORMATS, export, writers
from ui import keys
from ui.data import view_selection
from ui.session import Page
from ui.text import md_escape


@st.cache_data(max_entries=16, show_spinner="Preparing the file...")
def export_bytes(_G, token: str, fmt: str, state_key: tuple, whole: bool, title: str) -> bytes:
    selection = None if whole else view_selection(_G, *state_key)
    return export(_G, fmt, selection, title=title)


def export_view(page: Page) -> None:
    G, state = page.G, page.state
    st.markdown(
        "Download the graph, or the current filtered view, in the format your tool reads. "
        "The HTML file is one self-contained page (works offline) with the evidence panel and legend."
    )
    scope = st.radio("Scope", ["Current view", "Whole graph"], key=keys.EXPORT_SCOPE, horizontal=True)
    whole = scope == "Whole graph"
    selection = None if whole else view_selection(G, state.filters, state.focus, state.hops)
    count = (
        f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
        if whole
        else f"{selection.node_count} nodes, {selection.edge_count} edges"
    )
    st.caption(f"Exporting {count}.")
    fmt = st.selectbox(
        "Format",
        [f.name for f in writers()],
        key=keys.EXPORT_FORMAT,
        format_func=lambda f: f"{FORMATS[f].label} ({FORMATS[f].extension})",
    )
    spec = FORMATS[fmt]
    st.caption(
        md_escape(spec.description) + (" Lossless: re-imports to the same graph." if spec.lossless else "")
    )
    title = f"{G.graph.get('name', 'Mechanism graph')} ({'whole graph' if whole else 'filtered view'})"
    data = export_bytes(G, page.token, fmt, (state.filters, state.focus, state.hops), whole, title)
    stem = "kratom-mechanisms" + ("" if whole else "-view")
    st.download_button(
        f"Download {spec.label}",
        data,
        file_name=spec.filename(stem),
        mime=spec.media_type,
        key="export_download",
        type="primary",
    )
