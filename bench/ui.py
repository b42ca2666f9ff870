"""Network view benchmarks: layout quality (edge crossings, label overlaps) and app timings.

Run with ``make bench-ui`` (or ``python bench/ui.py``); prints a markdown report, and
writes it to ``bench/RESULTS-ui.md`` only when asked (``--write-results``), as
``bench/run.py`` does: a run changes no tracked file otherwise.

Layout: the embedded graph under the previous hand-written layout (kind columns, one
barycentre sweep; recomputed here, in the same run, as the baseline), under the lanes in
igraph's Sugiyama order before refinement, and under ``graph.render.layered_layout`` (the
drawn layout). Crossings (``graph.render.edge_crossings``, the counter the tests use) are
counted between straight segments joining node centres, one per linked node pair: the
layered view draws its edges straight. Label overlaps are counted between estimated
label boxes (``graph.render.label_boxes``; the previous layout drew 16 px labels
unwrapped below 14 px nodes); the browser test ``tests/test_app_first_view_browser.py``
measures the real boxes on screen.

Timings (headless Debian chromium, a fresh ``streamlit run`` on loopback), for the app at
``BASELINE_COMMIT`` and for the current one in the same run: the server's start, the
first page load until the network is drawn (cold: first session of the process), a
second page load (warm), and switching to the Evidence table view; each as wall seconds
and the server process's CPU seconds.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import browsers  # noqa: E402
from graph import build_graph, load_dataset  # noqa: E402
from graph.render import (  # noqa: E402
    FONT_SIZE,
    KIND_STYLE,
    _place,
    _split_lanes,
    _text_width,
    edge_crossings,
    label_boxes,
    label_overlaps,
    layered_layout,
)


def previous_layout(G) -> dict[str, tuple[float, float]]:
    """The hand-written layout the app drew before (kind columns 320 apart, rows 75 apart)."""
    columns: dict[int, list[str]] = defaultdict(list)
    labels = {n: G.nodes[n]["label"].lower() for n in G.nodes}
    for n, d in G.nodes(data=True):
        columns[d["kind"].layer].append(n)
    rows: dict[str, float] = {}
    for layer in sorted(columns):
        members = columns[layer]

        def barycentre(n: str) -> tuple[float, str]:
            placed = [rows[m] for m in itertools.chain(G.pred[n], G.succ[n]) if m in rows]
            return (sum(placed) / len(placed) if placed else float("inf"), labels[n])

        members.sort(key=barycentre)
        for i, n in enumerate(members):
            rows[n] = i
    pos = {}
    for layer, members in columns.items():
        offset = (len(members) - 1) / 2
        for n in members:
            pos[n] = (layer * 320, (rows[n] - offset) * 75)
    return pos


def previous_label_boxes(G, pos) -> dict[str, tuple[float, float, float, float]]:
    """Label boxes of the previous layout: 16 px labels on one line, below 14 px nodes
    (inside box nodes)."""
    boxes = {}
    for n, (x, y) in pos.items():
        width = _text_width(G.nodes[n]["label"]) * 16 / FONT_SIZE
        top = y - 19 / 2 if KIND_STYLE[G.nodes[n]["kind"]]["shape"] == "box" else y + 14 + 2
        boxes[n] = (x - width / 2, top, x + width / 2, top + 19)
    return boxes


def layout_report(G) -> dict[str, float]:
    """Crossings and label overlaps of the previous layout, of the lanes in igraph's Sugiyama
    order before refinement, and of the drawn layout (``graph.render.layered_layout``)."""
    previous = previous_layout(G)
    columns = _split_lanes(G)
    sugiyama = _place(G, columns, [0.0] * len(columns), [0.0] * len(columns))
    drawn = layered_layout(G)
    t = time.perf_counter()
    cpu = time.process_time()
    from graph.render import REFINE_STORED_BUDGET, _best_arrangement

    _best_arrangement(G, REFINE_STORED_BUDGET)
    return {
        "crossings_before": edge_crossings(G, previous),
        "crossings_sugiyama": edge_crossings(G, sugiyama),
        "crossings_after": edge_crossings(G, drawn),
        "label_overlaps_before": label_overlaps(previous_label_boxes(G, previous)),
        "label_overlaps_sugiyama": label_overlaps(label_boxes(G, sugiyama)),
        "label_overlaps_after": label_overlaps(label_boxes(G, drawn)),
        "refine_wall_s": time.perf_counter() - t,
        "refine_cpu_s": time.process_time() - cpu,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its waited-for children (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


# The app before the network-view work (the figures the targets were set against): run from
# a `git archive` of this commit, in the same run as the current app.
BASELINE_COMMIT = "67a0e176695c6d3c3a48504c512f854c3ae383f4"


def baseline_app_dir() -> Path | None:
    """A temporary copy of the app at ``BASELINE_COMMIT`` (``None`` outside a git checkout)."""
    target = Path(tempfile.mkdtemp(prefix="bench-ui-baseline-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BASELINE_COMMIT], capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def app_timings(app_dir: Path = ROOT) -> dict[str, float]:
    """Wall and server CPU seconds: server start, cold and warm first draw, Evidence table."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    home = tempfile.mkdtemp(prefix="bench-ui-")
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
        + ["--browser.gatherUsageStats", "false"],
        cwd=app_dir,
        env={**os.environ, "HOME": home},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    out: dict[str, float] = {}
    try:
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - started > 120:
                raise RuntimeError("streamlit did not start")
        out["server_ready_s"] = time.perf_counter() - started
        out["server_ready_cpu_s"] = _cpu_seconds(server.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(**browsers.launch_options())
            for label in ("cold", "warm"):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t, cpu = time.perf_counter(), _cpu_seconds(server.pid)
                page.goto(url)
                page.wait_for_function("window.mechanismNetworkReady === true", timeout=120_000)
                out[f"network_drawn_{label}_s"] = time.perf_counter() - t
                out[f"network_drawn_{label}_cpu_s"] = _cpu_seconds(server.pid) - cpu
                if label == "warm":
                    page.wait_for_timeout(1000)  # the first run's background work is over
                    t, cpu = time.perf_counter(), _cpu_seconds(server.pid)
                    page.get_by_text("Evidence table", exact=True).click()
                    page.get_by_text("evidence items on", exact=False).first.wait_for(timeout=60_000)
                    page.locator('[data-testid="stDataFrame"]').last.wait_for(timeout=60_000)
                    out["evidence_table_s"] = time.perf_counter() - t
                    out["evidence_table_cpu_s"] = _cpu_seconds(server.pid) - cpu
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Network view benchmarks: layout quality and app timings.")
    parser.add_argument(
        "--write-results", action="store_true", help="also write the report to bench/RESULTS-ui.md"
    )
    args = parser.parse_args(argv)
    G = build_graph(load_dataset())
    layout = layout_report(G)
    baseline_dir = baseline_app_dir()
    baseline = app_timings(baseline_dir) if baseline_dir else None
    timings = app_timings()
    half = layout["crossings_before"] / 2
    lines = [
        "# Network view benchmark (`make bench-ui`)",
        "",
        f"Embedded graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges. One run on this "
        f"machine ({os.cpu_count()} CPUs); timings are wall seconds with the server's CPU seconds "
        "beside them (a busy machine inflates wall time, less so CPU time).",
        "",
        "## Layout (crossings of straight segments between linked nodes' centres; estimated label boxes)",
        "",
        "| measure | previous hand-written layout | lanes in igraph Sugiyama order | drawn (refined) | target |",
        "|---|---|---|---|---|",
        f"| edge crossings | {layout['crossings_before']} | {layout['crossings_sugiyama']} | "
        f"{layout['crossings_after']} | <= {half:.0f} (half) |",
        f"| label overlaps | {layout['label_overlaps_before']} | {layout['label_overlaps_sugiyama']} | "
        f"{layout['label_overlaps_after']} | 0 |",
        "",
        f"Refinement of the drawn layout from scratch (`make layout`; the app reads the stored "
        f"result): {layout['refine_wall_s']:.2f} s wall, {layout['refine_cpu_s']:.2f} s CPU.",
        "",
        "## App timings (1400x900, headless chromium, a fresh `streamlit run` on loopback)",
        "",
        f"| measure | before ({BASELINE_COMMIT[:7]}): wall / server CPU | now: wall / server CPU | target |",
        "|---|---|---|---|",
    ]
    rows = [
        ("fresh server answers /_stcore/health", "server_ready", ""),
        ("first page load until the network is drawn (cold)", "network_drawn_cold", "<= 3 s"),
        ("second page load until the network is drawn (warm)", "network_drawn_warm", ""),
        ("switch to the Evidence table view until the table shows", "evidence_table", "<= 0.5 s"),
    ]
    for title, key, target in rows:
        before = f"{baseline[key + '_s']:.2f} / {baseline[key + '_cpu_s']:.2f}" if baseline else "n/a"
        lines.append(
            f"| {title} | {before} | {timings[key + '_s']:.2f} / {timings[key + '_cpu_s']:.2f} | {target} |"
        )
    lines += [
        "",
        "The first page carries no data grid: the node table under the network is made when its "
        "expander opens. A grid on the page, even collapsed, loads and starts Streamlit's data-grid "
        "code (0.5-0.7 s of the browser's CPU on every first page), so the first switch to the "
        "Evidence table waits for that code instead (0.45-0.54 s when the first page had loaded "
        "it, 2026-12-02).",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write_results:
        (ROOT / "bench" / "RESULTS-ui.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
