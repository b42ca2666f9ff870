"""The explorer's session keys: every ``st.session_state`` key that more than one part of
the app reads or writes (a view, the sidebar, the importer), declared once.

A widget's key is also where Streamlit keeps its value; the filter widgets' keys are the
fields of :data:`graph.query.FACETS`. Keys private to one module (the importer's queue,
an extraction job, an uploaded document) are declared in that module.

>>> "selected" in DATASET_KEYS and "evidence_types" in DATASET_KEYS
True
>>> VIEW in DATASET_KEYS  # the chosen view stays when another dataset opens
False
"""

from __future__ import annotations

from graph.query import FACETS

FACET_KEYS = tuple(f.field for f in FACETS)  # the sidebar's multiselects
MIN_CONFIDENCE = "min_confidence"  # sidebar slider
FOCUS = "focus"  # sidebar: the node whose surroundings are drawn (None: the whole graph)
FOCUS_QUERY = "focus_query"  # sidebar text box standing for FOCUS on a big dataset
FOCUS_ERROR = "focus_error"  # why FOCUS_QUERY named no node
HOPS = "hops"  # sidebar slider: hops around the focus
PHYSICS = "physics"  # sidebar toggle: physics layout instead of lanes
MAX_NODES = "max_nodes"  # the cap on drawn nodes ("Show more" doubles it)

SELECTED = "selected"  # ("node" | "edge", id): what the canvas and the panel show
HISTORY = "_selection_history"  # earlier selections, for Back
LAST_CLICK = "_last_click"  # the canvas click last applied
HIGHLIGHT = "highlight"  # edge ids of a mechanism path drawn on the network
SEARCH = "search"  # the search box above the network
NETWORK = "network"  # the network component's value (its last click)
NODE_TABLE_OPEN = "node_table_open"  # the node table's expander
TABLE_VIEW = "_table_view"  # the drawable() arguments of the node table's last full run

VIEW = "view"  # the view radio ("Network", "Evidence table", ...)
NETWORK_VIEW = "Network"  # the view other views switch to ("Show on the network")
PATH_SOURCE = "path_source"  # mechanism paths: from
PATH_TARGET = "path_target"  # mechanism paths: to effect
PATH_HOPS = "path_hops"
EXPORT_SCOPE = "export_scope"
EXPORT_FORMAT = "export_format"

INITIALISED = "_initialised"  # the URL's state was copied in (once per session and dataset)

# Keys that belong to one dataset: cleared when another dataset opens.
DATASET_KEYS = (
    INITIALISED,
    *FACET_KEYS,
    MIN_CONFIDENCE,
    FOCUS,
    HOPS,
    SELECTED,
    HIGHLIGHT,
    HISTORY,
    SEARCH,
    PATH_TARGET,
    PATH_SOURCE,
    LAST_CLICK,
    MAX_NODES,
)
