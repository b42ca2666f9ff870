"""Open any supported mechanism dataset (directory, zip, files or upload) as a validated Dataset.

Formats, recognised by file names and extensions:

============================  ===============================================================
project YAML                  ``dataset.yaml, sources.yaml, nodes.yaml, edges.yaml`` (+ ``documents/``)
project CSV                   ``nodes.csv``, ``evidence.csv`` / ``edges.csv``, ``sources.csv``, ``dataset.csv``
KGX JSON Lines                ``*nodes*.jsonl`` + ``*edges*.jsonl`` (+ ``metadata.json``)
KGX TSV                       ``*nodes*.tsv`` + ``*edges*.tsv`` (+ ``metadata.json``)
KGX JSON                      one ``.json`` object ``{"nodes": [...], "edges": [...]}``
node-link JSON                one ``.json`` written by our exporter (``graph.format``)
============================  ===============================================================

Every format becomes YAML-shaped mappings validated by :func:`graph.validate.validate_raw`,
so one model and one set of rules hold everywhere. Nothing is half-loaded: an import
returns a whole :class:`~graph.model.Dataset` or raises
:class:`~graph.errors.DatasetError` listing every problem with its file, line or entry,
and field. Limits (:mod:`graph.imports.limits`) are checked before the work they bound.
Lenient by default: only what makes a graph unbuildable is an error; everything else
imports with a warning (:mod:`graph.imports.report` lists the kinds), and
:func:`import_any` and :func:`import_upload` return an :class:`Imported` whose
``report`` says "imported N of M nodes, K of L edges; W warnings", warnings grouped by
kind. ``strict=True`` turns the warnings into errors.

>>> ds = open_any("tests/fixtures/tiny")
>>> len(ds.nodes), len(ds.edges)
(5, 6)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from graph.errors import DatasetError, Problem
from graph.imports.csv_format import csv_raw
from graph.imports.kgx import Records, kgx_raw, parse_jsonl, parse_kgx_json, parse_tsv
from graph.imports.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_json_depth,
    check_size,
    decode_text,
    read_gzip,
    read_zip,
)
from graph.imports.report import ImportReport, is_warning
from graph.load import DATASET_FILES, parse_dataset_file
from graph.model import Dataset
from graph.readwrite.records import excerpt_documents

__all__ = [
    "Imported",
    "Limits",
    "import_any",
    "import_upload",
    "open_any",
    "open_upload",
    "FORMATS",
    "UPLOAD_TYPES",
]

FORMATS = ("project YAML", "project CSV", "KGX JSON Lines", "KGX TSV", "KGX JSON", "node-link JSON")
_ROLE_WORDS = ("nodes", "node", "edges", "edge", "evidence", "sources", "source", "dataset", "metadata")
_TEXT_SUFFIXES = {".yaml", ".yml", ".csv", ".tsv", ".jsonl", ".json", ".txt", ".md"}
_ARCHIVE_SUFFIXES = (".zip", ".gz")
# Every file type an import reads, in one place: the app's uploader and the messages use it.
UPLOAD_TYPES = (*sorted(_TEXT_SUFFIXES), *_ARCHIVE_SUFFIXES)


@dataclass(frozen=True)
class Imported:
    """A validated dataset, the format it was read from, and the report of the import."""

    dataset: Dataset
    format: str
    report: ImportReport

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.report.warnings


def _counted(dataset: Dataset, fmt: str) -> Imported:
    """An import with nothing to report but its counts (formats the project writes itself)."""
    n, e = len(dataset.nodes), len(dataset.edges)
    return Imported(dataset, fmt, ImportReport(nodes_read=n, nodes=n, edges_read=e, edges=e))


def _role(name: str) -> str | None:
    """``kratom_edges.jsonl`` -> ``edges``; ``metadata.json`` -> ``metadata``."""
    stem = PurePosixPath(name).stem.lower()
    words = re.split(r"[^a-z]+", stem)
    for w in reversed(words):
        if w in ("nodes", "node"):
            return "nodes"
        if w in ("edges", "edge"):
            return "edges"
        if w == "evidence":
            return "evidence"
        if w in ("sources", "source"):
            return "sources"
        if w in ("dataset", "metadata"):
            return "dataset"
    return None


def _decode_all(files: dict[str, bytes], display: str) -> tuple[dict[str, str], list[Problem]]:
    texts, problems = {}, []
    for name, data in files.items():
        text, found = decode_text(data, f"{display}{name}")
        problems += found
        if text is not None:
            texts[name] = text
    return texts, problems


def _fail(problems: list[Problem]) -> None:
    if problems:
        raise DatasetError(problems)


def import_files(
    files: dict[str, bytes], display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """Import a set of named files (relative names; ``display`` prefixes them in messages).

    A single ``.zip`` is unpacked first (after the checks of :func:`read_zip`). With
    ``strict``, warnings are errors.
    """
    problems: list[Problem] = []
    if len(files) > limits.max_files:
        _fail(
            [
                Problem(
                    file=display.rstrip("/") or "upload",
                    message=f"{len(files)} files; the limit is {limits.max_files}",
                )
            ]
        )
    total = sum(len(b) for b in files.values())
    if total > limits.max_total_bytes:
        _fail(
            [
                Problem(
                    file=display.rstrip("/") or "upload",
                    message=f"{total:,} bytes in all; the limit is {limits.max_total_bytes:,}",
                )
            ]
        )
    for name, data in files.items():
        problems += check_size(len(data), f"{display}{name}", limits)
    _fail(problems)
    zips = [n for n in files if n.lower().endswith(".zip")]
    if zips:
        if len(files) > 1:
            _fail(
                [
                    Problem(
                        file=f"{display}{zips[0]}",
                        message="upload either one zip or the dataset's files, not both",
                    )
                ]
            )
        name = zips[0]
        inner, problems = read_zip(files[name], f"{display}{name}", limits)
        _fail(problems)
        if not inner:
            _fail([Problem(file=f"{display}{name}", message="the zip holds no files")])
        return import_files(inner, f"{display}{name}/", limits, strict)

    gzipped = [n for n in files if n.lower().endswith(".gz")]
    if gzipped:
        inflated = {n: b for n, b in files.items() if n not in gzipped}
        for name in gzipped:
            content, found = read_gzip(files[name], f"{display}{name}", limits)
            problems += found
            if content is not None:
                inflated[name[: -len(".gz")]] = content
        _fail(problems)
        files = inflated
    names = list(files)
    suffixes = {PurePosixPath(n).suffix.lower() for n in names}
    unknown = [n for n in names if PurePosixPath(n).suffix.lower() not in _TEXT_SUFFIXES]
    if unknown:
        _fail(
            [
                Problem(
                    file=f"{display}{n}",
                    message=f"not a file type this importer reads ({', '.join(UPLOAD_TYPES)})",
                )
                for n in unknown
            ]
        )
    texts, problems = _decode_all(files, display)
    _fail(problems)
    if suffixes & {".yaml", ".yml"}:
        return _counted(_yaml(texts, display, limits), "project YAML")
    if ".jsonl" in suffixes:
        return _kgx(texts, display, limits, ".jsonl", "KGX JSON Lines", strict)
    if ".tsv" in suffixes:
        return _kgx(texts, display, limits, ".tsv", "KGX TSV", strict)
    if ".csv" in suffixes:
        return _csv(texts, display, limits, strict)
    if ".json" in suffixes:
        return _json(texts, display, limits, strict)
    _fail(
        [
            Problem(
                file=display.rstrip("/") or "upload",
                message="no dataset files found: expected nodes and edges (YAML, CSV, KGX TSV or JSON Lines) or a JSON graph",
            )
        ]
    )
    raise AssertionError("unreachable")


def _yaml(texts: dict[str, str], display: str, limits: Limits) -> Dataset:
    from graph.validate import validate_raw

    problems: list[Problem] = []
    raw: dict = {}
    documents: dict[str, str] = {}
    wanted = {f"{stem}.yaml" for stem in DATASET_FILES} | {f"{stem}.yml" for stem in DATASET_FILES}
    for name, text in texts.items():
        base = PurePosixPath(name)
        if base.suffix in (".txt", ".md"):
            documents[base.name] = text
            continue
        if name not in wanted:
            problems.append(
                Problem(
                    file=f"{display}{name}",
                    message=f"not a dataset file; expected {', '.join(f'{s}.yaml' for s in DATASET_FILES)} and documents/*.txt",
                )
            )
            continue
        data, found, usable = parse_dataset_file(text, base.stem, f"{display}{base.stem}.yaml")
        problems += found
        if usable:
            raw[base.stem] = data
    for stem in DATASET_FILES:
        if stem not in raw and not any(p.file == f"{display}{stem}.yaml" for p in problems):
            problems.append(Problem(file=f"{display}{stem}.yaml", message="file is missing"))
    for stem, limit in (("nodes", limits.max_nodes), ("edges", limits.max_edges)):
        if isinstance(raw.get(stem), list) and len(raw[stem]) > limit:
            count = len(raw[stem])
            problems.append(
                Problem(file=f"{display}{stem}.yaml", message=f"{count:,} {stem}; the limit is {limit:,}")
            )
            raw[stem] = []
    try:
        return validate_raw(raw, documents, problems)
    except DatasetError as exc:
        if not display:
            raise
        raise DatasetError(
            [
                Problem(
                    file=f"{display}{p.file}", line=p.line, entry=p.entry, field=p.field, message=p.message
                )
                if not p.file.startswith(display)
                else p
                for p in exc.problems
            ]
        ) from None


def _csv(texts: dict[str, str], display: str, limits: Limits, strict: bool) -> Imported:
    tables: dict[str, list[tuple[str, str]]] = {}
    documents: dict[str, str] = {}
    problems = []
    for name, text in texts.items():
        if name.lower().endswith((".txt", ".md")):
            documents[PurePosixPath(name).name] = text  # documents that `document` sources name
            continue
        if not name.lower().endswith(".csv"):
            problems.append(Problem(file=f"{display}{name}", message="a CSV dataset holds .csv files only"))
            continue
        role = _role(name)
        if role is None:
            problems.append(
                Problem(
                    file=f"{display}{name}",
                    message="cannot tell what this table holds: name it nodes.csv, evidence.csv, edges.csv, sources.csv or dataset.csv",
                )
            )
            continue
        tables.setdefault(role, []).append((f"{display}{name}", text))
    for role in ("nodes",):
        if role not in tables:
            problems.append(
                Problem(file=display.rstrip("/") or "upload", message=f"no {role}.csv among the files")
            )
    if "edges" not in tables and "evidence" not in tables:
        problems.append(
            Problem(
                file=display.rstrip("/") or "upload", message="no evidence.csv or edges.csv among the files"
            )
        )
    _fail(problems)
    raw = csv_raw(tables, limits)
    raw.documents = documents
    dataset = raw.validate(strict)
    return Imported(dataset, "project CSV", raw.report(dataset))


def _kgx(
    texts: dict[str, str], display: str, limits: Limits, suffix: str, fmt: str, strict: bool
) -> Imported:
    problems: list[Problem] = []
    nodes, edges = Records(), Records()
    metadata, meta_file = None, None
    parse = parse_jsonl if suffix == ".jsonl" else parse_tsv
    seen_roles = set()
    parse_warnings: list[Problem] = []
    for name, text in texts.items():
        where = f"{display}{name}"
        role = _role(name)
        lower = name.lower()
        if lower.endswith(".json") and role == "dataset":
            problems += check_json_depth(text, where, limits)
            if problems:
                continue
            try:
                metadata = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                problems.append(Problem(file=where, message=f"not JSON: {getattr(exc, 'msg', exc)}"))
                continue
            if not isinstance(metadata, dict):
                problems.append(
                    Problem(file=where, message="must be a JSON object (name, version, description, sources)")
                )
            meta_file = where
            continue
        if not lower.endswith(suffix) or role not in ("nodes", "edges"):
            problems.append(
                Problem(
                    file=where,
                    message=f"a {fmt} upload holds a nodes{suffix} and an edges{suffix} file (and metadata.json); cannot tell what this file holds",
                )
            )
            continue
        seen_roles.add(role)
        records, found = parse(text, where, limits)
        problems += [p for p in found if not is_warning(p)]
        parse_warnings += [p for p in found if is_warning(p)]
        (nodes if role == "nodes" else edges).extend(records)
    for role in ("nodes", "edges"):
        if role not in seen_roles:
            problems.append(
                Problem(
                    file=display.rstrip("/") or "upload", message=f"no {role}{suffix} file among the files"
                )
            )
    _fail(problems)
    name = display.rstrip("/").rsplit("/", 1)[-1] or "KGX graph"
    raw = kgx_raw(nodes, edges, metadata, meta_file, limits, default_name=f"Imported {fmt} ({name})")
    raw.problems[:0] = parse_warnings  # padded rows and the like: warnings, strict or not decided later
    raw.part_files.setdefault("nodes", nodes[0][1].file if nodes else "nodes")
    raw.part_files.setdefault("edges", edges[0][1].file if edges else "edges")
    raw.documents = excerpt_documents(raw.sources, raw.edges, raw.documents)
    dataset = raw.validate(strict)
    return Imported(dataset, fmt, raw.report(dataset))


def _json(texts: dict[str, str], display: str, limits: Limits, strict: bool) -> Imported:
    if len(texts) != 1:
        _fail([Problem(file=display.rstrip("/") or "upload", message="open one JSON graph file at a time")])
    name, text = next(iter(texts.items()))
    where = f"{display}{name}"
    _fail(check_json_depth(text, where, limits))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail([Problem(file=where, line=exc.lineno, message=f"not JSON: {exc.msg} at column {exc.colno}")])
    except RecursionError:
        _fail([Problem(file=where, message="JSON nested too deeply")])
    if not isinstance(data, dict):
        _fail(
            [
                Problem(
                    file=where,
                    message="must be a JSON object: node-link JSON from this project, or KGX JSON {nodes, edges}",
                )
            ]
        )
    nodes, edges = data.get("nodes"), data.get("edges", data.get("links"))
    for key, items, limit in (("nodes", nodes, limits.max_nodes), ("edges", edges, limits.max_edges)):
        if isinstance(items, list) and len(items) > limit:
            _fail([Problem(file=where, field=key, message=f"{len(items):,} {key}; the limit is {limit:,}")])
    graph = data.get("graph")
    if isinstance(graph, dict) and "format" in graph:
        from graph.readwrite.node_link import node_link_dataset

        try:
            return _counted(node_link_dataset(data, where), "node-link JSON")
        except DatasetError as exc:
            # The node-link reader names the YAML parts ("not a node id in nodes.yaml");
            # in one JSON file they are its `nodes` and `graph.sources` lists.
            raise DatasetError(
                [
                    Problem(
                        file=p.file,
                        line=p.line,
                        entry=p.entry,
                        field=p.field,
                        message=p.message.replace("in nodes.yaml", f"in the nodes of {name}").replace(
                            "in sources.yaml", f"in the sources of {name}"
                        ),
                    )
                    for p in exc.problems
                ]
            ) from None
    if not isinstance(nodes, list) or not isinstance(edges, list):
        _fail(
            [
                Problem(
                    file=where,
                    message="must hold `nodes` and `edges` lists (KGX JSON) or be node-link JSON from this project",
                )
            ]
        )
    n, e, problems = parse_kgx_json(data, where)
    _fail(problems)
    meta = graph if isinstance(graph, dict) else None
    raw = kgx_raw(n, e, meta, where if meta else None, limits, default_name=f"Imported KGX JSON ({name})")
    raw.part_files.setdefault("nodes", where)
    raw.part_files.setdefault("edges", where)
    raw.documents = excerpt_documents(raw.sources, raw.edges, raw.documents)
    dataset = raw.validate(strict)
    return Imported(dataset, "KGX JSON", raw.report(dataset))


def _collect_dir(directory: Path, limits: Limits) -> dict[str, bytes]:
    """Files of a dataset directory (and its ``documents/``), sizes checked before reading."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    entries = sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))
    docs = directory / "documents"
    if docs.is_dir():
        entries += sorted(p for p in docs.iterdir() if p.is_file() and p.suffix in (".txt", ".md"))
    entries = [
        p for p in entries if p.suffix.lower() in _TEXT_SUFFIXES or p.suffix.lower() in _ARCHIVE_SUFFIXES
    ]
    if len(entries) > limits.max_files:
        _fail(
            [Problem(file=str(directory), message=f"{len(entries)} files; the limit is {limits.max_files}")]
        )
    for p in entries:
        rel = p.relative_to(directory).as_posix()
        if p.parent == directory and p.suffix.lower() in (".txt", ".md"):
            continue  # README.txt and the like beside the data are not part of it
        found = check_size(p.stat().st_size, rel, limits)
        if found:
            problems += found
            continue
        files[rel] = p.read_bytes()
    _fail(problems)

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


def _siblings(path: Path) -> dict[str, bytes]:
    """A file of a pair (``x_nodes.jsonl``) with its partners in the same folder (``x_edges.jsonl``)."""
    suffix = path.suffix.lower()
    stem = path.stem
    prefix = re.sub(r"(nodes?|edges?|evidence|sources?|dataset)$", "", stem, flags=re.IGNORECASE)
    out = {}
    for p in sorted(path.parent.iterdir()):
        if not p.is_file():
            continue
        same_family = (
            p.suffix.lower() == suffix and p.stem.lower().startswith(prefix.lower()) and _role(p.name)
        )
        metadata = suffix in (".jsonl", ".tsv") and p.name.lower() in (
            f"{prefix.lower()}metadata.json",
            "metadata.json",
        )
        if p == path or same_family or metadata:
            out[p.name] = p
    return out


def import_any(path: str | Path, limits: Limits = DEFAULT_LIMITS, strict: bool = False) -> Imported:
    """Import a dataset directory, a zip, or one file of a dataset (with its partner files)."""
    path = Path(path)
    if path.is_dir():
        return import_files(_collect_dir(path, limits), f"{path.name}/" if path.name else "", limits, strict)
    if not path.is_file():
        raise DatasetError([Problem(file=str(path), message="no such file or directory")])
    if path.suffix.lower() in (".zip", ".json"):
        paths = {path.name: path}
    else:
        paths = _siblings(path)
    files = {}
    problems = []
    for name, p in paths.items():
        found = check_size(p.stat().st_size, name, limits)
        problems += found
        if not found:
            files[name] = p.read_bytes()
    _fail(problems)
    return import_files(files, "", limits, strict)


def open_any(path: str | Path, limits: Limits = DEFAULT_LIMITS, strict: bool = False) -> Dataset:
    """The validated Dataset at ``path``; raise DatasetError listing every problem."""
    return import_any(path, limits, strict).dataset


def import_upload(
    files: list[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """Import uploaded files (several files of one dataset, or one zip), named as uploaded."""
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
    _fail(problems)
    # Uploads of the YAML format come flat: put documents where the loader expects them.
    if any(n.endswith((".yaml", ".yml")) for n in named):
        named = {(f"documents/{n}" if n.endswith((".txt", ".md")) else n): b for n, b in named.items()}
    return import_files(named, "", limits, strict)


def open_upload(
    files: list[tuple[str, bytes]], limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Dataset:
    """The validated Dataset of uploaded files; raise DatasetError listing every problem."""
    return import_upload(files, limits, strict).dataset
