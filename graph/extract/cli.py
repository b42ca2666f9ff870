"""``python -m graph extract``: a K-hop neighbourhood of a big KGX graph, as a KGX archive the explorer opens."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from graph.extract import ENGINES, Filters, Plan, extract, split_terms, write_archive
from graph.extract.archive import save
from graph.validate import MAX_EDGES, MAX_NODES


def plan_from_args(args: argparse.Namespace) -> Plan:
    return Plan(
        seeds=tuple(split_terms(args.seeds)),
        seed_search=args.seed_search,
        hops=args.hops,
        filters=Filters.of(
            predicates=split_terms(args.predicates),
            categories=split_terms(args.categories),
            knowledge_sources=split_terms(args.knowledge_sources),
        ),
    )


def cmd_extract(args: argparse.Namespace) -> int:
    plan = plan_from_args(args)
    started = time.perf_counter()

    def progress(message: str, fraction: float) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    nb = extract(
        plan,
        args.nodes,
        args.edges,
        engine=args.engine,
        master=args.master,
        threads=args.threads,
        progress=progress,
    )
    source = Path(args.edges).name
    written = write_archive(nb, plan, source, keep_all=args.keep_all)
    save(written, args.output)
    total = time.perf_counter() - started
    print(f"engine: {nb.engine}; seeds: {', '.join(nb.seeds)}")
    print(f"neighbourhood: {len(nb.depth):,} nodes, {len(nb.edges):,} edge rows within {plan.hops} hop(s)")
    by_depth: dict[int, int] = {}
    for d in nb.depth.values():
        by_depth[d] = by_depth.get(d, 0) + 1
    print("  nodes by hop: " + ", ".join(f"{d}: {by_depth[d]:,}" for d in sorted(by_depth)))
    for line in nb.skipped.lines():
        print(f"  skipped while reading: {line}")
    print(f"written: {args.output}: {written.nodes:,} nodes, {written.edges:,} edges")
    for line in written.lines():
        print(f"  left out of the archive: {line}")
    if written.too_big:
        print(
            f"warning: the explorer opens at most {MAX_NODES:,} nodes and {MAX_EDGES:,} edges; "
            "narrow the extraction (fewer hops, --predicates, --categories)",
            file=sys.stderr,
        )
    print(f"time: {nb.seconds:.1f} s extracting, {total:.1f} s in all")
    return 0


def register(command) -> None:
    p = command(
        "extract",
        cmd_extract,
        "the K-hop neighbourhood of seed nodes in large KGX files, as a KGX archive",
    )
    p.add_argument("--nodes", required=True, metavar="FILE", help="KGX nodes (.tsv, .jsonl, optionally .gz)")
    p.add_argument("--edges", required=True, metavar="FILE", help="KGX edges (.tsv, .jsonl, optionally .gz)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.kgx.jsonl.zip")
    p.add_argument("--seeds", metavar="ID[,ID...]", help="seed node ids")
    p.add_argument("--seed-search", metavar="TEXT", help="also seed every node whose name contains TEXT")
    p.add_argument("--hops", type=int, default=2, metavar="K", help="hops from the seeds (default 2)")
    p.add_argument("--predicates", metavar="P[,P...]", help="keep only edges with these predicates")
    p.add_argument(
        "--categories", metavar="C[,C...]", help="keep only nodes of these categories (and the seeds)"
    )
    p.add_argument(
        "--knowledge-sources",
        metavar="S[,S...]",
        help="keep only edges from these knowledge sources (infores:...)",
    )
    p.add_argument("--engine", choices=ENGINES, default="duckdb", help="duckdb (default) or spark")
    p.add_argument("--master", metavar="URL", help="Spark master (default local[*]; e.g. spark://host:7077)")
    p.add_argument("--threads", type=int, metavar="N", help="DuckDB threads (default: all cores)")
    p.add_argument(
        "--keep-all", action="store_true", help="write every row, also those the explorer cannot map"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
