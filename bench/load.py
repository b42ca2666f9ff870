"""Many readers at once: ``python bench/load.py [--sessions 10] [--actions 10] [--pause 0] [--browser NAME] [--json]``.

Starts ``streamlit run app.py`` on loopback, opens ``--sessions`` browser sessions at once
(one Debian Chromium, ``chromium`` unless ``--browser`` names another of bench/browsers.py;
one context per session, driven concurrently with Playwright's async API) and has each run
a click-through of ``--actions`` clicks on the network, alternating nodes and links (each
session its own sequence). For every click it times click -> the
panel's heading naming what was clicked (first with one session alone, the baseline,
then with all of them at once), and it reads the server's resident memory
(``/proc/PID/status``) after a warm-up session, with every session open, and after the
sessions close (the server runs with ``--server.disconnectedSessionTTL`` set to
``--ttl`` seconds so closed sessions are dropped within the run; the default is 120 s).

Reports the cold start (the first page load on the fresh server until its network is drawn,
beside a second page load alone), p50/p95/max click-to-panel latency, errors (a failed or timed-out click, an error
in a page's console), memory growth per open session and what is left after the sessions
close, and CPU time on both sides: the server process's (``/proc/PID/stat``) per click, and
each page's renderer process's (Chromium's ``Performance.getMetrics`` ProcessTime) for its
page load and first draw and per click. The server and the browsers share the machine's
cores, so under load a click waits for every other session's rerun, re-render and page load.
Streamlit removes an expired closed session only when it next stores or removes a session
(one closing or reconnecting), so the memory read after the sessions close still holds the
last of them.
With ``--pause S`` the same sessions then open again as readers (:class:`Reading`): once
every page is drawn, each starts its clicks ``S / sessions`` seconds after the one before
and reads each panel for ``S`` seconds before its next click; the ``reading_*`` figures are
their click-to-panel latencies. Without a pause every session clicks as fast as its panels
come, all at once: a stress test of the two cores, not how people read.
``bench/run.py`` calls it at a small size; the full size is in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import browsers  # noqa: E402

# Page point of a node, or of a point on a link where vis-network finds that link and no node.
NODE_XY = """id => {
  const n = window.mechanismNetwork;
  n.fit({animation: false});
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const p = n.canvasToDOM(n.getPositions([id])[id]);
  const x = Math.round(r.left + p.x) - r.left, y = Math.round(r.top + p.y) - r.top;
  const alone = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].every(([dx, dy]) => n.getNodeAt({x: x + dx, y: y + dy}) === id);
  const seen = r.left + x >= 0 && r.left + x < innerWidth && r.top + y >= 0 && r.top + y < innerHeight;
  return alone && seen ? {x: r.left + x, y: r.top + y} : null;
}"""
EDGE_XY = """id => {
  const n = window.mechanismNetwork;
  n.fit({animation: false});
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const edge = n.body.edges[id];
  if (!edge) return null;
  // Mouse events land on whole pixels: the rounded point and its four neighbours must all
  // find this link and no node (near a hub, other links pass within a pixel).
  const alone = (x, y) => [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].every(([dx, dy]) => {
    const q = {x: x + dx, y: y + dy};
    return n.getEdgeAt(q) === id && n.getNodeAt(q) === undefined;
  });
  for (let i = 0; i <= 40; i++) {
    const t = 0.15 + 0.7 * ((i * 7) % 41) / 40;
    const p = n.canvasToDOM(edge.edgeType.getPoint(t));
    const x = Math.round(r.left + p.x) - r.left, y = Math.round(r.top + p.y) - r.top;
    const seen = r.left + x >= 0 && r.left + x < innerWidth && r.top + y >= 0 && r.top + y < innerHeight;
    if (seen && alone(x, y)) return {x: r.left + x, y: r.top + y};
  }
  return null;
}"""


# Streamlit's "running" indicator, shown while a script run is under way.
STATUS_WIDGET = '[data-testid="stStatusWidget"]'
# Resolves when the page's main thread is idle (at most 2 s on).
IDLE = "() => new Promise((done) => requestIdleCallback(() => done(), {timeout: 2000}))"
# What a page shows after a click that timed out: the canvas selection and the panel heading.
SEEN = """() => {
  const n = window.mechanismNetwork, L = window.mechanismEdgeLayer;
  const v = window.mechanismNetworkView;
  const h = (v && !v.details.hidden && v.details.querySelector('h3')) || document.querySelector('.st-key-details h3');
  return {nodes: n.getSelectedNodes(), edges: L && L.selected !== null ? [L.selected] : n.getSelectedEdges(),
          heading: h ? h.innerText.trim() : null, running: !!document.querySelector('[data-testid="stStatusWidget"]')};
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_s(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from ``/proc/PID/stat``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024


# The server's environment, as `make run` sets it (tests/test_bench.py checks that they agree).
# glibc gives each new thread its own malloc arena, up to 8 per core; Streamlit runs every
# session's script in a thread of its own, and each new arena kept a few MB resident for good
# (3 sessions: 4.4-7.5 MB left after they closed). Two arenas (MALLOC_ARENA_MAX=2) left 0.6-4.0
# MB at 10 sessions with the app's malloc_trim every 2 s, but a fresh server's first page drew
# in 3.0-3.4 s instead of 2.6 s (1.4-1.6 s of server CPU instead of 1.2; 4 runs each, quiet
# machine). Fixed thresholds instead (large blocks mapped on their own, the heap's top
# returned above 128 kB): 3.3 and 4.4 MB left at 10 sessions, first page in 2.4-2.8 s.
SERVER_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072", "MALLOC_TRIM_THRESHOLD_": "131072"}


def start_server(ttl: int) -> tuple[subprocess.Popen, str, Path]:
    home = Path(tempfile.mkdtemp(prefix="kratom-load-"))
    port = _free_port()
    log = open(home / "server.log", "w")  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--server.disconnectedSessionTTL",
            str(ttl),
        ],
        cwd=ROOT,
        env={**os.environ, **SERVER_ENV, "HOME": str(home)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url, home
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"streamlit did not start: {(home / 'server.log').read_text()[-2000:]}")


def click_targets(count: int, session: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """``count`` clicks for one session, nodes and links alternating: (kind, [(id, heading), ...]).

    Each click names candidates in order: the session clicks the first one that can be hit
    alone, inside the window, at the zoom that shows the whole network (some links and
    labels overlap others; the canvas runs below the window's edge).
    """
    from graph import build_graph, load_dataset
    from graph.query import relation_sentence

    G = build_graph(load_dataset())
    nodes = sorted(G.nodes, key=lambda n: (-G.degree(n), n))
    # Links drawn alone between their two nodes: parallel links (binds, partial agonist and
    # antagonist between one alkaloid and one receptor) can cover each other at any zoom.
    single = [
        e for e in G.edges(keys=True) if G.number_of_edges(e[0], e[1]) + G.number_of_edges(e[1], e[0]) == 1
    ]
    edges = sorted(single, key=lambda e: (-G.edges[e]["confidence"], G.edges[e]["id"]))
    out = []
    for i in range(count):
        j = session * count + i
        if i % 2 == 0:
            start = (j * 7) % len(nodes)
            ring = nodes[start:] + nodes[:start]
            out.append(("node", [(n, G.nodes[n]["label"]) for n in ring]))
        else:
            start = (j * 5) % len(edges)
            ring = edges[start:] + edges[:start]
            out.append(("edge", [(G.edges[e]["id"], relation_sentence(G, e)) for e in ring]))
    return out


class Reading:
    """Readers instead of a stress test: every session waits until all pages are drawn,
    starts its clicks ``offset`` seconds apart from the session before (``pause`` / sessions,
    so the clicks are spread over the pause, not made together), and reads each panel for
    ``pause`` seconds before the next click. Fixed delays: the same schedule on every run."""

    def __init__(self, sessions: int, pause: float):
        self.pause = pause
        self.sessions = sessions
        self.drawn = 0
        self.all_drawn = asyncio.Event()

    async def ready(self) -> None:
        position = self.drawn
        self.drawn += 1
        if self.drawn == self.sessions:
            self.all_drawn.set()
        await self.all_drawn.wait()
        await asyncio.sleep(position * self.pause / self.sessions)


async def page_cpu_s(cdp) -> float:
    """CPU time a page's renderer process has used so far (Chromium's Performance.getMetrics)."""
    metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "ProcessTime")


async def one_session(
    browser,
    url: str,
    targets,
    opened: asyncio.Event,
    release: asyncio.Event,
    out: dict,
    server_pid: int,
    reading: Reading | None = None,
):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    latencies: list[float] = []
    starts: list[float] = []  # when each timed click was made (perf_counter)
    errors: list[str] = []
    try:
        t = time.perf_counter()
        await page.goto(url)
        await page.wait_for_function("window.mechanismNetworkReady === true", timeout=120_000)
        out["drawn_at"] = time.perf_counter()
        out["first_draw"] = out["drawn_at"] - t
        # The rest of the first page (below the network) may still be arriving: clicks start
        # when the page has finished, as a reader's do.
        await page.wait_for_function(f"() => !document.querySelector('{STATUS_WIDGET}')", timeout=120_000)
        # CPU spent on the clicks: this page's renderer process (finding the click's point
        # included) and the server (whole process; alone, that is this session's clicks).
        # What the renderer used before is the page load and first draw.
        page_cpu, server_cpu = await page_cpu_s(cdp), cpu_s(server_pid)
        out["page_cpu_first_draw_s"] = page_cpu
        if reading is not None:
            await reading.ready()
        for i, (kind, candidates) in enumerate(targets):
            if reading is not None and i:
                await asyncio.sleep(reading.pause)
            # Playwright presses and releases the button in two steps, each waiting for the
            # page: a page busy between them stretches the press past vis-network's tap
            # (250 ms), and the click becomes a hold, which selects nothing. A reader's press
            # is as long as their finger makes it: press when the page is idle. And aim then,
            # at what the page shows at that moment: a rerun that landed while the page was
            # busy had moved the canvas 5 px under a point found before (the two timed-out
            # clicks that reported where their node had gone).
            await page.evaluate(IDLE)
            xy = None
            ident, heading = candidates[0]
            for ident, heading in candidates:  # noqa: B007 (the pair found is used below)
                xy = await page.evaluate(NODE_XY if kind == "node" else EDGE_XY, ident)
                if xy is not None:
                    break
            if xy is None:
                errors.append(f"{kind} {candidates[0][0]}: not clickable")
                continue
            t = time.perf_counter()
            starts.append(t)
            await page.mouse.click(xy["x"], xy["y"])
            try:
                await page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=30_000)
            except Exception as exc:  # a timed-out click is an error of the run, not of the script
                seen = await page.evaluate(SEEN)
                # Where the target is now, against where it was clicked: a view that moved
                # in between (a late rerun) shows as a different point.
                now = await page.evaluate(NODE_XY if kind == "node" else EDGE_XY, ident)
                where = f"clicked at {xy['x']:.0f},{xy['y']:.0f}; now at " + (
                    f"{now['x']:.0f},{now['y']:.0f}" if now else "no clear point"
                )
                errors.append(f"{kind} {ident}: {type(exc).__name__} ({where}; page: {seen})")
                starts.pop()  # not timed
                continue
            latencies.append(time.perf_counter() - t)
        out["page_cpu_s"] = await page_cpu_s(cdp) - page_cpu
        out["server_cpu_s"] = cpu_s(server_pid) - server_cpu
        opened.set()
        await release.wait()  # every session stays open until the memory is read
    except Exception as exc:
        errors.append(f"session: {type(exc).__name__}: {str(exc)[:200]}")
        opened.set()
        await release.wait()
    finally:
        await context.close()
    out.update(latencies=latencies, starts=starts, errors=errors + [f"console: {c[:200]}" for c in console])


async def page_load_s(browser, url: str) -> float:
    """Seconds from opening the app in a new browser session until its network is drawn."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = await context.new_page()
        t = time.perf_counter()
        await page.goto(url)
        await page.wait_for_function("window.mechanismNetworkReady === true", timeout=120_000)
        return time.perf_counter() - t
    finally:
        await context.close()


async def drive(url: str, pid: int, sessions: int, actions: int, settle: float, pause: float = 0.0) -> dict:
    from playwright.async_api import async_playwright

    plans = [click_targets(actions, s) for s in range(sessions)]
    async with async_playwright() as p:
        browser = await p.chromium.launch(**browsers.launch_options())
        try:
            # One session alone first: it warms the caches (the embedded graph, the view) and
            # its clicks are the baseline for the latency under load.
            warm: dict = {}
            done, go = asyncio.Event(), asyncio.Event()
            go.set()
            await one_session(browser, url, plans[0], done, go, warm, pid)
            # Its first draw was the cold start (the first page of a fresh server); a second
            # page load alone is the warm one.
            warm_load = await page_load_s(browser, url)
            await asyncio.sleep(settle)
            before = rss_mb(pid)
            results = [dict() for _ in range(sessions)]
            opened = [asyncio.Event() for _ in range(sessions)]
            release = asyncio.Event()
            started, cpu_started = time.perf_counter(), cpu_s(pid)
            tasks = [
                asyncio.create_task(one_session(browser, url, plans[s], opened[s], release, results[s], pid))
                for s in range(sessions)
            ]
            for ev in opened:
                await ev.wait()
            wall, server_cpu = time.perf_counter() - started, cpu_s(pid) - cpu_started
            during = rss_mb(pid)
            release.set()
            await asyncio.gather(*tasks)
            await asyncio.sleep(settle)
            after = rss_mb(pid)
            # Then the same sessions as readers (Reading), when a pause is asked for.
            read = [dict() for _ in range(sessions)] if pause > 0 else []
            after_reading = None
            if read:
                schedule = Reading(sessions, pause)
                done = [asyncio.Event() for _ in range(sessions)]
                go = asyncio.Event()
                go.set()
                await asyncio.gather(
                    *(
                        one_session(browser, url, plans[s], done[s], go, read[s], pid, schedule)
                        for s in range(sessions)
                    )
                )
                # What a second batch of the same sessions left on top of the first: a leak
                # grows with every batch; the first batch's residue also holds what is made
                # once (bounded caches filled, a thread's allocator arena).
                await asyncio.sleep(settle)
                after_reading = rss_mb(pid)
        finally:
            await browser.close()
    return {
        "warm": warm,
        "warm_load": warm_load,
        "results": results,
        "before": before,
        "during": during,
        "after": after,
        "after_reading": after_reading,
        "wall": wall,
        "server_cpu": server_cpu,
        "reading": read,
    }


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run(
    sessions: int = 10, actions: int = 10, ttl: int = 3, settle: float | None = None, pause: float = 0.0
) -> dict:
    """The load test; memory is read ``settle`` seconds (default ``ttl`` + 3) after sessions close.

    With ``pause`` (seconds), the sessions then open again as readers (:class:`Reading`):
    the ``reading_*`` figures.
    """
    settle = ttl + 3 if settle is None else settle
    proc, url, home = start_server(ttl)
    try:
        raw = asyncio.run(drive(url, proc.pid, sessions, actions, settle=settle, pause=pause))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    latencies = [x for r in raw["results"] for x in r.get("latencies", [])]
    errors = [e for r in raw["results"] for e in r.get("errors", [])]
    draws = [r["first_draw"] for r in raw["results"] if "first_draw" in r]
    alone = raw["warm"].get("latencies", [])
    # The clicks made once every session's page was drawn: they wait for the other sessions'
    # clicks only, not for their page loads.
    all_drawn = max((r["drawn_at"] for r in raw["results"] if "drawn_at" in r), default=None)
    after_loads = [
        x
        for r in raw["results"]
        for x, t in zip(r.get("latencies", []), r.get("starts", []), strict=False)
        if all_drawn is not None and t >= all_drawn
    ]
    warm = raw["warm"]

    def per_click(seconds: float | None, clicks: int) -> float | None:
        return seconds / clicks if seconds is not None and clicks else None

    page_cpu = [r["page_cpu_s"] for r in raw["results"] if "page_cpu_s" in r]
    draw_cpu = [r["page_cpu_first_draw_s"] for r in raw["results"] if "page_cpu_first_draw_s" in r]
    return {
        "cold_start_s": warm.get("first_draw"),
        "warm_start_s": raw["warm_load"],
        "alone_p50_s": percentile(alone, 0.5),
        "alone_p95_s": percentile(alone, 0.95),
        "alone_errors": len(raw["warm"].get("errors", [])),
        "alone_server_cpu_per_click_s": per_click(warm.get("server_cpu_s"), len(alone)),
        "alone_page_cpu_per_click_s": per_click(warm.get("page_cpu_s"), len(alone)),
        "sessions": sessions,
        "actions": actions,
        "clicks": len(latencies),
        "p50_s": percentile(latencies, 0.5),
        "p95_s": percentile(latencies, 0.95),
        "clicks_after_loads": len(after_loads),
        "p50_after_loads_s": percentile(after_loads, 0.5),
        "p95_after_loads_s": percentile(after_loads, 0.95),
        "max_s": max(latencies) if latencies else None,
        "errors": len(errors),
        "error_list": errors[:20],
        "first_draw_median_s": statistics.median(draws) if draws else None,
        "page_cpu_first_draw_median_s": statistics.median(draw_cpu) if draw_cpu else None,
        "wall_s": raw["wall"],
        "server_cpu_s": raw["server_cpu"],
        "server_cpu_per_click_s": per_click(raw["server_cpu"], len(latencies)),
        "page_cpu_per_click_s": per_click(sum(page_cpu), len(latencies)),
        "rss_before_mb": raw["before"],
        "rss_during_mb": raw["during"],
        "rss_after_mb": raw["after"],
        "growth_per_session_mb": (raw["during"] - raw["before"]) / sessions,
        "left_after_close_mb": raw["after"] - raw["before"],
        "rss_after_readers_mb": raw["after_reading"],
        "left_by_readers_mb": None if raw["after_reading"] is None else raw["after_reading"] - raw["after"],
        "ttl_s": ttl,
        "settle_s": settle,
        **reading_figures(raw["reading"], pause),
    }


def reading_figures(results: list[dict], pause: float) -> dict:
    """p50/p95/max click-to-panel and errors of the reading phase (None without one)."""
    latencies = [x for r in results for x in r.get("latencies", [])]
    errors = [e for r in results for e in r.get("errors", [])]
    return {
        "reading_pause_s": pause,
        "reading_clicks": len(latencies),
        "reading_p50_s": percentile(latencies, 0.5),
        "reading_p95_s": percentile(latencies, 0.95),
        "reading_max_s": max(latencies) if latencies else None,
        "reading_errors": len(errors) if results else None,
        "reading_error_list": errors[:20],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10, help="concurrent browser sessions (default 10)")
    parser.add_argument("--actions", type=int, default=10, help="clicks per session (default 10)")
    parser.add_argument(
        "--ttl", type=int, default=3, help="seconds the server keeps a closed session (default 3)"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="then run the sessions again as readers, reading each panel this many seconds (default 0: no)",
    )
    parser.add_argument("--browser", choices=sorted(browsers.BROWSERS), help="the browser (default chromium)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.browser:
        os.environ[browsers.BENCH_BROWSER_ENV] = args.browser
    if args.sessions < 1 or args.actions < 1:
        parser.error("--sessions and --actions must be at least 1")
    if args.pause < 0:
        parser.error("--pause must not be negative")
    result = run(args.sessions, args.actions, args.ttl, pause=args.pause)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
