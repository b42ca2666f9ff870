"""The Evidence table view: the current view's evidence counted by type and species, and
its items as a sortable table."""

from __future__ import annotations

import streamlit as st

from graph.details import evidence_rows
from graph.query import summarize
from graph.vocab import EvidenceType
from ui.data import view_selection
from ui.session import FACETS, Page
from ui.text import md_escape

TABLE_ROWS = 5_000  # items listed at most (the counts and the CSV export cover all)
EVIDENCE_TITLES = {t.value: t.title for t in EvidenceType}


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


def evidence_tab(page: Page) -> None:
    G, state = page.G, page.state
    selection = view_selection(G, state.filters, state.focus, state.hops)
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
    frame, shown = evidence_frame(G, page.token, (state.filters, state.focus, state.hops))
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
