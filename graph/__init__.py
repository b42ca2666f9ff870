"""Evidence-aware mechanism graph: load, validate, build, query, render, read and write formats.

Layers run one way: data files -> :mod:`graph.load` -> :mod:`graph.validate` ->
:mod:`graph.model` records -> :mod:`graph.build` (a frozen ``nx.MultiDiGraph``) ->
:mod:`graph.query` -> rendering, :mod:`graph.formats` (every file format, one registry,
and :func:`graph.formats.open_dataset`, the one door datasets come in by), text and
extraction -> the command line. Nothing here imports streamlit. ``load_dataset`` is
``open_dataset(path, strict=True).dataset``.
"""

from graph.build import build_graph
from graph.errors import DatasetError, GraphError, Problem, UnknownNodeError
from graph.load import DEFAULT_DATA_DIR
from graph.model import Dataset, Edge, Evidence, Node, Source, Value
from graph.vocab import EvidenceType, NodeKind, Predicate, Species, Verification

__all__ = [
    "DEFAULT_DATA_DIR",
    "Dataset",
    "DatasetError",
    "Edge",
    "Evidence",
    "EvidenceType",
    "GraphError",
    "Node",
    "NodeKind",
    "Predicate",
    "Problem",
    "Source",
    "Species",
    "UnknownNodeError",
    "Value",
    "Verification",
    "build_graph",
    "load_dataset",
]


def load_dataset(path=DEFAULT_DATA_DIR) -> Dataset:
    """The validated dataset at ``path`` (default: the embedded one), read strictly.

    The formats (and the writers among them) load on first use, so ``import graph`` stays light.
    """
    from graph.formats.open import load_dataset as load

    return load(path)
