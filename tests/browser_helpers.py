"""Small helpers shared by the browser tests (Playwright pages on the app)."""

from __future__ import annotations


def open_sidebar(page) -> None:
    """Expand the sidebar (filters, datasets): the app starts with it collapsed."""
    button = page.locator('[data-testid="stExpandSidebarButton"]')
    if button.count() and button.is_visible():
        button.click()
    page.locator('[data-testid="stSidebarUserContent"]').wait_for(state="visible", timeout=20_000)
