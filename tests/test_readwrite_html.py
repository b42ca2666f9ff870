"""The HTML export as text: self-contained, deterministic, data kept out of markup."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from export_helpers import HOSTILE, TINY, XSS_IMG, hostile_dataset

from graph import build_graph, load_dataset
from graph.formats.html import (
    DISCLAIMER,
    generate_html,
    html_payload,
    json_for_script,
    pack_bytes,
    read_payload,
)
from graph.identifiers import safe_http_url as safe_link
from graph.query import Filters, select
from graph.vocab import EvidenceType

DATA_RE = re.compile(r'<script type="application/json" id="mn-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def G():
    return build_graph(load_dataset(TINY))


def test_same_input_same_bytes(G):
    assert generate_html(G).encode() == generate_html(build_graph(load_dataset(TINY))).encode()


def test_date_only_when_asked(G):
    assert not re.search(r"exported \d{4}", generate_html(G))
    assert "exported 2026-01-02" in generate_html(G, generated="2026-01-02")


def test_no_external_resources(G):
    page = generate_html(G)
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", page, re.I)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page  # CSP: the page may not fetch anything
    # Three script elements: data, vis-network, page script (the bundle mentions "<script" in a string).
    assert re.findall(r"^<script[^>]*>", page, re.M) == [
        '<script type="application/json" id="mn-data">',
        "<script>",
        "<script>",
    ]


def test_title_version_disclaimer(G):
    page = generate_html(G, title="My graph")
    assert "<title>My graph</title>" in page
    assert "Tiny fixture" in page and "version 0.1.0" in page and DISCLAIMER in page


def test_hostile_text_stays_out_of_markup(tmp_path):
    H = build_graph(load_dataset(hostile_dataset(tmp_path)))
    page = generate_html(H)
    data = DATA_RE.search(page).group(1)
    assert "<" not in data and ">" not in data and "&" not in data
    assert XSS_IMG not in page  # only escaped forms anywhere
    payload = json.loads(data)
    assert payload["meta"]["name"] == H.graph["name"]
    pack = read_payload(page)["pack"]
    strings = pack["strings"]
    assert any(HOSTILE in (strings[n[3]] or "") for n in pack["nodeDetails"])  # [3]: description


def _evidence_in_page(pack: dict) -> dict[str, list[tuple]]:
    S = pack["strings"]
    out = {}
    for record, detail in zip(pack["edges"], pack["edgeDetails"], strict=True):
        out[record["id"]] = [
            (
                t,
                S[text],
                bool(quote),
                S[species],
                S[assay],
                [S[v] for v in values],
                bool(neg),
                S[note],
                src,
                S[direct],
                S[left_out],
            )
            for t, text, quote, species, assay, values, neg, _, note, src, direct, left_out in detail[7]
        ]
    return out


def test_every_evidence_item_is_in_the_page(kratom_graph):
    """Every item, in the order the app's panel lists them, with its directness and, when the
    score leaves it out, why (as the app's panel says)."""
    from graph.details import panel_order
    from graph.score import explain_score
    from graph.vocab import Directness

    pack = read_payload(generate_html(kratom_graph))["pack"]
    types = list(EvidenceType)
    sources = [pack["strings"][s[0]] for s in pack["sources"]]
    register = kratom_graph.graph["sources"]

    def why(d) -> dict[int, str]:
        return {id(n.evidence): n.reason for n in explain_score(d["evidence"], register).not_counted}

    expected = {
        d["id"]: [
            (
                types.index(ev.type),
                ev.text,
                ev.quote,
                ev.species.title if ev.species else None,
                ev.assay,
                [str(v) for v in ev.values],
                ev.negated,
                ev.note,
                sources.index(ev.source),
                None if ev.directness is Directness.DIRECT else f"{ev.directness.value} evidence",
                why(d).get(id(ev)),
            )
            for ev in panel_order(d["evidence"])
        ]
        for _, _, d in kratom_graph.edges(data=True)
    }
    assert _evidence_in_page(pack) == expected
    left_out = sum(1 for items in expected.values() for item in items if item[-1])
    assert left_out >= 10  # claims, items of no finding, second items of one source
    assert sum(len(v) for v in expected.values()) == sum(len(d[7]) for d in pack["edgeDetails"])


def test_strings_are_stored_once_and_the_pack_is_compressed(kratom_graph):
    page = generate_html(kratom_graph)
    pack = read_payload(page)["pack"]
    assert pack["strings"][0] is None
    assert len(set(pack["strings"])) == len(pack["strings"])
    plain = json.dumps(pack, ensure_ascii=False).encode()
    packed = json.loads(DATA_RE.search(page).group(1))["pack"]
    assert len(packed) < len(plain) / 2


def test_pack_is_the_compact_json_the_standard_library_writes(kratom_graph):
    pack = html_payload(kratom_graph)["pack"]
    pack["strings"].append('non-ASCII \u00e9\u2028 and </script> & quotes "')
    standard = json.dumps(pack, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    assert gzip.decompress(pack_bytes(pack)) == standard


def test_json_for_script_round_trips():
    value = {"a": '</script><!-- & \u2028 "x"', "b": [1, 2.5, None, True]}
    assert json.loads(json_for_script(value)) == value


@pytest.mark.parametrize(
    "url,expected",
    [
        pytest.param("https://doi.org/10.1/x", "https://doi.org/10.1/x", id="https"),
        pytest.param("http://example.org/", "http://example.org/", id="http"),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param(" JavaScript:alert(1)", None, id="javascript-spaced"),
        pytest.param("data:text/html,<script>", None, id="data"),
        pytest.param("//evil.example/", None, id="protocol-relative"),
        pytest.param("https:///nohost", None, id="no-host"),
    ],
)
def test_safe_link(url, expected):
    assert safe_link(url) == expected


def test_payload_of_a_filtered_view(G):
    sel = select(G, Filters(evidence_types=frozenset({EvidenceType.CLAIM})))
    pack = html_payload(G, sel)["pack"]
    assert {e["id"] for e in pack["edges"]} == {G.edges[e]["id"] for e in sel.edges}
    assert len(pack["edges"]) == len(pack["edgeDetails"]) == sel.edge_count
    assert {n["id"] for n in pack["nodes"]} == set(sel.nodes)
    assert len(pack["nodeDetails"]) == len(sel.nodes)


def test_each_edges_flags_are_the_graphs(kratom_graph):
    """The page's flag bits per edge: contested, claim only, contradicted only, and shown for
    context (no item makes a finding: graph.build.no_finding_only), as the app's panel says them."""
    from graph.build import no_finding_only
    from graph.formats.html import CLAIM_ONLY, CONTESTED, NEGATED_ONLY, NO_FINDING_ONLY

    pack = read_payload(generate_html(kratom_graph))["pack"]
    by_id = {d["id"]: d for *_, d in kratom_graph.edges(data=True)}
    context = []
    for record, detail in zip(pack["edges"], pack["edgeDetails"], strict=True):
        d, flags = by_id[record["id"]], detail[6]
        assert bool(flags & CONTESTED) == d["contested"], record["id"]
        assert bool(flags & CLAIM_ONLY) == d["claim_only"], record["id"]
        assert bool(flags & NEGATED_ONLY) == d["negated_only"], record["id"]
        assert bool(flags & NO_FINDING_ONLY) == no_finding_only(d["evidence"]), record["id"]
        if flags & NO_FINDING_ONLY:
            context.append(record["id"])
    assert context == ["NCBITaxon:170351|causes|MESH:D009293"]
