"""The rejection threshold comes from the knowledge base: its phrasings, held out one at a time, against their
own entry and against the others."""

from __future__ import annotations

import numpy as np
import pytest

from faq import calibration
from faq.entries import Entry
from faq.matcher import Matcher, Settings
from nlu.normalize import load_lexicon


def lexical(entries: list[Entry], settings: Settings | None = None) -> Matcher:
    return Matcher(entries, load_lexicon(), settings or Settings())


def test_a_held_out_phrasing_no_longer_matches_itself(entries: list[Entry]) -> None:
    matcher = lexical(entries)
    phrasing = matcher.phrasings[1]  # a variant of gaji-tidak-dibayar
    assert matcher.similarities(phrasing)[0] > matcher.similarities(phrasing, exclude=1)[0]
    assert matcher.similarities(phrasing, exclude=1)[0] > 0  # its siblings still share words with it


def test_threshold_lies_between_the_other_and_own_entry_scores(entries: list[Entry]) -> None:
    matcher = lexical(entries)
    result = calibration.calibrate(matcher)
    assert matcher.threshold == pytest.approx(result.threshold)
    assert len(result.own) == len(matcher.phrasings)  # every entry here has two phrasings or more
    assert len(result.other) == len(matcher.phrasings)
    low = np.quantile(result.other, calibration.OTHER_QUANTILE)
    high = np.quantile(result.own, calibration.OWN_QUANTILE)
    assert low < result.threshold < high


def test_each_knowledge_base_gets_its_own_threshold(entries: list[Entry]) -> None:
    wordy = [
        Entry(e.id, e.question + " Mohon penjelasannya secara lengkap.", e.variants, e.answer, e.tags)
        for e in entries
    ]
    assert lexical(entries).threshold != pytest.approx(lexical(wordy).threshold)


def test_without_two_phrasings_anywhere_the_fallback_applies() -> None:
    single = [Entry("a", "Bagaimana cara mengirim uang?"), Entry("b", "Apa syarat membuat paspor?")]
    assert lexical(single).threshold == calibration.FALLBACK


def test_a_given_threshold_is_kept(entries: list[Entry]) -> None:
    assert lexical(entries, Settings(threshold=0.5)).threshold == 0.5


def test_a_large_knowledge_base_is_sampled(entries: list[Entry]) -> None:
    own, other = calibration.held_out_scores(lexical(entries, Settings(threshold=0.3)), sample=4)
    assert len(own) == len(other) == 4
