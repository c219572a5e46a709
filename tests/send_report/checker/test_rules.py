"""The rules file: the shipped one is valid, and mistakes are reported by key."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from inclusion.send_report.checker import (
    DEFAULT_RULES_PATH,
    CheckerSettings,
    RulesFileError,
    check_website,
    load_rules,
)
from inclusion.send_report.checker.rules import phrase_pattern

GOOD_RULE = "- {code: S1-01, documents: [report], phrases: [autism, dyslexia], min_matches: 2}\n"


def problems(tmp_path: Path, rules: str, header: str = "version: 1\nrules:\n") -> list[str]:
    path = tmp_path / "checker-rules.yaml"
    path.write_text(header + rules, encoding="utf-8")
    with pytest.raises(RulesFileError) as error:
        load_rules(path)
    return error.value.problems


def test_the_shipped_rules_file_is_valid() -> None:
    rules = load_rules(DEFAULT_RULES_PATH)
    assert len(rules) == 33
    special = {rule.code: rule.check for rule in rules if rule.check}
    assert special == {
        "S1-04": "senco_contact",
        "S1-13": "local_offer_link",
        "D-04": "document_present",
        "R-01": "review_date",
        "R-02": "readability",
        "P-01": "document_present",
        "P-02": "signed_dated",
        "P-03": "review_date",
        "LO-01": "local_offer_working",
    }
    months = {rule.code: rule.params["months"] for rule in rules if rule.check == "review_date"}
    assert months == {"R-01": 12, "P-03": 36}


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ("- {code: S1-01, phrases: [autism]}\n", "rules.0.documents (S1-01): Missing data"),
        (
            GOOD_RULE + "- {code: S1-02, documents: [report], headings: ['(unclosed']}\n",
            "rules.1.headings.0 (S1-02): Not a valid regular expression",
        ),
        (
            "- {code: S1-02, documents: [leaflet], phrases: [x1]}\n",
            "rules.0.documents.0 (S1-02): Must be one of",
        ),
        (
            "- {code: S1-02, documents: [report], phrases: [autism], min_matches: 3}\n",
            "rules.0.min_matches (S1-02): Only 1 signal listed, so 3 can never match.",
        ),
        ("- {code: S1-02, documents: [report], check: guess}\n", "rules.0.check (S1-02): Must be"),
        (
            "- {code: R-01, documents: [report], check: review_date}\n",
            "rules.0.params (R-01): The review_date check needs params.months",
        ),
        ("- {code: S1-02, documents: [report]}\n", "rules.0.check (S1-02): Give headings"),
        (GOOD_RULE + GOOD_RULE, "rules: Each code once only; repeated: S1-01"),
        ("- {code: 'send 1', documents: [report], phrases: [x1]}\n", "rules.0.code (send 1):"),
    ],
)
def test_mistakes_are_named_by_key(tmp_path: Path, rules: str, expected: str) -> None:
    found = problems(tmp_path, rules)
    assert any(expected in problem for problem in found), found
    assert all(problem.startswith("checker-rules.yaml: ") for problem in found)


def test_a_missing_version_and_bad_yaml(tmp_path: Path) -> None:
    assert "checker-rules.yaml: version: Missing data" in " ".join(
        problems(tmp_path, GOOD_RULE, header="rules:\n")
    )
    assert "cannot be read" in problems(tmp_path, "- [unclosed", header="rules:\n")[0]


def test_a_bad_rules_file_fails_the_check_without_raising(tmp_path: Path) -> None:
    path = tmp_path / "checker-rules.yaml"
    path.write_text("version: 1\nrules: []\n", encoding="utf-8")
    result = check_website("https://school.example/", replace(CheckerSettings(), rules_path=path))
    assert result.status == "failed"
    assert result.reason.startswith("The checker's rules file has problems: ")


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("autism", "support for Autism and", True),
        ("autism", "autistic pupils", False),
        ("differentiat*", "work is differentiated", True),
        ("sensory and/or physical", "sensory   and/or\nphysical needs", True),
        ("sen", "we sent a letter", False),
        ("1:1", "some 1:1 sessions", True),
    ],
)
def test_phrases_match_whole_words(phrase: str, text: str, matches: bool) -> None:
    assert bool(phrase_pattern(phrase).search(text)) is matches
