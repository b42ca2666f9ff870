"""Streamlit panels for a clicked node or edge; every data string shown as escaped text."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from graph.details import EdgeDetails, EvidenceView, NodeDetails
from graph.vocab import CONTRADICTED_ONLY, EvidenceType, Predicate
from ui.text import md_escape, md_link

BADGE_COLOR = {
    EvidenceType.HUMAN_TRIAL: "green",
    EvidenceType.HUMAN_OBSERVATIONAL: "blue",
    EvidenceType.ANIMAL: "blue",
    EvidenceType.IN_VITRO: "violet",
    EvidenceType.CASE_REPORT: "orange",
    EvidenceType.IN_SILICO: "gray",
    EvidenceType.REVIEW: "gray",
    EvidenceType.REGULATORY: "gray",
    EvidenceType.DATABASE: "gray",
    EvidenceType.CLAIM: "red",
}


def badge_markdown(etype: EvidenceType | None) -> str:
    """The evidence type as a coloured badge in markdown (what ``st.badge`` writes)."""
    if etype is None:
        return f":gray-badge[{CONTRADICTED_ONLY}]"
    return f":{BADGE_COLOR[etype]}-badge[{etype.title}]"


def badge(etype: EvidenceType | None) -> None:
    st.markdown(badge_markdown(etype))


def show_node_panel(d: NodeDetails, *, on_node: Callable, on_edge: Callable) -> None:
    st.subheader(d.label, anchor=False)
    st.caption(f"{md_escape(d.kind)} · {md_escape(d.id)}")
    if d.description:
        st.markdown(md_escape(d.description))
    if d.synonyms:
        st.markdown("**Also called:** " + ", ".join(md_escape(s) for s in d.synonyms))
    st.markdown("**Identifiers:** " + " · ".join(md_link(link.text, link.url) for link in d.identifiers))
    if d.subunits:
        st.markdown("**Subunits:** " + " · ".join(md_link(link.text, link.url) for link in d.subunits))
    if d.id_note:
        st.caption(md_escape(d.id_note))
    if d.id_source:
        st.caption("Identifier read in: " + md_escape(d.id_source))
    if not d.groups:
        st.info("No edges of this node pass the current filters.")
    # One button per edge, its best evidence and confidence in its label, and the neighbours
    # in one row that wraps: a hub lists dozens of both, and every element of a Streamlit page
    # costs the browser a React render, styles and layout on each click (three columns and
    # three elements per edge made a click on mitragynine cost the page about 1 s of CPU).
    for group in d.groups:
        phrase = Predicate(group.predicate).phrase
        title = f"{phrase} ..." if group.direction == "out" else f"... {phrase} this"
        with st.expander(f"{title} ({len(group.edges)})", expanded=True):
            for i, (edge_id, other, label, best, conf) in enumerate(group.edges):
                st.button(
                    edge_button_label(label, best, conf),
                    key=f"edge_{group.predicate}_{group.direction}_{i}_{other}",
                    on_click=on_edge,
                    args=(edge_id,),
                )
    if d.neighbours:
        st.markdown("**Neighbours** (click to move the focus)")
        with st.container(horizontal=True, key="neighbours"):
            for node, label in d.neighbours:
                st.button(md_escape(label), key=f"nb_{node}", on_click=on_node, args=(node,))


def edge_button_label(label: str, best: EvidenceType | None, confidence: float) -> str:
    """A node panel's button to one of its edges: the other end (escaped), the edge's best
    evidence type as a badge, and its confidence."""
    return f"{md_escape(label)} · {badge_markdown(best)} · {confidence:.2f}"


def item_flags(ev: EvidenceView) -> list[str]:
    """What an evidence item's box says beside its type: contradiction, claim, second-hand, directness."""
    flags = []
    if ev.negated:
        flags.append("CONTRADICTS / reports absence")
    if ev.claim:
        flags.append("claim without primary evidence")
    if ev.verification == "secondary":
        flags.append("seen only in a secondary source")
    if ev.directness != "direct":
        flags.append(f"{ev.directness} evidence")
    return flags


def item_facts(ev: EvidenceView) -> str:
    """An item's species and assay, as its box's small print says them (plain text)."""
    facts = []
    if ev.species:
        facts.append(f"species: {ev.species}")
    if ev.assay:
        facts.append(f"assay: {ev.assay}")
    return " · ".join(facts)


def evidence_item(ev: EvidenceView, i: int) -> None:
    """One evidence item in a bordered box: its type and flags, its text and citation, then
    the small print. Few elements: a panel lists many items, and each element of a Streamlit
    page costs the browser layout, styles and a React render on every click."""
    head = " · ".join([badge_markdown(ev.type), *(f"**{md_escape(f)}**" for f in item_flags(ev))])
    text = f"Quote from the source: “{md_escape(ev.text)}”" if ev.quote else md_escape(ev.text)
    cite = f"{md_link(ev.citation_label, ev.citation_url)} · {md_escape(ev.citation)}"
    facts = item_facts(ev)
    small = [md_escape(facts)] if facts else []
    if ev.values:
        small.append("values: " + "; ".join(md_escape(v) for v in ev.values))
    if ev.note:
        small.append(f"note: {md_escape(ev.note)}")
    with st.container(border=True):
        st.markdown(f"{head}\n\n{text}\n\n{cite}")
        if small:
            st.caption("  \n".join(small))
        if ev.counted:
            st.caption(f"Not counted in the confidence: {md_escape(ev.counted)}")


def show_edge_panel(d: EdgeDetails, G, *, on_node: Callable) -> None:
    st.subheader(d.sentence, anchor=False)
    cols = st.columns(3)
    cols[0].metric("Confidence", f"{d.confidence:.2f}")
    cols[1].metric("Evidence items", len(d.evidence))
    cols[2].metric("Sources", len({ev.source_id for ev in d.evidence}))
    if d.claim_only:
        st.error("Only claims support this link: no primary evidence was found.")
    elif d.no_finding:
        st.info(
            "Shown for context: no item here makes a finding on this link (see each item's "
            "note), so none is counted and the confidence is 0."
        )
    if d.contested and not d.claim_only:
        st.warning("Contested: some evidence contradicts this link.")
    with st.expander(f"Why {d.confidence:.2f}: the score, source by source"):
        # Plain text keeps the lines and their indentation; a code block would load and run
        # the page's syntax highlighter on every edge shown (most of a click's page time).
        st.text("\n".join(d.score_lines))
        st.caption(SCORE_RULE)
    c1, c2 = st.columns(2)
    c1.button(
        f"← {G.nodes[d.subject]['label']}",
        key="edge_subject",
        on_click=on_node,
        args=(d.subject,),
        width="stretch",
    )
    c2.button(
        f"{G.nodes[d.object]['label']} →",
        key="edge_object",
        on_click=on_node,
        args=(d.object,),
        width="stretch",
    )
    for i, ev in enumerate(d.evidence):
        evidence_item(ev, i)


# The panel drawn in the page -----------------------------------------------------------
#
# The same content as the Streamlit panels above, as plain data for the network component
# (ui/network_component.js draws it with textContent, links only to http(s) addresses), so
# that a click shows its details without waiting for the server.


def _badge(etype: EvidenceType | None) -> list:
    """[title, colour] of an evidence type's badge (the legend's colour for its lines)."""
    from graph.render import EVIDENCE_STYLE

    if etype is None:
        return [CONTRADICTED_ONLY, "#555555"]
    return [etype.title, EVIDENCE_STYLE[etype]["color"]]


def _links(links) -> list:
    return [[link.text, link.url] for link in links]


def node_record(d: NodeDetails) -> dict:
    """A node panel as plain data (what :func:`show_node_panel` shows)."""
    groups = []
    for group in d.groups:
        phrase = Predicate(group.predicate).phrase
        title = f"{phrase} ..." if group.direction == "out" else f"... {phrase} this"
        groups.append(
            [
                f"{title} ({len(group.edges)})",
                [
                    [edge_id, label, _badge(best), round(conf, 2)]
                    for edge_id, _, label, best, conf in group.edges
                ],
            ]
        )
    return {
        "kind": "node",
        "heading": d.label,
        "meta": f"{d.kind} · {d.id}",
        "description": d.description,
        "synonyms": list(d.synonyms),
        "identifiers": _links(d.identifiers),
        "subunits": _links(d.subunits),
        "id_note": d.id_note,
        "id_source": d.id_source,
        "groups": groups,
        "neighbours": [list(n) for n in d.neighbours],
    }


def _evidence_record(ev: EvidenceView) -> dict:
    return {
        "badge": _badge(ev.type),
        "flags": item_flags(ev),
        "text": ev.text,
        "quote": ev.quote,
        "link": [ev.citation_label, ev.citation_url],
        "citation": ev.citation,
        "facts": item_facts(ev),
        "values": list(ev.values),
        "note": ev.note,
        "counted": ev.counted,
    }


def edge_record(d: EdgeDetails, G) -> dict:
    """An edge panel as plain data (what :func:`show_edge_panel` shows)."""
    notices = []
    if d.claim_only:
        notices.append(["error", "Only claims support this link: no primary evidence was found."])
    elif d.no_finding:
        notices.append(
            [
                "info",
                "Shown for context: no item here makes a finding on this link (see each item's "
                "note), so none is counted and the confidence is 0.",
            ]
        )
    if d.contested and not d.claim_only:
        notices.append(["warning", "Contested: some evidence contradicts this link."])
    return {
        "kind": "edge",
        "heading": d.sentence,
        "metrics": [
            ["Confidence", f"{d.confidence:.2f}"],
            ["Evidence items", str(len(d.evidence))],
            ["Sources", str(len({ev.source_id for ev in d.evidence}))],
        ],
        "notices": notices,
        "why": [f"Why {d.confidence:.2f}: the score, source by source", list(d.score_lines)],
        "ends": [[d.subject, G.nodes[d.subject]["label"]], [d.object, G.nodes[d.object]["label"]]],
        "evidence": [_evidence_record(ev) for ev in d.evidence],
    }


SCORE_RULE = (
    "Each independent source counts once, with its best item: type weight x directness "
    "(indirect x0.5), halved if seen only second-hand. Restatements are pooled with the "
    "source they restate; items that make no finding and claims are not counted."
)


def panel_records(G, node_ids, edge_ids) -> dict:
    """The in-page panel's records of the drawn nodes and edges: ``{"nodes": {...}, "edges": {...}}``."""
    from graph.details import edge_details, node_details

    return {
        "nodes": {n: node_record(node_details(G, n)) for n in node_ids},
        "edges": {e: edge_record(edge_details(G, e), G) for e in edge_ids},
        "rule": SCORE_RULE,
    }
