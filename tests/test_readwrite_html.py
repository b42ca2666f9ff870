"""The HTML export as text: self-contained, deterministic, data kept out of markup."""

from __future__ import annotations

import json
import re

import pytest
from export_helpers import HOSTILE, TINY, XSS_IMG, hostile_dataset

from graph import build_graph, load_dataset
from graph.identifiers import safe_http_url as safe_link
from graph.query import Filters, select
from graph.readwrite.html import DISCLAIMER, generate_html, html_payload, json_for_script
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
    assert any(HOSTILE in n.get("description") or "" for n in payload["details"]["nodes"].values())


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
    payload = html_payload(G, sel)
    assert {e["id"] for e in payload["edges"]} == set(payload["details"]["edges"])
    assert len(payload["edges"]) == sel.edge_count
    assert {n["id"] for n in payload["nodes"]} == set(sel.nodes)
