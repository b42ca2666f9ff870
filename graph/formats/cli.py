"""``python -m graph export``: write the graph, or a filtered view of it, in any registered format."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from graph.build import build_graph
from graph.commands import add_filter_arguments, command_import, filters_from_args
from graph.formats.registry import get_format, writers
from graph.query import select


def format_table() -> str:
    """The registry as text, one format a line."""
    width = max(len(f.name) for f in writers())
    lines = []
    for f in writers():
        tag = "lossless" if f.lossless else "        "
        lines.append(f"{f.name:<{width}}  {f.extension:<15} {tag}  {f.label}: {f.description}")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    if args.list:
        print(format_table())
        return 0
    if not args.format or not args.output:
        print("error: --format and -o/--output are required (or --list)", file=sys.stderr)
        return 1
    fmt = get_format(args.format)
    # Drawn as the file drew it, when it placed every node (Gephi, Cytoscape, yEd).
    imported = command_import(args.data, args.strict)
    G = build_graph(imported.dataset, positions=imported.positions)
    filters = filters_from_args(args)
    selection = select(G, filters) if filters is not None else None
    options = {}
    if fmt.name == "html":
        options = {"title": args.title, "generated": dt.date.today() if args.date else None}
    data = fmt.write(G, selection, **options)
    out = Path(args.output)
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        return 0
    out.write_bytes(data)
    edges = selection.edge_count if selection is not None else G.number_of_edges()
    print(f"wrote {out} ({fmt.label}, {len(data):,} bytes, {edges} links)", file=sys.stderr)
    return 0


def register(command) -> None:
    p = command("export", cmd_export, "write the graph or a filtered view in an export format")
    p.add_argument("--format", "-f", choices=[f.name for f in writers()], help="export format (see --list)")
    p.add_argument("-o", "--output", metavar="PATH", help="file to write ('-' for standard output)")
    p.add_argument("--list", action="store_true", help="list the export formats and exit")
    p.add_argument("--title", help="page title of the HTML export (default: the dataset name)")
    p.add_argument(
        "--date",
        action="store_true",
        help="show today's date in the HTML export (off: same input, same bytes)",
    )
    add_filter_arguments(p)
