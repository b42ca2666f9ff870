"""How a KGX cell becomes a value, the one rule both engines implement and the writer applies.

- A **single-valued** field (``id``, ``subject``, ``predicate``, ``object``, ``name``): its
  text, trimmed; the first element when the value is a JSON list; empty means missing.
- A **multi-valued** field (``category``, the knowledge-source fields, ``publications``...):
  a list's elements as they are, or a text split on ``|``; trimmed, empty parts dropped.

The same for TSV cells and JSON Lines values, so a graph gives the same neighbourhood in
either format. :func:`record` turns a row of either format into the KGX JSON Lines record
the archive holds.

>>> first(["CHEBI:1", "CHEBI:2"]), first("  "), values("a| b||c"), values(["x|y", ""])
('CHEBI:1', None, ['a', 'b', 'c'], ['x|y'])
"""

from __future__ import annotations

import json
from typing import Any

from graph.formats.kgx import JSON_COLUMNS, MULTIVALUED


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None if value is None else json.dumps(value, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def first(value: Any) -> str | None:
    """Single-valued field: a trimmed text or None."""
    if isinstance(value, list):
        value = value[0] if value else None
    text = _scalar(value)
    text = text.strip() if text is not None else None
    return text or None


def values(value: Any) -> list[str]:
    """Multi-valued field: trimmed non-empty texts."""
    if isinstance(value, str):
        items = value.split("|")
    elif isinstance(value, list):
        items = value
    else:
        items = [] if value is None else [value]
    out = []
    for item in items:
        text = _scalar(item)
        if text is not None and text.strip():
            out.append(text.strip())
    return out


def record(row: dict[str, Any]) -> dict[str, Any]:
    """A KGX JSON Lines record from a parsed row (TSV cells are text; JSON values pass through).

    TSV cells of multi-valued fields become lists; our own nested columns (``kme_evidence``)
    are parsed back from their JSON text; empty cells are left out.
    """
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value is None or value == "" or key.startswith("_"):
            continue
        if isinstance(value, str):
            if key in JSON_COLUMNS:
                try:
                    out[key] = json.loads(value)
                except ValueError:
                    out[key] = value
                continue
            if key in MULTIVALUED:
                listed = values(value)
                if listed:
                    out[key] = listed
                continue
            out[key] = value.strip()
        else:
            out[key] = value
    return out
