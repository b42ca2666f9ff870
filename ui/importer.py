"""Streamlit panel that opens a user's dataset (files or a zip) into this session only.

The app calls :func:`import_panel` first thing in each run, and draws
:func:`session_graph` instead of the embedded graph when it returns one. Isolation: the
imported graph lives in ``st.session_state`` (one browser session), never in
``st.cache_resource`` or a module global; the parse is not cached across sessions at
all (an import is one click, and a cache keyed on content would hand two users the same
objects). A failed import changes nothing: the session keeps the graph it had and the
problems are shown as a list with one escaped line per kind of problem, never as markup.
Each upload gets a fresh uploader widget, so a new upload replaces the previous one.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from graph import DatasetError, build_graph
from graph.formats import Limits, open_dataset
from graph.formats.registry import readers, upload_types
from graph.formats.report import TITLES
from ui import keys
from ui.text import md_escape

PENDING = "_import_pending"  # [(name, bytes)] queued by the uploader's on_change (tests may set it)
IMPORTED = "_imported"  # (G, token, label, documents) of the session's dataset
PROBLEMS = "_import_problems"  # (count, grouped problems) of the last failed import
WARNINGS = "_import_warnings"  # the import report: (summary line, warnings grouped by kind)
STRICT = "import_strict"  # the checkbox: import warnings are errors
MAX_SHOWN_PROBLEMS = 200
MAX_PROBLEM_KINDS = 30
MAX_LOCATIONS = 3


UPLOADER_GENERATION = "_import_uploader"  # bumped after each upload: the next one starts empty


def accepted_types() -> list[str]:
    """The uploader's file types: every suffix a registered reader takes, archives and documents."""
    return [t.lstrip(".") for t in upload_types()]


def upload_limit_mb(limits: Limits | None = None) -> int:
    """The import's limit per file in the uploader's megabytes (a browser counts 1,000,000 or
    1,048,576 bytes; both readings stay within the import's limit).

    >>> upload_limit_mb(Limits(max_file_bytes=64 * 1024 * 1024))
    64
    """
    return max(1, (limits or Limits()).max_file_bytes // (1024 * 1024))


def _uploader_key() -> str:
    return f"import_files_{st.session_state.get(UPLOADER_GENERATION, 0)}"


def _queue_upload() -> None:
    files = st.session_state.get(_uploader_key()) or []
    st.session_state[PENDING] = [(f.name, f.getvalue()) for f in files]
    # A new uploader widget (new key) replaces this one, so the next upload is judged
    # on its own files, never on a pile of this one's and the next one's.
    st.session_state[UPLOADER_GENERATION] = st.session_state.get(UPLOADER_GENERATION, 0) + 1


def grouped_problems(problems) -> list[tuple[str, int, list[str]]]:
    """Problems grouped by kind: ``(message, count, first locations)``, most frequent first.

    >>> from graph.errors import Problem
    >>> grouped_problems([Problem(file="a.csv", line=2, message="unknown kind 'x'", field="kind"),
    ...                   Problem(file="a.csv", line=5, message="unknown kind 'x'", field="kind")])
    [("kind: unknown kind 'x'", 2, ['a.csv:2', 'a.csv:5'])]
    """
    groups: dict[str, list[str]] = {}
    for p in problems:
        if p.code in TITLES:  # an import warning made an error by "Strict": one line per kind
            kind = ": ".join(TITLES[p.code])
        else:
            kind = f"{p.field}: {p.message}" if p.field else p.message
        where = p.file if p.line is None else f"{p.file}:{p.line}"
        if p.entry:
            where += f" ({p.entry})"
        groups.setdefault(kind, []).append(where)
    ranked = sorted(groups.items(), key=lambda item: -len(item[1]))
    return [(kind, len(places), places[:MAX_LOCATIONS]) for kind, places in ranked]


def _back_to_default() -> None:
    st.session_state.pop(IMPORTED, None)
    st.session_state.pop(PROBLEMS, None)
    st.session_state.pop(WARNINGS, None)
    _reset_view()


def _reset_view() -> None:
    for key in keys.DATASET_KEYS:
        st.session_state.pop(key, None)


def load_into_session(
    files: list[tuple[str, bytes]], limits: Limits | None = None, strict: bool | None = None
) -> bool:
    """Import ``files`` into this session; on failure keep the current dataset and store the problems.

    ``strict`` (default: the panel's checkbox) turns import warnings into errors.
    """
    if strict is None:
        strict = bool(st.session_state.get(STRICT))
    try:
        imported = open_dataset(files, limits=limits or Limits(), strict=strict)
        G = build_graph(imported.dataset, positions=imported.positions)
    except DatasetError as exc:
        st.session_state[PROBLEMS] = (len(exc.problems), grouped_problems(exc.problems))
        st.session_state.pop(WARNINGS, None)
        return False
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    token = "import-" + digest.hexdigest()[:16]
    label = ", ".join(name for name, _ in files)
    st.session_state[IMPORTED] = (G, token, f"{label} ({imported.format})", dict(imported.dataset.documents))
    st.session_state.pop(PROBLEMS, None)
    st.session_state[WARNINGS] = (imported.report.summary, grouped_problems(imported.warnings))
    _reset_view()
    return True


def problem_list(groups: list[tuple[str, int, list[str]]]) -> str:
    """Markdown bullet list, one line per kind of problem; every data string escaped."""
    lines = []
    for kind, count, places in groups[:MAX_PROBLEM_KINDS]:
        more = f" and {count - len(places)} more" if count > len(places) else ""
        lines.append(f"- **{count}×** {md_escape(kind)}: {md_escape(', '.join(places))}{more}")
    if len(groups) > MAX_PROBLEM_KINDS:
        rest = sum(count for _, count, _ in groups[MAX_PROBLEM_KINDS:])
        lines.append(f"- {len(groups) - MAX_PROBLEM_KINDS} more kinds of problem ({rest} in all)")
    return "\n".join(lines)


def session_graph():
    """``(G, token, documents)`` of the dataset this session imported, or None for the embedded one."""
    held = st.session_state.get(IMPORTED)
    return None if held is None else (held[0], held[1], held[3])


def import_panel() -> tuple[object, str, dict[str, str]] | None:
    """Sidebar expander "Open a dataset"; ``(G, token, documents)`` of the session's dataset, or None.

    The triple has the shape of the app's ``embedded_graph()``, so the app writes
    ``G, token, documents = import_panel() or embedded_graph()``.

    Call it before any other widget of the view is drawn: a successful import resets the
    view's widget state for the new graph.
    """
    pending = st.session_state.pop(PENDING, None)
    if pending:
        with st.spinner("Opening the dataset..."):
            load_into_session(pending)
    held = st.session_state.get(IMPORTED)
    with st.sidebar.expander("Open a dataset", expanded=bool(st.session_state.get(PROBLEMS))):
        st.caption(
            "Formats: "
            + ", ".join(f.label for f in readers())
            + ". Upload the files of one dataset, or one zip. "
            "Only you see what you open here."
        )
        # Opened as soon as the upload reaches the server (on_change), so no click can race it.
        st.file_uploader(
            "Dataset files or a zip",
            accept_multiple_files=True,
            key=_uploader_key(),
            type=accepted_types(),
            # The limit per file the import applies, named and checked by the widget itself
            # (a larger file is refused before it is sent, not after).
            max_upload_size=upload_limit_mb(),
            on_change=_queue_upload,
        )
        st.checkbox(
            "Strict: refuse a dataset with import warnings",
            key=STRICT,
            help="For curators: rows padded, categories or predicates generalised, provenance "
            "without identifiers and edges left out become errors.",
        )
        if held is not None:
            st.caption(f"Showing: {md_escape(held[2])}")
            st.button("Back to the embedded dataset", key="import_reset", on_click=_back_to_default)
        problems = st.session_state.get(PROBLEMS)
        if problems:
            count, groups = problems
            st.error(
                f"Import failed ({count} problem{'s' if count != 1 else ''}); the dataset shown is "
                "unchanged. Fix the files and upload them again."
            )
            st.markdown(problem_list(groups))
        report = st.session_state.get(WARNINGS)
        if report and held is not None:
            summary, groups = report
            if groups:
                st.warning(summary)
                st.markdown(problem_list(groups))  # one line per kind of warning
            else:
                st.caption(md_escape(summary))
    return session_graph()
