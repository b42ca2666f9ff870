"""The Streamlit app, driven by widget keys with AppTest (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph import EvidenceType, NodeKind, Predicate, Species
from graph.cli import main as cli_main
from graph.query import Filters, select, summarize
from ui.views import VIEW_NAMES

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PATH_LIMIT = 30  # ui.views.paths.PATH_LIMIT: paths listed per group
MOR = "UniProtKB:P35372"
SEVEN_OH_MOR = "PUBCHEM.COMPOUND:44301524|partial_agonist|UniProtKB:P35372"


@pytest.fixture
def at():
    at = AppTest.from_file(APP, default_timeout=60).run()
    _keep_records(at)
    return at


def _keep_records(at) -> None:
    # The page keeps the panel records a view was sent with; so does the test.
    payload = network_payload(at)
    if payload.get("details") is not None:
        records = getattr(at, "panel_records", {})
        records[payload["data_key"]] = payload["details"]
        at.panel_records = records


def panel(at) -> dict:
    """What the details panel shows for the selection: the page's record of it
    (ui/panels.py node_record, edge_record), from the records sent with the drawn view, and
    the canvas told to select the same item."""
    _keep_records(at)
    payload = network_payload(at)
    kind, ident = at.session_state["selected"]
    assert payload["focus"] == ident or payload["focus_is_click"], (payload["focus"], ident)
    return at.panel_records[payload["data_key"]]["nodes" if kind == "node" else "edges"][ident]


def report(at, kind: str, ident: str) -> None:
    """The page telling the app of a choice (a canvas click, or a button of its panel)."""
    n = getattr(at, "reports", 0) + 1
    at.reports = n
    at.session_state["network"] = {"selected": {"kind": kind, "id": ident, "seq": n, "ts": n}}
    at.run()


def drawn(at) -> tuple[int, int]:
    for caption in at.caption:
        m = re.match(r"Drawn: (\d+) nodes, (\d+) edges", caption.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no 'Drawn:' caption")


def test_app_runs_with_disclaimer(at, kratom_graph):
    assert not at.exception
    assert any("Information, not medical advice" in w.value for w in at.warning)
    assert drawn(at)[1] == kratom_graph.number_of_edges()


@pytest.mark.parametrize(
    "key, value, filters",
    [
        pytest.param(
            "evidence_types",
            ["claim"],
            Filters(evidence_types=frozenset({EvidenceType.CLAIM})),
            id="claims-only",
        ),
        pytest.param(
            "evidence_types",
            ["human_trial", "human_observational"],
            Filters(evidence_types=frozenset({EvidenceType.HUMAN_TRIAL, EvidenceType.HUMAN_OBSERVATIONAL})),
            id="human-evidence",
        ),
        pytest.param(
            "predicates",
            ["partial_agonist", "antagonist"],
            Filters(predicates=frozenset({Predicate.PARTIAL_AGONIST, Predicate.ANTAGONIST})),
            id="relations",
        ),
        pytest.param(
            "node_kinds",
            ["alkaloid", "receptor"],
            Filters(node_kinds=frozenset({NodeKind.ALKALOID, NodeKind.RECEPTOR})),
            id="kinds",
        ),
        pytest.param("species", ["rat"], Filters(species=frozenset({Species.RAT})), id="species"),
    ],
)
def test_multiselect_filters_change_drawn_counts(at, kratom_graph, key, value, filters):
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception
    expected = select(kratom_graph, filters)
    assert drawn(at) == (expected.node_count, expected.edge_count)
    assert drawn(at)[1] < kratom_graph.number_of_edges()


def test_min_confidence_slider(at, kratom_graph):
    at.slider(key="min_confidence").set_value(0.7).run()
    expected = select(kratom_graph, Filters(min_confidence=0.7))
    assert drawn(at) == (expected.node_count, expected.edge_count)


def test_focus_and_hops(at, kratom_graph):
    from graph.query import neighbourhood

    # No focus: the box says the whole graph is shown (not Streamlit's "Choose an option").
    assert at.selectbox(key="focus").value is None
    assert at.selectbox(key="focus").placeholder == "Whole graph"
    at.selectbox(key="focus").set_value(MOR).run()
    assert drawn(at) == (
        neighbourhood(kratom_graph, MOR, 1).node_count,
        neighbourhood(kratom_graph, MOR, 1).edge_count,
    )
    at.slider(key="hops").set_value(2).run()
    assert drawn(at)[0] == neighbourhood(kratom_graph, MOR, 2).node_count


def test_url_node_opens_its_panel():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["node"] = MOR
    at.run()
    assert not at.exception
    record = panel(at)
    assert record["heading"] == "mu-opioid receptor"
    assert any("uniprot.org/uniprotkb/P35372" in (url or "") for _, url in record["identifiers"])
    assert not at.subheader  # the page draws this panel, not the server


@pytest.mark.parametrize(
    "param, old, label, link",
    [
        pytest.param(
            "node", "KRATOM:htr1a", "5-HT1A receptor", "uniprot.org/uniprotkb/P08908", id="node-old-id"
        ),
        pytest.param("focus", "KRATOM:seizures", None, None, id="focus-old-id"),
    ],
)
def test_url_with_old_local_id_reaches_the_renamed_node(param, old, label, link):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[param] = old
    at.run()
    assert not at.exception
    if param == "node":
        assert at.session_state["selected"] == ("node", "UniProtKB:P08908")
        record = panel(at)
        assert record["heading"] == label
        assert any(link in (url or "") for _, url in record["identifiers"])
    else:
        assert at.session_state["focus"] == "HP:0001250"


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_every_registered_view_opens_from_the_url_and_keeps_it(name):
    """The view switch lists the registry's views; each opens from a copied link and writes
    the link back with the selection it was given (the network's fragment omits the view,
    the first one)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = name
    at.query_params["node"] = MOR
    at.run()
    assert not at.exception
    assert at.radio(key="view").options == list(VIEW_NAMES)
    assert at.radio(key="view").value == name
    params = {k: at.query_params[k] for k in at.query_params}
    assert params.get("node") in (MOR, [MOR])
    assert params.get("view") in ((None,) if name == VIEW_NAMES[0] else (name, [name]))


def test_an_unknown_view_in_the_url_opens_the_network():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["view"] = "<script>"
    at.run()
    assert not at.exception
    assert at.radio(key="view").value == VIEW_NAMES[0] == "Network"


def test_url_filters_are_restored_and_written_back():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["types"] = "claim"
    at.query_params["minconf"] = "0"
    at.run()
    assert at.multiselect(key="evidence_types").value == ["claim"]
    assert at.query_params["types"] == ["claim"] or at.query_params["types"] == "claim"


def test_clicked_edge_shows_evidence(at, kratom_graph):
    at.session_state["network"] = {"selected": {"kind": "edge", "id": SEVEN_OH_MOR}}
    at.run()
    record = panel(at)
    assert record["heading"] == "7-hydroxymitragynine is a partial agonist at the mu-opioid receptor"
    d = kratom_graph.edges["PUBCHEM.COMPOUND:44301524", MOR, "partial_agonist"]
    first_source = kratom_graph.graph["sources"][d["evidence"][0].source]
    assert first_source.link and first_source.link in [item["link"][1] for item in record["evidence"]]
    assert ["In vitro", "#CC79A7"] in [item["badge"] for item in record["evidence"]]
    assert len(record["evidence"]) == len(d["evidence"])


def test_claim_only_edge_is_flagged(at):
    at.session_state["network"] = {
        "selected": {"kind": "edge", "id": "PUBCHEM.COMPOUND:44301524|decreases|HP:0002583"}
    }
    at.run()
    record = panel(at)
    assert ["error", "Only claims support this link: no primary evidence was found."] in record["notices"]
    assert any(item["quote"] for item in record["evidence"])


def test_an_edge_no_item_makes_a_finding_on_says_it_is_context(at, kratom_graph):
    """The regulator's "no reliable evidence" statement is the only item of kratom -> relief of
    opioid withdrawal: the panel says nothing is counted, and why; a finding edge says no such thing."""
    edge = "NCBITaxon:170351|causes|MESH:D009293"
    report(at, "edge", edge)
    record = panel(at)
    context = [text for level, text in record["notices"] if level == "info"]
    assert context and context[0].startswith("Shown for context") and "confidence is 0" in context[0]
    assert record["metrics"][0] == ["Confidence", "0.00"]
    report(at, "edge", SEVEN_OH_MOR)
    record = panel(at)
    assert record["heading"].endswith("partial agonist at the mu-opioid receptor")
    assert not [text for level, text in record["notices"] if level == "info"]


def test_neighbour_button_moves_focus(at):
    report(at, "node", MOR)
    assert ["GO:1904057", "antinociception / analgesia (acute or experimental pain)"] in panel(at)[
        "neighbours"
    ]
    report(at, "node", "GO:1904057")  # its button, as the page reports it
    assert panel(at)["heading"].startswith("antinociception / analgesia")
    assert at.query_params["node"] == "GO:1904057"


def test_node_panel_edge_buttons_open_each_edge_in_turn(at, kratom_graph):
    """A hub's panel lists every edge as one button naming the other end, the best evidence
    and the confidence; clicking each in turn (back to the hub between) opens that edge."""
    from graph.details import node_details

    hub = "PUBCHEM.COMPOUND:3034396"  # mitragynine
    report(at, "node", hub)
    buttons = [row for _, rows in panel(at)["groups"] for row in rows]
    rows = [row for g in node_details(kratom_graph, hub).groups for row in g.edges]
    assert len(rows) >= 10 and len(buttons) == len(rows)
    for (edge_id, label, badge, conf), (graph_id, _, graph_label, best, _) in zip(buttons, rows, strict=True):
        assert (edge_id, label, badge[0]) == (graph_id, graph_label, best.title if best else badge[0])
        assert conf == round(kratom_graph.edges[_edge(kratom_graph, edge_id)]["confidence"], 2)
    for edge_id, *_ in buttons[:: max(1, len(buttons) // 4)]:
        report(at, "edge", edge_id)
        assert at.session_state["selected"] == ("edge", edge_id)
        assert at.query_params["edge"] == edge_id
        assert panel(at)["heading"]
        at.button(key="select_back").click().run()
        assert at.session_state["selected"] == ("node", hub)


def _edge(G, edge_id):
    return next((u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["id"] == edge_id)


def test_edge_button_label_escapes_the_node_label():
    from ui.panels import edge_button_label

    label = edge_button_label("[x](javascript:alert(1)) *b*", EvidenceType.IN_VITRO, 0.5)
    assert "[x](" not in label and "\\*b\\*" in label
    assert label.endswith(":violet-badge[In vitro] · 0.50")


@pytest.mark.parametrize(
    "text, node",
    [
        pytest.param("MOR", MOR, id="synonym-before-morphine"),
        pytest.param("7-OH", "PUBCHEM.COMPOUND:44301524", id="abbreviation"),
        pytest.param("OPRM1", MOR, id="gene-symbol"),
        pytest.param("HGNC:8156", MOR, id="curie"),
    ],
)
def test_search_selects_the_best_match(at, text, node):
    at.text_input(key="search").set_value(text).run()  # Enter: the best match is selected
    assert at.session_state["selected"] == ("node", node)
    assert at.query_params["node"] == node
    assert at.button(key="search_hit_0").label.startswith(panel(at)["heading"])


def test_search_lists_ranked_hits_as_buttons(at):
    at.text_input(key="search").set_value("mor").run()
    labels = [b.label for b in at.button if b.key and b.key.startswith("search_hit_")]
    assert labels[:2] == ["mu-opioid receptor (synonym: MOR)", "morphine"]
    at.button(key="search_hit_1").click().run()
    assert at.session_state["selected"] == ("node", "PUBCHEM.COMPOUND:5288826")


def test_back_returns_to_the_previous_selection(at):
    report(at, "node", MOR)
    report(at, "edge", SEVEN_OH_MOR)
    report(at, "node", "PUBCHEM.COMPOUND:44301524")  # the edge panel's button to its subject
    assert at.session_state["selected"] == ("node", "PUBCHEM.COMPOUND:44301524")
    for expected in [("edge", SEVEN_OH_MOR), ("node", MOR)]:
        at.button(key="select_back").click().run()
        assert at.session_state["selected"] == expected
    assert at.button(key="select_back").disabled


@pytest.mark.parametrize(
    "key, value, reason",
    [
        pytest.param("evidence_types", [], "no evidence types are ticked", id="no-evidence-type"),
        pytest.param("node_kinds", [], "no node kinds are ticked", id="no-node-kind"),
        pytest.param("min_confidence", 1.0, "the minimum confidence is 1", id="confidence-too-high"),
    ],
)
def test_empty_view_says_why_and_how_to_widen(at, key, value, reason):
    widget = at.slider(key=key) if key == "min_confidence" else at.multiselect(key=key)
    widget.set_value(value).run()
    assert drawn(at) == (0, 0)
    message = next(w.value for w in at.warning if w.value.startswith("Nothing to draw"))
    assert reason in message and "Widen the view in the sidebar" in message


def test_mechanism_paths_view(at, kratom_graph, capsys):
    at.radio(key="view").set_value("Mechanism paths").run()
    # Nothing picked yet: the box asks for an effect (not Streamlit's "Choose an option").
    assert at.selectbox(key="path_target").value is None
    assert at.selectbox(key="path_target").placeholder == "Pick an effect"
    at.selectbox(key="path_target").set_value("GO:1904057").run()
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("Weakest link:") for t in texts)
    heads = [s.value for s in at.subheader]
    assert [h.split(" antinociception")[0] for h in heads[-3:]] == [
        "Would produce",
        "Would oppose",
        "Sign unknown",
    ]
    assert any(t.startswith("Why: isopaynantheine is an antagonist") for t in texts)
    # The app words each path's weakest link as the command line does (graph.details.path_view).
    capsys.readouterr()
    assert cli_main(["paths", "NCBITaxon:170351", "GO:1904057", "--limit", str(PATH_LIMIT)]) == 0
    cli = {
        line.strip().removeprefix("weakest link: ").replace(" (confidence ", " · confidence ")
        for line in capsys.readouterr().out.splitlines()
        if line.strip().startswith("weakest link: ")
    }
    app = {
        re.sub(r"\\(.)", r"\1", t.removeprefix("Weakest link: "))  # markdown escapes undone
        .replace("*", "")
        .replace(" · best evidence: ", ", best evidence: ")
        for t in texts
        if t.startswith("Weakest link: ")
    }
    assert app and {a + ")" for a in app} == cli
    at.button(key="path_show_produces_0").click().run()
    assert not at.exception
    highlight = at.session_state["highlight"]
    assert highlight
    assert at.radio(key="view").value == "Network"
    confidence = {d["id"]: d["confidence"] for *_, d in kratom_graph.edges(data=True)}
    assert at.session_state["selected"] == ("edge", min(highlight, key=confidence.get))
    assert at.query_params["hl"] == ",".join(highlight)


def test_path_highlight_is_restored_from_the_url_and_clearable(at):
    at.radio(key="view").set_value("Mechanism paths").run()
    at.selectbox(key="path_target").set_value("GO:1904057").run()
    at.button(key="path_show_produces_0").click().run()
    highlight = at.session_state["highlight"]
    reopened = AppTest.from_file(APP, default_timeout=60)
    reopened.query_params["hl"] = ",".join(highlight) + ",NOT:an|edge|id"
    reopened.run()
    assert reopened.session_state["highlight"] == highlight  # unknown ids dropped
    reopened.button(key="path_clear").click().run()
    assert reopened.session_state["highlight"] == ()
    assert "hl" not in reopened.query_params


def test_evidence_table_lists_filtered_items(at, kratom_graph):
    at.radio(key="view").set_value("Evidence table").run()
    at.multiselect(key="evidence_types").set_value(["regulatory"]).run()
    expected = sum(
        len(kratom_graph.edges[e]["evidence"])
        for e in select(kratom_graph, Filters(evidence_types=frozenset({EvidenceType.REGULATORY}))).edges
    )
    assert any(c.value.startswith(f"{expected} evidence items") for c in at.caption)
    # The table's rows are those items (every item of each edge kept), their type named as
    # the counts and the legend name it.
    frame = at.dataframe[0].value
    assert len(frame) == expected
    assert EvidenceType.REGULATORY.title in set(frame["evidence type"])
    assert set(frame["evidence type"]) <= {t.title for t in EvidenceType}


@pytest.mark.parametrize(("what", "field"), [("type", "evidence_types"), ("species", "species")])
def test_evidence_counts_add_up_to_the_view(at, kratom_graph, what, field):
    at.radio(key="view").set_value("Evidence table").run()
    assert not at.exception
    table = next(m.value for m in at.markdown if m.value.startswith(f"| {what} | items |"))
    counts = [int(line.rsplit("|", 2)[1].replace(",", "")) for line in table.splitlines()[2:]]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == summarize(kratom_graph)["evidence"] == sum(summarize(kratom_graph)[field].values())


def test_documents_view_audits_the_seed_article(at):
    at.radio(key="view").set_value("Documents").run()
    assert not at.exception
    # The document is named by the source that holds it, not by its bare file name alone.
    assert at.selectbox(key="doc_choice").options == [
        "Dataset: Seed article: lay article on kratom and chronic pain (undated, no author)"
        " (000_cc0595c1cbfd4a18.txt)"
    ]
    texts = [m.value for m in at.markdown]
    nmda = [t for t in texts if "seem to arise from a dual mechanism" in t]
    assert nmda and all(":red-badge[unsupported]" in t or ":orange-badge[weak]" in t for t in nmda)
    colitis = [t for t in texts if "The recent study on mice with" in t]
    assert colitis and ":red-badge[unsupported]" in colitis[0]
    assert any(":blue-background[7\\-hydroxymitragynine]" in t for t in texts)
    assert any(c.value.startswith("Named together but not linked in the graph:") for c in at.caption)
    assert at.get("download_button")  # the audit as JSON


def test_documents_header_counts_claim_bearing_sentences(at, kratom_graph, kratom_dataset):
    from graph.text import audit_document

    at.radio(key="view").set_value("Documents").run()
    documents = dict(kratom_dataset.documents)
    name, text = next(iter(documents.items()))
    audit = audit_document(kratom_graph, text, name, documents=documents)
    claim_bearing = sum(1 for s in audit.sentences if s.verdict is not None)
    assert 0 < claim_bearing < len(audit.sentences)  # the seed has sentences without a claim
    header = next(m.value for m in at.markdown if "claim\\-bearing" in m.value or "claim-bearing" in m.value)
    assert f"{len(audit.sentences)} sentences, {claim_bearing} claim-bearing" in header.replace("\\", "")
    badges = [int(n) for n in re.findall(r"-badge\[\w+: (\d+)\]", header)]
    assert sum(badges) == claim_bearing


def test_document_sentence_focuses_edge_in_network(at):
    at.radio(key="view").set_value("Documents").run()
    show = next(b for b in at.button if b.key and b.key.startswith("doc_edge_"))
    show.click().run()
    assert at.radio(key="view").value == "Network"
    assert at.session_state["selected"][0] == "edge"
    assert panel(at)["heading"]  # the edge panel opened


def test_uploaded_document_is_audited_in_session(at):
    at.radio(key="view").set_value("Documents").run()
    at.session_state["doc_uploaded"] = (
        "mine.txt",
        "Mitragynine is a partial agonist at the mu-opioid receptor. "
        "<script>alert(1)</script> cures colitis.",
    )
    at.session_state["doc_new"] = True
    at.run()
    texts = " ".join(m.value for m in at.markdown)
    assert "mine\\.txt" in texts and ":green-badge[supported]" in texts
    assert "<script>" not in texts


@pytest.mark.parametrize("fmt", ["html", "node-link", "kgx-jsonl", "graphml", "evidence-csv"])
def test_export_view_offers_download(at, fmt):
    at.radio(key="view").set_value("Export").run()
    at.selectbox(key="export_format").set_value(fmt).run()
    assert not at.exception
    assert any(c.value.startswith("Exporting ") for c in at.caption)


def test_big_views_are_capped_with_show_more(kratom_graph):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["max_nodes"] = 20
    at.run()
    nodes, _ = drawn(at)
    assert nodes <= 20
    assert any(
        i.value.startswith(f"Showing {nodes} of {kratom_graph.number_of_nodes()} nodes") for i in at.info
    )
    at.button(key="show_more").click().run()
    assert 20 < drawn(at)[0] <= 40


@pytest.mark.parametrize(
    "drug, enzyme",
    [
        pytest.param("midazolam", "CYP3A4", id="midazolam"),
        pytest.param("dextromethorphan", "CYP2D6", id="dxm"),
    ],
)
def test_interactions_view(at, kratom_graph, drug, enzyme):
    at.radio(key="view").set_value("Interactions").run()
    assert at.selectbox(key="interaction_drug").placeholder == "Pick a drug"
    options = at.selectbox(key="interaction_drug").options
    node = next(n for n in kratom_graph if kratom_graph.nodes[n]["label"] == drug)
    assert drug in options
    at.selectbox(key="interaction_drug").set_value(node).run()
    assert not at.exception
    texts = [m.value for m in at.markdown]
    assert any(t == f"Predicted: **{drug} exposure up**" for t in texts)
    assert any(enzyme in e.label for e in at.expander)
    at.button(key="ix_route_0_edge_0").click().run()
    assert at.radio(key="view").value == "Network"
    assert at.session_state["selected"][0] == "edge"


def test_edge_panel_shows_the_score_decomposed(at):
    # 7-OH partial agonist at MOR: the DEA notice names it an opioid and makes no finding.
    at.session_state["network"] = {"selected": {"kind": "edge", "id": SEVEN_OH_MOR}}
    at.run()
    title, lines = panel(at)["why"]
    assert title.startswith("Why ")
    text = "\n".join(lines)
    assert text.startswith("support = 1 - ")
    assert "not counted: regulatory [S43]: makes no finding on this relation" in text
    assert any((item["counted"] or "").startswith("makes no finding") for item in panel(at)["evidence"])


def test_node_table_is_made_only_while_open(at):
    # Closed (as the first page shows it), no data grid is sent to the page.
    table = next(e for e in at.expander if e.label.startswith("Node table"))
    assert not at.dataframe and table.key == "node_table_open"
    at.session_state["node_table_open"] = True
    at.run()
    assert [len(d.value) for d in at.dataframe] == [71]
    # Still open when a filter changes what is drawn (its label does not change with it).
    at.multiselect(key="evidence_types").set_value(["claim"]).run()
    assert at.session_state["node_table_open"] is True and len(at.dataframe) == 1
    assert any(c.value.endswith("nodes drawn; click a column's name to sort.") for c in at.caption)


def test_node_table_lists_the_drawn_nodes_and_their_drawn_links(at, kratom_graph):
    at.session_state["node_table_open"] = True
    at.multiselect(key="evidence_types").set_value(["regulatory"]).run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "links drawn" in d.value.columns)
    drawn = select(kratom_graph, Filters(evidence_types=frozenset({EvidenceType.REGULATORY})))
    assert set(table["id"]) == set(drawn.nodes)
    assert table["links drawn"].sum() == 2 * drawn.edge_count
    assert all(table["links"] >= table["links drawn"])
    assert (table["links"] > table["links drawn"]).any()  # the filter hid some links


def network_payload(at) -> dict:
    """What the last run handed the network component (its JSON data)."""
    import json

    return json.loads(at.get("bidi_component")[0].proto.json)[0]


def test_a_click_does_not_send_the_network_items_again(at, kratom_graph):
    first = network_payload(at)
    assert len(first["edges"]) == kratom_graph.number_of_edges() and first["data_key"]
    at.session_state["network"] = {"selected": {"kind": "node", "id": MOR}}
    at.run()
    click = network_payload(at)
    assert click["nodes"] is None and click["edges"] is None
    assert click["data_key"] == first["data_key"] and click["focus"] == MOR
    # What is drawn changes: a new key, with its items.
    at.multiselect(key="evidence_types").set_value(["claim"]).run()
    narrower = network_payload(at)
    assert narrower["data_key"] != first["data_key"]
    assert (
        len(narrower["edges"])
        == select(kratom_graph, Filters(evidence_types=frozenset({EvidenceType.CLAIM}))).edge_count
    )
    # The page reports that it lacks the items of the key it was sent: the next run sends them.
    at.session_state["network"] = {"selected": {"kind": "node", "id": MOR}}
    at.run()
    assert network_payload(at)["edges"] is None
    asked = {"selected": {"kind": "node", "id": MOR}, "missing": {"key": narrower["data_key"], "ts": 1}}
    at.session_state["network"] = asked
    at.run()
    assert len(network_payload(at)["edges"]) == len(narrower["edges"])
    at.session_state["network"] = asked  # the same report again: answered already
    at.run()
    assert network_payload(at)["edges"] is None


def test_successive_canvas_clicks_hand_the_component_the_same_payload(at):
    # The same element from click to click is what lets Streamlit send a reference to it.
    at.session_state["network"] = {"selected": {"kind": "node", "id": MOR, "seq": 1, "ts": 1}}
    at.run()
    first = at.get("bidi_component")[0].proto.json
    at.session_state["network"] = {"selected": {"kind": "edge", "id": SEVEN_OH_MOR, "seq": 2, "ts": 2}}
    at.run()
    assert panel(at)["heading"] == "7-hydroxymitragynine is a partial agonist at the mu-opioid receptor"
    assert at.get("bidi_component")[0].proto.json == first
    assert network_payload(at)["focus"] is None and network_payload(at)["focus_is_click"] is True
    # A selection made elsewhere (Back) names the focus.
    at.button(key="select_back").click().run()
    assert network_payload(at)["focus"] == MOR
    assert network_payload(at)["focus_is_click"] is False


def test_a_view_is_sent_once_with_the_panel_records_of_what_it_draws(at, kratom_graph):
    """The page draws the details panel of the drawn items from records sent with them; a
    click changes the selection, and neither the items nor the records are sent again."""
    payload = network_payload(at)
    details = payload["details"]
    assert set(details["nodes"]) == {n["id"] for n in payload["nodes"]} == set(kratom_graph.nodes)
    assert set(details["edges"]) == {e["id"] for e in payload["edges"]}
    assert details["rule"].startswith("Each independent source counts once")
    report(at, "node", MOR)
    assert network_payload(at)["details"] is None and network_payload(at)["nodes"] is None
    assert panel(at)["heading"] == "mu-opioid receptor"
    assert not at.subheader  # no panel from the server


def test_a_selection_not_drawn_gets_the_servers_panel(at):
    """With receptors unticked, a link to the mu-opioid receptor selects what the canvas does
    not draw: the server's panel shows it, saying so."""
    kinds = [k for k in at.multiselect(key="node_kinds").value if k != "receptor"]
    at.multiselect(key="node_kinds").set_value(kinds).run()
    _keep_records(at)
    at.text_input(key="search").set_value("MOR").run()
    assert at.session_state["selected"] == ("node", MOR)
    records = at.panel_records[network_payload(at)["data_key"]]
    assert records["nodes"] and MOR not in records["nodes"]
    assert [s.value for s in at.subheader][0] == "mu-opioid receptor"
    assert any(c.value.startswith("Not drawn in the current view") for c in at.caption)
