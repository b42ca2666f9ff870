"""Documents view: a document's sentences with entity highlights and claim-audit verdicts.

The text comes from the dataset's documents or from the user's upload (kept in this
session's state only). Every fragment is escaped before it reaches markdown; highlights
use Streamlit's colour directives around escaped text, never HTML.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from graph.text import DocumentError, audit_document, read_document
from graph.text.audit import audit_to_json
from ui.text import md_escape

VERDICT_COLOR = {"supported": "green", "weak": "orange", "unsupported": "red", "contradicted": "violet"}
# The uploader's own limit, which it names ("1MB per file") and checks before sending a
# file; the reader's in bytes is the larger reading of a megabyte (browsers on Windows
# count 1,048,576 bytes, others 1,000,000), so no file the widget sends is refused for size.
MAX_UPLOAD_MB = 1
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


@st.cache_data(max_entries=32, show_spinner="Auditing the document...")
def cached_audit(_G, token: str, text: str, name: str, _documents: dict, digest: str) -> dict:
    """Audit result as plain data, cached on dataset token + document content."""
    return audit_to_json(_G, audit_document(_G, text, name, documents=_documents))


def highlighted(text: str, start: int, entities: list[dict]) -> str:
    """Sentence as markdown: escaped text, entity mentions on a blue background."""
    out, pos = [], start
    spans = sorted({(e["start"], e["end"]) for e in entities})
    for s, e in spans:
        if s < pos:
            continue  # overlapping mentions: keep the first
        out.append(md_escape(text[pos - start : s - start]))
        out.append(f":blue-background[{md_escape(text[s - start : e - start])}]")
        pos = e
    out.append(md_escape(text[pos - start :]))
    return "".join(out)


def upload_box() -> None:
    upload = st.file_uploader(
        "Audit your own document (.txt or .md)",
        type=["txt", "md"],
        key="doc_upload",
        max_upload_size=MAX_UPLOAD_MB,
        help="Stays in your session only; nothing is stored on the server.",
    )
    if upload is None:
        return
    data = upload.getvalue()
    marker = hashlib.sha256(data).hexdigest()
    if st.session_state.get("_doc_marker") == marker:
        return
    st.session_state["_doc_marker"] = marker
    try:
        text = read_document(data, upload.name, max_bytes=MAX_UPLOAD_BYTES)
    except DocumentError as exc:
        st.session_state["doc_error"] = str(exc)
        return
    st.session_state.pop("doc_error", None)
    st.session_state["doc_uploaded"] = (upload.name, text)
    st.session_state["doc_new"] = True


def document_label(G, choice: str) -> str:
    """How the document box names a choice: an uploaded file by its name; a dataset's document
    by the citation of the source that holds it (its file name is often a bare id), then its name."""
    where, name = choice.split(":", 1)
    if where == "upload":
        return f"Uploaded: {name}"
    citation = next(
        (s.citation for s in G.graph.get("sources", {}).values() if s.document == name),
        None,
    )
    return f"Dataset: {citation} ({name})" if citation else f"Dataset: {name}"


def documents_view(G, token: str, documents: dict[str, str], on_edge: Callable[[str], None]) -> None:
    upload_box()
    if st.session_state.get("doc_error"):
        st.error(f"The document was not read: {md_escape(st.session_state['doc_error'])}")
    choices = {f"dataset:{name}": (name, text) for name, text in documents.items()}
    if st.session_state.get("doc_uploaded"):
        name, text = st.session_state["doc_uploaded"]
        choices[f"upload:{name}"] = (name, text)
    if not choices:
        st.info("This dataset has no documents; upload one to audit it.")
        return
    if st.session_state.pop("doc_new", False):
        st.session_state["doc_choice"] = f"upload:{st.session_state['doc_uploaded'][0]}"
    if st.session_state.get("doc_choice") not in choices:
        st.session_state["doc_choice"] = next(iter(choices))
    choice = st.selectbox(
        "Document",
        list(choices),
        key="doc_choice",
        format_func=lambda c: document_label(G, c),
    )
    name, text = choices[choice]
    digest = hashlib.sha256(text.encode()).hexdigest()
    audit = cached_audit(G, token, text, name, documents, digest)
    summary = audit["summary"]
    claims = sum(n for verdict, n in summary.items() if verdict != "no_claim")
    st.markdown(
        f"**{md_escape(name)}**: {len(audit['sentences'])} sentences, {claims} claim-bearing. "
        + " ".join(
            f":{VERDICT_COLOR[v]}-badge[{v}: {n}]" for v, n in summary.items() if v in VERDICT_COLOR and n
        )
    )
    st.caption(
        "Each sentence is read for what it asserts: the relation's kind and direction (activates, "
        "blocks, causes), negation, comparison and outcome. Supported: primary direct evidence of "
        "the same relation and direction. Contradicted: primary evidence of the opposite direction, "
        "or a denial of what the evidence shows. Weak: only review, regulatory or indirect evidence. "
        "Unsupported: no edge, only claims, or a comparison no evidence makes. Headings and "
        "questions are not claims. The document never supports itself."
    )
    c1, c2 = st.columns([3, 1])
    with c1:
        only_claims = st.toggle("Show only claim-bearing sentences", value=False, key="doc_only_claims")
    c2.download_button(
        "Download the audit (JSON)",
        json.dumps(audit, ensure_ascii=False, indent=2),
        file_name=f"{Path(name).stem}.audit.json",
        mime="application/json",
        key="doc_audit_download",
    )
    for s in audit["sentences"]:
        verdict = s["verdict"]
        if only_claims and verdict is None:
            continue
        with st.container(border=True):
            head = f":{VERDICT_COLOR[verdict]}-badge[{verdict}] " if verdict else ":gray-badge[no claim] "
            flags = []
            if s["hedged"]:
                flags.append("hedged")
            if s["negated"]:
                flags.append("negated")
            if s.get("comparisons"):
                flags.append("comparative")
            if s.get("subject"):
                flags.append(f"subject: {s['subject']['label']}")
            st.markdown(
                head
                + " ".join(f":gray-badge[{f}]" for f in flags)
                + " "
                + highlighted(s["text"], s["start"], s["entities"])
            )
            if s["reason"]:
                st.caption(md_escape(s["reason"]))
            if s["candidates"]:
                pairs = "; ".join(f"{c['a_text']} ~ {c['b_text']}" for c in s["candidates"])
                st.caption(f"Named together but not linked in the graph: {md_escape(pairs)}")
            edges = s["edges"]
            if not edges and not s["evidence"]:
                continue
            with st.expander(f"Links and evidence ({len(edges)} edges)", expanded=False):
                for j, e in enumerate(edges):
                    cols = st.columns([4, 1])
                    badge = (
                        f":{VERDICT_COLOR[e['verdict']]}-badge[{e['verdict']}] "
                        if e["verdict"] in VERDICT_COLOR
                        else ""
                    )
                    cols[0].markdown(badge + md_escape(e["relation"]))
                    cols[1].button(
                        "Show",
                        key=f"doc_edge_{s['index']}_{j}",
                        on_click=on_edge,
                        args=(e["id"],),
                        help="Focus this edge in the network",
                    )
                for ev in s["evidence"]:
                    own = " (this document: not counted)" if ev.get("own") else ""
                    st.caption(
                        f"{md_escape(ev['type'])}{md_escape(own)} · {md_escape(ev['citation'])}: "
                        f"{md_escape(ev['text'])}"
                    )
