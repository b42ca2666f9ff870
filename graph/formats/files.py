"""The named files of one dataset as the readers see them: what each file holds, and its kind.

A reader gets ``{relative name: decoded text}`` (the front door, :mod:`graph.formats.open`,
has already unpacked archives, checked sizes and decoded the bytes) plus a ``display``
prefix (``upload.zip/``) that its messages put before each name.

>>> file_role("kratom_edges.jsonl"), file_role("metadata.json"), file_role("notes.txt")
('edges', 'dataset', None)
>>> data_suffix({"nodes.tsv": "", "edges.tsv": "", "metadata.json": ""})
'.tsv'
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from graph.errors import DatasetError, Problem
from graph.formats.limits import DEFAULT_LIMITS, Limits, check_json_depth, decode_shaped

DOCUMENT_SUFFIXES = (".txt", ".md")
# The suffix that decides the format of a set of files, strongest first: a YAML dataset
# may carry a stray .csv, a KGX pair carries metadata.json.
DATA_SUFFIXES = (".yaml", ".yml", ".jsonl", ".tsv", ".csv", ".graphml", ".gexf", ".cyjs", ".json")
# A fixed timestamp keeps zip bytes equal for equal input (zip stores file times).
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def pair_name(display: str, names: Iterable[str]) -> str | None:
    """What a nodes and edges pair is called when its metadata names no dataset: the folder
    or archive it came in (``display``), else what its nodes and edges files share around
    their role word; None when neither says. The same files get the same name whichever
    reader takes them and in whatever order they come.

    >>> pair_name("", ["kg_edges.tsv", "metadata.json", "kg_nodes.tsv"])
    'kg'
    >>> pair_name("monarch.zip/", ["nodes.jsonl", "edges.jsonl"])
    'monarch.zip'
    >>> pair_name("", ["nodes.tsv", "edges.tsv"]) is None, pair_name("", ["a_nodes.tsv", "b_edges.tsv"]) is None
    (True, True)
    """
    folder = display.rstrip("/").rsplit("/", 1)[-1]
    if folder:
        return folder
    shared = set()
    for name in names:
        if file_role(name) not in ("nodes", "edges"):
            continue
        stem = PurePosixPath(name.removesuffix(".gz")).stem
        last = list(_ROLE_WORD.finditer(stem))[-1]
        shared.add(re.sub(r"[_\-. ]{2,}", "_", stem[: last.start()] + stem[last.end() :]).strip("_-. "))
    if len(shared) != 1:
        return None
    return shared.pop() or None


_ROLE_WORD = re.compile(r"(?<![a-z])(?:nodes?|edges?)(?![a-z])", re.IGNORECASE)


def file_role(name: str) -> str | None:
    """``kratom_edges.jsonl`` -> ``edges``; ``metadata.json`` -> ``dataset``; None when the name says nothing."""
    stem = PurePosixPath(name).stem.lower()
    for word in reversed(re.split(r"[^a-z]+", stem)):
        if word in ("nodes", "node"):
            return "nodes"
        if word in ("edges", "edge"):
            return "edges"
        if word == "evidence":
            return "evidence"
        if word in ("sources", "source"):
            return "sources"
        if word in ("dataset", "metadata"):
            return "dataset"
    return None


def suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def data_suffix(texts: Mapping[str, str]) -> str | None:
    """The suffix that decides the format of these files (see :data:`DATA_SUFFIXES`), or None."""
    present = {suffix(n) for n in texts}
    found = next((s for s in DATA_SUFFIXES if s in present), None)
    return ".yaml" if found == ".yml" else found


def where(display: str) -> str:
    """What to call the whole set of files in a message: the folder or archive, else ``upload``."""
    return display.rstrip("/") or "upload"


def fail(problems: list[Problem]) -> None:
    """Raise one :class:`DatasetError` with every problem, if there are any."""
    if problems:
        raise DatasetError(problems)


def load_json(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """One JSON document, nesting depth checked first; a located DatasetError otherwise."""
    shaped = decode_shaped(text, "file", limits)
    if shaped is not None:
        return shaped
    fail(check_json_depth(text, file, limits))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail([Problem(file=file, line=exc.lineno, message=f"not JSON: {exc.msg} at column {exc.colno}")])
    except RecursionError:
        fail([Problem(file=file, message="JSON nested too deeply")])
    raise AssertionError("unreachable")


def zip_texts(files: Mapping[str, str]) -> bytes:
    """A zip of UTF-8 text files; the same files give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
