"""The Mechanism paths view: signed paths from the plant to an effect, weakest link first."""

from __future__ import annotations

import streamlit as st

from graph.details import path_view
from graph.query import PathGroup, signed_paths
from graph.vocab import NodeKind
from ui import keys
from ui.session import Page, show_path
from ui.text import md_escape

PATH_LIMIT = 30  # paths listed per group


def paths_tab(page: Page) -> None:
    G, state = page.G, page.state
    plants = [n for n in G.nodes if G.nodes[n]["kind"] is NodeKind.PLANT]
    effects = sorted(
        (n for n in G.nodes if G.nodes[n]["kind"] in (NodeKind.EFFECT, NodeKind.ADVERSE_EFFECT)),
        key=lambda n: G.nodes[n]["label"].lower(),
    )
    if not plants or not effects:
        st.info("This dataset has no plant or no effect nodes to connect.")
        return
    c1, c2, c3 = st.columns([2, 2, 1])
    source = c1.selectbox("From", plants, format_func=lambda n: G.nodes[n]["label"], key=keys.PATH_SOURCE)
    target = c2.selectbox(
        "To effect",
        [None, *effects],
        key=keys.PATH_TARGET,
        format_func=lambda n: "Pick an effect" if n is None else G.nodes[n]["label"],
        placeholder="Pick an effect",  # shown while the value is None (set from the URL)
    )
    max_hops = c3.slider("Max hops", 2, 6, 4, key=keys.PATH_HOPS)
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
