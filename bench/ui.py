"""Network view benchmarks: layout quality (edge crossings, label overlaps) and app timings.

Run with ``make bench-ui`` (or ``python bench/ui.py``); prints a markdown report and
writes it to ``bench/RESULTS-ui.md``.

Layout: the embedded graph under the previous hand-written layout (kind columns, one
barycentre sweep; recomputed here, in the same run, as the baseline) and under
``graph.render.layered_layout`` (lanes ordered by igraph's Sugiyama layout). Crossings
are counted between straight segments joining node centres, one per connected node
pair (a proxy: the drawn edges are gentle curves). Label overlaps are counted between
estimated label boxes (``graph.render``'s text-width estimate; the previous layout drew
16 px labels unwrapped below 14 px nodes); the browser test
``tests/test_app_first_view_browser.py`` measures the real boxes on screen.

Timings (headless Debian chromium, a fresh ``streamlit run`` on loopback): the server's
start, the first page load until the network is drawn (cold: first session of the
process), a second page load (warm), and switching to the Evidence table view.
"""

from __future__ import annotations

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

CHROMIUM = "/usr/bin/chromium"


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
    from graph.render import _best_arrangement

    _best_arrangement(G)
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


def app_timings() -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    home = tempfile.mkdtemp(prefix="bench-ui-")
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=ROOT,
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
            if time.perf_counter() - started > 60:
                raise RuntimeError("streamlit did not start")
        out["server_ready_s"] = time.perf_counter() - started
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for label in ("cold", "warm"):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t = time.perf_counter()
                page.goto(url)
                page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
                out[f"network_drawn_{label}_s"] = time.perf_counter() - t
                if label == "warm":
                    t = time.perf_counter()
                    page.get_by_text("Evidence table", exact=True).click()
                    page.get_by_text("evidence items on", exact=False).first.wait_for(timeout=60_000)
                    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
                    out["evidence_table_s"] = time.perf_counter() - t
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return out


def main() -> int:
    G = build_graph(load_dataset())
    layout = layout_report(G)
    timings = app_timings()
    lines = [
        "# Network view benchmark (`make bench-ui`)",
        "",
        f"Embedded graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges. One run on this machine.",
        "",
        "| measure | previous layout | lanes (igraph Sugiyama) |",
        "|---|---|---|",
        f"| edge crossings (straight segments, node pairs) | {layout['crossings_before']} | {layout['crossings_after']} |",
        f"| label overlaps (estimated boxes) | {layout['label_overlaps_before']} | {layout['label_overlaps_after']} |",
        "",
        "| app timing (1400x900, headless chromium) | seconds |",
        "|---|---|",
        f"| fresh server answers /_stcore/health | {timings['server_ready_s']:.2f} |",
        f"| first page load until the network is drawn (cold) | {timings['network_drawn_cold_s']:.2f} |",
        f"| second page load until the network is drawn (warm) | {timings['network_drawn_warm_s']:.2f} |",
        f"| switch to the Evidence table view until the table shows | {timings['evidence_table_s']:.2f} |",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    (ROOT / "bench" / "RESULTS-ui.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
