"""The real app in a real browser: streamlit on loopback, Debian chromium via Playwright."""

from __future__ import annotations

import re

import pytest
from browser_helpers import EDGE_XY, NODE_XY, open_sidebar

from graph import EvidenceType
from graph.query import Filters, select
from ui.views.documents import MAX_UPLOAD_MB

pytestmark = pytest.mark.browser

MOR = "UniProtKB:P35372"
SEVEN_OH_MOR = "PUBCHEM.COMPOUND:44301524|partial_agonist|UniProtKB:P35372"


@pytest.fixture
def page(app_page, app_url):
    pg = app_page(1600, 1100)
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(app_url)
    pg.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    pg.console_errors = errors
    return pg


def test_click_node_opens_panel(page, artifacts):
    xy = page.evaluate(NODE_XY, MOR)
    page.mouse.click(xy["x"], xy["y"])
    page.get_by_role("heading", name="mu-opioid receptor").wait_for(timeout=20_000)
    page.get_by_text("UniProt: UniProtKB:P35372").first.wait_for()
    page.screenshot(path=str(artifacts / "app-node.png"))
    assert page.console_errors == []


def test_click_edge_shows_supporting_text_and_citation(page, kratom_graph, artifacts):
    xy = page.evaluate(EDGE_XY, SEVEN_OH_MOR)
    assert xy is not None, "edge not clickable anywhere"
    page.mouse.click(xy["x"], xy["y"])
    page.get_by_role(
        "heading", name="7-hydroxymitragynine is a partial agonist at the mu-opioid receptor"
    ).wait_for(timeout=20_000)
    d = kratom_graph.edges["PUBCHEM.COMPOUND:44301524", MOR, "partial_agonist"]
    first = sorted(d["evidence"], key=lambda ev: (ev.negated, -ev.type.rank))[0]
    page.get_by_text(first.text[:60]).first.wait_for()
    link = kratom_graph.graph["sources"][first.source].link
    assert page.locator(f'a[href="{link}"]').count() >= 1
    # For the picture: zoom in on the edge, and no hover tooltip over it.
    corner = page.evaluate(
        f"""() => {{
        const n = window.mechanismNetwork;
        const e = n.body.data.edges.get({SEVEN_OH_MOR!r});
        const p = n.getPositions([e.from, e.to]);
        n.moveTo({{position: {{x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2}},
                   scale: 0.6, animation: false}});
        const r = n.canvas.frame.canvas.getBoundingClientRect();
        return {{x: r.left + 4, y: r.top + 4}};
    }}"""
    )
    page.mouse.move(corner["x"], corner["y"])
    page.add_style_tag(content="div.vis-tooltip { display: none !important; }")
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "app-edge.png"))
    assert page.console_errors == []


def test_unticking_evidence_type_removes_edges(page, kratom_graph):
    claim_edges = "() => window.mechanismNetwork.body.data.edges.get().filter(e => e.best === 'claim').length"
    assert page.evaluate(claim_edges) > 0
    open_sidebar(page)
    page.get_by_role("button", name="Remove Unsupported claim").click()
    page.wait_for_function(f"({claim_edges})() === 0", timeout=20_000)
    types = frozenset(EvidenceType) - {EvidenceType.CLAIM}
    expected = select(kratom_graph, Filters(evidence_types=types)).edge_count
    page.wait_for_function(f"window.mechanismNetwork.body.data.edges.length === {expected}", timeout=20_000)
    assert page.console_errors == []


def test_node_table_opens_on_demand_and_follows_filters_and_clicks(page, kratom_graph, artifacts):
    grid = page.locator('[data-testid="stDataFrame"]')
    # The first page carries no data grid (the table is made when its expander opens).
    assert grid.count() == 0
    page.get_by_text("Node table: the drawn nodes").click()
    grid.first.wait_for(timeout=20_000)
    caption = page.get_by_text("nodes drawn; click a column's name to sort.")
    assert caption.inner_text().startswith(f"{kratom_graph.number_of_nodes()} nodes drawn")
    # A click on the network reruns its part of the page only: the table stays open.
    xy = page.evaluate(NODE_XY, MOR)
    page.mouse.click(xy["x"], xy["y"])
    page.get_by_role("heading", name="mu-opioid receptor").wait_for(timeout=20_000)
    assert grid.count() == 1
    # A filter redraws the page: the table stays open and lists what is drawn now.
    open_sidebar(page)
    page.get_by_role("button", name="Remove Unsupported claim").click()
    types = frozenset(EvidenceType) - {EvidenceType.CLAIM}
    drawn = select(kratom_graph, Filters(evidence_types=types))
    page.get_by_text(f"{len(drawn.nodes)} nodes drawn; click").wait_for(timeout=20_000)
    assert grid.count() == 1
    grid.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "app-node-table.png"))
    assert page.console_errors == []


HOSTILE_DOC = (
    "Mitragynine is a partial agonist at the mu-opioid receptor. "
    '<img src=x onerror="window.__xss=1"> 7-OH <script>window.__xss=2</script> cures colitis. '
    "[click me](javascript:window.__xss=3) and :red[styled] NMDA receptor inhibition relieves pain."
)


def test_uploaded_document_shows_audit_and_stays_inert(app_page, app_url, tmp_path, artifacts):
    page = app_page(1600, 1100)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{app_url}/?view=Documents")
    upload = page.locator('[data-testid="stMainBlockContainer"] input[type="file"]')
    upload.wait_for(state="attached", timeout=60_000)
    # The uploader names the reader's limit, and refuses a larger file itself, before it is
    # sent: the view goes on showing the dataset's document.
    main = page.locator('[data-testid="stMainBlockContainer"]')
    main.get_by_text(f"{MAX_UPLOAD_MB}MB per file", exact=False).wait_for(timeout=20_000)
    big = tmp_path / "too-long.txt"
    big.write_text("Mitragynine binds the mu-opioid receptor. " * 30_000, encoding="utf-8")
    assert big.stat().st_size > MAX_UPLOAD_MB * 1024 * 1024
    upload.set_input_files(str(big))
    refused = main.get_by_role("alert").filter(
        has_text=re.compile(rf"File must be {MAX_UPLOAD_MB}(\.0)?MB or smaller")
    )
    refused.wait_for(timeout=20_000)  # beside the file's name, under its error mark
    page.get_by_text("000_cc0595c1cbfd4a18.txt:", exact=False).first.wait_for(timeout=20_000)
    assert page.get_by_text("too-long.txt:", exact=False).count() == 0
    path = tmp_path / "hostile <img src=y onerror=alert(1)>.txt"
    path.write_text(HOSTILE_DOC, encoding="utf-8")
    upload.set_input_files(str(path))
    page.get_by_text("hostile <img src=y onerror=alert(1)>.txt:", exact=False).first.wait_for(timeout=30_000)
    # Literal text on the page, no element created from it, no script run.
    page.get_by_text('<img src=x onerror="window.__xss=1">', exact=False).first.wait_for()
    assert page.get_by_text("supported", exact=True).count() >= 1
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    page.screenshot(path=str(artifacts / "app-documents-upload.png"), full_page=True)
    assert errors == []


def test_edge_chosen_in_documents_is_selected_on_canvas(app_page, app_url):
    page = app_page(1600, 1100)
    page.goto(f"{app_url}/?edge={SEVEN_OH_MOR}")
    page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    page.get_by_role(
        "heading", name="7-hydroxymitragynine is a partial agonist at the mu-opioid receptor"
    ).wait_for(timeout=20_000)
    page.wait_for_function(
        f"window.mechanismNetwork.getSelectedEdges().includes({SEVEN_OH_MOR!r})", timeout=20_000
    )


def test_app_session_requests_nothing_beyond_loopback(full_chromium, app_url):
    """Usage statistics are off in .streamlit/config.toml: no request leaves the machine.

    In Debian's full Chromium, the browser people run (the other browser tests run in its
    headless shell): the page draws, a click opens a node's panel and its evidence table,
    and nothing is logged as an error. A context of its own: with nothing cached, every
    request the page makes is seen."""
    from urllib.parse import urlsplit

    context = full_chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(app_url)
    page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    xy = page.evaluate(NODE_XY, MOR)
    page.mouse.click(xy["x"], xy["y"])
    page.get_by_role("heading", name="mu-opioid receptor").wait_for(timeout=20_000)
    page.get_by_text("Evidence table", exact=True).click()
    page.get_by_text("evidence items on", exact=False).first.wait_for(timeout=20_000)
    page.wait_for_timeout(1_000)  # the metrics call went out after the first render
    outside = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob")
        and urlsplit(u).hostname not in {"127.0.0.1", "localhost", "::1"}
    ]
    assert len(requests) > 10  # the recorder saw the app's own requests
    assert outside == []
    assert errors == []
    context.close()


def test_the_page_draws_a_clicks_panel_without_the_server(app_page, app_url, kratom_graph):
    """With the page's messages to the app cut after it loaded, a click on the canvas and a
    button of its panel still show their details: the page draws them from the records the
    view came with. The app never hears of them (the URL keeps no selection)."""
    page = app_page(1400, 900)
    cut = {"on": False}

    def relay(ws):
        server = ws.connect_to_server()  # the app's messages still reach the page
        ws.on_message(lambda message: None if cut["on"] else server.send(message))

    page.route_web_socket(re.compile(r".*/_stcore/stream"), relay)
    page.goto(app_url)
    page.wait_for_function("window.mechanismNetworkReady === true", timeout=60_000)
    page.wait_for_timeout(500)
    cut["on"] = True
    xy = page.evaluate(NODE_XY, MOR)
    page.mouse.click(xy["x"], xy["y"])
    heading = page.locator(".mn-details h3")
    heading.wait_for(timeout=10_000)
    assert heading.inner_text() == "mu-opioid receptor"
    page.locator(".mn-details .mn-ends, .mn-details .mn-group").first.get_by_role("button").first.click()
    page.wait_for_function(
        "() => window.mechanismNetworkView.details.dataset.selected.includes('|')", timeout=10_000
    )
    edge = page.evaluate("window.mechanismNetworkView.details.dataset.selected")
    assert page.evaluate("window.mechanismNetwork.getSelectedEdges()") == [edge]
    from graph.details import edge_details

    assert heading.inner_text() == edge_details(kratom_graph, edge).sentence
    page.wait_for_timeout(1500)  # past the report's second: still nothing reached the app
    assert "node=" not in page.url and "edge=" not in page.url
