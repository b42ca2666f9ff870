"""Claim semantics of the audit: one test per rule, on single sentences against the real data."""

from __future__ import annotations

import json

import pytest

from graph.text.audit import Verdict, audit_document, worst_sentence
from graph.text.evaluate import (
    DEFAULT_CLAIMS,
    TARGET_ACCURACY,
    Graded,
    LabelError,
    LabelledClaim,
    VerdictReport,
    evaluate_claims,
    format_verdicts,
    load_claims,
)

PLANT = "NCBITaxon:170351"


def audit(G, text):
    return worst_sentence(audit_document(G, text, "claim.txt"))


def assert_graded(G, text, expected, why):
    """The text's verdict is ``expected`` and its reason says ``why``."""
    s = audit(G, text)
    assert s.verdict is not None and s.verdict.value == expected and why in s.reason, (s.verdict, s.reason)


def verdict(G, text):
    s = audit(G, text)
    return s.verdict.value if s and s.verdict else None


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Mitragynine acts at mu receptors much like morphine, but with a lower risk of addiction.",
            "unsupported",
            id="lower-risk-than-morphine",
        ),
        pytest.param("Kratom is safer than morphine.", "unsupported", id="safer-than"),
        # the graph holds an item that makes this comparison (7-OH more potent than morphine in mice)
        pytest.param("7-OH is far more potent than morphine.", "supported", id="comparison-made-by-evidence"),
    ],
)
def test_comparative_needs_evidence_that_compares(kratom_graph, text, expected):
    s = audit(kratom_graph, text)
    assert s.verdict.value == expected
    if expected == "unsupported":
        assert "comparative claim" in s.reason and "no evidence" in s.reason


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # the graph's item on 7-OH at MOR: "more potent than mitragynine"
        pytest.param(
            "Mitragynine is more potent than 7-hydroxymitragynine at the mu-opioid receptor.",
            "contradicted",
            "the evidence makes it the other way round (doi:10.1021/jacs.6b00360",
            id="reversed-comparison",
        ),
        pytest.param(
            "Mitragynine is less potent than 7-hydroxymitragynine at the mu-opioid receptor.",
            "supported",
            "",
            id="same-comparison-from-the-other-side",
        ),
    ],
)
def test_a_comparison_is_also_read_from_the_comparators_side(kratom_graph, text, expected, why):
    s = audit(kratom_graph, text)
    assert s.verdict is not None and s.verdict.value == expected, (s.verdict, s.reason)
    assert s.comparison is not None and s.comparison.verdict.value == expected
    assert why in s.comparison.reason


@pytest.mark.parametrize(
    "text, expected, why",
    [
        pytest.param(
            "7-hydroxymitragynine is metabolized to mitragynine.",
            "contradicted",
            "makes 7-hydroxymitragynine the compound acted on; the graph holds the reverse",
            id="metabolized-to-reversed",
        ),
        pytest.param(
            "Mitragynine is formed from 7-hydroxymitragynine in the liver.",
            "contradicted",
            "the graph holds the reverse",
            id="formed-from-reversed",
        ),
        pytest.param(
            "Mitragynine, a metabolite of 7-hydroxymitragynine, binds opioid receptors.",
            "contradicted",
            "the graph holds the reverse",
            id="metabolite-of-reversed",
        ),
        # through 7-OH, the graph's two steps run the other way as well
        pytest.param(
            "Mitragynine pseudoindoxyl is converted to mitragynine.",
            "contradicted",
            "the graph holds the reverse",
            id="converted-reversed",
        ),
        pytest.param(
            "Mitragynine is metabolised into 7-hydroxymitragynine.", "supported", "primary", id="forward"
        ),
        pytest.param(
            "7-hydroxymitragynine is formed from mitragynine.", "supported", "primary", id="forward-from"
        ),
        # the substrate of an enzyme, likewise
        pytest.param(
            "CYP3A4 is a substrate of mitragynine.",
            "contradicted",
            "makes CYP3A4 the compound acted on; the graph holds the reverse",
            id="substrate-reversed",
        ),
        pytest.param(
            "Mitragynine metabolizes CYP3A4.",
            "contradicted",
            "the graph holds the reverse",
            id="metabolizes-reversed",
        ),
        pytest.param("CYP3A4 metabolizes mitragynine.", "supported", "primary", id="metabolizes-forward"),
        pytest.param("Mitragynine is metabolized by CYP3A4.", "supported", "primary", id="metabolized-by"),
    ],
)
def test_a_conversion_is_read_in_the_direction_the_sentence_gives(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # a clause ending in "unchanged" after both names denies their relation
        pytest.param(
            "Ketoconazole leaves the effects of 7-hydroxymitragynine in mice unaffected.",
            "supported",
            "the denial agrees with negated primary evidence",
            id="unaltered-agrees-with-a-negated-item",
        ),
        pytest.param(
            "Ketoconazole leaves mitragynine levels unchanged in rats.",
            "contradicted",
            "(the sentence negates it)",
            id="unchanged-against-a-finding",
        ),
        # a clause break: "unchanged" belongs to what follows it, not to the pair before it
        pytest.param(
            "Mitragynine binds the mu-opioid receptor; body weight was unchanged.",
            "supported",
            "primary",
            id="clause-break",
        ),
    ],
)
def test_a_clause_ending_in_unchanged_denies_the_relation(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # kratom's alkaloids interact with morphine: that does not put morphine in the plant
        pytest.param(
            "Kratom contains morphine.",
            "unsupported",
            "'contains' asserts a compositional relation; the graph joins these only by: interacts with",
            id="contains-is-not-an-interaction",
        ),
        pytest.param("Kratom interacts with morphine.", "supported", "indirect", id="the-interaction-itself"),
        # words of a conversion make the relation metabolic, whatever the cue word's kind
        pytest.param(
            "7-hydroxymitragynine is produced by the liver from mitragynine.",
            "supported",
            "primary",
            id="produced-from",
        ),
        pytest.param(
            "Mitragynine is produced from 7-hydroxymitragynine.",
            "contradicted",
            "the graph holds the reverse",
            id="produced-from-reversed",
        ),
    ],
)
def test_composition_and_conversion_are_answered_by_their_own_links(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # mitragynine half-lives measured in the graph: 5.67, 23.24 and 45.3 h
        pytest.param(
            "Mitragynine has a half-life of about 24 hours.",
            "supported",
            "the claim gives half-life 24 h; the evidence measures 23.24 h",
            id="close-to-a-measured-value",
        ),
        pytest.param(
            "Mitragynine has a half-life of 3 hours.",
            "weak",
            "measures only within twofold of it, 5.67 h",
            id="within-twofold-only",
        ),
        pytest.param(
            "Mitragynine has a half-life of about two hours in people.",
            "contradicted",
            "the evidence measures 45.3 h",
            id="more-than-twofold-from-every-value",
        ),
    ],
)
def test_a_value_of_one_thing_is_graded_against_what_the_evidence_measures(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # GI transit inhibition / constipation is an effect, not the relief of one
        pytest.param(
            "Kratom relieves constipation.",
            "contradicted",
            "'relieves' asserts the opposite of what the graph holds",
            id="relieves-an-effect",
        ),
        pytest.param(
            "Mitragynine prevents constipation.", "contradicted", "opposite", id="prevents-an-effect"
        ),
        # analgesia and anti-inflammation are reliefs: relieving pain or inflammation is them
        pytest.param("Kratom relieves pain.", "supported", "primary", id="relieves-the-symptom-of-a-relief"),
        pytest.param("Kratom reduces inflammation.", "supported", "primary", id="reduces-inflammation"),
    ],
)
def test_a_decreasing_word_on_an_effect_lowers_it_unless_the_effect_is_a_relief(
    kratom_graph, text, expected, why
):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # ketoconazole and 7-OH: rats, exposure and potency raised
        pytest.param(
            "Ketoconazole raises 7-hydroxymitragynine exposure.", "supported", "primary", id="raises"
        ),
        pytest.param(
            "Ketoconazole lowers blood levels of 7-hydroxymitragynine.",
            "contradicted",
            "'lowers' asserts the opposite of what the evidence finds",
            id="lowers-against-raised",
        ),
        # ketoconazole and mitragynine: rats found exposure raised, mice found effects reduced
        pytest.param(
            "Ketoconazole raises blood levels of mitragynine.",
            "weak",
            "find things raised and lowered, or neither",
            id="both-ways-without-species",
        ),
        pytest.param(
            "In rats, ketoconazole raises blood levels of mitragynine.", "supported", "primary", id="in-rats"
        ),
        pytest.param(
            "In rats, ketoconazole lowers blood levels of mitragynine.",
            "contradicted",
            "asserts the opposite of what the evidence finds",
            id="in-rats-the-wrong-way",
        ),
    ],
)
def test_an_interaction_is_graded_by_the_direction_its_items_find(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        pytest.param(
            "Mitragynine is a full agonist at the mu-opioid receptor.",
            "contradicted",
            "'full agonist' asserts full efficacy; the graph holds a partial agonist",
            id="full-vs-partial",
        ),
        pytest.param(
            "Mitragynine is not a full agonist at the mu-opioid receptor.",
            "supported",
            "the denial agrees with mitragynine is a partial agonist",
            id="denied-full",
        ),
        pytest.param(
            "Mitragynine is an agonist at the mu-opioid receptor.",
            "supported",
            "primary",
            id="agonist-unqualified",
        ),
    ],
)
def test_full_agonism_is_not_what_a_partial_agonist_shows(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mitragynine induces CYP3A4.", id="induces"),
        pytest.param("Mitragynine can induce CYP3A4.", id="can-induce"),
    ],
)
def test_a_relation_word_no_link_of_its_kind_makes_is_unsupported(kratom_graph, text):
    # The graph joins mitragynine and CYP3A4 by "inhibits" and "substrate of" only: the
    # sentence asserts induction, not whatever link the two names share.
    s = audit(kratom_graph, text)
    assert s.verdict.value == "unsupported", s.reason
    assert "'induce" in s.reason and "inhibits" in s.reason and "substrate of" in s.reason
    # the control: the link the graph holds, asserted by a word of its kind
    assert verdict(kratom_graph, "Mitragynine inhibits CYP3A4.") == "supported"


@pytest.mark.parametrize(
    "text, expected, why",
    [
        pytest.param(
            "Mitragynine causes respiratory depression in humans.",
            "weak",
            "'in humans': the evidence for it is animal (mouse), not a finding in humans",
            id="mouse-evidence-human-claim",
        ),
        pytest.param(
            "In healthy volunteers, kratom causes respiratory depression.",
            "weak",
            "'In healthy volunteers'",
            id="volunteers-via-mitragynine",
        ),
        pytest.param(
            "Mitragynine causes respiratory depression in rats.",
            "weak",
            "not a finding in rats",
            id="mouse-evidence-rat-claim",
        ),
        # an assay on human receptors is not a finding in humans
        pytest.param(
            "7-hydroxymitragynine is a partial agonist at the mu-opioid receptor in humans.",
            "weak",
            "in vitro (human), not a finding in humans",
            id="human-cells-are-not-humans",
        ),
        pytest.param(
            "Mitragynine causes respiratory depression in mice.", "supported", "primary", id="same-species"
        ),
        pytest.param(
            "Liver injury has been reported in people who use kratom.", "supported", "case", id="case-reports"
        ),
    ],
)
def test_a_claim_about_an_organism_needs_evidence_from_it(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Kratom also activates kappa-opioid receptors, and this kappa activation adds to its analgesia.",
            "contradicted",
            id="kratom-activates-kor",
        ),
        pytest.param(
            "Mitragynine is an agonist at the kappa-opioid receptor.", "contradicted", id="mg-kor-agonist"
        ),
        pytest.param(
            "Mitragynine blocks the kappa-opioid receptor.", "supported", id="mg-blocks-kor-control"
        ),
        pytest.param(
            "Kratom lowers the risk of liver injury.", "contradicted", id="kratom-lowers-liver-injury"
        ),
        pytest.param("Kratom prevents liver injury.", "contradicted", id="kratom-prevents-liver-injury"),
    ],
)
def test_wrong_direction_is_contradicted(kratom_graph, text, expected):
    assert verdict(kratom_graph, text) == expected


def test_wrong_direction_names_the_opposite_edge(kratom_graph):
    s = audit(kratom_graph, "Mitragynine is an agonist at the kappa-opioid receptor.")
    assert "opposite" in s.reason and "antagonist" in s.reason


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Kratom has no risk of addiction.", "contradicted", id="no-risk-of"),
        pytest.param("Kratom does not cause liver injury.", "contradicted", id="does-not-cause"),
        pytest.param("Kratom causes liver injury.", "supported", id="affirmed-control"),
    ],
)
def test_negated_finding(kratom_graph, text, expected):
    assert verdict(kratom_graph, text) == expected


def test_hedge_is_reported_and_does_not_change_the_verdict(kratom_graph):
    plain = audit(kratom_graph, "Mitragynine blocks the kappa-opioid receptor.")
    hedged = audit(kratom_graph, "Mitragynine may block the kappa-opioid receptor.")
    assert hedged.links.hedged and not plain.links.hedged
    assert hedged.verdict is plain.verdict is Verdict.SUPPORTED


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Regular users can become dependent and may have withdrawal when they stop.", id="users"
        ),
        pytest.param("Daily use can lead to withdrawal.", id="daily-use"),
    ],
)
def test_user_subject_is_the_document_subject(kratom_graph, text):
    s = audit(kratom_graph, text)
    assert s.links.subject is not None and s.links.subject.nodes == (PLANT,)
    assert s.verdict is Verdict.SUPPORTED


def test_named_compound_is_not_replaced_by_the_document_subject(kratom_graph):
    s = audit(kratom_graph, "Users of 7-OH products can become dependent.")
    assert s.links.subject is None


@pytest.mark.parametrize(
    "text, reason",
    [
        pytest.param("Does kratom cause liver injury?", "question", id="question"),
        pytest.param("Kratom and Liver Injury: What Users Should Know", "heading", id="title-case-heading"),
        pytest.param("# Kratom causes liver injury", "heading", id="markdown-heading"),
    ],
)
def test_headings_and_questions_are_not_claims(kratom_graph, text, reason):
    doc = audit_document(kratom_graph, text, "claim.md")
    assert all(s.verdict is None for s in doc.sentences)
    assert reason in doc.sentences[0].reason


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Kratom relieves chronic pain.", "unsupported", id="chronic-pain"),
        pytest.param(
            "Kratom raised pain tolerance in a cold-pressor test.", "supported", id="experimental-pain"
        ),
        pytest.param(
            "Kratom improves cognitive function.", "contradicted", id="cognition-opposes-impairment"
        ),
        pytest.param("Kratom improves mental clarity.", "unsupported", id="cognitive-enhancement-unmeasured"),
        pytest.param("Kratom improves well-being.", "unsupported", id="well-being"),
    ],
)
def test_outcome_specificity(kratom_graph, text, expected):
    assert verdict(kratom_graph, text) == expected


def test_chronic_pain_claims_do_not_borrow_experimental_evidence(kratom_graph):
    s = audit(kratom_graph, "Kratom relieves chronic pain.")
    assert not any(ref.type.is_primary for ref in s.evidence)


@pytest.mark.parametrize(
    "text, expected, why",
    [
        pytest.param(
            "Kratom can interact dangerously with medicines that CYP2D6 breaks down.",
            "contradicted",
            "substrate of",
            id="enzyme-stands-for-its-substrates",
        ),
        pytest.param(
            "7-OH is addictive, whereas plain kratom leaf is not.",
            "contradicted",
            "denies",
            id="elliptic-denial",
        ),
        pytest.param(
            "Mitragynine is a potent inhibitor of CYP2C9.", "contradicted", "weak", id="strength-against-weak"
        ),
        pytest.param(
            "Seizures and psychosis may follow long-term use of high doses.",
            "unsupported",
            "psychosis",
            id="unknown-list-item",
        ),
        pytest.param("Red Bali kratom relieves pain.", "unsupported", "strains", id="strain"),
        pytest.param(
            "Respiratory depression is worse when kratom is combined with alcohol.",
            "unsupported",
            "combination",
            id="combination",
        ),
        pytest.param(
            "In a survey of 3,000 users, 55% said they used kratom to cut back on opioids.",
            "unsupported",
            "3000, 55",
            id="numbers-no-evidence-gives",
        ),
        pytest.param("Kratom guards against cancer.", "unsupported", "does not hold", id="unknown-outcome"),
        pytest.param(
            "Mitragynine has a half-life of about two hours in people.",
            "contradicted",
            "evidence measures",
            id="stated-value-far-from-measured",
        ),
        pytest.param(
            "Rats do not self-administer mitragynine.",
            "supported",
            "negated",
            id="denial-agrees-with-negated-item",
        ),
        pytest.param(
            "Withdrawal from kratom is milder than withdrawal from opioids.",
            "weak",
            "remark",
            id="comparison-only-in-a-note",
        ),
    ],
)
def test_details_a_claim_adds(kratom_graph, text, expected, why):
    s = audit(kratom_graph, text)
    assert s.verdict.value == expected and why in s.reason, s.reason


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "In a survey of 2,798 users, 41% said they used kratom to cut back on opioids.",
            "supported",
            id="survey-numbers-match",
        ),
        pytest.param("Most respondents said they used kratom for pain.", "supported", id="reported-reason"),
        # no one reports anything here: a usage claim, graded on the outcome itself
        pytest.param("Kratom can be used to manage long-term pain.", "unsupported", id="no-reporter"),
    ],
)
def test_reasons_for_use_are_graded_on_what_users_report(kratom_graph, text, expected):
    assert verdict(kratom_graph, text) == expected


def test_stated_value_close_to_a_measured_one_is_not_missing(kratom_graph):
    s = audit(kratom_graph, "Mitragynine has a half-life of about 24 hours in people.")
    assert s.verdict is Verdict.SUPPORTED and "no evidence item gives the number" not in s.reason


def test_function_named_for_its_loss_inverts_the_sign(kratom_graph):
    assert verdict(kratom_graph, "Kratom improves memory.") == "contradicted"
    assert verdict(kratom_graph, "Mitragynine impairs memory.") == "supported"
    assert verdict(kratom_graph, "Mitragynine causes learning impairment.") == "supported"


# --- the verdict evaluation ----------------------------------------------------------------


def test_confusion_matrix_counts_each_claim_once(kratom_graph):
    claims = (
        LabelledClaim(id="a", text="Mitragynine blocks the kappa-opioid receptor.", verdict="supported"),
        LabelledClaim(
            id="b",
            text="Mitragynine is an agonist at the kappa-opioid receptor.",
            verdict="contradicted",
            tags=frozenset({"wrong-direction"}),
        ),
        LabelledClaim(id="c", text="Kratom relieves chronic pain.", verdict="weak"),
        LabelledClaim(id="d", text="Is kratom legal?", verdict="none"),
    )
    report = evaluate_claims(kratom_graph, claims)
    conf = report.confusion
    assert sum(conf.values()) == 4
    assert conf[("supported", "supported")] == 1 and conf[("contradicted", "contradicted")] == 1
    assert conf[("weak", "unsupported")] == 1 and conf[("none", "none")] == 1
    assert report.accuracy == 0.75
    assert report.recall("weak") == 0.0 and report.precision("unsupported") == 0.0
    assert not report.wrongly_supported
    assert "accuracy: 0.750" in format_verdicts(report)


@pytest.mark.parametrize(
    "line, problem",
    [
        pytest.param(
            '{"id": "x", "text": "t", "verdict": "true"}', "verdict 'true' is not one of", id="bad-verdict"
        ),
        pytest.param('{"id": "x", "text": ', "not valid JSON", id="truncated"),
        pytest.param('["text"]', "each line must be an object", id="not-an-object"),
    ],
)
def test_bad_claims_file_is_located(tmp_path, line, problem):
    path = tmp_path / "claims.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Kratom contains mitragynine.", "verdict": "supported"}\n' + line + "\n"
    )
    with pytest.raises(LabelError, match=rf"claims.jsonl:2: {problem}"):
        load_claims(path)


@pytest.fixture(scope="module")
def shipped(kratom_graph):
    if not DEFAULT_CLAIMS.is_file():
        pytest.skip("no labelled claim set shipped")
    return evaluate_claims(kratom_graph, load_claims(DEFAULT_CLAIMS))


def test_shipped_claims_contradicted_recall(shipped):
    assert shipped.recall("contradicted") >= 0.80, json.dumps(shipped.to_json()["errors"], indent=1)[:4000]


def test_shipped_claims_no_comparative_or_wrong_direction_wrongly_supported(shipped):
    assert shipped.wrongly_supported == (), [g.claim.id for g in shipped.wrongly_supported]


def test_shipped_claims_accuracy(shipped):
    assert shipped.accuracy >= TARGET_ACCURACY, json.dumps(shipped.to_json()["errors"], indent=1)[:4000]


def test_shipped_claims_meet_every_target(shipped):
    assert shipped.meets_targets
    assert "targets: accuracy >= 0.9 met; contradicted recall >= 0.8 met" in format_verdicts(shipped)


def test_held_out_part_is_every_fifth_claim():
    claims = tuple(
        LabelledClaim(id=f"c{i}", text="Kratom contains mitragynine.", verdict="supported")
        for i in range(1, 13)
    )
    report = VerdictReport(graded=tuple(Graded(claim=c, found="supported", reason="") for c in claims))
    dev, held = report.split()
    assert [g.claim.id for g in held.graded] == ["c5", "c10"]
    assert len(dev.graded) == 10 and not {g.claim.id for g in dev.graded} & {"c5", "c10"}


# --- readings added to reach the accuracy target (sentences written for these tests) ------


@pytest.mark.parametrize(
    "text, expected, why",
    [
        # an outcome that is the object of its own clause starts no list with the words before
        pytest.param(
            "Opioid receptors sit on nerve cells of the gut, and they mediate constipation.",
            "supported",
            "primary evidence",
            id="clause-object-is-not-a-list-item",
        ),
        # two comparisons, each graded on its own: the remark on withdrawal says nothing of
        # how severe the dependence is
        pytest.param(
            "Kratom and opioids both cause dependence, but dependence on kratom is less severe and its"
            " withdrawal milder.",
            "unsupported",
            "'less severe'",
            id="each-comparison-on-its-own",
        ),
        pytest.param(
            "Mitragynine and 7-OH both activate MOR, and 7-OH is the more potent agonist of the two.",
            "supported",
            "primary evidence",
            id="of-the-two-made-by-evidence",
        ),
        pytest.param(
            "Mitragynine and 7-OH both activate MOR, and mitragynine is the more potent agonist of the two.",
            "contradicted",
            "the evidence makes it the other way round",
            id="of-the-two-the-wrong-way-round",
        ),
        pytest.param(
            "Mitragynine binds MOR more weakly than morphine.",
            "supported",
            "primary",
            id="weaker-as-measured",
        ),
        pytest.param(
            "Mitragynine binds MOR more strongly than morphine.",
            "unsupported",
            "comparative claim",
            id="stronger-against-weaker-evidence",
        ),
        # the comparator is a list; the second name is not what is compared
        pytest.param(
            "In cell assays the pseudoindoxyl was a more efficacious opioid agonist than either mitragynine"
            " or 7-OH.",
            "supported",
            "primary",
            id="comparator-list",
        ),
        # weak evidence for a relation is no evidence against it
        pytest.param(
            "Kratom does not bind dopamine D2 receptors.",
            "unsupported",
            "denies",
            id="denial-of-weak-relation",
        ),
        pytest.param(
            "At low doses kratom raises stamina, and at high doses it relieves pain.",
            "unsupported",
            "'raises' asserts an effect on something the graph does not hold",
            id="effect-on-unknown-object",
        ),
        pytest.param(
            "Some users say kratom makes them chatty.",
            "unsupported",
            "'makes them'",
            id="makes-them-unknown-state",
        ),
        pytest.param(
            "Mitragynine acts on the same receptors as opioid painkillers do.",
            "supported",
            "primary",
            id="receptors-named-for-a-drug-class",
        ),
        pytest.param(
            "Combining kratom with sleeping pills can be dangerous.",
            "unsupported",
            "combination",
            id="combination-said-to-harm",
        ),
        # a demonstrative stands for the product the document is about
        pytest.param(
            "This herbal remedy improves memory in older adults.",
            "contradicted",
            "opposite",
            id="this-remedy-is-the-document-subject",
        ),
        # "addictive drugs" names a class of drugs, not an outcome of kratom
        pytest.param(
            "Kratom helps users quit addictive drugs.",
            "unsupported",
            "'helps'",
            id="outcome-word-names-drugs",
        ),
        pytest.param(
            "Kratom is an addictive substance.", "supported", "primary", id="outcome-word-as-predicate"
        ),
    ],
)
def test_reading_rules(kratom_graph, text, expected, why):
    assert_graded(kratom_graph, text, expected, why)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Mitragynine binds MOR and activates it.", id="pronoun-object"),
        pytest.param("Constipation is caused by kratom.", id="passive"),
        pytest.param("Mitragynine activates G protein signalling at MOR.", id="object-named-later-in-clause"),
        pytest.param(
            "The efficacy of kratom for pain relief comes from opioid receptors, which help alleviate pain.",
            id="object-repeats-a-name",
        ),
        pytest.param(
            "In mice, 7-OH depresses breathing more and more as the dose rises above 10 mg/kg.",
            id="intransitive",
        ),
    ],
)
def test_effect_words_whose_object_is_named_elsewhere_are_not_unknown(kratom_graph, text):
    s = audit(kratom_graph, text)
    assert "does not hold" not in s.reason, s.reason


def test_quoted_accuracy_figures_are_the_measured_ones(shipped):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    dev, held = shipped.split()
    table = (root / "data" / "evaluation" / "README.md").read_text(encoding="utf-8")
    for part, report in (("all", shipped), ("development", dev), ("held out", held)):
        row = next(line for line in table.splitlines() if line.startswith(f"| {part}"))
        assert row.rstrip(" |").endswith(f"{report.accuracy:.3f} ({report.correct})"), row
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    assert f"accuracy {shipped.accuracy:.3f} ({shipped.correct} of {len(shipped.graded)})" in readme
    assert f"held out from rule writing: accuracy there is {held.accuracy:.3f} ({held.correct} of" in readme


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Vendors now sell stronger kratom extracts.", id="stronger-extracts"),
        pytest.param("Makers concentrate 7-OH into more potent tablets.", id="more-potent-tablets"),
    ],
)
def test_comparison_of_product_forms_is_no_claim(kratom_graph, text):
    s = audit(kratom_graph, text)
    assert s.verdict is None and not s.links.comparisons


def test_product_comparison_with_a_comparator_is_still_graded(kratom_graph):
    s = audit(kratom_graph, "7-OH tablets are far more potent than plain leaf.")
    assert s.verdict is Verdict.UNSUPPORTED and "comparative claim" in s.reason
