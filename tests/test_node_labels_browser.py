"""The wide-label check (graph/node_labels.js): vis-network lays every node out as it does
with the width constraint on all nodes, normal and bold (selected), and draws the same pixels."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.render import KIND_STYLE, LABEL_WIDTH, page_scripts_js, vis_asset, vis_options
from graph.vocab import NodeKind

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"

# Labels around the wrapping width, in normal and in bold, and what vis-network's wrapping
# treats specially: runs of spaces, leading and trailing spaces, line breaks, a word wider
# than a line, characters outside Latin.
LABELS = (
    [
        "",
        "mu",
        "mitragynine",
        "7-hydroxymitragynine pseudoindoxyl",
        "respiratory depression after high doses",
        "a  b   c",
        "  leading",
        "trailing  ",
        "line one\nline two that runs on and on past the width",
        "carriage\r\nreturn\rbreaks",
        "supercalifragilisticexpialidociousness",
        "μ-opioid receptor (MOR) partial agonist",
        "中文标签测试 长标签 文字宽度 检查",
    ]
    + ["m" * n for n in range(8, 15)]
    + ["mi " * n for n in range(4, 12)]
    + [" ".join(["word"] * n) for n in range(3, 9)]
)
KINDS = [NodeKind.EFFECT, NodeKind.ALKALOID, NodeKind.RECEPTOR]  # a box, a dot, a triangle

LAYOUT = """([nodes, options, split]) => {
  const host = document.createElement("div");
  host.style.cssText = "width:900px;height:700px";
  document.body.replaceChildren(host);
  const prepared = split ? constrainWideLabels(nodes, options) : {nodes, options};
  const net = new vis.Network(host, {nodes: new vis.DataSet(prepared.nodes), edges: []}, prepared.options);
  window.net = net;
  const kept = prepared.nodes.filter((n) => n.widthConstraint !== undefined).length;
  const layout = () => nodes.map((n) => {
    const node = net.body.nodes[n.id], label = node.labelModule;
    const box = net.getBoundingBox(n.id);
    return [n.id, label.size.width, label.size.height,
            (label.lines || []).map((l) => [l.width, l.blocks.map((b) => b.text).join("")]),
            [box.left, box.right, box.top, box.bottom]];
  });
  net.redraw();
  const normal = layout();
  for (const node of Object.values(net.body.nodes)) node.select();
  net.redraw();
  const bold = layout();
  return {normal, bold, kept, global: prepared.options.nodes.widthConstraint ?? null};
}"""


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page(viewport={"width": 900, "height": 700})
    page.set_content(
        f"<!doctype html><html><head><meta charset='utf-8'><style>{vis_asset('vis-network.css')}</style>"
        f"<script>{vis_asset('vis-network.min.js')}</script><script>{page_scripts_js()}</script>"
        "</head><body></body></html>"
    )
    yield page
    page.close()


def _nodes() -> list[dict]:
    return [
        {
            "id": f"n{i}",
            "label": label,
            "group": KINDS[i % len(KINDS)].value,
            "x": (i % 4) * 260,
            "y": (i // 4) * 90,
        }
        for i, label in enumerate(LABELS)
    ]


def test_nodes_are_laid_out_as_with_the_constraint_on_every_node(page):
    nodes, options = _nodes(), vis_options(large=True)
    assert options["nodes"]["widthConstraint"] == {"maximum": LABEL_WIDTH}
    every = page.evaluate(LAYOUT, [nodes, options, False])
    split = page.evaluate(LAYOUT, [nodes, options, True])
    assert split["global"] is None and every["global"] == {"maximum": LABEL_WIDTH}
    # Some labels keep the constraint (the labels here are chosen near the width), some
    # do not, and some of those that keep it wrap.
    assert 0 < split["kept"] < len(nodes)
    assert any(len(lines) > 1 for _, _, _, lines, _ in split["normal"])
    assert split["normal"] == every["normal"]
    assert split["bold"] == every["bold"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"font": {"size": 30}}, id="own-font"),
        pytest.param({"value": 3}, id="value-scaled"),
        pytest.param({"label": 42}, id="number-label"),
        pytest.param({"widthConstraint": {"maximum": 80}}, id="own-constraint"),
    ],
)
def test_nodes_it_does_not_measure_keep_their_constraint(page, change):
    node = {"id": "a", "label": "mu", "group": "effect", **change}
    result = page.evaluate(
        "([nodes, options]) => constrainWideLabels(nodes, options).nodes[0].widthConstraint",
        [[node], vis_options(large=True)],
    )
    assert result == change.get("widthConstraint", {"maximum": LABEL_WIDTH})


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(lambda o: o["nodes"].pop("widthConstraint"), id="no-constraint"),
        pytest.param(lambda o: o["nodes"]["widthConstraint"].update(minimum=50), id="minimum-width"),
        pytest.param(lambda o: o["nodes"]["font"].update(multi=True), id="multi-font"),
        pytest.param(lambda o: o["groups"]["effect"].update(font={"size": 30}), id="group-font"),
    ],
)
def test_options_it_does_not_model_are_left_as_they_are(page, options):
    opts = vis_options(large=True)
    options(opts)
    result = page.evaluate(
        "([nodes, options]) => { const p = constrainWideLabels(nodes, options);"
        " return [p.options === options, p.nodes === nodes]; }",
        [_nodes(), opts],
    )
    assert result == [True, True]


def test_the_same_pixels_normal_and_selected(page):
    nodes, options = _nodes(), vis_options(large=True)
    assert {KIND_STYLE[k]["shape"] for k in KINDS} == {"box", "dot", "triangle"}
    shots = {}
    for split in (False, True):
        page.evaluate(LAYOUT, [nodes, options, split])
        page.evaluate("window.net.unselectAll(); window.net.fit(); window.net.redraw()")
        normal = page.locator("canvas").screenshot()
        page.evaluate("for (const n of Object.values(window.net.body.nodes)) n.select(); window.net.redraw()")
        shots[split] = (normal, page.locator("canvas").screenshot())
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "node_labels_split.png").write_bytes(shots[True][0])
    (ARTIFACTS / "node_labels_split_selected.png").write_bytes(shots[True][1])
    assert shots[True][0] == shots[False][0]
    assert shots[True][1] == shots[False][1]
