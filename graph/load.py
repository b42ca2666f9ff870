"""Read a dataset directory (four YAML files and its documents) into validated records.

YAML is parsed with a safe loader that only builds plain data and remembers the line of
every mapping, so validation can point at ``edges.yaml:212``. Size limits apply before
parsing. All problems of all files are reported together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.errors import DatasetError, Problem
from graph.model import Dataset

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATASET_FILES = ("dataset", "sources", "nodes", "edges")
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


class LineDict(dict):
    """A mapping read from YAML that remembers the line it started on (1-based)."""

    line: int | None = None


# libyaml's parser (when PyYAML was built with it) is about five times faster; the safe
# constructor on top is the same, so no Python object can be built either way.
_SAFE_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_BASE):
    """Safe loader that records mapping lines and reports duplicate keys."""

    def __init__(self, stream: Any, filename: str):
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
        except TypeError:  # unhashable key: construct_mapping below reports it
            duplicate = False
        if duplicate:
            loader.problems.append(
                Problem(
                    file=loader.filename,
                    line=key_node.start_mark.line + 1,
                    field=str(key),
                    message="duplicate key in the same mapping",
                )
            )
        else:
            try:
                seen.add(key)
            except TypeError:
                pass
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, filename: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text safely; return ``(data, problems)``; data is None on a syntax error.

    >>> data, problems = parse_yaml("- id: a\\n  label: A\\n", "nodes.yaml")
    >>> data[0]["label"], data[0].line, problems
    ('A', 1, [])
    >>> parse_yaml("- id: [", "nodes.yaml")[1][0].file
    'nodes.yaml'
    """
    loader = _LineLoader(text, filename)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(file=filename, line=line, message=f"not valid YAML: {reason}")]
    except (ValueError, TypeError, RecursionError) as exc:
        return None, [Problem(file=filename, message=f"not valid YAML: {exc}")]
    finally:
        loader.dispose()
    if _shares_objects(data):
        return None, [
            Problem(file=filename, message="not valid YAML: aliases (*name) are not allowed in dataset files")
        ]
    return data, loader.problems


def _shares_objects(data: Any) -> bool:
    """True when parsed YAML reuses one list or mapping (an alias: ``*name``).

    Aliases make "billion laughs" inputs, tiny as text and huge when walked; the dataset
    format never needs them. Walks each object once (linear time).
    """
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


def parse_dataset_file(text: str, stem: str, display: str) -> tuple[Any, list[Problem], bool]:
    """One dataset file parsed: ``(data, problems, usable)``; an empty file is an empty list.

    ``usable`` is False when the file is not valid YAML, so that it stays absent instead of
    being validated as empty.
    """
    data, problems = parse_yaml(text, display)
    if any(p.message.startswith("not valid YAML") for p in problems):
        return None, problems, False
    return (data if data is not None else ({} if stem == "dataset" else [])), problems, True


def read_text(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file within a size limit; problems instead of exceptions."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(file=display, message=f"cannot read file: {exc.strerror or exc}")]
    if size > limit:
        return None, [Problem(file=display, message=f"file is {size:,} bytes; the limit is {limit:,}")]
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(file=display, line=line, message=f"not UTF-8 text (byte {exc.start})")]


def read_dataset_files(data_dir: Path) -> tuple[dict[str, Any], dict[str, str], list[Problem]]:
    """Parse the four files and the documents of a dataset directory, without validating."""
    problems: list[Problem] = []
    raw: dict[str, Any] = {}
    for stem in DATASET_FILES:
        name = f"{stem}.yaml"
        text, found = read_text(data_dir / name, name)
        problems += found
        if text is None:
            continue
        data, found, usable = parse_dataset_file(text, stem, name)
        problems += found
        if usable:
            raw[stem] = data
    documents: dict[str, str] = {}
    doc_dir = data_dir / "documents"
    if doc_dir.is_dir():
        for path in sorted(doc_dir.iterdir()):
            if path.is_file() and path.suffix in {".txt", ".md"}:
                text, found = read_text(path, f"documents/{path.name}", MAX_DOCUMENT_BYTES)
                problems += found
                if text is not None:
                    documents[path.name] = text
    return raw, documents, problems


def load_dataset(data_dir: str | Path = DEFAULT_DATA_DIR) -> Dataset:
    """Load and validate a dataset directory; raise :class:`DatasetError` listing every problem.

    >>> ds = load_dataset()
    >>> ds.name
    'Kratom alkaloid mechanisms'
    """
    from graph.validate import validate_raw  # validate imports load's LineDict

    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DatasetError([Problem(file=str(data_dir), message="not a directory")])
    raw, documents, problems = read_dataset_files(data_dir)
    return validate_raw(raw, documents, problems)
