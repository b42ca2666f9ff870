"""Shared by the extraction tests: the fixture graph in every format the extractor reads."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

from graph.extract.fields import record

FIXTURE = Path(__file__).parent / "fixtures" / "extract"


def tsv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return rows[0], rows[1:]


def as_jsonl(tsv: Path, out: Path) -> Path:
    """The TSV as JSON Lines (lists for multi-valued fields); ragged rows kept ragged as bad lines."""
    header, rows = tsv_rows(tsv)
    lines = []
    for row in rows:
        if len(row) > len(header):
            lines.append('{"id": "a line cut short", ')  # not JSON: the reader skips it
            continue
        lines.append(json.dumps(record(dict(zip(header, row, strict=False)))))
    out.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return out


def fixture_copy(directory: Path, fmt: str = "tsv", gz: bool = False) -> tuple[Path, Path]:
    """The fixture's nodes and edges in ``directory`` as ``fmt`` (``tsv``/``jsonl``), gzipped or not."""
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for role in ("nodes", "edges"):
        target = directory / f"{role}.{fmt}"
        if fmt == "tsv":
            shutil.copy(FIXTURE / f"{role}.tsv", target)
        else:
            as_jsonl(FIXTURE / f"{role}.tsv", target)
        if gz:
            zipped = target.with_name(target.name + ".gz")
            zipped.write_bytes(gzip.compress(target.read_bytes()))
            target.unlink()
            target = zipped
        out.append(target)
    return out[0], out[1]
