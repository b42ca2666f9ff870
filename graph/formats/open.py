"""The one door every dataset comes in by: :func:`open_dataset` of a path or of named files.

The embedded data, the app's uploads and ``python -m graph --data`` all open here, with
the same :class:`~graph.formats.limits.Limits`. A path is a dataset directory, an archive
(``.zip``, ``.gz``) or one file of a dataset (its partner files in the same folder come
along); files are ``[(name, bytes)]`` as uploaded. Sizes and counts are checked before
reading, archives are unpacked safely, text is decoded, and the first format of the
registry (:mod:`graph.formats.registry`) whose ``sniff`` recognises the files reads them.

Nothing is half-loaded: an import returns an :class:`~graph.formats.report.Imported`
(a whole :class:`~graph.model.Dataset` and its report, "imported N of M nodes, K of L
edges; W warnings") or raises :class:`~graph.errors.DatasetError` listing every problem
with its file, line or entry, and field. Lenient by default: only what makes a graph
unbuildable is an error; ``strict=True`` turns the import warnings into errors.

>>> imported = open_dataset("tests/fixtures/tiny")
>>> imported.format, len(imported.dataset.nodes), len(imported.dataset.edges)
('project YAML', 5, 6)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from graph.errors import DatasetError, Problem
from graph.formats.files import DOCUMENT_SUFFIXES, fail, file_role, suffix, where
from graph.formats.limits import DEFAULT_LIMITS, Limits, check_size, decode_text, read_gzip, read_zip
from graph.formats.registry import readers, upload_types
from graph.formats.report import Imported
from graph.heap import gc_paused
from graph.load import DEFAULT_DATA_DIR
from graph.model import Dataset

__all__ = ["Imported", "Limits", "load_dataset", "open_dataset"]

ARCHIVE_SUFFIXES = (".zip", ".gz")


def _text_suffixes() -> set[str]:
    return {s for s in upload_types() if s not in ARCHIVE_SUFFIXES}


def open_dataset(
    source: str | Path | Iterable[tuple[str, bytes]],
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Imported:
    """Open a dataset: a path (directory, archive, or one file with its partners) or uploaded files.

    ``source`` is a path, or ``[(name, bytes), ...]`` (several files of one dataset, or
    one zip, named as uploaded). Raise :class:`DatasetError` listing every problem.
    """
    if isinstance(source, (str, Path)):
        return _open_path(Path(source), limits, strict)
    return _open_upload(list(source), limits, strict)


def load_dataset(path: str | Path = DEFAULT_DATA_DIR) -> Dataset:
    """The validated dataset at ``path`` (default: the embedded one), read strictly.

    >>> load_dataset().name
    'Kratom alkaloid mechanisms'
    """
    return open_dataset(path, strict=True).dataset


def _open_files(files: dict[str, bytes], display: str, limits: Limits, strict: bool) -> Imported:
    """Named files (relative names; ``display`` prefixes them in messages) through the registry.

    A single ``.zip`` is unpacked first (after the checks of :func:`read_zip`), ``.gz``
    files are inflated; a clean file of the project's own formats is then read from its
    bytes (the registry's clean readers); any other is decoded as text, and the first reader
    whose ``sniff`` accepts the files reads them.
    """
    if len(files) > limits.max_files:
        fail([Problem(file=where(display), message=f"{len(files)} files; the limit is {limits.max_files}")])
    total = sum(len(b) for b in files.values())
    if total > limits.max_total_bytes:
        fail(
            [
                Problem(
                    file=where(display),
                    message=f"{total:,} bytes in all; the limit is {limits.max_total_bytes:,}",
                )
            ]
        )
    fail([p for name, data in files.items() for p in check_size(len(data), f"{display}{name}", limits)])
    zips = [n for n in files if n.lower().endswith(".zip")]
    if zips:
        if len(files) > 1:
            fail(
                [
                    Problem(
                        file=f"{display}{zips[0]}",
                        message="upload either one zip or the dataset's files, not both",
                    )
                ]
            )
        name = zips[0]
        inner, problems = read_zip(files[name], f"{display}{name}", limits)
        fail(problems)
        if not inner:
            fail([Problem(file=f"{display}{name}", message="the zip holds no files")])
        return _open_files(inner, f"{display}{name}/", limits, strict)

    gzipped = [n for n in files if n.lower().endswith(".gz")]
    if gzipped:
        problems = []
        inflated = {n: b for n, b in files.items() if n not in gzipped}
        for name in gzipped:
            content, found = read_gzip(files[name], f"{display}{name}", limits)
            problems += found
            if content is not None:
                inflated[name[: -len(".gz")]] = content
        fail(problems)
        files = inflated
    known = _text_suffixes()
    unknown = [n for n in files if suffix(n) not in known]
    if unknown:
        fail(
            [
                Problem(
                    file=f"{display}{n}",
                    message=f"not a file type this importer reads ({', '.join(upload_types())})",
                )
                for n in unknown
            ]
        )
    # A clean file of the project's own formats is read from its bytes; any other as text.
    for spec in readers():
        if spec.clean_reader is not None:
            with gc_paused():
                imported = spec.clean_reader(files, display=display, limits=limits)
            if imported is not None:
                return imported
    texts, problems = {}, []
    for name, data in files.items():
        text, found = decode_text(data, f"{display}{name}")
        problems += found
        if text is not None:
            texts[name] = text
    fail(problems)
    for spec in readers():
        if spec.sniff(texts):
            # Parsing and validating a big file makes millions of acyclic containers: the
            # cyclic collector is paused meanwhile (see graph.heap.gc_paused).
            with gc_paused():
                return spec.reader(texts, display=display, limits=limits, strict=strict)
    fail(
        [
            Problem(
                file=where(display),
                message="no dataset files found: expected " + ", ".join(spec.label for spec in readers()),
            )
        ]
    )
    raise AssertionError("unreachable")


def _collect_dir(directory: Path, limits: Limits) -> dict[str, bytes]:
    """Files of a dataset directory (and its ``documents/``), sizes checked before reading."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    entries = sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))
    docs = directory / "documents"
    if docs.is_dir():
        entries += sorted(p for p in docs.iterdir() if p.is_file() and p.suffix in (".txt", ".md"))
    known = _text_suffixes() | set(ARCHIVE_SUFFIXES)
    entries = [p for p in entries if p.suffix.lower() in known]
    if len(entries) > limits.max_files:
        fail([Problem(file=str(directory), message=f"{len(entries)} files; the limit is {limits.max_files}")])
    for p in entries:
        rel = p.relative_to(directory).as_posix()
        if p.parent == directory and p.suffix.lower() in (".txt", ".md"):
            continue  # README.txt and the like beside the data are not part of it
        found = check_size(p.stat().st_size, rel, limits)
        if found:
            problems += found
            continue
        files[rel] = p.read_bytes()
    fail(problems)

    # A directory of one kind of files: keep that kind (a README.md or a stray .json aside).
    def kind(n: str) -> str:
        return PurePosixPath(n.removesuffix(".gz")).suffix.lower()

    kinds = {kind(n) for n in files if not n.startswith("documents/")}
    for preferred in ((".yaml", ".yml"), (".jsonl",), (".tsv",), (".csv",)):
        if kinds & set(preferred):
            keep = set(preferred) | ({".json"} if preferred in ((".jsonl",), (".tsv",)) else set())
            return {
                n: b
                for n, b in files.items()
                if kind(n) in keep or (n.startswith("documents/") and preferred[0] in (".yaml", ".csv"))
            }
    return files


def _siblings(path: Path) -> dict[str, Path]:
    """A file of a pair (``x_nodes.jsonl``) with its partners in the same folder (``x_edges.jsonl``)."""
    ext = path.suffix.lower()
    prefix = re.sub(r"(nodes?|edges?|evidence|sources?|dataset)$", "", path.stem, flags=re.IGNORECASE)
    out = {}
    for p in sorted(path.parent.iterdir()):
        if not p.is_file():
            continue
        same_family = (
            p.suffix.lower() == ext and p.stem.lower().startswith(prefix.lower()) and file_role(p.name)
        )
        metadata = ext in (".jsonl", ".tsv") and p.name.lower() in (
            f"{prefix.lower()}metadata.json",
            "metadata.json",
        )
        if p == path or same_family or metadata:
            out[p.name] = p
    return out


def _open_path(path: Path, limits: Limits, strict: bool) -> Imported:
    """A dataset directory, an archive, or one file of a dataset (with its partner files)."""
    if path.is_dir():
        return _open_files(_collect_dir(path, limits), f"{path.name}/" if path.name else "", limits, strict)
    if not path.is_file():
        raise DatasetError([Problem(file=str(path), message="no such file or directory")])
    paths = {path.name: path} if path.suffix.lower() in (".zip", ".json") else _siblings(path)
    files = {}
    problems = []
    for name, p in paths.items():
        found = check_size(p.stat().st_size, name, limits)
        problems += found
        if not found:
            files[name] = p.read_bytes()
    fail(problems)
    return _open_files(files, "", limits, strict)


def _open_upload(files: list[tuple[str, bytes]], limits: Limits, strict: bool) -> Imported:
    """Uploaded files (several files of one dataset, or one zip), named as uploaded."""
    if not files:
        raise DatasetError([Problem(file="upload", message="no files")])
    named: dict[str, bytes] = {}
    problems = []
    for name, data in files:
        base = PurePosixPath(str(name).replace("\\", "/")).name  # a browser sends a bare name; be sure
        if not base or base in named:
            problems.append(
                Problem(
                    file=base or "upload",
                    message="two uploaded files have the same name" if base else "file has no name",
                )
            )
            continue
        named[base] = bytes(data)
    fail(problems)
    # Uploads of the YAML format come flat: put documents where the loader expects them.
    if any(n.endswith((".yaml", ".yml")) for n in named):
        named = {(f"documents/{n}" if n.endswith(DOCUMENT_SUFFIXES) else n): b for n, b in named.items()}
    return _open_files(named, "", limits, strict)
