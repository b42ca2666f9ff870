"""The app's "Open a dataset" panel, driven with AppTest (uploads injected as the uploader's on_change queues them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
KGX_DIR = ROOT / "tests" / "fixtures" / "kgx_handwritten"
MALFORMED = ROOT / "tests" / "fixtures" / "malformed"
PENDING = "_import_pending"


def drawn(at) -> tuple[int, int]:
    for caption in at.caption:
        m = re.match(r"Drawn: (\d+) nodes, (\d+) edges", caption.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no 'Drawn:' caption")


def dataset_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Dataset: "))


def files(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]


@pytest.fixture
def at():
    return AppTest.from_file(APP, default_timeout=60).run()


def test_handwritten_kgx_imports_and_displays(at, kratom_graph):
    assert drawn(at)[1] == kratom_graph.number_of_edges()
    at.session_state[PENDING] = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    at.run()
    assert not at.exception
    assert drawn(at) == (6, 6)
    assert dataset_caption(at).startswith("Dataset: Imported KGX TSV")
    # The filters were rebuilt for the new graph: only its evidence type is offered.
    assert at.multiselect(key="evidence_types").options == ["Database (9)"]


def test_imported_dataset_gets_no_kratom_disclaimer_or_lane_names(at):
    assert any("kratom" in w.value for w in at.warning)  # the embedded dataset's disclaimer
    at.session_state[PENDING] = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("Information, not medical advice") for w in warnings)
    assert not any("kratom" in w.lower() for w in warnings)
    assert not any("kratom" in m.value.lower() for m in at.markdown if m.value.startswith("###"))


def test_failed_import_keeps_the_dataset_and_shows_located_problems(at):
    at.session_state[PENDING] = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    at.run()
    at.session_state[PENDING] = files(MALFORMED / "csv-dangling-node")
    at.run()
    assert not at.exception
    assert drawn(at) == (6, 6)
    assert any("the dataset shown is unchanged" in e.value for e in at.error)
    problems = next(m.value for m in at.markdown if m.value.startswith("- **"))
    assert "evidence\\.csv\\:2 \\(edge \\#1" in problems
    assert not at.code  # a readable list, not a code box


def test_problems_are_grouped_one_line_per_kind():
    from graph.errors import Problem
    from ui.importer import grouped_problems, problem_list

    problems = [
        Problem(file="nodes.csv", line=n, field="kind", message="unknown kind 'x'") for n in range(2, 40)
    ]
    problems.append(Problem(file="evidence.csv", line=3, message="no such source 'S9'"))
    groups = grouped_problems(problems)
    assert [(kind, count) for kind, count, _ in groups] == [
        ("kind: unknown kind 'x'", 38),
        ("no such source 'S9'", 1),
    ]
    lines = problem_list(groups).splitlines()
    assert len(lines) == 2
    assert (
        lines[0]
        == "- **38×** kind\\: unknown kind 'x': nodes\\.csv\\:2, nodes\\.csv\\:3, nodes\\.csv\\:4 and 35 more"
    )


def test_back_to_the_embedded_dataset(at, kratom_graph):
    at.session_state[PENDING] = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    at.run()
    at.button(key="import_reset").click().run()
    assert drawn(at)[1] == kratom_graph.number_of_edges()
    assert dataset_caption(at).startswith("Dataset: Kratom alkaloid mechanisms")


def test_hostile_dataset_name_stays_text(at):
    name = "<script>alert(1)</script> [x](javascript:alert(1))"
    upload = [
        ("dataset.csv", f'name,version\n"{name}",1\n'.encode()),
        ("nodes.csv", b'id,label,kind\nX:a,"<img src=x onerror=alert(1)>",alkaloid\nX:b,B,receptor\n'),
        ("evidence.csv", b"subject,predicate,object,type,source,text\nX:a,binds,X:b,claim,S,<b>bold</b>\n"),
        ("sources.csv", b"id,citation,url,verification\nS,c,https://example.org/a,secondary\n"),
    ]
    at.session_state[PENDING] = upload
    at.run()
    assert not at.exception
    assert drawn(at) == (2, 1)
    caption = dataset_caption(at)
    assert "<script>" not in caption and "&lt;script&gt;" in caption
    assert "](javascript" not in caption


def test_two_sessions_do_not_share_an_import(kratom_graph):
    one = AppTest.from_file(APP, default_timeout=60).run()
    one.session_state[PENDING] = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    one.run()
    other = AppTest.from_file(APP, default_timeout=60).run()
    assert drawn(one) == (6, 6)
    assert drawn(other)[1] == kratom_graph.number_of_edges()


def test_show_more_belongs_to_the_dataset_it_was_pressed_on(kratom_graph):
    """A cap widened with "Show more" is the view of one dataset: another one opened, or the
    embedded one again, starts at the default cap."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["max_nodes"] = 20
    at.run()
    at.button(key="show_more").click().run()
    assert 20 < drawn(at)[0] <= 40 < kratom_graph.number_of_nodes()
    at.session_state[PENDING] = [(p.name, p.read_bytes()) for p in sorted(KGX_DIR.glob("*.tsv"))]
    at.run()
    assert drawn(at) == (6, 6)
    at.button(key="import_reset").click().run()
    assert drawn(at) == (kratom_graph.number_of_nodes(), kratom_graph.number_of_edges())


@pytest.mark.parametrize(
    "file, nodes, edges, name, hubs",
    [
        # Valjean and Gavroche: the two characters with the most links in Les Misérables.
        pytest.param(
            "gephi-gexf/lesmiserables.gexf",
            77,
            254,
            "Imported GEXF (lesmiserables.gexf)",
            "Valjean, Gavroche",
            id="gexf",
        ),
        # Cytoscape names its network (here after the file it was made from).
        pytest.param("cytoscape-cyjs/cyjshiny.cyjs", 14, 16, "semantic_net.txt", None, id="cyjs"),
    ],
)
def test_a_network_another_tool_wrote_opens_and_draws(at, file, nodes, edges, name, hubs):
    from ui.importer import accepted_types
    from ui.text import md_escape

    # The search box's examples are the embedded dataset's, then the imported one's.
    assert at.text_input(key="search").placeholder.endswith("e.g. MOR, 7-OH")
    path = ROOT / "tests" / "fixtures" / "real" / file
    assert path.suffix.lstrip(".") in accepted_types()
    at.session_state[PENDING] = [(path.name, path.read_bytes())]
    at.run()
    assert not at.exception
    assert drawn(at) == (nodes, edges)
    assert dataset_caption(at).startswith(f"Dataset: {md_escape(name)} imported · {nodes} nodes")
    if hubs:
        assert at.text_input(key="search").placeholder.endswith(f"e.g. {hubs}")


def test_uploaders_name_and_check_the_limits_their_readers_apply(at):
    """The dataset uploader's limit per file is the import's (and the server's, in
    .streamlit/config.toml); the document uploader's is the document reader's."""
    import tomllib

    from graph.formats import Limits
    from ui.importer import upload_limit_mb
    from ui.views.documents import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB

    def limits_mb() -> list[int]:
        return [u.proto.max_upload_size_mb for u in at.get("file_uploader")]

    assert upload_limit_mb() == Limits().max_file_bytes // 2**20 == 64
    assert limits_mb() == [64]  # the sidebar's "Open a dataset"
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == upload_limit_mb()
    at.radio(key="view").set_value("Documents").run()
    assert sorted(limits_mb()) == [MAX_UPLOAD_MB, 64]
    # Whichever bytes a browser counts in a megabyte (10**6 or 2**20), the reader takes the file.
    assert MAX_UPLOAD_BYTES >= MAX_UPLOAD_MB * 2**20
