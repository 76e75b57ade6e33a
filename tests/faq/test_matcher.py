from __future__ import annotations

import pytest

from faq.entries import Entry
from faq.matcher import Matcher, char_ngrams


@pytest.fixture
def matcher(entries: list[Entry]) -> Matcher:
    return Matcher.build(entries)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gajiku blm dibayar 3 bln", "gaji-tidak-dibayar"),
        ("gaji ne durung dibayar wis 2 wulan", "gaji-tidak-dibayar"),
        ("majikan tahan paspor sy gmn", "dokumen-ditahan"),
        ("pengin mulih wae", "ingin-pulang"),
        ("mau transfer duit ke ortu di kampung", "kirim-uang"),
    ],
)
def test_informal_question_gets_a_confident_answer(matcher: Matcher, query: str, expected: str) -> None:
    result = matcher.match(query)
    assert result.outcome == "answer"
    assert result.id == expected
    assert result.candidates[0].id == expected
    assert result.score >= 0.5


def test_ambiguous_question_offers_choices(entries: list[Entry]) -> None:
    twins = [
        Entry("perpanjang-kontrak", "Bagaimana cara memperpanjang kontrak kerja?"),
        Entry("perpanjang-paspor", "Bagaimana cara memperpanjang paspor?"),
        *entries[:3],
    ]
    result = Matcher.build(twins).match("cara perpanjang gmn")
    assert result.outcome == "suggest"
    assert {c.id for c in result.candidates[:2]} == {"perpanjang-kontrak", "perpanjang-paspor"}
    assert result.id == result.candidates[0].id
    assert result.score >= 0.5


@pytest.mark.parametrize("query", ["resep rendang padang yg empuk gmn", "asdfghjkl", "😂😂😂", ""])
def test_unrelated_text_is_unknown(matcher: Matcher, query: str) -> None:
    result = matcher.match(query)
    assert result.outcome == "unknown"
    assert result.id is None
    assert result.score < 0.5


def test_scores_are_calibrated_and_sorted(matcher: Matcher) -> None:
    for query in ["gaji telat", "paspor", "wkwk", "pulang kampung"]:
        result = matcher.match(query, top=4)
        scores = [c.score for c in result.candidates]
        assert len(scores) == 4
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert result.score == scores[0]


def test_top_limits_candidates(matcher: Matcher) -> None:
    assert len(matcher.match("gaji", top=1).candidates) == 1
    assert len(matcher.match("gaji", top=10).candidates) == 6  # no more than there are entries


def test_a_single_entry_index_works(entries: list[Entry]) -> None:
    result = Matcher.build(entries[:1]).match("gaji blm dibayar")
    assert result.id == "gaji-tidak-dibayar"
    assert len(result.candidates) == 1


def test_building_without_entries_is_an_error() -> None:
    with pytest.raises(ValueError, match="without entries"):
        Matcher.build([])


def test_char_ngrams_stay_inside_words() -> None:
    grams = char_ngrams("ab cd")
    assert " ab" in grams and "cd " in grams
    assert "b c" not in grams


def test_a_proper_name_does_not_count_against_the_match(matcher: Matcher) -> None:
    plain = matcher.match("majikan tahan paspor sy gmn")
    named = matcher.match("majikan di Kaohsiung City tahan paspor sy gmn")
    assert named.id == plain.id == "dokumen-ditahan"
    assert named.score == pytest.approx(plain.score, abs=0.05)
