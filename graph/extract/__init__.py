"""Extraction: the K-hop neighbourhood of some seeds, pulled out of KGX files of any size.

A :class:`~graph.extract.plan.Plan` (seeds, hops, filters) runs on one of two engines with
the same answer: DuckDB (embedded, the default; :mod:`graph.extract.duck`) or Apache
Spark (local mode or a cluster; :mod:`graph.extract.spark`, needs ``pyspark`` and Java).
The files are checked first (:mod:`graph.extract.files`), the neighbourhood comes back as
KGX records, and :func:`~graph.extract.archive.write_archive` writes it as a zip the
dataset importer opens.

>>> from pathlib import Path
>>> d = Path("tests/fixtures/extract")
>>> nb = extract(Plan(seeds=("KRATOM:9_o_desmethylpaynantheine",), hops=1), d / "nodes.tsv", d / "edges.tsv")
>>> sorted(nb.node_ids()), len(nb.edges), nb.engine
(['KRATOM:9_o_desmethylpaynantheine', 'KRATOM:htr1a', 'KRATOM:paynantheine'], 2, 'duckdb')
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import ExtractError, Problem
from graph.extract.archive import Written, write_archive
from graph.extract.files import GraphFiles, inspect_pair, within
from graph.extract.plan import Filters, Neighbourhood, Plan, Progress, Skipped, run_plan, split_terms

__all__ = [
    "ENGINES",
    "Filters",
    "Neighbourhood",
    "Plan",
    "Skipped",
    "Written",
    "extract",
    "make_engine",
    "split_terms",
    "within",
    "write_archive",
]

ENGINES = ("duckdb", "spark")


def make_engine(name: str, files: GraphFiles, *, master: str | None = None, threads: int | None = None):
    """An engine by name; Spark is imported only when asked for (an optional install)."""
    if name == "duckdb":
        from graph.extract.duck import DuckDBEngine

        return DuckDBEngine(files, threads=threads)
    if name == "spark":
        try:
            from graph.extract.spark import SparkEngine
        except ImportError as exc:
            raise ExtractError(
                [
                    Problem(
                        file="engine",
                        message=f"the Spark engine needs pyspark and Java ({exc}); "
                        "install them with `make install-spark`",
                    )
                ]
            ) from None
        return SparkEngine(files, master=master)
    raise ExtractError([Problem(file="engine", message=f"{name!r} is not one of: {', '.join(ENGINES)}")])


def extract(
    plan: Plan,
    nodes: str | Path,
    edges: str | Path,
    *,
    engine: str = "duckdb",
    allowed: str | Path | None = None,
    master: str | None = None,
    threads: int | None = None,
    progress: Progress | None = None,
) -> Neighbourhood:
    """Run ``plan`` over the node and edge files; ``allowed``: the only directory they may be in."""
    problems = plan.problems()
    if problems:
        raise ExtractError(problems)
    files = inspect_pair(nodes, edges, allowed)
    return run_plan(plan, make_engine(engine, files, master=master, threads=threads), progress)
