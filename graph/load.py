"""Parse the YAML of dataset files safely, remembering where each mapping was read.

A safe loader that only builds plain data and remembers the line of every mapping, so
validation can point at ``edges.yaml:212``; duplicate keys and aliases are problems.
Reading a dataset directory (sizes, documents, validation) is
:mod:`graph.formats.yaml_dir`, behind :func:`graph.formats.open_dataset`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.errors import Problem

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATASET_FILES = ("dataset", "sources", "nodes", "edges")


class LineDict(dict):
    """A mapping read from a file that remembers where: its file, line (1-based) and entry label.

    The YAML loader sets ``line``; readers of other formats set all three (``file`` and
    ``entry``, such as ``nodes[3]``, only when they differ from the part's own file), so
    validation locates every problem where the entry was read.
    """

    line: int | None = None
    file: str | None = None
    entry: str | None = None


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
