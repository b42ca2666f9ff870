"""Command line: ``python -m graph validate | stats | paths | ...``.

Every command takes ``--data PATH`` (default: the embedded dataset). Bad data exits with
status 2 and every located problem on stderr; an unknown node exits with status 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.build import build_graph
from graph.errors import DatasetError, GraphError, UnknownNodeError
from graph.load import DEFAULT_DATA_DIR, load_dataset
from graph.query import Filters, mechanism_paths, relation_sentence, resolve_node, summarize
from graph.vocab import EvidenceType, NodeKind, Predicate, Species

EXIT_BAD_DATA = 2
EXIT_UNKNOWN_NODE = 3

COMMANDS: dict[str, Callable[[argparse.ArgumentParser], None]] = {}


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
    group.add_argument("--evidence-types", type=_csv_terms(EvidenceType), metavar="T,T")
    group.add_argument("--predicates", type=_csv_terms(Predicate), metavar="P,P")
    group.add_argument("--kinds", type=_csv_terms(NodeKind), metavar="K,K")
    group.add_argument("--species", type=_csv_terms(Species), metavar="S,S")
    group.add_argument("--min-confidence", type=float, default=0.0, metavar="X")


def filters_from_args(args: argparse.Namespace) -> Filters | None:
    filters = Filters(
        evidence_types=args.evidence_types,
        predicates=args.predicates,
        node_kinds=args.kinds,
        species=args.species,
        min_confidence=args.min_confidence,
    )
    return None if filters == Filters() else filters


def open_dataset(path: str | Path | None):
    """Load the dataset at ``path`` (a dataset directory, or a file an importer reads)."""
    try:
        from graph.imports import open_any  # importers (CSV, KGX) when installed
    except ImportError as exc:
        if exc.name not in ("graph.imports",):
            raise
        return load_dataset(path or DEFAULT_DATA_DIR)
    return open_any(path or DEFAULT_DATA_DIR)


def cmd_validate(args: argparse.Namespace) -> int:
    dataset = open_dataset(args.data_dir or args.data)
    print(
        f"ok: {dataset.name} {dataset.version}: {len(dataset.nodes)} nodes, "
        f"{len(dataset.edges)} edges, {dataset.evidence_count} evidence items, "
        f"{len(dataset.sources)} sources"
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    G = build_graph(open_dataset(args.data))
    stats = summarize(G)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"{stats['name']} {stats['version']}")
    for key in ("nodes", "edges", "evidence", "sources_cited", "claim_only_edges", "contested_edges"):
        print(f"  {key.replace('_', ' ')}: {stats[key]}")
    for facet in ("evidence_types", "node_kinds", "predicates", "species"):
        print(f"  {facet.replace('_', ' ')}:")
        for term, count in stats[facet].items():
            print(f"    {term:<22} {count}")
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    G = build_graph(open_dataset(args.data))
    source = resolve_node(G, args.source)
    target = resolve_node(G, args.target)
    paths = mechanism_paths(
        G, source, target, filters=filters_from_args(args), max_hops=args.max_hops, limit=args.limit
    )
    if args.json:
        out = [
            {
                "nodes": list(p.nodes),
                "edges": ["|".join((u, k, v)) for u, v, k in p.edges],
                "weakest": "|".join((p.weakest[0], p.weakest[2], p.weakest[1])),
                "strength": p.strength,
            }
            for p in paths
        ]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    label = G.nodes
    print(
        f"{len(paths)} path(s) from {label[source]['label']} to {label[target]['label']}"
        f" (at most {args.max_hops} hops), strongest weakest link first:"
    )
    for i, p in enumerate(paths, 1):
        chain = label[p.nodes[0]]["label"]
        for _, v, k in p.edges:
            chain += f" -[{k}]-> {label[v]['label']}"
        w = G.edges[p.weakest]
        best = w["best_evidence"].value if w["best_evidence"] else "negated only"
        print(f"{i:>3}. {chain}")
        print(
            f"     weakest link: {relation_sentence(G, p.weakest)} "
            f"(confidence {p.strength:.2f}, best evidence: {best})"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m graph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--data", metavar="PATH", help="dataset to use (default: the embedded one)")
        p.set_defaults(func=func)
        return p

    p = command("validate", cmd_validate, "check a dataset and report every problem")
    p.add_argument("data_dir", nargs="?", metavar="DATA_DIR")

    p = command("stats", cmd_stats, "count nodes, edges and evidence")
    p.add_argument("--json", action="store_true", help="one JSON object")

    p = command("paths", cmd_paths, "mechanism paths from one node to another")
    p.add_argument("source", help="node id, label or synonym")
    p.add_argument("target", help="node id, label or synonym")
    p.add_argument("--max-hops", type=int, default=4)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    add_filter_arguments(p)

    for register in COMMANDS.values():
        register(command)
    return parser


def register_command(name: str):
    """Decorator for modules that add a subcommand: ``f(command) -> None``."""

    def wrap(func):
        COMMANDS[name] = func
        return func

    return wrap


def main(argv: Sequence[str] | None = None) -> int:
    # Subcommands that live beside their layer register themselves on import.
    for module in ("graph.export.cli", "graph.text.cli", "graph.extract.cli"):
        try:
            __import__(module)
        except ImportError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DatasetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_DATA
    except UnknownNodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN_NODE
    except GraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
