"""The documentation stays true: README commands, CI entry point, every field and term in the spec."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cli import build_parser
from graph.vocab import EvidenceType, NodeKind, Predicate, Species

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA = (ROOT / "data" / "SCHEMA.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_two_commands_exist_in_makefile():
    assert "make run" in README and "make test" in README
    assert re.search(r"^run:.*\n(\t.*\n)*\t.*streamlit run app\.py", MAKEFILE, re.M)
    assert re.search(r"^test:.*\n(\t.*\n)*\t.*pytest", MAKEFILE, re.M)


def test_ci_runs_the_readme_test_command():
    assert re.search(r"^make test$", CI, re.M)


def test_readme_screenshot_exists():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).is_file(), path


@pytest.mark.parametrize("command", sorted(build_parser()._subparsers._group_actions[0].choices))
def test_every_cli_command_is_in_the_readme(command):
    assert f"python -m graph {command}" in README


def validator_fields() -> set[str]:
    source = (ROOT / "graph" / "validate.py").read_text(encoding="utf-8")
    fields = set()
    for block in re.findall(r"\.only\(\(([^)]*)\)\)", source, re.S):
        fields.update(re.findall(r'"([a-z_]+)"', block))
    allowed = re.search(r"allowed = \(([^)]*)\)", source)
    fields.update(re.findall(r'"([a-z_]+)"', allowed.group(1)))
    return fields


@pytest.mark.parametrize("field", sorted(validator_fields()))
def test_every_accepted_field_is_documented(field):
    assert f"`{field}`" in SCHEMA


@pytest.mark.parametrize(
    "term",
    [
        *(t.value for t in EvidenceType),
        *(p.value for p in Predicate),
        *(k.value for k in NodeKind),
        *(s.value for s in Species),
    ],
)
def test_every_vocabulary_term_is_documented(term):
    assert f"`{term}`" in SCHEMA


@pytest.mark.parametrize("predicate", list(Predicate), ids=lambda p: p.value)
def test_schema_biolink_column_matches_code(predicate):
    row = next(line for line in SCHEMA.splitlines() if line.startswith(f"| `{predicate.value}` |"))
    assert f"`{predicate.biolink.predicate}`" in row
