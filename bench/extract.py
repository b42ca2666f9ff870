"""Extraction benchmark: ``python bench/extract.py [--edges 10000000] [--nodes 2000000] [--dir /tmp/...]``.

On synthetic KGX TSV with the shape of a real dump (:mod:`bench.kgx_synthetic`: skewed
degrees, 31 categories, multi-valued fields, a few ragged rows), generated under ``--dir``
(a temporary directory; reused when it already holds files of the same size and seed):

1. DuckDB: the 2-hop neighbourhood of 5 seeds (``files.seeds``: nodes of modest degree
   whose neighbours include hubs), wall time, CPU time (user + system, all threads) and
   peak memory (``ru_maxrss``) of the process that ran it, on ``--threads`` threads
   (default 2). Target: <= 15 s, <= 2 GB.
2. The naive baseline in the same run: the csv module reading the same files and
   filtering in Python, one pass per hop plus one over the nodes (the same rows out).
3. Spark local mode against DuckDB on a ``--spark-edges`` file (default 1M edges): the
   same node and edge sets, and both times (``--no-spark`` leaves it out, ``--spark-only``
   runs it alone).

Each measurement runs in its own process. Every run checks that the engines' node and
edge sets are equal (digests of the sorted ids and edge keys). The load average is read
before and after, since the CPU time is the fairer figure on a shared machine.
``--results`` writes the Markdown section into bench/RESULTS.md (between the extract
markers), ``--json`` prints JSON.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.kgx_synthetic import write_synthetic_kgx  # noqa: E402

START, END = "<!-- extract:start -->", "<!-- extract:end -->"
TARGET_SECONDS, TARGET_BYTES = 15.0, 2 * 1024**3


def digest(nodes: set[str], edges: list[tuple]) -> str:
    h = hashlib.sha256()
    for n in sorted(nodes):
        h.update(n.encode() + b"\n")
    for e in sorted(edges):
        h.update("\t".join(e).encode() + b"\n")
    return h.hexdigest()[:16]


def peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (every thread)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def jvm_cpu_seconds() -> float | None:
    """CPU time of the Spark JVM this process started (``/proc``), or None if it cannot be read."""
    try:
        from pyspark import SparkContext

        pid = SparkContext._gateway.proc.pid  # the launcher execs the JVM in place
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (AttributeError, ImportError, OSError, IndexError, ValueError):
        return None


def load_average() -> float:
    try:
        return round(os.getloadavg()[0], 1)
    except OSError:
        return float("nan")


# -- the measured routes (each in its own process) ---------------------------------------------


def run_engine(engine: str, nodes: str, edges: str, seeds: list[str], hops: int, threads: int | None) -> dict:
    from graph.extract import Plan, extract

    started, cpu = time.perf_counter(), cpu_seconds()
    nb = extract(Plan(seeds=tuple(seeds), hops=hops), nodes, edges, engine=engine, threads=threads)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    if engine == "spark":
        jvm = jvm_cpu_seconds()  # the work runs in the JVM: its CPU time, not the driver's
        cpu = cpu + jvm if jvm is not None else None
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_bytes": peak_bytes(),
        "nodes": len(nb.depth),
        "edges": len(nb.edges),
        "digest": digest(set(nb.depth), nb.edge_keys()),
        "skipped": nb.skipped.total,
    }


def run_baseline(nodes: str, edges: str, seeds: list[str], hops: int) -> dict:
    """The naive route: csv.reader over the files, filtering in Python, one pass per hop."""
    csv.field_size_limit(1 << 30)
    started, cpu = time.perf_counter(), cpu_seconds()
    with open(nodes, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        width, at = len(header), header.index("id")
        known = {row[at].strip() for row in reader if len(row) <= width and row[at].strip()}
    depth = {s: 0 for s in seeds if s in known}
    kept: list[tuple] = []
    for d in range(1, hops + 1):
        frontier = {n for n, k in depth.items() if k == d - 1}
        earlier = {n for n, k in depth.items() if k < d - 1}
        with open(edges, newline="", encoding="utf-8") as f:
            reader = csv.reader(f, delimiter="\t")
            header = next(reader)
            width = len(header)
            si, pi, oi = (header.index(c) for c in ("subject", "predicate", "object"))
            ii = header.index("id") if "id" in header else None
            found = []
            for row in reader:
                if len(row) > width or len(row) <= max(si, pi, oi):
                    continue
                s, p, o = row[si].strip(), row[pi].strip(), row[oi].strip()
                if not (s and p and o):
                    continue
                if (s in frontier or o in frontier) and not (s in earlier or o in earlier):
                    found.append((s, p, o, row[ii] if ii is not None else ""))
        kept += found
        for s, _, o, _ in found:
            for a, b in ((s, o), (o, s)):
                if a in frontier and b in known and b not in depth:
                    depth[b] = d
    out = [e for e in kept if e[0] in depth and e[2] in depth]
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": cpu_seconds() - cpu,
        "peak_bytes": peak_bytes(),
        "nodes": len(depth),
        "edges": len(out),
        "digest": digest(set(depth), out),
    }


def child(kind: str, **kw) -> dict:
    """Run one route in a fresh Python process; its JSON result."""
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps({"kind": kind, **kw})],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the run --------------------------------------------------------------------------------------


def synthetic(directory: Path, nodes: int, edges: int, seed: int):
    marker = directory / "synthetic.json"
    wanted = {"nodes": nodes, "edges": edges, "seed": seed}
    if marker.exists():
        saved = json.loads(marker.read_text())
        if saved.get("params") == wanted:
            return saved["seeds"], 0.0
    started = time.perf_counter()
    files = write_synthetic_kgx(directory, nodes=nodes, edges=edges, seed=seed)
    marker.write_text(json.dumps({"params": wanted, "seeds": list(files.seeds)}))
    return list(files.seeds), time.perf_counter() - started


def measure(args: argparse.Namespace) -> dict:
    base = Path(args.dir)
    out: dict = {}
    if not args.spark_only:
        big = base / f"kgx-{args.edges}"
        seeds, gen_big = synthetic(big, args.nodes, args.edges, args.seed)
        files = {"nodes": str(big / "nodes.tsv"), "edges": str(big / "edges.tsv")}
        common = {**files, "seeds": seeds, "hops": args.hops}
        duck = child("duckdb", **common, threads=args.threads)
        baseline = child("baseline", **common)
        out.update(
            {
                "generated_seconds": gen_big,
                "files": {k: os.path.getsize(v) for k, v in files.items()},
                "seeds": seeds,
                "duckdb": duck,
                "baseline": baseline,
                "same_sets_baseline": duck["digest"] == baseline["digest"],
            }
        )
    if not args.no_spark:
        small = base / f"kgx-{args.spark_edges}"
        spark_seeds, _ = synthetic(small, args.spark_edges // 5, args.spark_edges, args.seed)
        sfiles = {"nodes": str(small / "nodes.tsv"), "edges": str(small / "edges.tsv")}
        scommon = {**sfiles, "seeds": spark_seeds, "hops": args.hops}
        sduck = child("duckdb", **scommon, threads=args.threads)
        spark = child("spark", **scommon, threads=None)
        out["spark_run"] = {
            "seeds": spark_seeds,
            "duckdb": sduck,
            "spark": spark,
            "same_sets": sduck["digest"] == spark["digest"],
        }
    return out


def machine() -> dict:
    from importlib import metadata

    versions = {}
    for pkg in ("duckdb", "pyspark"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    cpu = "unknown"
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "versions": versions,
        "load_before": load_average(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def gb(n: int) -> str:
    return f"{n / 1024**3:.2f} GB"


def cpu(route: dict) -> str:
    return "-" if route.get("cpu_seconds") is None else f"{route['cpu_seconds']:.1f} s"


def markdown(result: dict, args: argparse.Namespace) -> str:
    m, r = result["machine"], result["run"]
    lines = [
        START,
        "## Extraction from a big KGX graph (`python bench/extract.py`)",
        "",
        f"- Date: {m['date']}; {m['cores']} cores ({m['cpu']}); load average {m['load_before']} when the run "
        f"started and {m['load_after']} when it ended (the CPU time is the fairer figure on a shared machine); "
        f"Python {m['python']}; duckdb {m['versions']['duckdb']}, pyspark {m['versions']['pyspark']}",
    ]
    if "duckdb" in r:
        d, b = r["duckdb"], r["baseline"]
        ok_time = "met" if d["seconds"] <= TARGET_SECONDS else "not met"
        ok_mem = "met" if d["peak_bytes"] <= TARGET_BYTES else "not met"
        lines += [
            f"- Synthetic KGX TSV from `bench/kgx_synthetic.py` (seed {args.seed}): {args.edges:,} edges "
            f"({r['files']['edges'] / 1024**3:.2f} GB), {args.nodes:,} nodes "
            f"({r['files']['nodes'] / 1024**2:.0f} MB); power-law degrees, 31 categories, multi-valued fields, "
            f"ragged rows. Seeds: {', '.join(r['seeds'])}; {args.hops} hops, no filters.",
            "",
            "| route | wall time | CPU time | peak memory | nodes | edge rows | same sets as DuckDB |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| DuckDB, {args.threads} threads | {d['seconds']:.1f} s | {cpu(d)} | {gb(d['peak_bytes'])} | "
            f"{d['nodes']:,} | {d['edges']:,} | |",
            f"| baseline: csv module, filtering in Python | {b['seconds']:.1f} s | {cpu(b)} | "
            f"{gb(b['peak_bytes'])} | {b['nodes']:,} | {b['edges']:,} | {'yes' if r['same_sets_baseline'] else 'NO'} |",
            "",
            f"Ratio baseline / DuckDB: {b['seconds'] / d['seconds']:.1f}x wall, "
            f"{b['cpu_seconds'] / d['cpu_seconds']:.1f}x CPU. Targets (at 10,000,000 edges): "
            f"<= {TARGET_SECONDS:.0f} s wall ({ok_time if args.edges == 10_000_000 else 'not this size'}), "
            f"<= 2 GB ({ok_mem if args.edges == 10_000_000 else 'not this size'}).",
            "",
            "DuckDB reads each file twice: one full pass keeps only the node ids and the two ends of "
            "every edge in memory, the hops are joins in memory, and a second pass keeps the full rows "
            "whose ids were reached (an exact join against a small table), so the reading rule runs on "
            "those rows alone.",
        ]
    if "spark_run" in r:
        s = r["spark_run"]
        lines += [
            "",
            f"Spark local mode (`local[*]`) against DuckDB on a {args.spark_edges:,}-edge file "
            f"({args.spark_edges // 5:,} nodes, seeds {', '.join(s['seeds'])}), {args.hops} hops "
            "(Spark's time includes starting its JVM; its CPU time is the JVM's and the driver's):",
            "",
            "| engine | wall time | CPU time | nodes | edge rows | same sets |",
            "|---|---:|---:|---:|---:|---|",
            f"| DuckDB, {args.threads} threads | {s['duckdb']['seconds']:.1f} s | {cpu(s['duckdb'])} | "
            f"{s['duckdb']['nodes']:,} | {s['duckdb']['edges']:,} | |",
            f"| Spark | {s['spark']['seconds']:.1f} s | {cpu(s['spark'])} | {s['spark']['nodes']:,} | "
            f"{s['spark']['edges']:,} | {'yes' if s['same_sets'] else 'NO'} |",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--edges", type=int, default=10_000_000)
    p.add_argument("--nodes", type=int, default=2_000_000)
    p.add_argument("--spark-edges", type=int, default=1_000_000)
    p.add_argument("--hops", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "graph-extract-bench"))
    p.add_argument("--no-spark", action="store_true", help="leave out the Spark comparison")
    p.add_argument("--spark-only", action="store_true", help="run only the Spark comparison")
    p.add_argument("--json", action="store_true")
    p.add_argument("--results", nargs="?", const=str(Path(__file__).with_name("RESULTS.md")), metavar="PATH")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        spec = json.loads(args.child)
        kind = spec.pop("kind")
        if kind == "baseline":
            result = run_baseline(spec["nodes"], spec["edges"], spec["seeds"], spec["hops"])
        else:
            result = run_engine(
                kind, spec["nodes"], spec["edges"], spec["seeds"], spec["hops"], spec["threads"]
            )
        print(json.dumps(result))
        return 0
    if args.no_spark and args.spark_only:
        p.error("--no-spark and --spark-only leave nothing to run")
    result = {"machine": machine(), "run": measure(args)}
    result["machine"]["load_after"] = load_average()
    section = markdown(result, args)
    print(json.dumps(result, indent=2) if args.json else section)
    if args.results:
        write_section(Path(args.results), section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
