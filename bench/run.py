"""Benchmark entry point: ``python bench/run.py [--json] [--sizes embedded,1k,5k,50k] [--quick] [--runs N] [--browser NAME] [--write-results]``.

Runs every measurement against a naive baseline in the same run, each heavy part in its own
subprocess, and prints a table (or JSON with ``--json``). Running it changes no tracked file:
``--write-results`` writes ``bench/RESULTS.md`` (machine, versions, date, table), and
``--results PATH`` writes the same page elsewhere; either keeps the sections other scripts
wrote there between their markers (``<!-- NAME:start -->`` ... ``<!-- NAME:end -->``, e.g.
the extraction benchmark's). ``--quick`` shrinks the synthetic sizes
(1k -> 200 nodes, 5k -> 400, 50k -> 800) and the repetitions, keeping the metric keys, so
the test suite can check that every key is reported in well under a minute; it runs the
workers in its own process, except the peak-memory ones and the load test.

``--runs N`` makes N consecutive full runs: a target is met only when every run meets it
(and by its margin, where it asks for one, e.g. first_draw_5k's 25%), and the page shows
each run's figures side by side.

``--browser headless-shell`` measures the browser figures in Chromium's headless shell
instead of the full browser (bench/browsers.py): a lighter run, as the test suite makes; the
figures in RESULTS.md are measured in ``chromium``.

JSON: ``{"machine": {...}, "quick": bool, "metrics": {key: {"ours", "baseline", "ratio",
"unit", "note"}}, "targets": {...}}`` (with ``--runs`` above 1, also ``"runs": [{"seconds",
"date", "metrics"}, ...]``); ``ratio = baseline / ours`` (above 1: ours faster or
smaller).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import browsers  # noqa: E402

FULL_NODES = {"embedded": 0, "1k": 1_000, "5k": 5_000, "50k": 50_000}
QUICK_NODES = {"embedded": 0, "1k": 200, "5k": 400, "50k": 800}
REQUIRED = ("to_view_5k", "first_draw_5k", "filter_50k", "rerun_embedded")


class Target(NamedTuple):
    """A performance target: ours <= ``limit`` (and ratio >= ``min_ratio``), with at least
    ``margin`` (a fraction of the limit) to spare when a margin is asked for."""

    limit: float
    min_ratio: float | None = None
    margin: float = 0.0


# metric -> (limit on ours, minimum ratio[, margin]): the project's performance targets.
TARGETS = {
    "to_view_5k": (0.1, None),
    "first_draw_5k": (1.0, 30.0, 0.25),
    "export_html_5k": (0.5, None),
    "html_size_5k": (6e6, None),
    "open_html_5k": (2.0, None),
    "validate_build_50k": (2.0, None),
    "open_kgx_50k": (2.0, None),
    "open_node_link_50k": (2.0, None),
    "filter_50k": (0.05, 20.0),
    "peak_memory_50k": (600.0, None),
    "peak_memory_open_kgx_50k": (600.0, None),
    "peak_memory_open_node_link_50k": (600.0, None),
    "rerun_embedded": (0.1, None),
    "cold_start": (3.0, None),
    "load_p95": (1.0, None),
    "load_errors": (0, None),
    "load_memory_per_session": (50.0, None),
    "load_memory_left": (5.0, None),
    "load_memory_left_repeat": (5.0, None),
}
# A section another script keeps in the results page (bench/extract.py: "extract").
MARKED = re.compile(r"<!-- ([\w-]+):start -->\n.*?<!-- \1:end -->", re.S)


def after_loads_note(r: dict) -> str:
    """The load test's clicks made once every page was drawn (they wait for the other
    sessions' clicks, not their page loads), for the p95 note."""
    n = r.get("clicks_after_loads") or 0
    if not n:
        return "; no click started after every page was drawn"
    return (
        f"; the {n} clicks started after every page was drawn: p50 {r['p50_after_loads_s']:.2f} s, "
        f"p95 {r['p95_after_loads_s']:.2f} s"
    )


def saturation_note(r: dict, sessions: int) -> str:
    """What CPU alone makes a click wait when every session clicks at once, for the p95 note.

    The sessions click again as soon as their panel shows (no reading time), and their
    browsers share the server's cores: each click waits for one click of every session, so
    it takes at least sessions x (page + server CPU per click) / cores.
    """
    page, server = r.get("page_cpu_per_click_s"), r.get("server_cpu_per_click_s")
    if page is None or server is None:
        return ""
    cores = os.cpu_count() or 1
    floor = sessions * (page + server) / cores
    return (
        f"; CPU alone makes a click wait at least {sessions} sessions x ({page * 1000:.0f} ms page + "
        f"{server * 1000:.0f} ms server CPU per click) / {cores} cores = {floor:.2f} s while all click at once"
    )


LOAD_KEYS = (
    "cold_start",
    "load_p50",
    "load_p95",
    "load_p50_reading",
    "load_p95_reading",
    "load_errors",
    "load_memory_per_session",
    "load_memory_left",
    "load_memory_left_repeat",
    "load_server_cpu_per_click",
    "load_page_cpu_per_click",
)
# The load test (bench/load.py), full run and quick run: sessions, clicks per session, the
# seconds the server keeps a closed session, the seconds waited before memory is read, and
# the seconds the sessions then read each panel for, as readers (load.Reading).
LOAD_SIZE = {False: (10, 10, 3, 6.0, 3.0), True: (2, 2, 1, 2.0, 0.5)}


def load_metrics(quick: bool) -> dict:
    """bench/load.py at full or quick size, as metric entries."""
    from bench import load
    from bench.workers import entry

    sessions, actions, ttl, settle, pause = LOAD_SIZE[quick]
    r = load.run(sessions, actions, ttl, settle, pause=pause)
    what = (
        f"{sessions} browser sessions at once on loopback, {actions} clicks each (nodes and links "
        f"alternating; {r['clicks']} clicks timed), click -> the panel heading naming what was clicked"
    )
    errors = "; ".join((r["error_list"] + r["reading_error_list"])[:3])
    reading = (
        f"the same {sessions} sessions opened again as readers: once every page is drawn, each "
        f"starts {pause * 1000 / sessions:.0f} ms after the one before and reads each panel for "
        f"{pause:g} s before its next click ({r['reading_clicks']} clicks timed; fixed delays); "
        "baseline = one session alone, no pause; no target: the target is on load_p95, clicks without pause"
    )
    return {
        "cold_start": entry(
            r["cold_start_s"],
            r["warm_start_s"],
            "s",
            f"a freshly started `streamlit run app.py` on loopback: its first page load in {browsers.describe(browsers.bench_browser())} "
            "(1400x1000) until the network is drawn (window.mechanismNetworkReady); baseline = a second page "
            "load alone on the same server (warm caches)",
        ),
        "load_p50": entry(
            r["p50_s"], r["alone_p50_s"], "s", f"median click-to-panel: {what}; baseline = one session alone"
        ),
        "load_p95": entry(
            r["p95_s"],
            r["alone_p95_s"],
            "s",
            f"95th percentile click-to-panel (max {r['max_s']:.2f} s): {what}; baseline = one session alone"
            + after_loads_note(r)
            + saturation_note(r, sessions),
        ),
        "load_p50_reading": entry(
            r["reading_p50_s"], r["alone_p50_s"], "s", f"median click-to-panel of readers: {reading}"
        ),
        "load_p95_reading": entry(
            r["reading_p95_s"],
            r["alone_p95_s"],
            "s",
            f"95th percentile click-to-panel of readers (max {r['reading_max_s']:.2f} s): {reading}",
        ),
        "load_errors": entry(
            r["errors"] + (r["reading_errors"] or 0),  # None: no reading phase
            r["alone_errors"],
            "count",
            f"clicks that failed or timed out, and page console errors, in the {sessions} sessions, without "
            f"pause and as readers{': ' + errors if errors else ''}; baseline = the same for one session alone",
        ),
        "load_memory_per_session": entry(
            r["growth_per_session_mb"],
            r["rss_before_mb"],
            "MB",
            f"server resident memory with every session open ({r['rss_during_mb']:.0f} MB) minus before "
            f"({r['rss_before_mb']:.0f} MB, after one warm-up session), per session; baseline = the server "
            "before the sessions",
        ),
        "load_memory_left": entry(
            r["left_after_close_mb"],
            r["rss_before_mb"],
            "MB",
            f"server resident memory {r['settle_s']:g} s after the sessions closed ({r['rss_after_mb']:.0f} MB) "
            f"minus before; the server drops a closed session after --server.disconnectedSessionTTL "
            f"{r['ttl_s']} s in this run (default 120 s); baseline = the server before the sessions",
        ),
        "load_memory_left_repeat": entry(
            r["left_by_readers_mb"],
            r["rss_after_mb"],
            "MB",
            f"server resident memory {r['settle_s']:g} s after the same {sessions} sessions opened, read and "
            f"closed a second time ({r['rss_after_readers_mb']:.0f} MB) minus after the first time: what each "
            "further batch of sessions leaves (a leak grows with every batch; load_memory_left also holds what "
            "the first batch makes once, such as the bounded caches it fills); baseline = the server after the "
            "first batch",
        )
        if r["left_by_readers_mb"] is not None
        else entry(None, None, "MB", "no second batch in this run"),
        "load_server_cpu_per_click": entry(
            r["server_cpu_per_click_s"],
            r["alone_server_cpu_per_click_s"],
            "s",
            f"server CPU time (user + system, /proc) over the {sessions} sessions (their page loads "
            "included) per click; baseline = one session alone, its clicks only",
        ),
        "load_page_cpu_per_click": entry(
            r["page_cpu_per_click_s"],
            r["alone_page_cpu_per_click_s"],
            "s",
            "CPU time of each page's renderer process (Chromium's ProcessTime) from its first click "
            "to its last panel, per click, over the sessions (finding each click's point included; "
            "the browser's GPU and main processes not counted); baseline = one session alone",
        ),
    }


PACKAGES = ("networkx", "numpy", "PyYAML", "pyvis", "streamlit", "playwright")


def _call(
    name: str, size: str, nodes: int, quick: bool, mode: str | None = None, raw: str | None = None
) -> dict:
    """Run the worker ``name`` in this process and return its metric entries."""
    from bench import workers

    if name == "core":
        return workers.core(size, nodes, quick)
    if name == "open":
        return workers.open_files(size, nodes, quick)
    if name == "load_yaml":
        return workers.load_yaml(size, nodes, quick)
    if name == "memory":
        return workers.memory(size, nodes, mode, raw)
    if name == "app":
        return workers.app_rerun(quick)
    if name == "load":
        return load_metrics(quick)
    if name == "browser":
        return workers.first_draw(size, nodes, quick)
    if name == "write_files":
        workers.write_open_files(nodes, raw)
        return {}
    if name == "write_raw":
        from bench.synthetic import generate

        Path(raw).write_text(json.dumps(generate(nodes)), encoding="utf-8")
        return {}
    raise SystemExit(f"unknown worker {name!r}")


def _worker(args: argparse.Namespace) -> None:
    result = _call(args.worker, args.size, args.nodes, args.quick, args.mode, args.raw)
    print("BENCH-RESULT " + json.dumps(result))


# Workers a quick run calls in its own process: each subprocess pays for Python and the
# imports again (about a CPU-second), which at the quick sizes is most of the work. The
# peak-memory workers still get a fresh process each (ru_maxrss is per process), and so
# does the load test (its own server and asyncio browser).
IN_PROCESS_WHEN_QUICK = frozenset({"core", "open", "load_yaml", "app", "browser", "write_raw", "write_files"})


def _spawn(
    name: str, size: str = "embedded", nodes: int = 0, quick: bool = False, timeout: float = 600, **extra: str
) -> dict:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        name,
        "--size",
        size,
        "--nodes",
        str(nodes),
    ]
    if quick and name in IN_PROCESS_WHEN_QUICK:
        from bench import workers

        workers.ARTIFACTS = Path(_artifacts())
        t, cpu = time.perf_counter(), time.process_time()
        result = _call(name, size, nodes, quick, **extra)
        _log(
            f"  {name} {size}: {time.perf_counter() - t:.1f} s, {time.process_time() - cpu:.1f} CPU-s (in process)"
        )
        return result
    if quick:
        cmd.append("--quick")
    for k, v in extra.items():
        cmd += [f"--{k}", v]
    env = dict(os.environ, PYTHONHASHSEED="0", KRATOM_BENCH_ARTIFACTS=_artifacts())
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            _log(f"  {name} {size}: {time.perf_counter() - t:.1f} s")
            return json.loads(line[len("BENCH-RESULT ") :])
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    raise RuntimeError(f"worker {name} {size} failed (exit {proc.returncode}): {' | '.join(tail)}")


_ARTIFACTS: list[str] = []


def _artifacts() -> str:
    """This run's directory for pages and screenshots (kept for a look afterwards)."""
    if not _ARTIFACTS:
        _ARTIFACTS.append(tempfile.mkdtemp(prefix="kratom-bench-"))
        _log(f"pages and screenshots: {_ARTIFACTS[0]}")
    return _ARTIFACTS[0]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _failed(keys: list[str], unit: str, error: Exception) -> dict:
    return {
        k: {"ours": None, "baseline": None, "ratio": None, "unit": unit, "note": f"failed: {error}"}
        for k in keys
    }


def open_memory(size: str, nodes: int, quick: bool) -> dict:
    """Peak memory of opening the project's files of a dataset, each in a fresh process."""
    from bench.workers import entry

    keys = [f"peak_memory_open_kgx_{size}", f"peak_memory_open_node_link_{size}"]
    with tempfile.TemporaryDirectory(prefix="bench-open-mem-") as tmp:
        try:
            _spawn("write_files", size, nodes, quick, raw=tmp)
            out = {}
            for key, fmt, files, base_what in (
                (
                    keys[0],
                    "kgx",
                    "nodes.jsonl + edges.jsonl + metadata.json",
                    "json.loads of each line + nx add_node/add_edge",
                ),
                (keys[1], "node_link", "graph.json", "json.loads + networkx.node_link_graph"),
            ):
                ours = _spawn("memory", size, nodes, quick, mode=f"open_{fmt}", raw=tmp)
                base = _spawn("memory", size, nodes, quick, mode=f"base_{fmt}", raw=tmp)
                out[key] = entry(
                    ours["peak_mb"],
                    base["peak_mb"],
                    "MB",
                    f"peak RSS (ru_maxrss) of a fresh process that opens the {nodes:,}-node dataset as the project "
                    f"writes it ({files}; {ours['edges']:,} edges); ours = open_dataset (the files read from their bytes) "
                    f"+ build_graph + filter index + layout, as the app opens an upload (resident after: "
                    f"{ours['rss_mb']:.0f} MB); baseline = {base_what}, no validation (resident: {base['rss_mb']:.0f} MB)",
                )
            return out
        except Exception as exc:
            return _failed(keys, "MB", exc)


def run(sizes: list[str], quick: bool) -> dict:
    from bench.workers import entry

    table = FULL_NODES if not quick else QUICK_NODES
    metrics: dict = {}
    started = time.perf_counter()
    for size in sizes:
        _log(f"size {size} ({table[size]:,} nodes)" if table[size] else "size embedded")
        try:
            metrics.update(_spawn("core", size, table[size], quick))
        except Exception as exc:  # a failed worker is reported, not fatal for the other numbers
            metrics.update(_failed([f"filter_{size}"], "s", exc))
        if size in ("embedded", "1k"):
            try:
                metrics.update(_spawn("load_yaml", size, table[size], quick))
            except Exception as exc:
                metrics.update(_failed([f"load_yaml_{size}"], "s", exc))
        if size == "embedded":
            try:
                metrics.update(_spawn("app", quick=quick))
            except Exception as exc:
                metrics.update(_failed(["rerun_embedded"], "s", exc))
            if browsers.installed(browsers.bench_browser()):
                try:
                    metrics.update(_spawn("load", quick=quick, timeout=900))
                except Exception as exc:
                    metrics.update(_failed(list(LOAD_KEYS), "s", exc))
        if size in ("1k", "5k"):
            if not browsers.installed(browsers.bench_browser()):
                missing = browsers.executable(browsers.bench_browser())
                metrics.update(
                    _failed(
                        [f"first_draw_{size}", f"open_html_{size}"], "s", RuntimeError(f"{missing} missing")
                    )
                )
            else:
                try:
                    metrics.update(_spawn("browser", size, table[size], quick))
                except Exception as exc:
                    metrics.update(_failed([f"first_draw_{size}", f"open_html_{size}"], "s", exc))
        if size == "50k":
            try:
                metrics.update(_spawn("open", size, table[size], quick))
            except Exception as exc:
                metrics.update(_failed([f"open_kgx_{size}", f"open_node_link_{size}"], "s", exc))
            with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
                raw = str(Path(tmp) / "raw.json")
                try:
                    _spawn("write_raw", size, table[size], quick, raw=raw)
                    ours = _spawn("memory", size, table[size], quick, mode="ours", raw=raw)
                    base = _spawn("memory", size, table[size], quick, mode="baseline", raw=raw)
                    metrics["peak_memory_50k"] = entry(
                        ours["peak_mb"],
                        base["peak_mb"],
                        "MB",
                        f"peak RSS (ru_maxrss) of a fresh process that reads the {table[size]:,}-node dataset "
                        f"({ours['edges']:,} edges) from JSON and loads it; ours = validate_raw (the parsed JSON dropped "
                        f"once validated) + build_graph + filter index + layout (resident after load: {ours['rss_mb']:.0f} MB); baseline = "
                        f"the same JSON into a plain nx.MultiDiGraph with the raw evidence dicts as attributes "
                        f"(resident: {base['rss_mb']:.0f} MB)",
                    )
                except Exception as exc:
                    metrics.update(_failed(["peak_memory_50k"], "MB", exc))
            metrics.update(open_memory(size, table[size], quick))
    return {
        "machine": machine(),
        "quick": quick,
        "sizes": {s: table[s] for s in sizes},
        "seconds": round(time.perf_counter() - started, 1),
        "metrics": metrics,
        "targets": targets(metrics, quick),
    }


def targets(metrics: dict, quick: bool) -> dict:
    """Each target checked on one run: met (None in a quick run), the rule, and the margin
    left (``1 - ours / limit``; for a ratio rule, the smaller of that and ``ratio / min - 1``)."""
    out = {}
    for key, spec in TARGETS.items():
        t = Target(*spec)
        m = metrics.get(key)
        if not m or m.get("ours") is None:
            out[key] = {"met": None, "why": "not measured"}
            continue
        ours = m["ours"]
        margin = 1 - ours / t.limit if t.limit else (0.0 if ours <= 0 else -1.0)
        if t.min_ratio:
            margin = min(margin, (m["ratio"] or 0) / t.min_ratio - 1)
        ok = ours <= t.limit * (1 - t.margin) and (t.min_ratio is None or (m["ratio"] or 0) >= t.min_ratio)
        shown = f"{t.limit / 1e6:g} MB" if m["unit"] == "bytes" else f"{t.limit:g} {m['unit']}"
        rule = f"<= {shown}" + (f" and >= {t.min_ratio:g}x" if t.min_ratio else "")
        if t.margin:
            rule += f", with {t.margin:.0%} margin"
        out[key] = {"met": bool(ok) if not quick else None, "rule": rule, "margin": round(margin, 3)}
    return out


def combine(results: list[dict]) -> dict:
    """Several consecutive full runs as one result: the last run's metrics and notes, each run's
    figures under ``runs``, and a target met only when every run met it (worst margin)."""
    last = results[-1]
    combined = {}
    for key in TARGETS:
        per_run = [r["targets"].get(key, {}) for r in results]
        if any(t.get("met") is None and t.get("why") for t in per_run):
            combined[key] = {"met": None, "why": "not measured in every run"}
            continue
        mets = [t.get("met") for t in per_run]
        combined[key] = {
            "met": None if None in mets else all(mets),
            "rule": per_run[-1]["rule"],
            "margin": min(t["margin"] for t in per_run),
        }
    return {
        **{k: v for k, v in last.items() if k not in ("targets", "seconds")},
        "seconds": round(sum(r["seconds"] for r in results), 1),
        "targets": combined,
        "runs": [
            {"seconds": r["seconds"], "date": r["machine"]["date"], "metrics": r["metrics"]} for r in results
        ],
    }


def machine() -> dict:
    info = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    try:
        cpu = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next(
            line.split(":", 1)[1].strip() for line in cpu.splitlines() if line.startswith("model name")
        )
    except (OSError, StopIteration):
        info["cpu"] = platform.processor() or "unknown"
    try:
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()
        info["ram_gib"] = round(int(mem[1]) / 1024**2, 1)
    except (OSError, IndexError, ValueError):
        info["ram_gib"] = None
    versions = {}
    for p in PACKAGES:
        try:
            versions[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            versions[p] = None
    versions[browsers.bench_browser()] = browsers.version(browsers.bench_browser())
    info["versions"] = versions
    return info


def _fmt(value, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "bytes":
        return f"{value / 1e6:.2f} MB"
    if unit == "count":
        return f"{value:.0f}"
    return f"{value:.1f} {unit}" if abs(value) < 10 else f"{value:.0f} {unit}"


def _mark(t: dict | None) -> str:
    if not t or not t.get("rule"):
        return ""
    met = {True: " ✔ met", False: " ✘ missed", None: ""}[t.get("met")]
    margin = f" (margin {t['margin']:.0%})" if t.get("met") is not None and "margin" in t else ""
    return t["rule"] + met + margin


def table(result: dict) -> str:
    runs = result.get("runs") or []
    if len(runs) > 1:
        return runs_table(result)
    rows = ["| metric | ours | baseline | ratio (baseline/ours) | target |", "|---|---:|---:|---:|---|"]
    for key, m in result["metrics"].items():
        ratio = "-" if m["ratio"] is None else f"{m['ratio']:g}x"
        rows.append(
            f"| {key} | {_fmt(m['ours'], m['unit'])} | {_fmt(m['baseline'], m['unit'])} | {ratio} | "
            f"{_mark(result['targets'].get(key))} |"
        )
    return "\n".join(rows)


def runs_table(result: dict) -> str:
    """One row per metric, one column of ours and of the baseline per run; targets over every run."""
    runs = result["runs"]
    n = len(runs)
    head = " | ".join(f"ours, run {i + 1}" for i in range(n))
    rows = [
        f"| metric | {head} | baseline (runs 1-{n}) | worst ratio | target, over all {n} runs (worst margin) |",
        "|---|" + "---:|" * (n + 2) + "---|",
    ]
    for key, m in result["metrics"].items():
        per_run = [r["metrics"].get(key, {}) for r in runs]
        ours = " | ".join(_fmt(x.get("ours"), m["unit"]) for x in per_run)
        base = ", ".join(_fmt(x.get("baseline"), m["unit"]) for x in per_run)
        ratios = [x["ratio"] for x in per_run if x.get("ratio") is not None]
        worst = f"{min(ratios):g}x" if len(ratios) == n else "-"
        rows.append(f"| {key} | {ours} | {base} | {worst} | {_mark(result['targets'].get(key))} |")
    return "\n".join(rows)


def _what(result: dict) -> str:
    if result["quick"]:
        return "quick run, scaled-down sizes"
    runs = result.get("runs") or []
    if len(runs) > 1:
        return f"{len(runs)} consecutive full runs, started {', '.join(r['date'] for r in runs)}"
    return "full run"


def results_markdown(result: dict) -> str:
    mc = result["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in mc["versions"].items() if v)
    notes = "\n".join(f"- **{k}**: {m['note']}" for k, m in result["metrics"].items())
    sizes = ", ".join(f"{k} = {v:,} nodes" if v else k for k, v in result["sizes"].items())
    return f"""# Benchmark results

Written by `python bench/run.py` ({_what(result)};
{result["seconds"]} s). Every baseline ran in the same run as ours; `ratio = baseline / ours`
(above 1: ours is faster or smaller). Heavy sizes ran in separate processes.

- Date: {mc["date"]}
- Machine: {mc["nproc"]} cores ({mc["cpu"]}), {mc["ram_gib"]} GiB RAM, {mc["platform"]}
- Python {mc["python"]}; {versions}
- Sizes: {sizes}; synthetic datasets from `bench/synthetic.py` (seed 7, ~3 edges per node,
  ~3 evidence items per edge, the project's own vocabulary)

{table(result)}

## What each line measures

{notes}
"""


def write_results(path: Path, page: str) -> None:
    """Write the results page, keeping every marked section of the page it replaces."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = [m.group(0) for m in MARKED.finditer(old)]
    text = page.rstrip("\n") + "".join(f"\n\n{section}" for section in kept) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--sizes", default="embedded,1k,5k,50k", help="comma-separated: embedded,1k,5k,50k")
    parser.add_argument("--quick", action="store_true", help="scaled-down sizes and repetitions (for tests)")
    parser.add_argument(
        "--write-results", action="store_true", help="write the Markdown results to bench/RESULTS.md"
    )
    parser.add_argument("--results", help="write the Markdown results to this path instead")
    parser.add_argument(
        "--runs", type=int, default=1, help="consecutive full runs; a target is met when every run meets it"
    )
    parser.add_argument(
        "--browser",
        choices=sorted(browsers.BROWSERS),
        help="the browser to measure in (default chromium; headless-shell: a lighter run, as the tests make)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", default="embedded", help=argparse.SUPPRESS)
    parser.add_argument("--nodes", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.browser:  # read by every worker, in this process and the ones it starts
        os.environ[browsers.BENCH_BROWSER_ENV] = args.browser
    if args.worker:
        _worker(args)
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in FULL_NODES]
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(FULL_NODES)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    results = [run(sizes, args.quick) for _ in range(args.runs)]
    result = results[0] if len(results) == 1 else combine(results)
    results_path = args.results or (
        str(Path(__file__).with_name("RESULTS.md")) if args.write_results else None
    )
    if results_path:
        write_results(Path(results_path), results_markdown(result))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(result))
        missing = [k for k in REQUIRED if k not in result["metrics"]]
        if missing:
            print(f"(not measured at these sizes: {', '.join(missing)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
