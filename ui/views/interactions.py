"""The Interactions view: pick a drug, see the plant's routes to its exposure and their evidence."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from graph.details import edge_details
from graph.interactions import EXPOSURE_WORDS, InteractionRoute, drug_interactions, interaction_drugs
from graph.query import relation_sentence
from graph.vocab import NodeKind
from ui.panels import evidence_item
from ui.text import md_escape


def _steps(G, edges, key: str, on_edge: Callable) -> None:
    for j, e in enumerate(edges):
        d = edge_details(G, G.edges[e]["id"])
        flags = " · contested" if d.contested else ""
        with st.expander(f"{relation_sentence(G, e)} · confidence {d.confidence:.2f}{flags}"):
            st.button("Show on the network", key=f"{key}_edge_{j}", on_click=on_edge, args=(d.id,))
            for i, ev in enumerate(d.evidence):
                evidence_item(ev, i)


def _route(G, i: int, route: InteractionRoute, key: str, on_edge: Callable) -> None:
    label = G.nodes
    with st.container(border=True):
        chain = md_escape(label[route.edges[0][0]]["label"])
        for _, v, k in route.edges[:-1]:
            chain += f" *{md_escape(k.replace('_', ' '))}* → {md_escape(label[v]['label'])}"
        chain += f" ← *substrate of* {md_escape(label[route.victim]['label'])}"
        st.markdown(f"**{i + 1}.** {chain}")
        word = EXPOSURE_WORDS[route.exposure]
        st.markdown(f"Predicted: **{md_escape(label[route.victim]['label'])} exposure {word}**")
        st.caption(f"Why: {md_escape(route.reason)} · weakest step confidence {route.strength:.2f}")
        _steps(G, route.edges, f"{key}_{i}", on_edge)


def interactions_view(G, *, on_edge: Callable) -> None:
    drugs = interaction_drugs(G)
    plants = [n for n, d in G.nodes(data=True) if d["kind"] is NodeKind.PLANT]
    if not drugs or not plants:
        st.info("This dataset has no plant, or no drug handled by an enzyme or transporter.")
        return
    drug = st.selectbox(
        "Drug",
        [None, *drugs],
        key="interaction_drug",
        format_func=lambda n: "Pick a drug" if n is None else G.nodes[n]["label"],
        placeholder="Pick a drug",  # shown whenever the value is None
    )
    st.caption(
        "Routes from the plant's constituents to the enzymes and transporters that clear a drug. "
        "Lowering an enzyme's activity (inhibits) raises the exposure of the drugs it clears; "
        "raising it lowers their exposure. These are predictions from mechanisms, not measured changes."
    )
    if drug is None:
        return
    report = drug_interactions(G, drug, plants[0])
    plant, name = md_escape(G.nodes[report.plant]["label"]), md_escape(G.nodes[drug]["label"])
    st.subheader(f"{plant} acting on what clears {name} ({len(report.routes)})", anchor=False)
    if report.routes and any(G.edges[e]["negated_only"] for e in report.recorded):
        st.warning(
            "The data also holds evidence against an interaction with this drug (below): a route says "
            "which way exposure would move, not by how much."
        )
    for i, r in enumerate(report.routes):
        _route(G, i, r, "ix_route", on_edge)
    if report.reverse:
        st.subheader(
            f"{name} acting on what clears {plant}'s constituents ({len(report.reverse)})", anchor=False
        )
        for i, r in enumerate(report.reverse):
            _route(G, i, r, "ix_reverse", on_edge)
    st.subheader(f"Interactions the data records directly ({len(report.recorded)})", anchor=False)
    if not report.recorded:
        st.caption("None.")
    _steps(G, report.recorded, "ix_recorded", on_edge)
