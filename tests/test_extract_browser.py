"""Browser: a small KGX graph on the server's disk -> extracted in the panel -> drawn -> an edge clicked."""

from __future__ import annotations

import pytest
from browser_helpers import EDGE_XY, open_sidebar

pytestmark = pytest.mark.browser

TIMEOUT = 120_000
EDGE = "KRATOM:paynantheine|metabolized_to|KRATOM:9_o_desmethylpaynantheine"


@pytest.fixture
def page(app_page, app_url):
    pg = app_page(1600, 1100)
    pg.goto(app_url)
    pg.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    open_sidebar(pg)  # the app starts with its sidebar collapsed
    pg.get_by_text("Extract from a big graph").click()
    return pg


def test_extract_draws_the_neighbourhood_and_an_edge_opens(page, artifacts):
    page.get_by_label("Seed ids (comma-separated)").fill("KRATOM:9_o_desmethylpaynantheine")
    page.get_by_label("Seed ids (comma-separated)").press("Enter")
    page.get_by_role("button", name="Extract").click()
    page.get_by_text("Dataset: Extract from edges.tsv").wait_for(timeout=TIMEOUT)
    page.get_by_text("Drawn: 8 nodes, 8 edges").wait_for(timeout=TIMEOUT)
    page.get_by_text("8 nodes and 8 edge rows within 2 hop(s)").wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        f"window.mechanismNetwork && window.mechanismNetwork.body.edges[{EDGE!r}] !== undefined",
        timeout=TIMEOUT,
    )
    page.screenshot(path=str(artifacts / "extract-drawn.png"))
    xy = page.evaluate(EDGE_XY, EDGE)
    assert xy is not None, "edge not clickable anywhere"
    page.mouse.click(xy["x"], xy["y"])
    page.get_by_text("Imported from edges.jsonl").first.wait_for(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "extract-edge.png"))


def test_a_seed_that_matches_nothing_keeps_the_dataset(page, artifacts):
    page.get_by_label("Seed ids (comma-separated)").fill("KRATOM:no_such_node")
    page.get_by_label("Seed ids (comma-separated)").press("Enter")
    page.get_by_role("button", name="Extract").click()
    page.get_by_text("Extraction failed; the dataset shown is unchanged.").wait_for(timeout=TIMEOUT)
    page.get_by_text("KRATOM:no_such_node: matches no node id in the node file").wait_for()
    assert page.get_by_text("Dataset: Kratom alkaloid mechanisms").count() == 1
    page.screenshot(path=str(artifacts / "extract-error.png"))
