"""Evidence-aware mechanism graph: load, validate, build, query, render, export.

Layers run one way: data files -> :mod:`graph.load` -> :mod:`graph.validate` ->
:mod:`graph.model` records -> :mod:`graph.build` (a frozen ``nx.MultiDiGraph``) ->
:mod:`graph.query` -> rendering, export and text modules. Nothing here imports streamlit.
"""

from graph.build import build_graph
from graph.errors import DatasetError, GraphError, Problem, UnknownNodeError
from graph.formats.open import load_dataset
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
