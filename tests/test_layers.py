"""Architecture: every module of graph/ and ui/ sits in a layer, imports only its own layer or lower ones,
no import cycle (string imports included), and only app.py and ui/ touch streamlit."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILES = sorted((ROOT / "graph").rglob("*.py"))

# Lowest first. A module belongs to the layer of its longest matching name prefix; it may
# import modules of its own layer or of lower ones, never of a higher one.
LAYERS = (
    ("graph.errors", "graph.heap", "graph.vocab", "graph.identifiers"),
    ("graph.model",),
    ("graph.load", "graph.validate"),
    ("graph.score", "graph.build"),
    ("graph.query",),
    ("graph.interactions", "graph.details", "graph.render"),
    ("graph.formats", "graph.text", "graph.extract"),
    ("graph.commands",),
    ("graph.formats.cli", "graph.text.cli", "graph.extract.cli"),
    ("graph", "graph.cli", "graph.__main__"),
    ("ui", "app"),
)
_DOTTED = re.compile(r"^(graph|ui)(\.[a-z_0-9]+)+$")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package and of the app: ``{dotted name: path}``."""
    found = {module_name(p): p for pkg in ("graph", "ui") for p in (ROOT / pkg).rglob("*.py")}
    found["app"] = ROOT / "app.py"
    return found


def imports_of(source: str, known: set[str] | dict) -> tuple[set[str], list[str]]:
    """``(modules imported, dynamic imports)``: ``import``/``from`` statements and module names
    given as strings (``__import__("graph.cli")``, ``importlib.import_module(name)`` over a
    tuple of names); a dynamic import whose name is not a string in the file is listed apart."""
    tree = ast.parse(source)
    names: set[str] = set()
    dynamic = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.match(node.value):
            names.add(node.value)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called in ("__import__", "import_module") and not (
                node.args and isinstance(node.args[0], ast.Constant)
            ):
                dynamic.append(ast.unparse(node))
    return names, dynamic


@cache
def import_graph() -> dict[str, set[str]]:
    known = modules()
    out = {}
    for name, path in known.items():
        found, _ = imports_of(path.read_text(encoding="utf-8"), known)
        # `from graph.formats import kgx` inside graph.formats names its own package: not an edge.
        out[name] = {m for m in found if m in known and m != name and not name.startswith(m + ".")}
    return out


def layer_of(name: str) -> int:
    best = max(
        (
            (len(prefix), i)
            for i, layer in enumerate(LAYERS)
            for prefix in layer
            if name == prefix or name.startswith(prefix + ".")
        ),
        default=None,
    )
    assert best is not None, f"{name} is in no layer: add it to LAYERS"
    return best[1]


def test_string_imports_are_seen():
    source = 'for module in ("graph.formats.cli", "graph.text.cli"):\n    __import__(module)\n'
    found, dynamic = imports_of(source, modules())
    assert {"graph.formats.cli", "graph.text.cli"} <= found
    assert dynamic == ["__import__(module)"]


def test_every_module_is_checked():
    names = set(modules())
    assert {"graph.cli", "graph.formats.registry", "graph.formats.kgx", "ui.importer", "app"} <= names
    assert (
        len(names) == len(list((ROOT / "graph").rglob("*.py"))) + len(list((ROOT / "ui").rglob("*.py"))) + 1
    )


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_imports_only_its_layer_or_lower(name):
    own = layer_of(name)
    upward = sorted(m for m in import_graph()[name] if layer_of(m) > own)
    assert not upward, f"{name} (layer {own}) imports higher layers: {upward}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_import_by_computed_name(name):
    _, dynamic = imports_of(modules()[name].read_text(encoding="utf-8"), modules())
    assert not dynamic, f"{name} imports by a computed name: {dynamic}"


def test_no_import_cycle():
    G = nx.DiGraph([(a, b) for a, bs in import_graph().items() for b in bs])
    assert list(nx.simple_cycles(G)) == []


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_graph_package_never_imports_streamlit(path):
    found, _ = imports_of(path.read_text(encoding="utf-8"), {})
    assert not any(m == "streamlit" or m.startswith("streamlit.") for m in found)


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_pickle_or_eval(path):
    text = path.read_text(encoding="utf-8")
    found, _ = imports_of(text, {})
    assert "pickle" not in found and "marshal" not in found
    assert not re.search(r"\b(eval|exec)\(", text)
    assert "yaml.load(" not in text and "unsafe_load" not in text
