"""Streamlit panel "Extract from a big graph": a K-hop neighbourhood of KGX files on the server.

Only files under one configured directory (``GRAPH_EXTRACT_DIR``) are offered, and every
path is resolved and checked against it again by the extractor (symlinks included); the
panel is not drawn when no directory is configured. The extraction runs in a background
thread (DuckDB releases the GIL while it reads, so other sessions keep working; at most
:data:`MAX_RUNNING` at once on the server), a fragment polls its progress each second,
and the finished archive is queued as this session's upload for
:func:`ui.importer.import_panel`, so it opens like any dataset, and a failed extraction
or import keeps the dataset the session had. Messages are shown as plain text.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from graph.errors import GraphError
from graph.extract import Filters, Plan, extract, split_terms, within, write_archive
from graph.extract.files import SUFFIXES
from graph.extract.plan import MAX_HOPS
from ui.importer import PENDING
from ui.text import md_escape

DIR_ENV = "GRAPH_EXTRACT_DIR"
JOB = "_extract_job"
REPORT = "_extract_report"
MAX_RUNNING = 1
MAX_LISTED = 200
_SLOTS = threading.BoundedSemaphore(MAX_RUNNING)


def configured_dir() -> Path | None:
    value = os.environ.get(DIR_ENV, "").strip()
    if not value:
        return None
    path = Path(value).resolve()
    return path if path.is_dir() else None


def graph_files(base: Path) -> list[str]:
    """KGX files under ``base`` (two levels at most), as paths relative to it; none outside it."""
    found = []
    for pattern in ("*", "*/*"):
        for p in sorted(base.glob(pattern)):
            if p.is_file() and p.name.lower().endswith(SUFFIXES) and within(base, p):
                found.append(p.relative_to(base).as_posix())
    return found[:MAX_LISTED]


@dataclass
class Job:
    """State shared by the worker thread and the session that started it."""

    plan: Plan
    nodes: str
    edges: str
    message: str = "waiting for a free slot"
    fraction: float = 0.0
    done: bool = False
    error: str | None = None
    result: tuple[str, bytes] | None = None
    report: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def update(self, message: str, fraction: float) -> None:
        self.message, self.fraction = message, fraction


def _work(job: Job, base: Path) -> None:
    with _SLOTS:
        try:
            nb = extract(job.plan, job.nodes, job.edges, allowed=base, progress=job.update)
            written = write_archive(nb, job.plan, Path(job.edges).name)
            stem = (job.plan.seeds[0] if job.plan.seeds else job.plan.seed_search or "graph").replace(
                ":", "_"
            )
            name = "".join(c if c.isalnum() or c in "._-" else "_" for c in stem)[:60]
            job.report = [
                f"{len(nb.depth):,} nodes and {len(nb.edges):,} edge rows within {job.plan.hops} hop(s) "
                f"in {nb.seconds:.1f} s ({nb.engine})",
                *(f"skipped while reading: {line}" for line in nb.skipped.lines()),
                *(f"left out: {line}" for line in written.lines()),
            ]
            job.result = (f"extract-{name}.kgx.jsonl.zip", written.data)
        except GraphError as exc:
            job.error = str(exc)
        except Exception as exc:  # the session must hear of any failure, not wait forever
            job.error = f"extraction failed: {type(exc).__name__}: {exc}"
        finally:
            job.done = True


def start(plan: Plan, nodes: str, edges: str, base: Path) -> Job:
    """Start an extraction in a background thread; the job is this session's."""
    job = Job(plan=plan, nodes=nodes, edges=edges)
    threading.Thread(target=_work, args=(job, base), name="graph-extract", daemon=True).start()
    st.session_state[JOB] = job
    st.session_state.pop(REPORT, None)
    return job


@st.fragment(run_every=1.0)
def _progress() -> None:
    job: Job | None = st.session_state.get(JOB)
    if job is None:
        return
    if not job.done:
        st.progress(
            min(max(job.fraction, 0.0), 1.0), text=f"{job.message} ({time.monotonic() - job.started:.0f} s)"
        )
        return
    st.session_state.pop(JOB, None)
    if job.error:
        st.session_state[REPORT] = ("error", job.error)
    else:
        st.session_state[REPORT] = ("ok", "\n".join(job.report))
        st.session_state[PENDING] = [job.result]
    st.rerun()


def _submit(base: Path) -> None:
    s = st.session_state
    plan = Plan(
        seeds=tuple(split_terms(s.get("extract_seeds"))),
        seed_search=(s.get("extract_search") or "").strip() or None,
        hops=int(s.get("extract_hops") or 0),
        filters=Filters.of(
            predicates=split_terms(s.get("extract_predicates")),
            categories=split_terms(s.get("extract_categories")),
            knowledge_sources=split_terms(s.get("extract_sources")),
        ),
    )
    nodes, edges = s.get("extract_nodes"), s.get("extract_edges")
    if not nodes or not edges:
        s[REPORT] = ("error", "choose a node file and an edge file")
        return
    start(plan, nodes, edges, base)


def extract_panel() -> None:
    """Sidebar expander "Extract from a big graph" (only when a directory is configured)."""
    base = configured_dir()
    if base is None:
        return
    job = st.session_state.get(JOB)
    report = st.session_state.get(REPORT)
    with st.sidebar.expander("Extract from a big graph", expanded=job is not None or report is not None):
        files = graph_files(base)
        st.caption(
            f"KGX node and edge files (TSV or JSON Lines, optionally gzipped) in {md_escape(base.name)}/ "
            "on the server. The neighbourhood opens here as your own dataset."
        )
        if not files:
            st.info("No KGX files in the configured directory.")
            return
        node_guess = next((i for i, f in enumerate(files) if "node" in f.lower()), 0)
        edge_guess = next((i for i, f in enumerate(files) if "edge" in f.lower()), 0)
        st.selectbox("Node file", files, index=node_guess, key="extract_nodes")
        st.selectbox("Edge file", files, index=edge_guess, key="extract_edges")
        st.text_input("Seed ids (comma-separated)", key="extract_seeds")
        st.text_input("and/or names containing", key="extract_search")
        st.number_input("Hops", min_value=0, max_value=MAX_HOPS, value=2, step=1, key="extract_hops")
        st.text_input(
            "Only predicates (optional)", key="extract_predicates", placeholder="biolink:affects, ..."
        )
        st.text_input(
            "Only categories (optional)", key="extract_categories", placeholder="biolink:Protein, ..."
        )
        st.text_input(
            "Only knowledge sources (optional)", key="extract_sources", placeholder="infores:chembl, ..."
        )
        st.button(
            "Extract",
            key="extract_run",
            disabled=job is not None,
            on_click=_submit,
            args=(base,),
            type="primary",
        )
        if job is not None:
            _progress()
        if report is not None:
            kind, text = report
            if kind == "error":
                st.error("Extraction failed; the dataset shown is unchanged.")
            else:
                st.success("Extracted and opened:")
            st.code(text, language=None)
