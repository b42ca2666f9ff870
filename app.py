"""Streamlit explorer of the kratom mechanism graph (UI wiring only)."""

import streamlit as st

from graph import build_graph, load_dataset
from graph.query import summarize

st.set_page_config(page_title="Kratom mechanism explorer", layout="wide")
G = build_graph(load_dataset())
stats = summarize(G)
st.title(stats["name"])
st.caption("Information, not medical advice.")
cols = st.columns(3)
cols[0].metric("Nodes", stats["nodes"])
cols[1].metric("Edges", stats["edges"])
cols[2].metric("Evidence items", stats["evidence"])
