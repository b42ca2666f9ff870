"""Architecture: layers import one way; only app.py and ui/ touch streamlit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILES = sorted((ROOT / "graph").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_graph_package_never_imports_streamlit(path):
    assert not any(m == "streamlit" or m.startswith("streamlit.") for m in imported_modules(path))


LOWER_LAYERS = ["vocab", "errors", "model", "load", "validate", "score", "build", "query", "interactions"]
UPPER = ("graph.render", "graph.formats", "graph.text", "graph.cli")


@pytest.mark.parametrize("name", LOWER_LAYERS)
def test_lower_layers_do_not_import_upper_ones(name):
    modules = imported_modules(ROOT / "graph" / f"{name}.py")
    assert not [m for m in modules if m.startswith(UPPER)]


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_pickle_or_eval(path):
    text = path.read_text(encoding="utf-8")
    modules = imported_modules(path)
    assert "pickle" not in modules and "marshal" not in modules
    assert not re.search(r"\b(eval|exec)\(", text)
    assert "yaml.load(" not in text and "unsafe_load" not in text
