"""Answer, suggest or admit: suggestions only when they are close, never an unrelated option."""

from __future__ import annotations

from faq.cli import offered
from faq.entries import Entry
from faq.matcher import Matcher


def test_suggestions_are_the_close_candidates_only(entries: list[Entry]) -> None:
    twins = [
        Entry("perpanjang-kontrak", "Bagaimana cara memperpanjang kontrak kerja?"),
        Entry("perpanjang-paspor", "Bagaimana cara memperpanjang paspor?"),
        *entries[:3],
    ]
    result = Matcher.build(twins).match("cara perpanjang gmn")
    assert result.outcome == "suggest"
    assert {c.id for c in result.suggestions} == {"perpanjang-kontrak", "perpanjang-paspor"}
    assert len(result.candidates) == 3  # the candidates stay as they were: the third is not offered
    assert result.candidates[2].id not in {c.id for c in result.suggestions}


def test_an_unknown_question_offers_nothing(entries: list[Entry]) -> None:
    result = Matcher.build(entries).match("resep rendang padang yg empuk gmn")
    assert result.outcome == "unknown"
    assert result.suggestions == ()


def test_given_or_offered_counts_answers_and_suggestions(entries: list[Entry]) -> None:
    matcher = Matcher.build(entries)
    answered = matcher.match("gajiku blm dibayar 3 bln")
    assert answered.outcome == "answer"
    assert offered(answered, "gaji-tidak-dibayar")
    assert not offered(answered, "dokumen-ditahan")
    assert not offered(matcher.match("asdfghjkl"), "gaji-tidak-dibayar")
