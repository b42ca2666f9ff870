"""The project's own format: a dataset directory of four YAML files and its documents (``data/SCHEMA.md``).

``dataset.yaml``, ``sources.yaml``, ``nodes.yaml``, ``edges.yaml`` and ``documents/*.txt``
(or ``.md``), parsed by the safe line-keeping loader of :mod:`graph.load`, so a problem
points at ``edges.yaml:212``.

>>> from graph.formats import open_dataset
>>> ds = open_dataset("tests/fixtures/tiny").dataset
>>> len(ds.nodes), len(ds.edges)
(5, 6)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

from graph.errors import Problem
from graph.formats.files import DOCUMENT_SUFFIXES, data_suffix
from graph.formats.limits import DEFAULT_LIMITS, Limits
from graph.formats.report import Imported, counted
from graph.load import DATASET_FILES, parse_dataset_file
from graph.validate import validate_raw

NAME = "project YAML"


def sniff(texts: Mapping[str, str]) -> bool:
    """A set of files is this format when YAML files are among them."""
    return data_suffix(texts) == ".yaml"


def read(
    texts: Mapping[str, str], *, display: str = "", limits: Limits = DEFAULT_LIMITS, strict: bool = False
) -> Imported:
    """Validate the four files and the documents; problems name ``{display}edges.yaml`` and its line."""
    raw, documents, problems = parse(texts, display)
    for stem, limit in (("nodes", limits.max_nodes), ("edges", limits.max_edges)):
        if isinstance(raw.get(stem), list) and len(raw[stem]) > limit:
            count = len(raw[stem])
            problems.append(
                Problem(file=f"{display}{stem}.yaml", message=f"{count:,} {stem}; the limit is {limit:,}")
            )
            raw[stem] = []
    files = {stem: f"{display}{stem}.yaml" for stem in DATASET_FILES}
    return counted(validate_raw(raw, documents, problems, files=files), NAME)


def parse(texts: Mapping[str, str], display: str = "") -> tuple[dict, dict[str, str], list[Problem]]:
    """``(raw, documents, problems)``: the files parsed, not validated (``raw`` maps each part to its data)."""
    problems: list[Problem] = []
    raw: dict = {}
    documents: dict[str, str] = {}
    wanted = {f"{stem}.yaml" for stem in DATASET_FILES} | {f"{stem}.yml" for stem in DATASET_FILES}
    for name, text in texts.items():
        base = PurePosixPath(name)
        if base.suffix in DOCUMENT_SUFFIXES:
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
    return raw, documents, problems
