"""Datasets for the export tests: the tiny fixture, enriched with every optional field, or made hostile."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import yaml

TINY = Path(__file__).parent / "fixtures" / "tiny"

# Payloads: each would set window.__xss if the page ever treated data as markup or script.
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=2</script>"
XSS_ATTR = '" onmouseover="window.__xss=3" x="'
XSS_JS = "javascript:window.__xss=4"
XSS_SVG = "<svg/onload=window.__xss=5>"
HOSTILE = f"{XSS_IMG} {XSS_SCRIPT} {XSS_ATTR} {XSS_JS} {XSS_SVG} </script><!--"


def _read(path: Path, name: str):
    return yaml.safe_load((path / f"{name}.yaml").read_text(encoding="utf-8"))


def _write(path: Path, name: str, data) -> None:
    (path / f"{name}.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def copy_tiny(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(TINY, target)
    return target


def rich_dataset(tmp_path: Path) -> Path:
    """The tiny fixture with every optional field of every record filled in (invented test values)."""
    d = copy_tiny(tmp_path)
    sources = _read(d, "sources")
    sources[0].update(pmcid="PMC1234567", doi="10.1000/fixture.1", note="abstract only")
    sources.append(
        {
            "id": "FR1",
            "citation": "Fixture register notice",
            "fr": "81 FR 59929",
            "url": "https://www.federalregister.gov/d/2016-20803",
            "verification": "primary",
        }
    )
    sources.append(
        {
            "id": "UNCITED",
            "citation": "A source no edge cites",
            "url": "http://example.org/x",
            "verification": "secondary",
            "restates": "P1",
        }
    )
    _write(d, "sources", sources)
    nodes = _read(d, "nodes")
    nodes[1].update(
        xrefs=["CHEBI:6956", "UNII:EP479K822J"],
        description="A made-up alkaloid.",
        id_note="made up for tests",
        synonyms=["AA", "alk-A", "α-A"],
    )
    nodes[3].update(kind="receptor", xrefs=["UniProtKB:P35372"])
    nodes.append({"id": "TEST:cyp", "label": "enzyme C", "kind": "enzyme"})
    nodes.append({"id": "TEST:drug", "label": "drug D", "kind": "drug"})
    nodes.append({"id": "TEST:harm", "label": "harm H", "kind": "adverse_effect", "description": "Bad."})
    nodes.append({"id": "TEST:other", "label": "target T", "kind": "other_target"})
    nodes.append(
        {"id": "TEST:cell", "label": "cell part X", "kind": "other", "category": "biolink:CellularComponent"}
    )
    _write(d, "nodes", nodes)
    edges = _read(d, "edges")
    edges[3]["evidence"][0].update(
        assay="[35S]GTPgammaS binding",
        note="single lab",
        verification="secondary",
        values=[
            {"parameter": "EC50", "value": 12, "unit": "nM", "qualifier": "~", "context": "human MOR"},
            {"parameter": "Ki", "low": 1.5, "high": 3.25, "unit": "uM"},
            {"parameter": "Emax", "value": 41.3, "unit": "%", "qualifier": ">="},
        ],
    )
    edges += [
        {
            "subject": "TEST:a",
            "predicate": "substrate_of",
            "object": "TEST:cyp",
            "evidence": [
                {"type": "human_trial", "source": "P1", "text": "A is cleared by C.", "species": "human"}
            ],
        },
        {
            "subject": "TEST:a",
            "predicate": "inhibits",
            "object": "TEST:cyp",
            "evidence": [
                {"type": "in_vitro", "source": "P2", "text": "A inhibits C.", "species": "rat"},
                {
                    "type": "in_vitro",
                    "source": "P2",
                    "text": "Not in mice.",
                    "species": "mouse",
                    "negated": True,
                },
            ],
        },
        {
            "subject": "TEST:a",
            "predicate": "interacts_with",
            "object": "TEST:drug",
            "evidence": [
                {"type": "case_report", "source": "P1", "text": "A case with D.", "species": "human"}
            ],
        },
        {
            "subject": "TEST:a",
            "predicate": "associated_with",
            "object": "TEST:harm",
            "evidence": [
                {"type": "human_observational", "source": "P1", "text": "Survey.", "species": "human"},
                {"type": "regulatory", "source": "FR1", "text": "Notice.", "relevance": "no_finding"},
            ],
        },
        {
            "subject": "TEST:m",
            "predicate": "partial_agonist",
            "object": "TEST:r",
            "evidence": [
                {"type": "in_silico", "source": "P1", "text": "Partial.", "species": "in_silico"},
                {
                    "type": "animal",
                    "source": "P2",
                    "text": "Inferred.",
                    "species": "rat",
                    "directness": "indirect",
                },
                {"type": "review", "source": "P2", "text": "Says what P1 found.", "restates": "P1"},
            ],
        },
        {
            "subject": "TEST:other",
            "predicate": "related_to",
            "object": "TEST:cell",
            "evidence": [{"type": "database", "source": "P2", "text": "Listed together."}],
        },
        {
            "subject": "TEST:m",
            "predicate": "binds",
            "object": "TEST:other",
            "evidence": [
                {"type": "database", "source": "P2", "text": "Listed.", "species": "not_applicable"}
            ],
        },
    ]
    for pred in (
        "inverse_agonist",
        "allosteric_modulator",
        "activates",
        "decreases_expression",
        "increases",
        "decreases",
    ):
        edges.append(
            {
                "subject": "TEST:drug",
                "predicate": pred,
                "object": "TEST:other",
                "evidence": [
                    {"type": "animal", "source": "P2", "text": f"D {pred} T.", "species": "guinea_pig"}
                ],
            }
        )
    edges.append(
        {
            "subject": "TEST:drug",
            "predicate": "causes",
            "object": "TEST:harm",
            "evidence": [
                {"type": "animal", "source": "P2", "text": "D causes H.", "species": "dog"},
                {"type": "animal", "source": "P1", "text": "Monkeys too.", "species": "monkey"},
            ],
        }
    )
    _write(d, "edges", edges)
    return d


def hostile_dataset(tmp_path: Path) -> Path:
    """The tiny fixture with hostile text everywhere validation lets text go."""
    d = copy_tiny(tmp_path)
    meta = _read(d, "dataset")
    meta.update(name=f"Tiny {XSS_IMG}", version=f"0.1 {XSS_SCRIPT}", description=HOSTILE)
    _write(d, "dataset", meta)
    sources = _read(d, "sources")
    sources[0].update(citation=f"Paper {HOSTILE}", note=HOSTILE)
    # Validation admits only http(s) URLs; a hostile path and query still go in.
    sources[2]["url"] = 'https://example.org/"><script>window.__xss=6</script>?q=javascript:alert(1)'
    sources[2]["citation"] = XSS_JS
    _write(d, "sources", sources)
    nodes = _read(d, "nodes")
    nodes[1].update(
        label=f"alkaloid {XSS_IMG}",
        synonyms=[XSS_SCRIPT, XSS_ATTR],
        description=HOSTILE,
        id_note=XSS_SVG,
        xrefs=["CHEBI:<img/src=x/onerror=window.__xss=7>"],
    )
    nodes[2]["label"] = f"metabolite {XSS_SCRIPT}"
    _write(d, "nodes", nodes)
    edges = _read(d, "edges")
    for edge in edges:
        if edge["subject"] == "TEST:m" and edge["predicate"] == "agonist":
            ev = edge["evidence"][0]
            ev.update(
                text=f"M activates R. {HOSTILE}",
                assay=XSS_ATTR,
                note=XSS_SVG,
                values=[{"parameter": XSS_IMG, "value": 1, "unit": XSS_SCRIPT, "context": XSS_JS}],
            )
        if edge["subject"] == "TEST:plant":
            edge["evidence"][0]["text"] = f"Review text {XSS_IMG}"
    _write(d, "edges", edges)
    return d


def assert_same_graph(H: nx.MultiDiGraph, G: nx.MultiDiGraph) -> None:
    """Same graph attributes, same nodes with attributes, same edges with attributes, same order."""
    assert H.graph == G.graph
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
