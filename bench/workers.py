"""Benchmark workers: each measures one thing, ours against a naive baseline, in one process.

``bench/run.py`` starts every worker in its own subprocess (``python bench/run.py --worker
NAME ...``) so heavy sizes do not share memory, caches or garbage-collector state with the
next measurement (a ``--quick`` run calls most of them in its own process). A worker prints one JSON object: metric key -> entry, where an entry is
``{"ours", "baseline", "ratio", "unit", "note"}`` and ``ratio = baseline / ours`` (above 1:
ours is faster or smaller).
"""

from __future__ import annotations

import gc
import json
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from bench import browsers

ROOT = Path(__file__).resolve().parent.parent
# Pages and screenshots of one run (bench/run.py makes a fresh directory per run, so
# concurrent runs never share files).
ARTIFACTS = Path(os.environ.get("KRATOM_BENCH_ARTIFACTS") or Path(tempfile.gettempdir()) / "kratom-bench")
PRIMARY = ("in_vitro", "animal", "human_trial", "human_observational", "case_report")


def entry(ours: float | None, baseline: float | None, unit: str, note: str) -> dict[str, Any]:
    ratio = None
    if ours is not None and baseline is not None and ours > 0:
        ratio = round(baseline / ours, 2)
    return {"ours": _round(ours), "baseline": _round(baseline), "ratio": ratio, "unit": unit, "note": note}


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return round(x, 6) if abs(x) < 10 else round(x, 3)


def timed_cpu(
    fn: Callable[[], Any], repeat: int = 1, before: Callable[[], Any] | None = None
) -> tuple[float, float, Any]:
    """Best wall time and best process CPU time of ``repeat`` calls, and the last result.

    CPU time (``time.process_time``) is what the call cost this process, whatever else runs
    on the machine; wall time is what a reader waits. ``before`` runs ahead of each call,
    untimed (see :func:`_clean_heap`).
    """
    best, best_cpu = float("inf"), float("inf")
    result = None
    for _ in range(repeat):
        if before is not None:
            before()
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best, best_cpu, result


def timed(
    fn: Callable[[], Any], repeat: int = 1, before: Callable[[], Any] | None = None
) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last result (``before``: as in :func:`timed_cpu`)."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        if before is not None:
            before()
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def embedded_raw() -> tuple[dict, dict, str, Path]:
    """The embedded dataset's parsed files (``data/``), or the tiny fixture if data/ is incomplete."""
    from graph.errors import DatasetError
    from graph.formats.yaml_dir import parse
    from graph.validate import validate_raw

    for where, label in ((ROOT / "data", "embedded data/"), (ROOT / "tests/fixtures/tiny", "tiny fixture")):
        files = [*where.glob("*.yaml"), *where.glob("documents/*")]
        texts = {p.relative_to(where).as_posix(): p.read_text(encoding="utf-8") for p in files if p.is_file()}
        raw, documents, problems = parse(texts)
        try:
            validate_raw(raw, documents, problems)
        except DatasetError as exc:
            note = f"data/ did not validate ({len(exc.problems)} problems); "
            continue
        return raw, documents, label if label.startswith("embedded") else note + "used the " + label, where
    raise RuntimeError("neither data/ nor the tiny fixture validates")


def dataset_raw(size: str, nodes: int) -> tuple[dict, dict, str, Path | None]:
    if size == "embedded":
        return embedded_raw()
    from bench.synthetic import generate

    return generate(nodes), {}, f"synthetic {nodes:,} nodes", None


def plain_graph(raw: dict) -> nx.MultiDiGraph:
    """Baseline: the same raw mappings straight into networkx, no validation, no derived fields."""
    G = nx.MultiDiGraph()
    for n in raw.get("nodes") or []:
        G.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in raw.get("edges") or []:
        types = {ev["type"] for ev in e["evidence"]}
        G.add_edge(
            e["subject"], e["object"], key=e["predicate"], evidence=e["evidence"], evidence_types=types
        )
    return G


def _clean_heap() -> None:
    """A full collection before a timed call, outside its timing: each call starts from a
    collected heap, and the collector's walk over what the setup made (half a second over
    the parsed mappings of a 50k-node dataset) is not charged to the call measured."""
    gc.collect()


# ---------------------------------------------------------------------------------------- core


def core(size: str, nodes: int, quick: bool) -> dict[str, Any]:
    """validate+build, filter, neighbourhood, dataset -> view and HTML size for one size."""
    from graph import build_graph
    from graph.query import Filters, edge_index, neighbourhood, select
    from graph.validate import validate_raw
    from graph.vocab import EvidenceType

    out: dict[str, Any] = {}
    raw, documents, what, _ = dataset_raw(size, nodes)
    big = nodes >= 20_000 and not quick
    reps = 1 if big else 3

    t_ours, cpu_ours, G = timed_cpu(
        lambda: build_graph(validate_raw(raw, documents)), reps, before=_clean_heap
    )
    t_base, cpu_base, P = timed_cpu(lambda: plain_graph(raw), reps, before=_clean_heap)
    n_edges = G.number_of_edges()
    n_evidence = sum(len(d["evidence"]) for _, _, d in G.edges(data=True))
    out[f"validate_build_{size}"] = entry(
        t_ours,
        t_base,
        "s",
        f"{what}: {G.number_of_nodes():,} nodes, {n_edges:,} edges, {n_evidence:,} evidence items, from parsed "
        "mappings. ours = graph.validate.validate_raw + graph.build_graph (every field checked, derived "
        "confidence/best evidence); baseline = the same mappings into nx.MultiDiGraph without validation "
        f"or derived fields; each timed after an untimed gc.collect(). Process CPU time: ours {cpu_ours:.2f} s, "
        f"baseline {cpu_base:.2f} s",
    )
    del P

    t_index, _ = timed(lambda: edge_index(G))
    wanted = frozenset(EvidenceType(t) for t in PRIMARY)
    filters = Filters(evidence_types=wanted)

    def ours_filter():
        sel = select(G, filters)
        return sel.edge_count, len(sel.nodes)

    def base_filter():
        keep = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["evidence_types"] & wanted]
        H = G.edge_subgraph(keep).copy()
        return H.number_of_edges(), H.number_of_nodes()

    t_f, (n_e, n_n) = timed(ours_filter, 3 if big else 7)
    t_fb, (b_e, b_n) = timed(base_filter, 2 if big else 3)
    assert (n_e, n_n) == (b_e, b_n), ((n_e, n_n), (b_e, b_n))
    out[f"filter_{size}"] = entry(
        t_f,
        t_fb,
        "s",
        f"evidence types = primary ({', '.join(PRIMARY)}): {n_e:,} of {n_edges:,} edges, {n_n:,} nodes. "
        "ours = graph.query.select(G, Filters(evidence_types=...)) + its node set, on the column index "
        f"(built once per graph: {t_index * 1000:.0f} ms, not counted); baseline = attribute filter over "
        "G.edges(data=True) + G.edge_subgraph(edges).copy()",
    )

    rng = random.Random(11)
    all_nodes = sorted(G.nodes)
    centres = rng.sample(all_nodes, min(20, len(all_nodes)))

    def ours_hood():
        return sum(len(neighbourhood(G, c, 2, filters).nodes) for c in centres)

    U = G.to_undirected(as_view=True)

    def base_hood():
        total = 0
        for c in centres:
            ego = nx.ego_graph(U, c, radius=2)
            keep = [
                (u, v, k)
                for u, v, k, d in G.subgraph(ego.nodes).edges(keys=True, data=True)
                if d["evidence_types"] & wanted
            ]
            total += G.edge_subgraph(keep).copy().number_of_nodes()
        return total

    t_h, n_h = timed(ours_hood, reps)
    t_hb, _ = timed(base_hood, reps)
    out[f"neighbourhood_{size}"] = entry(
        t_h / len(centres),
        t_hb / len(centres),
        "s",
        f"2 hops around {len(centres)} random nodes (mean per query; {n_h / len(centres):.0f} nodes on "
        "average), primary evidence only. ours = graph.query.neighbourhood(G, n, 2, filters) (walks only "
        "matching edges); baseline = nx.ego_graph(undirected view, radius=2) then attribute filter + copy",
    )

    if size in ("embedded", "1k", "5k"):
        out.update(_views(size, G, quick))
    if size == "embedded":
        out.update(_audit(G, documents))
    return out


def _audit(G: nx.MultiDiGraph, documents: dict) -> dict[str, Any]:
    """Claim audit of the seed article: warm matcher (ours) vs one compiled per document."""
    from graph.text import audit_document, mentions

    name, text = next(iter(sorted(documents.items())))

    def ours():
        return audit_document(G, text, name, documents=documents)

    def cold():
        mentions._CACHE.pop(G, None)
        return audit_document(G, text, name, documents=documents)

    ours()  # the app and the CLI keep the graph's matcher; this run compiles it once
    t_ours, audit = timed(ours, 5)
    t_cold, _ = timed(cold, 3)
    return {
        "audit_seed": entry(
            t_ours,
            t_cold,
            "s",
            f"claim audit of {name} ({len(audit.sentences)} sentences) against the embedded graph. ours = "
            "graph.text.audit_document with the graph's cached mention matcher; baseline = the same audit "
            "compiling the matcher from every label and synonym for each document",
        )
    }


def _views(size: str, G: nx.MultiDiGraph, quick: bool) -> dict[str, Any]:
    from graph.query import select
    from graph.render import vis_data

    out: dict[str, Any] = {}
    from graph.render import LARGE_VIEW_NODES

    sel = select(G)
    large = sel.node_count > LARGE_VIEW_NODES
    t_cold, (nodes, edges) = timed(lambda: vis_data(G, sel, large=large))  # includes the layout, then cached
    t_warm, _ = timed(lambda: vis_data(G, sel, large=large), 3)

    # The baseline gets every label and tooltip (the full records': a large view's are slim).
    full_nodes, full_edges = vis_data(G, sel)
    plain = nx.MultiDiGraph()
    for n in full_nodes:
        plain.add_node(n["id"], label=n["label"], title=n["title"])
    for e in full_edges:
        plain.add_edge(e["from"], e["to"], key=e["predicate"], title=e["title"])

    from pyvis.network import Network

    def baseline_html():
        net = Network(directed=True, cdn_resources="in_line")
        net.from_nx(plain.copy())
        return net.generate_html()

    t_base, base_page = timed(baseline_html)
    undirected = ""
    if size == "5k" and not quick:
        # The setting of the issue's own measurement (pyvis's default, undirected Network),
        # whose from_nx scans every earlier edge per edge: reported, not used for the ratio.
        def undirected_html():
            net = Network(cdn_resources="in_line")
            net.from_nx(plain.copy())
            return net.generate_html()

        t_und, _ = timed(undirected_html)
        undirected = f"; with pyvis's default undirected Network() the baseline takes {t_und:.2f} s"
    out[f"to_view_{size}"] = entry(
        t_cold,
        t_base,
        "s",
        f"{len(nodes):,} nodes, {len(edges):,} edges. ours = graph.render.vis_data(G, select(G), large={large}): the network "
        f"data the app's component draws, with positions, first call on a fresh graph including the layered "
        f"layout (warm: {t_warm * 1000:.0f} ms){'; slim records: no tooltips, made on hover' if large else ''}; baseline = pyvis Network.from_nx(copy of a plain nx graph "
        f"with the same labels/titles), Network(directed=True), + generate_html(cdn_resources='in_line')"
        f"{undirected}",
    )
    try:
        from graph.formats.html import generate_html
    except ImportError:
        out[f"export_html_{size}"] = entry(None, t_base, "s", "graph.formats.html not present")
        return out
    t_html, page = timed(lambda: generate_html(G, sel))
    out[f"export_html_{size}"] = entry(
        t_html,
        t_base,
        "s",
        "ours = graph.formats.html.generate_html(G, select(G)): the offline HTML export, with every "
        "node's and edge's evidence details for its side panel (more content than the baseline's titles); "
        "baseline = pyvis from_nx + generate_html as above",
    )
    out[f"html_size_{size}"] = entry(
        len(page.encode()),
        len(base_page.encode()),
        "bytes",
        "ours = graph.formats.html.generate_html page (vis-network inlined, full evidence details); "
        "baseline = pyvis generate_html(cdn_resources='in_line') page (titles only; still links Bootstrap "
        "from a CDN)",
    )
    return out


# ------------------------------------------------------------------------------------- loading


def load_yaml(size: str, nodes: int, quick: bool) -> dict[str, Any]:
    """load+validate+build from YAML files on disk, against yaml.safe_load + plain networkx."""
    import yaml

    from bench.synthetic import generate, write_yaml_dir
    from graph import build_graph, load_dataset

    if size == "embedded":
        _, _, what, where = embedded_raw()
    else:
        where = write_yaml_dir(generate(nodes), Path(tempfile.mkdtemp(prefix="bench-yaml-")))
        what = f"synthetic {nodes:,} nodes"
    reps = 3 if size == "embedded" else 1
    t_ours, G = timed(lambda: build_graph(load_dataset(where)), reps, before=_clean_heap)

    def baseline():
        raw = {}
        for stem in ("dataset", "sources", "nodes", "edges"):
            with open(where / f"{stem}.yaml", encoding="utf-8") as fh:
                raw[stem] = yaml.safe_load(fh)
        return plain_graph(raw)

    t_base, _ = timed(baseline, reps, before=_clean_heap)
    size_bytes = sum(p.stat().st_size for p in Path(where).glob("*.yaml"))
    return {
        f"load_yaml_{size}": entry(
            t_ours,
            t_base,
            "s",
            f"{what} ({size_bytes / 1e6:.1f} MB of YAML). ours = graph.load_dataset(dir) (line-tracking safe "
            "YAML loader, validation) + build_graph; baseline = yaml.safe_load of the four files + plain "
            "nx.MultiDiGraph, no validation",
        )
    }


def open_files(size: str, nodes: int, quick: bool) -> dict[str, Any]:
    """Files -> built graph through the one front door (``open_dataset``), KGX JSON Lines and node-link JSON.

    The files are written (not timed) by the project's own writers from the synthetic
    dataset, into a temporary directory; each is then opened, validated and built, against
    plain parsing of the same files into networkx with no validation.
    """
    from bench.synthetic import generate
    from graph import build_graph
    from graph.validate import validate_raw

    with tempfile.TemporaryDirectory(prefix="bench-open-") as tmp:
        # The graph is handed over (no reference kept here): it is dropped once written.
        return _open_files(size, nodes, quick, build_graph(validate_raw(generate(nodes))), Path(tmp))


def write_files(G: nx.MultiDiGraph, where: Path) -> tuple[Path, Path]:
    """The graph as the project writes it: a KGX JSON Lines folder and a node-link file."""
    import io
    import zipfile

    from graph.formats.kgx import generate_kgx_jsonl
    from graph.formats.node_link import generate_node_link

    kgx_dir = where / "kgx"
    kgx_dir.mkdir()
    with zipfile.ZipFile(io.BytesIO(generate_kgx_jsonl(G))) as z:
        z.extractall(kgx_dir)
    node_link = where / "graph.json"
    node_link.write_text(generate_node_link(G), encoding="utf-8")
    return kgx_dir, node_link


# The files of a 50k-node dataset are larger than an upload may be by default (64 MB).
BIG_FILES = dict(max_file_bytes=1 << 30, max_total_bytes=1 << 31)


def base_kgx(kgx_dir: Path) -> nx.MultiDiGraph:
    """Baseline: each line of a KGX JSON Lines pair through json.loads into nx, no validation."""
    P = nx.MultiDiGraph()
    with open(kgx_dir / "nodes.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            P.add_node(record.pop("id"), **record)
    with open(kgx_dir / "edges.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            P.add_edge(record.pop("subject"), record.pop("object"), key=record["predicate"], **record)
    return P


def base_node_link(path: Path) -> nx.MultiDiGraph:
    """Baseline: json.loads + networkx.node_link_graph, no validation."""
    return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")


def _open_files(size: str, nodes: int, quick: bool, G: nx.MultiDiGraph, where: Path) -> dict[str, Any]:
    from graph import build_graph
    from graph.formats.open import Limits, open_dataset

    n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
    n_evidence = sum(len(d["evidence"]) for _, _, d in G.edges(data=True))
    kgx_dir, node_link = write_files(G, where)
    del G
    gc.collect()
    reps = 1
    what = f"synthetic {n_nodes:,} nodes, {n_edges:,} edges, {n_evidence:,} evidence items"
    limits = Limits(**BIG_FILES)

    phases: dict[str, float] = {}

    def ours(path: Path) -> Callable[[], nx.MultiDiGraph]:
        def run() -> nx.MultiDiGraph:
            # Where the time goes, within the timed call: reading, decoding and validating
            # the files (open_dataset), then building the graph.
            t = time.perf_counter()
            dataset = open_dataset(path, limits=limits).dataset
            phases["open"] = time.perf_counter() - t
            t = time.perf_counter()
            G = build_graph(dataset)
            phases["build"] = time.perf_counter() - t
            return G

        return run

    out = {}
    for key, path, base, files, base_what in (
        (
            f"open_kgx_{size}",
            kgx_dir,
            lambda: base_kgx(kgx_dir),
            "nodes.jsonl + edges.jsonl + metadata.json",
            "json.loads of each line + nx.MultiDiGraph add_node/add_edge with the records as attributes",
        ),
        (
            f"open_node_link_{size}",
            node_link,
            lambda: base_node_link(node_link),
            "graph.json",
            "json.loads + networkx.node_link_graph",
        ),
    ):
        size_mb = sum(p.stat().st_size for p in ([path] if path.is_file() else path.iterdir())) / 1e6
        t_ours, cpu_ours, H = timed_cpu(ours(path), reps, before=_clean_heap)
        assert H.number_of_edges() == n_edges, (key, H.number_of_edges(), n_edges)
        del H
        gc.collect()
        t_base, cpu_base, _ = timed_cpu(base, reps, before=_clean_heap)
        gc.collect()
        out[key] = entry(
            t_ours,
            t_base,
            "s",
            f"{what}, written by the project's own writer ({files}, {size_mb:.0f} MB). ours = "
            "graph.formats.open.open_dataset(path) (every field validated; file size limits raised to "
            "1 GiB) + build_graph; baseline = "
            f"{base_what}, no validation; each timed after an untimed gc.collect(). Process CPU time: "
            f"ours {cpu_ours:.2f} s, baseline {cpu_base:.2f} s; ours split: open_dataset (read, decode, "
            f"validate) {phases['open']:.2f} s, build_graph {phases['build']:.2f} s",
        )
    return out


# -------------------------------------------------------------------------------------- memory


# The memory worker's modes that open files (``raw_path``: the folder write_files wrote):
# ours reads them with open_dataset, the baseline as the open benchmark's baselines do.
OPEN_MODES = ("open_kgx", "open_node_link", "base_kgx", "base_node_link")


def write_open_files(nodes: int, where: str) -> None:
    """The files the open modes of :func:`memory` read, in the folder ``where``."""
    from bench.synthetic import generate
    from graph import build_graph
    from graph.validate import validate_raw

    write_files(build_graph(validate_raw(generate(nodes))), Path(where))


def memory(size: str, nodes: int, mode: str, raw_path: str) -> dict[str, Any]:
    """Peak RSS of this process after loading a dataset (ours: validate+build+index; baseline: nx).

    The open modes (:data:`OPEN_MODES`) load it from the project's files instead of parsed
    JSON: ``open_kgx``/``open_node_link`` open them as the app does (open_dataset, then the
    graph, its filter index and its layout), ``base_kgx``/``base_node_link`` parse them
    into networkx as the open benchmark's baselines do.
    """
    if mode in OPEN_MODES:
        return _memory_open(mode, Path(raw_path))
    raw = json.loads(Path(raw_path).read_text(encoding="utf-8"))
    if mode == "ours":
        from graph import build_graph
        from graph.query import edge_index
        from graph.render import layered_layout
        from graph.validate import validate_raw

        # As the app and open_dataset do: the parsed mappings are dropped once validated
        # (the records keep what they need), before the graph is built.
        dataset = validate_raw(raw)
        del raw
        G = build_graph(dataset)
        del dataset
        edge_index(G)
        layered_layout(G)
    else:
        G = plain_graph(raw)
        del raw
    return _peak(G)


def _memory_open(mode: str, where: Path) -> dict[str, Any]:
    path = where / ("kgx" if mode.endswith("kgx") else "graph.json")
    if mode.startswith("open"):
        from graph import build_graph
        from graph.formats.open import Limits, open_dataset
        from graph.query import edge_index
        from graph.render import layered_layout

        G = build_graph(open_dataset(path, limits=Limits(**BIG_FILES)).dataset)
        edge_index(G)
        layered_layout(G)
    else:
        G = base_kgx(path) if mode.endswith("kgx") else base_node_link(path)
    return _peak(G)


def _peak(G: nx.MultiDiGraph) -> dict[str, Any]:
    gc.collect()
    status = Path("/proc/self/status").read_text()
    rss = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"peak_mb": peak / 1024, "rss_mb": rss / 1024, "edges": G.number_of_edges()}


# ------------------------------------------------------------------------------------- the app


def app_rerun(quick: bool) -> dict[str, Any]:
    """AppTest: time a rerun after an evidence-type filter change, warm caches vs cleared caches."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    t_first, _ = timed(lambda: at.run(timeout=120))
    if at.exception:
        message = str(at.exception[0].value if hasattr(at.exception[0], "value") else at.exception[0])[:200]
        return {"rerun_embedded": entry(None, t_first, "s", f"app.py raised on its first run: {message}")}
    keys = [w.key for w in at.multiselect]
    widget = next((w for w in at.multiselect if w.key == "evidence_types"), None)
    if widget is None:
        widget = next((w for w in at.multiselect if "evidence" in (w.key or "") + w.label.lower()), None)
    if widget is None:
        t_rerun, _ = timed(lambda: at.run(timeout=120), 3)
        return {
            "rerun_embedded": entry(
                t_rerun,
                t_first,
                "s",
                f"app has no evidence-type multiselect yet (multiselect keys: {keys}); ours = a plain rerun "
                "with warm caches; baseline = the first (cold) run",
            )
        }
    options = list(widget.options)
    key = widget.key

    def change(values):
        def run():
            at.multiselect(key=key).set_value(values).run(timeout=120)

        return run

    # Alternate two selections so every timed run is a real change of the filter.
    full, fewer = (
        list(widget.value),
        [o for o in widget.value if "claim" not in str(o).lower()][:-1] or options[:1],
    )
    warm = []
    for i in range(6 if not quick else 2):
        t, _ = timed(change(fewer if i % 2 == 0 else full))
        warm.append(t)
    cold = []
    for i in range(3 if not quick else 1):
        st.cache_data.clear()
        st.cache_resource.clear()
        t, _ = timed(change(fewer if i % 2 == 0 else full))
        cold.append(t)
    return {
        "rerun_embedded": entry(
            statistics.median(warm),
            statistics.median(cold),
            "s",
            f"AppTest.from_file('app.py'): median script run after changing multiselect {key!r} "
            f"({len(full)} <-> {len(fewer)} types selected), warm caches; baseline = the same change after "
            f"st.cache_data.clear() + st.cache_resource.clear(); first (cold) run: {t_first:.2f} s",
        )
    }


# ----------------------------------------------------------------------------------- the browser


def renderer_main_cpu() -> dict[str, float]:
    """CPU seconds used so far by the main thread of each Chromium renderer process (Linux /proc).

    Beside the wall times of a shared machine: a renderer waiting for a core is not counted.
    """
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if b"--type=renderer" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            out[pid] = int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[0]) / 1e9
        except (OSError, ValueError, IndexError):
            continue
    return out


def first_draw(size: str, nodes: int, quick: bool, skip_baseline: bool = False) -> dict[str, Any]:
    """Headless Chromium: navigation start -> first drawn frame, precomputed vs tuned physics."""
    from playwright.sync_api import sync_playwright

    from bench.pages import first_draw_page
    from bench.synthetic import generate
    from graph import build_graph
    from graph.query import select
    from graph.render import uses_edge_layer, vis_data, vis_options
    from graph.validate import validate_raw

    browser_name = browsers.bench_browser()
    G = build_graph(validate_raw(generate(nodes)))
    n_records, e_records = vis_data(G, select(G), large=True)
    ours_opts = vis_options(physics=False, large=True)
    base_nodes = [{k: v for k, v in n.items() if k not in ("x", "y")} for n in n_records]
    base_opts = vis_options(physics=False, large=True)
    base_opts["physics"] = {"enabled": True, "stabilization": {"enabled": True, "iterations": 200}}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ours_page = ARTIFACTS / f"first_draw_{size}_ours.html"
    base_page = ARTIFACTS / f"first_draw_{size}_baseline.html"
    # No explicit fit: with physics off vis-network fits the whole graph itself while it is
    # constructed (the export and the app's first frame rely on that); a second fit measured
    # every node again (the same pixels, about 7% more renderer CPU).
    ours_page.write_text(
        first_draw_page(n_records, e_records, ours_opts, fit=False, edge_layer=uses_edge_layer(large=True)),
        encoding="utf-8",
    )
    base_page.write_text(first_draw_page(base_nodes, e_records, base_opts, fit=False), encoding="utf-8")

    def measure(browser, page_path: Path, until: str, timeout_s: float, shot: bool) -> dict:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            requests = []
            page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
            cpu_before = renderer_main_cpu()
            page.goto(page_path.as_uri(), wait_until="commit")
            page.wait_for_function(
                f"window.__bench && window.__bench.{until} !== undefined",
                timeout=timeout_s * 1000,
                polling=50,
            )
            cpu_after = renderer_main_cpu()
            result = page.evaluate("window.__bench")
            result["cpu"] = sum(t - cpu_before.get(pid, 0.0) for pid, t in cpu_after.items())
            result["requests"] = len(requests)
            if shot:
                page.screenshot(path=str(page_path.with_suffix(".png")))
            return result
        finally:
            page.close()

    from graph.formats.html import generate_html

    export_page = ARTIFACTS / f"export_{size}.html"
    export_page.write_text(generate_html(G), encoding="utf-8")

    def measure_export(browser) -> float:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            page.goto(export_page.as_uri(), wait_until="commit")
            # Polled from here: the page's CSP forbids eval, which wait_for_function's polling needs.
            deadline = time.perf_counter() + 60
            while page.evaluate("window.mechanismNetworkReady === true") is not True:
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{export_page.name}: not drawn within 60 s")
                page.wait_for_timeout(50)
            return page.evaluate("window.mechanismNetworkDrawnAt") / 1000
        finally:
            page.close()

    with sync_playwright() as p:
        browser = p.chromium.launch(**browsers.launch_options(browser_name))
        try:
            # A fresh page per run (nothing cached but the browser process); median of three,
            # the exported page's loads alternating with the bare page's.
            runs, export_runs = [], []
            for i in range(1 if quick else 3):
                runs.append(measure(browser, ours_page, "firstDraw", 60, i == 0))
                export_runs.append(measure_export(browser))
            runs.sort(key=lambda r: r["firstDraw"])
            export_runs.sort()
            ours = runs[len(runs) // 2]
            if skip_baseline:
                base = {}
                note_base = "baseline skipped"
            else:
                base = measure(browser, base_page, "drawAfterStabilized", 180, True)
                note_base = (
                    f"stabilizationIterationsDone at {base['stabilized'] / 1000:.2f} s, network "
                    f"constructed at {base['constructed'] / 1000:.2f} s; one run"
                )
        finally:
            browser.close()
    run_list = ", ".join(f"{r['firstDraw'] / 1000:.2f}" for r in runs)
    cpu_list = ", ".join(f"{r['cpu']:.2f}" for r in runs)
    ours_s = ours["firstDraw"] / 1000
    base_s = base["drawAfterStabilized"] / 1000 if base else None
    export_s = export_runs[len(export_runs) // 2]
    return {
        f"open_html_{size}": entry(
            export_s,
            ours_s,
            "s",
            f"the HTML export of the same view ({export_page.stat().st_size / 1e6:.2f} MB: vis-network, the "
            "network records and every evidence item, gzip-packed) opened from file:// in the same browser: "
            "navigation start to its first afterDrawing, after unpacking with DecompressionStream; median of "
            f"{len(export_runs)} (runs: {', '.join(f'{x:.2f}' for x in export_runs)} s); baseline = the bare "
            "first-draw page of the line below (the same records inline as JSON, no evidence, no panel)",
        ),
        f"first_draw_{size}": entry(
            ours_s,
            base_s,
            "s",
            f"{len(n_records):,} nodes, {len(e_records):,} edges in {browsers.describe(browser_name)} ({', '.join(browsers.ARGS)}), "
            "page from file:// with vis-network inlined from pyvis, from navigation start (performance.now()) "
            "to the first afterDrawing. ours = graph.render.vis_data(G, select(G), large=True) (slim records: id, "
            "label, kind group and position from layered_layout per node; id, ends, colour and width per edge, solid "
            "lines) with vis_options(large=True) (kind groups, physics off, edges.smooth false), vis-network "
            "building the nodes (the label width constraint kept only where a label might wrap: graph/node_labels.js) "
            "and the page's edge layer (graph/edge_layer.js, as the app and the export draw a large view; its records "
            "sent packed by graph.render.pack_edges) drawing the edges under them, the whole "
            f"graph in view by vis-network's own fit at construction; median of {len(runs)} page load(s) (runs: {run_list} s; "
            f"data parsed at {ours['dataReady'] / 1000:.2f} s, network constructed at {ours['constructed'] / 1000:.2f} s; "
            f"renderer main-thread CPU to the first draw: {cpu_list} s; "
            f"{ours['requests']} network requests); baseline = no positions, physics on (barnesHut), edges.smooth "
            f"false, stabilization.iterations 200, first afterDrawing after stabilizationIterationsDone ({note_base})",
        ),
    }
