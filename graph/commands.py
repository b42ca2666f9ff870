"""What every subcommand of ``python -m graph`` shares: ``--data``/``--strict``, the filter options, the dataset.

Subcommands live beside their layer (:mod:`graph.formats.cli`, :mod:`graph.text.cli`,
:mod:`graph.extract.cli`) and import this module; :mod:`graph.cli` imports them and lists
them in its one table of subcommands, so nothing imports the command line back.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.formats import open_dataset
from graph.formats.registry import readers
from graph.formats.report import Imported
from graph.load import DEFAULT_DATA_DIR
from graph.model import Dataset
from graph.query import FACETS, Filters


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data PATH`` (any format a registered reader reads) and ``--strict``."""
    formats = ", ".join(f.name for f in readers())
    parser.add_argument(
        "--data", metavar="PATH", help=f"dataset to use (default: the embedded one); formats: {formats}"
    )
    parser.add_argument("--strict", action="store_true", help="treat import warnings as errors")


def _csv_terms(enum):
    def parse(text: str):
        out = set()
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            try:
                out.add(enum(part))
            except ValueError:
                valid = ", ".join(m.value for m in enum)
                raise argparse.ArgumentTypeError(f"{part!r} is not one of: {valid}") from None
        return frozenset(out)

    return parse


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The app's filters as options (comma-separated lists)."""
    group = parser.add_argument_group("filters (as in the app)")
    for facet in FACETS:
        group.add_argument(
            facet.option, dest=facet.field, type=_csv_terms(facet.vocabulary), metavar=facet.metavar
        )
    group.add_argument("--min-confidence", type=float, default=0.0, metavar="X")


def filters_from_args(args: argparse.Namespace) -> Filters | None:
    return Filters.restricting(
        **{facet.field: getattr(args, facet.field) for facet in FACETS}, min_confidence=args.min_confidence
    )


def import_dataset(path: str | Path | None, strict: bool = False) -> Imported:
    """The import of ``path`` (default: the embedded dataset) through the one front door."""
    return open_dataset(path or DEFAULT_DATA_DIR, strict=strict)


def command_import(path: str | Path | None, strict: bool = False) -> Imported:
    """The import of ``path``; its warnings are reported on stderr."""
    imported = import_dataset(path, strict)
    if imported.warnings:
        print("\n".join(imported.report.lines()), file=sys.stderr)
    return imported


def command_dataset(path: str | Path | None, strict: bool = False) -> Dataset:
    """The dataset at ``path``; an import's warnings are reported on stderr."""
    return command_import(path, strict).dataset
