"""Browser: one session uploads a dataset; another session still sees the default one."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import LEGEND_JS, PANEL, PANEL_HEADING, PANEL_HEADING_JS, open_sidebar, upload_dataset

from graph import build_graph
from graph.formats import open_dataset
from graph.render import layered_layout

KGX_DIR = Path(__file__).resolve().parent / "fixtures" / "kgx_handwritten"
REAL = Path(__file__).resolve().parent / "fixtures" / "real"
TIMEOUT = 60_000


# Nodes whose box (label included) is not wholly on the canvas.
NODES_OUTSIDE_CANVAS = """() => {
  const n = window.mechanismNetwork, c = n.canvas.frame.canvas;
  return n.body.data.nodes.getIds().filter(id => {
    const b = n.getBoundingBox(id);
    const a = n.canvasToDOM({x: b.left, y: b.top}), z = n.canvasToDOM({x: b.right, y: b.bottom});
    return a.x < 0 || a.y < 0 || z.x > c.clientWidth || z.y > c.clientHeight;
  });
}"""


CANVAS_SIZE = """() => {
  const c = window.mechanismNetwork.canvas.frame.canvas;
  return [c.clientWidth, c.clientHeight, c.width, c.height];
}"""


def wait_size_still(page, reads: int = 3) -> None:
    """Until the canvas (its box and vis-network's drawing buffer) keeps one size for
    ``reads`` reads 100 ms apart."""
    last, same = None, 0
    for _ in range(100):
        now = page.evaluate(CANVAS_SIZE)
        same = same + 1 if now == last else 0
        if same >= reads - 1:
            return
        last = now
        page.wait_for_timeout(100)
    raise AssertionError(f"the canvas kept changing size: last {last}")


def open_dataset_panel(page, app_url: str) -> None:
    """Open the app on its embedded dataset, then the sidebar's "Open a dataset" panel."""
    page.goto(app_url)
    page.get_by_text("Dataset: Kratom alkaloid mechanisms").wait_for(timeout=TIMEOUT)
    open_sidebar(page)
    page.get_by_text("Open a dataset").click()


@pytest.mark.browser
def test_upload_in_one_session_is_invisible_to_another(browser, app_url, artifacts):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    second = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        a = first.new_page()
        b = second.new_page()
        for page in (a, b):
            page.goto(app_url)
            page.get_by_text("Dataset: Kratom alkaloid mechanisms").wait_for(timeout=TIMEOUT)

        open_sidebar(a)
        a.get_by_text("Open a dataset").click()
        upload_dataset(a, [str(KGX_DIR / "nodes.tsv"), str(KGX_DIR / "edges.tsv")])
        a.get_by_text("Dataset: Imported KGX TSV").wait_for(timeout=TIMEOUT)
        a.get_by_text("Drawn: 6 nodes, 6 edges").wait_for(timeout=TIMEOUT)
        assert (
            "6 nodes · 6 edges · 9 evidence items" in a.get_by_text("Dataset: Imported KGX TSV").inner_text()
        )
        a.screenshot(path=str(artifacts / "import-upload.png"))

        b.reload()
        b.get_by_text("Dataset: Kratom alkaloid mechanisms").wait_for(timeout=TIMEOUT)
        assert b.get_by_text("Dataset: Imported KGX TSV").count() == 0
        assert b.get_by_text("Drawn: 6 nodes, 6 edges").count() == 0
        # The uploading session keeps its own dataset while the other one reloads (a reload of
        # its own page would start a new Streamlit session, which begins at the default again).
        assert a.get_by_text("Drawn: 6 nodes, 6 edges").count() == 1
    finally:
        first.close()
        second.close()


MALFORMED = Path(__file__).resolve().parent / "fixtures" / "malformed" / "csv-dangling-node"


@pytest.mark.browser
def test_new_upload_replaces_a_failed_one(app_page, app_url, artifacts):
    page = app_page(1400, 900)
    try:
        open_dataset_panel(page, app_url)
        upload_dataset(page, sorted(str(p) for p in MALFORMED.iterdir()))
        page.get_by_text("Import failed", exact=False).wait_for(timeout=TIMEOUT)
        problems = page.locator('[data-testid="stSidebar"] li')
        assert problems.count() >= 1
        # One readable line per kind of problem, inside the sidebar (nothing cut on the right).
        sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
        for box in (problems.nth(i).bounding_box() for i in range(problems.count())):
            assert box["x"] + box["width"] <= sidebar["x"] + sidebar["width"]
        page.screenshot(path=str(artifacts / "import-problems.png"))
        # The next upload is judged on its own files (the failed ones are not kept).
        upload_dataset(page, [str(KGX_DIR / "nodes.tsv"), str(KGX_DIR / "edges.tsv")])
        page.get_by_text("Dataset: Imported KGX TSV").wait_for(timeout=TIMEOUT)
        assert page.get_by_text("Import failed", exact=False).count() == 0
    finally:
        page.close()


@pytest.mark.browser
def test_real_kgx_files_open_and_strict_refuses_them(app_page, app_url, artifacts):
    """A published KGX pair opens with its report; with "Strict" another is refused and the first stays."""
    page = app_page(1400, 900)
    try:
        open_dataset_panel(page, app_url)
        upload_dataset(page, sorted(str(p) for p in (REAL / "kg-idg-omim").iterdir()))
        page.get_by_text("Dataset: Imported KGX TSV").wait_for(timeout=TIMEOUT)
        page.get_by_text("(of 86 nodes, 34 edges)", exact=False).wait_for(timeout=TIMEOUT)
        page.get_by_text("imported 86 of 91 nodes, 35 of 44 edges; 84 warnings").wait_for(timeout=TIMEOUT)
        kinds = page.locator('[data-testid="stSidebar"] li')
        assert kinds.count() == 4  # one line per kind of warning
        report = "\n".join(kinds.nth(i).inner_text() for i in range(4))
        assert "35× predicates with no project equivalent" in report
        assert "9× edges whose subject or object is not a node of the file" in report
        assert "omim_gtd_edges.tsv:37" in report
        page.screenshot(path=str(artifacts / "import-real-kgx.png"))

        page.get_by_text("Strict: refuse a dataset with import warnings").click()
        upload_dataset(page, sorted(str(p) for p in (REAL / "cat-merge-test-kg").iterdir()))
        page.get_by_text("Import failed", exact=False).wait_for(timeout=TIMEOUT)
        problems = page.locator('[data-testid="stSidebar"] li')
        assert problems.count() == 2  # categories with no kind, predicates with no equivalent
        assert "test_kg_nodes.tsv:10" in problems.nth(0).inner_text() + problems.nth(1).inner_text()
        assert page.get_by_text("(of 86 nodes, 34 edges)", exact=False).count() == 1  # the omim graph stays
        page.screenshot(path=str(artifacts / "import-real-strict.png"))
    finally:
        page.close()


@pytest.mark.browser
def test_a_gephi_network_opens_and_its_evidence_says_the_file_is_all_there_is(app_page, app_url, artifacts):
    """Upload Gephi's Les Misérables, find a character, open one of its links: the panel
    shows the link resting on the file alone, at the confidence such an item gets."""
    page = app_page(1400, 900)
    try:
        open_dataset_panel(page, app_url)
        upload_dataset(page, [str(REAL / "gephi-gexf" / "lesmiserables.gexf")])
        page.get_by_text("Drawn: 77 nodes, 254 edges").wait_for(timeout=TIMEOUT)
        page.get_by_text("imported 77 of 77 nodes, 254 of 254 edges; 916 warnings").wait_for(timeout=TIMEOUT)
        page.wait_for_function("window.mechanismNetwork.body.data.nodes.length === 77", timeout=TIMEOUT)
        # The legend names what this network is drawn with (its links rest on the file, a
        # database item; its characters are of no kratom kind), not the kratom dataset's styles.
        page.wait_for_function(
            "() => window.mechanismNetwork.body.container.getRootNode()"
            ".querySelectorAll('.mn-legend-item').length === 2",
            timeout=TIMEOUT,
        )
        legend = page.evaluate(LEGEND_JS)
        assert [item["label"] for item in legend] == ["Database (best evidence)", "other"]
        # Drawn as Gephi drew it (graph.render.file_layout of the file's positions), no lanes.
        imported = open_dataset(REAL / "gephi-gexf" / "lesmiserables.gexf")
        want = layered_layout(build_graph(imported.dataset, positions=imported.positions))
        got = page.evaluate("() => window.mechanismNetwork.getPositions()")
        assert got.keys() == want.keys()
        assert all(got[n]["x"] == pytest.approx(want[n][0], abs=1) for n in want)  # whole units on the canvas
        assert all(got[n]["y"] == pytest.approx(want[n][1], abs=1) for n in want)
        assert page.evaluate("window.mechanismLaneHeadings") == []
        # The first view holds the whole network; with the sidebar closed (a wider canvas, on
        # which vis-network keeps the width it showed), "Fit to view" holds it again.
        assert page.evaluate(NODES_OUTSIDE_CANVAS) == []
        page.locator('[data-testid="stSidebarCollapseButton"]').first.click()
        page.wait_for_function(
            "() => window.mechanismNetwork.canvas.frame.canvas.clientWidth > 1100", timeout=TIMEOUT
        )
        # The sidebar closes with a transition: fit once the canvas has its final size (on a
        # busy machine it is still growing when it first passes 1,100 px).
        wait_size_still(page)
        page.get_by_text("Fit to view", exact=True).click()
        assert page.evaluate(NODES_OUTSIDE_CANVAS) == []
        box = page.locator(".st-key-search input")
        box.fill("Javert")
        box.press("Enter")
        heading = page.locator(PANEL_HEADING).first
        page.wait_for_function(f"() => ({PANEL_HEADING_JS})() === 'Javert'", timeout=TIMEOUT)
        page.wait_for_function(
            "() => JSON.stringify(window.mechanismNetwork.getSelectedNodes()) === '[\"local:27\"]'",
            timeout=TIMEOUT,
        )
        # The first of the node's links, a button in its panel (drawn in the page: 77 nodes).
        page.locator(".mn-details .mn-group .mn-panel-button").first.click()
        page.wait_for_function("() => /[?&]edge=/.test(window.location.search)", timeout=TIMEOUT)
        page.get_by_text("Imported from lesmiserables.gexf edge", exact=False).first.wait_for(timeout=TIMEOUT)
        assert "is related to" in heading.inner_text()
        details = page.locator(PANEL).first.inner_text()
        # One database item citing the file itself, seen second-hand: the lowest weight there is.
        assert "The imported file lesmiserables.gexf (it names no publication" in details
        assert "Why 0.07" in details
        page.screenshot(path=str(artifacts / "import-gephi-edge.png"))
    finally:
        page.close()
