"""Command line of the text layer: ``python -m graph audit FILE`` and ``python -m graph audit-eval``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from graph.build import build_graph
from graph.commands import command_dataset
from graph.text.audit import audit_document, audit_to_json, format_text
from graph.text.document import read_document
from graph.text.evaluate import (
    DEFAULT_CLAIMS,
    DEFAULT_SET,
    evaluate,
    evaluate_claims,
    format_report,
    format_verdicts,
    load_claims,
    load_labelled,
)


def cmd_audit(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        from graph.text.document import DocumentError

        raise DocumentError(f"{path.name}: cannot read file: {exc.strerror or exc}") from None
    text = read_document(data, path.name)
    dataset = command_dataset(args.data, args.strict)
    G = build_graph(dataset)
    audit = audit_document(G, text, path.name, documents=dict(dataset.documents))
    if args.format == "json":
        print(json.dumps(audit_to_json(G, audit), indent=2, ensure_ascii=False))
    else:
        print(format_text(G, audit, all_sentences=args.all))
    return 0


def cmd_audit_eval(args: argparse.Namespace) -> int:
    G = build_graph(command_dataset(args.data, args.strict))
    report = evaluate(G, load_labelled(args.set))
    claims_path = Path(args.claims)
    verdicts = evaluate_claims(G, load_claims(claims_path)) if claims_path.is_file() else None
    if args.json:
        out = {"links": report.to_json(), "verdicts": verdicts.to_json() if verdicts else None}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(format_report(report, errors=args.errors))
        print()
        if verdicts is None:
            print(f"no labelled claims at {claims_path}")
        else:
            print(format_verdicts(verdicts, errors=args.errors))
    return 0


def register_audit(command) -> None:
    p = command("audit", cmd_audit, "audit the claims of a .txt or .md document against the graph")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--all", action="store_true", help="text format: list sentences that make no claim too")


def register_eval(command) -> None:
    p = command(
        "audit-eval",
        cmd_audit_eval,
        "entity and link precision/recall, and verdict accuracy on the labelled claims",
    )
    p.add_argument(
        "--set", default=str(DEFAULT_SET), metavar="JSONL", help="labelled sentences (entities, links)"
    )
    p.add_argument(
        "--claims", default=str(DEFAULT_CLAIMS), metavar="JSONL", help="labelled claims (verdicts)"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--errors", action="store_true", help="list every false positive and false negative")
