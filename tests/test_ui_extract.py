"""The extract panel offers only KGX files inside the configured directory."""

from __future__ import annotations

from ui.extract import DIR_ENV, configured_dir, graph_files


def test_only_kgx_files_inside_the_directory_are_listed(tmp_path):
    base = tmp_path / "graphs"
    (base / "kg2").mkdir(parents=True)
    for name in ("nodes.tsv", "edges.tsv.gz", "kg2/edges.jsonl", "notes.txt", "kg2/nodes.csv"):
        (base / name).write_text("id\n")
    outside = tmp_path / "secret_nodes.tsv"
    outside.write_text("id\n")
    (base / "linked_nodes.tsv").symlink_to(outside)
    assert graph_files(base) == ["edges.tsv.gz", "nodes.tsv", "kg2/edges.jsonl"]


def test_no_directory_configured_hides_the_panel(monkeypatch, tmp_path):
    monkeypatch.delenv(DIR_ENV, raising=False)
    assert configured_dir() is None
    monkeypatch.setenv(DIR_ENV, str(tmp_path / "missing"))
    assert configured_dir() is None
    monkeypatch.setenv(DIR_ENV, str(tmp_path))
    assert configured_dir() == tmp_path.resolve()
