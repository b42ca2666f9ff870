"""Shared fixtures: the tiny hand-made dataset, the embedded dataset, editable copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import build_graph, load_dataset
from graph.load import DEFAULT_DATA_DIR

TINY_DIR = Path(__file__).parent / "fixtures" / "tiny"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def tiny_dataset():
    return load_dataset(TINY_DIR)


@pytest.fixture(scope="session")
def tiny_graph(tiny_dataset):
    return build_graph(tiny_dataset)


@pytest.fixture(scope="session")
def kratom_dataset():
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def kratom_graph(kratom_dataset):
    return build_graph(kratom_dataset)


@pytest.fixture
def tiny_copy(tmp_path) -> Path:
    """An editable copy of the tiny dataset directory."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY_DIR, target)
    return target


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
