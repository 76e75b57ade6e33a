"""The shipped danger model is what the corpus trains, and scoring it without scikit-learn gives scikit-learn's
probabilities."""

from __future__ import annotations

import numpy as np

from nlu import danger_model, danger_training
from nlu.danger import MODEL_MIN_WORDS, read_danger
from nlu.danger_rules import match_rules


def test_retraining_from_the_corpus_reproduces_the_shipped_model_and_its_figures() -> None:
    shipped = danger_model.shipped()
    assert shipped is not None
    cases = danger_training.load_corpus()
    chosen = danger_training.validate(cases, c_grid=(shipped.c,))
    assert chosen.recall >= danger_training.TARGET_RECALL
    assert chosen.false_alarms <= 0.25  # the validation figure README reports, not a target met
    retrained = danger_training.fit(cases, chosen)
    assert retrained.to_json() == shipped.to_json()


def test_plain_python_scoring_matches_scikit_learn() -> None:
    cases = danger_training.load_corpus()[::7]
    texts = [c.q for c in cases]
    vectorizer = danger_training._vectorizer()
    classifier = danger_training._urgent_classifier(10.0).fit(
        vectorizer.fit_transform(texts), [c.urgent for c in cases]
    )
    expected = classifier.predict_proba(vectorizer.transform(texts))[:, 1]
    model = danger_training.fit(cases, danger_training.Validation(10.0, 0.5, 0.2, 1.0, 0.0))
    got = []
    for text in texts:
        hit = match_rules(text)
        got.append(model.urgent_probability(text, hit.kind if hit else None))
    assert np.allclose(got, expected, atol=1e-4)


def test_the_model_reads_danger_no_keyword_names() -> None:
    for text in (
        "tiap malam anak laki2 majikan masuk kamar sy pas sy tidur, sy takut bgt",
        "udah 2 hari pendarahan tp majikan gak ngizinin ke dokter",
        "titip anak2 sy ya bu, sy udah gak kuat lagi, besok sy ke atap",
    ):
        assert len(text.split()) >= MODEL_MIN_WORDS
        assert read_danger(text, use_model=False) is None  # the rules alone miss it
        assert read_danger(text, use_model=True) is not None


def test_jokes_with_violent_words_do_not_open_urgent_tickets() -> None:
    for text in (
        "wkwkwk dihajar ahma main mahjong, kalah 200 dolar 😂",
        "akun dana sy dikunci, gk bisa login",
    ):
        assert read_danger(text, use_model=False) is not None  # the rules alone fire
        assert read_danger(text, use_model=True) is None
