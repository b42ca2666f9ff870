"""Invariants of the labelled claim set data/evaluation/claims.jsonl (read with json only).

The set measures the claim audit; these tests keep its shape honest: enough sentences, enough
paraphrased claims from enough real public texts, valid labels, declared tags, no copied or
near-duplicate lines, seed sentences quoted exactly, every origin text listed in the README.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "data" / "evaluation" / "claims.jsonl"
README = ROOT / "data" / "evaluation" / "README.md"
DOCUMENTS = ROOT / "data" / "documents"

VERDICTS = {"supported", "weak", "contradicted", "unsupported", "none"}
PUBLIC_KINDS = {"lay", "vendor", "news", "public_health"}
KINDS = PUBLIC_KINDS | {"seed", "hand"}
REQUIRED_TAGS = (
    "wrong-direction",
    "comparative",
    "hedged",
    "negated",
    "user-subject",
    "interaction",
    "outcome-specific",
    "heading",
    "question",
    "non-claim",
)
OPTIONAL_TAGS = ("quantity", "mechanism", "adverse-effect", "contested", "metabolism", "multi-part")
DECLARED_TAGS = set(REQUIRED_TAGS) | set(OPTIONAL_TAGS)
NOT_CLAIM_TAGS = {"heading", "question", "non-claim"}
KEYS = {"id", "text", "verdict", "tags", "origin", "note"}
ORIGIN_KEYS = {"kind", "url", "title", "publisher"}
COPY_RUN = 12  # words in a row two lines may not share
NEAR_DUPLICATE = 0.8  # word-set Jaccard at or above which two lines are near-duplicates


def _rows() -> list[dict]:
    rows = []
    for n, line in enumerate(SET.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{SET.name}:{n}: blank line"
        row = json.loads(line)
        row["_line"] = n
        rows.append(row)
    return rows


ROWS = _rows()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower().replace("\u2019", "'"))


def _claims_from_public_texts() -> list[dict]:
    return [r for r in ROWS if r["origin"]["kind"] in PUBLIC_KINDS and r["verdict"] != "none"]


def test_set_is_large_enough():
    assert len(ROWS) >= 150


def test_every_line_has_the_fields_and_valid_values():
    problems = []
    for r in ROWS:
        where = f"{SET.name}:{r['_line']}: {r.get('id')}"
        if set(r) - {"_line"} != KEYS:
            problems.append(f"{where}: keys {sorted(set(r) - {'_line'})}")
            continue
        if r["verdict"] not in VERDICTS:
            problems.append(f"{where}: verdict {r['verdict']!r}")
        if set(r["origin"]) != ORIGIN_KEYS or r["origin"]["kind"] not in KINDS:
            problems.append(f"{where}: origin {r['origin']!r}")
        if not r["text"].strip() or not r["note"].strip():
            problems.append(f"{where}: empty text or note")
        if not r["tags"] == sorted(set(r["tags"]), key=r["tags"].index):
            problems.append(f"{where}: repeated tag")
    assert not problems, "\n".join(problems)


def test_ids_are_unique():
    counts = Counter(r["id"] for r in ROWS)
    assert [i for i, c in counts.items() if c > 1] == []


def test_every_tag_is_declared():
    unknown = sorted({(r["id"], t) for r in ROWS for t in r["tags"] if t not in DECLARED_TAGS})
    assert unknown == []


@pytest.mark.parametrize("tag", [pytest.param(t, id=t) for t in REQUIRED_TAGS])
def test_required_tag_occurs_at_least_five_times(tag):
    assert sum(tag in r["tags"] for r in ROWS) >= 5


@pytest.mark.parametrize(
    ("verdict", "least"),
    [
        pytest.param("supported", 20, id="supported"),
        pytest.param("weak", 10, id="weak"),
        pytest.param("contradicted", 20, id="contradicted"),
        pytest.param("unsupported", 20, id="unsupported"),
        pytest.param("none", 15, id="none"),
    ],
)
def test_verdicts_are_spread(verdict, least):
    assert sum(r["verdict"] == verdict for r in ROWS) >= least


def test_headings_questions_and_non_claims_get_no_verdict():
    wrong = [r["id"] for r in ROWS if NOT_CLAIM_TAGS & set(r["tags"]) and r["verdict"] != "none"]
    assert wrong == []


def test_at_least_80_paraphrased_claims_from_at_least_six_public_texts():
    claims = _claims_from_public_texts()
    assert len(claims) >= 80
    assert len({r["origin"]["url"] for r in claims}) >= 6
    assert len({r["origin"]["kind"] for r in claims}) == len(PUBLIC_KINDS)


def test_public_origins_are_fully_recorded():
    bad = [
        r["id"]
        for r in ROWS
        if r["origin"]["kind"] in PUBLIC_KINDS
        and not (
            str(r["origin"]["url"]).startswith("https://")
            and r["origin"]["title"]
            and r["origin"]["publisher"]
        )
    ]
    assert bad == []


def test_one_title_and_publisher_per_origin_url():
    seen: dict[str, tuple] = {}
    for r in ROWS:
        o = r["origin"]
        if o["kind"] in PUBLIC_KINDS:
            assert seen.setdefault(o["url"], (o["kind"], o["title"], o["publisher"])) == (
                o["kind"],
                o["title"],
                o["publisher"],
            ), o["url"]


def test_hand_lines_name_no_origin_text():
    assert [
        r["id"]
        for r in ROWS
        if r["origin"]["kind"] == "hand" and any(r["origin"][k] for k in ("url", "title", "publisher"))
    ] == []


def test_seed_lines_quote_the_seed_document_exactly():
    missing = []
    for r in ROWS:
        if r["origin"]["kind"] == "seed":
            document = (DOCUMENTS / r["origin"]["title"]).read_text(encoding="utf-8")
            if r["text"] not in document:
                missing.append(r["id"])
    assert missing == []


def test_every_origin_text_is_listed_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    urls = {r["origin"]["url"] for r in ROWS if r["origin"]["kind"] in PUBLIC_KINDS}
    assert sorted(u for u in urls if u not in readme) == []


def test_every_declared_tag_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    assert sorted(t for t in DECLARED_TAGS if f"`{t}`" not in readme) == []


def test_no_two_lines_share_a_long_run_of_words():
    runs = {}
    clashes = []
    for r in ROWS:
        w = _words(r["text"])
        for i in range(len(w) - COPY_RUN + 1):
            key = tuple(w[i : i + COPY_RUN])
            other = runs.setdefault(key, r["id"])
            if other != r["id"]:
                clashes.append((other, r["id"]))
    assert sorted(set(clashes)) == []


def test_no_two_lines_are_near_duplicates():
    sets = [(r["id"], set(_words(r["text"]))) for r in ROWS]
    close = [
        (a, b, round(len(sa & sb) / len(sa | sb), 2))
        for (a, sa), (b, sb) in itertools.combinations(sets, 2)
        if len(sa & sb) / len(sa | sb) >= NEAR_DUPLICATE
    ]
    assert close == []


def test_readme_counts_match_the_set():
    readme = README.read_text(encoding="utf-8")
    verdicts = Counter(r["verdict"] for r in ROWS)
    stated = ", ".join(
        f"{v} {verdicts[v]}" for v in ("supported", "weak", "contradicted", "unsupported", "none")
    )
    assert f"Verdicts: {stated}." in readme
    lines = Counter(r["origin"]["url"] for r in ROWS if r["origin"]["kind"] in PUBLIC_KINDS)
    claims = Counter(r["origin"]["url"] for r in _claims_from_public_texts())
    wrong = [url for url in lines if f"| {lines[url]} ({claims[url]}) | {url} |" not in readme]
    assert wrong == []


def test_readme_names_every_supported_comparative():
    readme = README.read_text(encoding="utf-8")
    ids = [r["id"] for r in ROWS if "comparative" in r["tags"] and r["verdict"] == "supported"]
    assert [i for i in ids if i not in readme] == []
