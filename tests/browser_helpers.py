"""Small helpers shared by the browser tests (Playwright pages on the app)."""

from __future__ import annotations


def open_sidebar(page) -> None:
    """Expand the sidebar (filters, datasets): the app starts with it collapsed."""
    button = page.locator('[data-testid="stExpandSidebarButton"]')
    if button.count() and button.is_visible():
        button.click()
    page.locator('[data-testid="stSidebarUserContent"]').wait_for(state="visible", timeout=20_000)


DATASET_INPUT = '[data-testid="stSidebar"] input[type=file]'


def upload_dataset(page, files, timeout: int = 20_000) -> None:
    """Set the files of the sidebar's dataset uploader.

    After a failed import the uploader is redrawn under a new key (so the next upload is
    judged on its own files); until the rerun ends, the old input can still be in the page.
    Wait until exactly one is left, then use it.
    """
    page.wait_for_function(f"document.querySelectorAll('{DATASET_INPUT}').length === 1", timeout=timeout)
    page.locator(DATASET_INPUT).set_input_files([str(f) for f in files])


def wait_true(page, expression: str, timeout: int = 15_000) -> None:
    """Wait until a JavaScript expression is true, polling from Python.

    For pages whose Content-Security-Policy forbids eval (the exported HTML): Playwright's
    ``wait_for_function`` polls with eval there and fails whenever the first try is false.
    """
    import time

    deadline = time.monotonic() + timeout / 1000
    while page.evaluate(expression) is not True:
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout} ms: {expression}")
        page.wait_for_timeout(50)


# Page coordinates of a node, after a non-animated fit so nothing moves meanwhile.
NODE_XY = """id => {
  const n = window.mechanismNetwork;
  n.fit({animation: false});
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const p = n.canvasToDOM(n.getPositions([id])[id]);
  return {x: r.left + p.x, y: r.top + p.y};
}"""

# A point on the drawn edge where vis-network itself reports that edge and no node.
EDGE_XY = """id => {
  const n = window.mechanismNetwork;
  n.fit({animation: false});
  const r = n.canvas.frame.canvas.getBoundingClientRect();
  const edge = n.body.edges[id];
  for (let i = 0; i <= 40; i++) {
    const t = 0.15 + 0.7 * ((i * 7) % 41) / 40;
    const p = n.canvasToDOM(edge.edgeType.getPoint(t));
    if (n.getEdgeAt(p) === id && n.getNodeAt(p) === undefined) return {x: r.left + p.x, y: r.top + p.y};
  }
  return null;
}"""
