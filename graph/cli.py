"""Command line: ``python -m graph validate | stats | paths | ...``.

Every command takes ``--data PATH`` (default: the embedded dataset) and ``--strict``
(import warnings are errors). An import with warnings prints its report on stderr
("imported N of M nodes, K of L edges; W warnings", one line per kind of warning). Bad
data exits with status 2 and every located problem on stderr; an unknown node exits with
status 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from graph.build import build_graph
from graph.commands import (
    add_data_arguments,
    add_filter_arguments,
    command_dataset,
    filters_from_args,
    import_dataset,
)
from graph.details import edge_details, path_view
from graph.errors import DatasetError, GraphError, UnknownNodeError
from graph.extract import cli as extract_cli
from graph.formats import cli as formats_cli
from graph.interactions import EXPOSURE_WORDS, drug_interactions
from graph.query import (
    PathGroup,
    find_nodes,
    relation_sentence,
    resolve_node,
    signed_paths,
    summarize,
)
from graph.text import cli as text_cli

# Subcommands that live beside their layer: each adds its parser with ``command(name, func, help)``.
SUBCOMMANDS = (formats_cli.register, text_cli.register_audit, text_cli.register_eval, extract_cli.register)

EXIT_BAD_DATA = 2
EXIT_UNKNOWN_NODE = 3


def cmd_validate(args: argparse.Namespace) -> int:
    imported = import_dataset(args.data_dir or args.data, args.strict)
    dataset = imported.dataset
    print(
        f"ok: {dataset.name} {dataset.version}: {len(dataset.nodes)} nodes, "
        f"{len(dataset.edges)} edges, {dataset.evidence_count} evidence items, "
        f"{len(dataset.sources)} sources"
    )
    print("\n".join(imported.report.lines()))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    G = build_graph(command_dataset(args.data, args.strict))
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
    G = build_graph(command_dataset(args.data, args.strict))
    source = resolve_node(G, args.source)
    target = resolve_node(G, args.target)
    groups = signed_paths(
        G, source, target, filters=filters_from_args(args), max_hops=args.max_hops, limit=args.limit
    )
    if args.json:
        out = [
            {
                "group": group.value,
                "nodes": list(sp.path.nodes),
                "edges": ["|".join((u, k, v)) for u, v, k in sp.path.edges],
                "weakest": "|".join((sp.path.weakest[0], sp.path.weakest[2], sp.path.weakest[1])),
                "strength": sp.path.strength,
                "reason": sp.sign.reason,
                "notes": list(sp.sign.notes),
            }
            for group, paths in groups.items()
            for sp in paths
        ]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    label = G.nodes
    total = sum(len(p) for p in groups.values())
    print(
        f"{total} path(s) from {label[source]['label']} to {label[target]['label']}"
        f" (at most {args.max_hops} hops), grouped by net sign, strongest weakest link first:"
    )
    for group, paths in groups.items():
        print(f"\n{group.value.upper()} {label[target]['label']}: {len(paths)} path(s)")
        if group is PathGroup.OPPOSES and paths:
            print("  (routes that would work against the effect, not towards it)")
        for i, sp in enumerate(paths, 1):
            view = path_view(G, sp)
            chain = view.steps[0][0] + "".join(f" -[{rel}]-> {obj}" for _, rel, obj in view.steps)
            print(f"{i:>3}. {chain}")
            print(f"     why: {view.reason}")
            for note in view.notes:
                print(f"     note: {note}")
            print(
                f"     weakest link: {view.weakest_sentence} "
                f"(confidence {view.strength:.2f}, best evidence: {view.weakest_best_evidence})"
            )
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    G = build_graph(command_dataset(args.data))
    hits = find_nodes(G, args.text, limit=args.limit)
    if args.json:
        out = [{"id": m.node, "label": m.label, "matched": m.matched, "how": m.kind.phrase} for m in hits]
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for i, m in enumerate(hits, 1):
            print(f"{i:>3}. {m.label} [{m.node}]  ({m.kind.phrase}: {m.matched})")
    if not hits:
        print(f"error: no node's id, label, synonym or identifier matches {args.text!r}", file=sys.stderr)
        return EXIT_UNKNOWN_NODE
    return 0


def _evidence_lines(G, e, most: int = 3) -> list[str]:
    sources = G.graph.get("sources", {})
    lines = []
    evidence = G.edges[e]["evidence"]
    for ev in evidence[:most]:
        src = sources.get(ev.source)
        flag = "CONTRADICTS: " if ev.negated else ""
        values = "; ".join(str(v) for v in ev.values)
        lines.append(f"       - {flag}{ev.type.value} [{ev.source}] {ev.text}")
        if values:
            lines.append(f"         values: {values}")
        if src is not None:
            lines.append(f"         {src.citation}")
    if len(evidence) > most:
        lines.append(
            f"       ... and {len(evidence) - most} more item(s): python -m graph explain '{G.edges[e]['id']}'"
        )
    return lines


def _print_route(G, i: int, route) -> None:
    label = G.nodes
    chain = label[route.edges[0][0]]["label"]
    for _, v, k in route.edges[:-1]:
        chain += f" -[{k}]-> {label[v]['label']}"
    chain += f" <-[{route.edges[-1][2]}]- {label[route.victim]['label']}"
    print(f"{i:>3}. {chain}")
    print(f"     predicted: {label[route.victim]['label']} exposure {EXPOSURE_WORDS[route.exposure].upper()}")
    print(f"     why: {route.reason}")
    print(f"     weakest step confidence {route.strength:.2f}; each step's evidence:")
    for e in route.edges:
        print(f"     {relation_sentence(G, e)} (confidence {G.edges[e]['confidence']:.2f})")
        for line in _evidence_lines(G, e):
            print(line)


def cmd_interactions(args: argparse.Namespace) -> int:
    G = build_graph(command_dataset(args.data))
    drug = resolve_node(G, args.drug)
    plant = resolve_node(G, args.plant) if args.plant else None
    report = drug_interactions(G, drug, plant)
    label = G.nodes
    if args.json:

        def route_json(r):
            return {
                "edges": ["|".join((u, k, v)) for u, v, k in r.edges],
                "perpetrator": r.perpetrator,
                "enzyme": r.enzyme,
                "victim": r.victim,
                "exposure": EXPOSURE_WORDS[r.exposure],
                "reason": r.reason,
                "strength": r.strength,
            }

        out = {
            "drug": drug,
            "plant": report.plant,
            "routes": [route_json(r) for r in report.routes],
            "reverse": [route_json(r) for r in report.reverse],
            "recorded": [G.edges[e]["id"] for e in report.recorded],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if not report.plant:
        print("This dataset has no plant node.")
        return 0
    plant_label, drug_label = label[report.plant]["label"], label[drug]["label"]
    print(f"Interactions between {plant_label} and {drug_label}")
    print(
        "A step that lowers an enzyme's activity raises the exposure of the drugs it clears; "
        "predictions from mechanisms, not measured changes."
    )
    print(f"\n{plant_label} acting on what clears {drug_label}: {len(report.routes)} route(s)")
    if report.routes and any(G.edges[e]["negated_only"] for e in report.recorded):
        print(
            "  Note: the data also holds evidence against an interaction with this drug (listed at the end);"
            " a route says which way exposure would move, not by how much."
        )
    for i, r in enumerate(report.routes, 1):
        _print_route(G, i, r)
    print(
        f"\n{drug_label} acting on what clears {plant_label}'s constituents: {len(report.reverse)} route(s)"
    )
    for i, r in enumerate(report.reverse, 1):
        _print_route(G, i, r)
    print(f"\nInteractions the data records directly: {len(report.recorded)}")
    for e in report.recorded:
        print(f"  - {relation_sentence(G, e)} (confidence {G.edges[e]['confidence']:.2f})")
        for line in _evidence_lines(G, e):
            print(line)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    G = build_graph(command_dataset(args.data))
    if len(args.edge) == 1:
        key = args.edge[0]
    elif len(args.edge) == 3:
        subject, predicate, obj = args.edge
        key = f"{resolve_node(G, subject)}|{predicate}|{resolve_node(G, obj)}"
    else:
        print("error: give an edge id SUBJECT|PREDICATE|OBJECT, or SUBJECT PREDICATE OBJECT", file=sys.stderr)
        return 1
    try:
        d = edge_details(G, key)
    except KeyError:
        print(f"error: no edge {key!r}", file=sys.stderr)
        return EXIT_UNKNOWN_NODE
    if args.json:
        b = d.score
        out = {
            "edge": d.id,
            "confidence": b.confidence,
            "support": b.support,
            "counted": [
                {
                    "source": c.source,
                    "pooled": list(c.pooled),
                    "against": c.against,
                    "weight": round(c.best.weight, 4),
                    "factors": list(c.best.factors),
                    "items": c.items,
                }
                for c in b.counted
            ],
            "not_counted": [
                {"source": n.evidence.source, "type": n.evidence.type.value, "reason": n.reason}
                for n in b.not_counted
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"{d.sentence}: confidence {d.confidence:.2f}")
    for line in d.score_lines:
        print(line)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m graph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        add_data_arguments(p)
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

    p = command(
        "explain",
        cmd_explain,
        "why an edge has its confidence: each source, its weight, what was not counted",
    )
    p.add_argument(
        "edge", nargs="+", help="SUBJECT|PREDICATE|OBJECT, or SUBJECT PREDICATE OBJECT (ids or labels)"
    )
    p.add_argument("--json", action="store_true")

    p = command("find", cmd_find, "search nodes by id, label, synonym or identifier, best match first")
    p.add_argument("text", help="text to look for (case, spaces and hyphens ignored)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = command("interactions", cmd_interactions, "predicted interactions of the plant with a drug")
    p.add_argument("drug", help="drug node id, label or synonym")
    p.add_argument("--plant", help="plant node (default: the dataset's plant)")
    p.add_argument("--json", action="store_true")

    for register in SUBCOMMANDS:
        register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
