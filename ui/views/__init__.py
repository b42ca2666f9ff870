"""The app's views, in the order the view switch lists them: one registry that the switch,
the URL's ``view`` parameter and the dispatch all read.

Each view draws one :class:`~ui.session.Page` (the dataset and the view state of a run).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ui import keys
from ui.session import Page, show_edge_in_network
from ui.views.documents import documents_view
from ui.views.evidence import evidence_tab
from ui.views.export import export_view
from ui.views.interactions import interactions_view
from ui.views.network import network_tab
from ui.views.paths import paths_tab


class View(NamedTuple):
    name: str
    draw: Callable[[Page], None]
    # Whether the view writes the URL itself (the network's fragment reruns alone on a click).
    writes_url: bool = False


VIEWS: tuple[View, ...] = (
    View(keys.NETWORK_VIEW, network_tab, writes_url=True),
    View("Evidence table", evidence_tab),
    View("Mechanism paths", paths_tab),
    View("Interactions", lambda page: interactions_view(page.G, on_edge=show_edge_in_network)),
    View(
        "Documents",
        lambda page: documents_view(page.G, page.token, page.documents, on_edge=show_edge_in_network),
    ),
    View("Export", export_view),
)
VIEW_NAMES = tuple(v.name for v in VIEWS)
BY_NAME = {v.name: v for v in VIEWS}
