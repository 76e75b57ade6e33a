from __future__ import annotations

from pathlib import Path

import pytest

from nlu.normalize import Normalizer, load_lexicon, stem


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(load_lexicon(), frozenset({"gaji", "tahan", "paspor", "kampung", "sakit"}))


def test_abbreviations_become_standard_words_and_fillers_drop(normalizer: Normalizer) -> None:
    assert normalizer.normalize("brp biaya klo mau krj ke luar negri") == ("biaya", "kerja", "luar", "negeri")


def test_javanese_and_malay_forms_are_understood(normalizer: Normalizer) -> None:
    assert normalizer.normalize("gaji ne durung dibayar") == ("gaji", "dibayar")
    assert normalizer.normalize("pengin mulih wae") == ("pulang",)
    assert "gaji" in normalizer.normalize("gaji tak dibayar kat johor")


@pytest.mark.parametrize("word", ["upah", "bayaran", "salary", "gajian"])
def test_wage_synonyms_share_one_concept(normalizer: Normalizer, word: str) -> None:
    assert normalizer.normalize(f"{word} belum dibayar")[0] == "gaji"


def test_phrases_map_before_single_words(normalizer: Normalizer) -> None:
    assert normalizer.normalize("mau balik kampung") == ("pulang",)
    assert normalizer.normalize("bpjs kesehatan") == ("bpjs_kesehatan",)
    assert normalizer.normalize("bpjs tk") == ("jaminan_sosial",)


def test_repeated_and_doubled_letters_are_repaired_against_known_words(normalizer: Normalizer) -> None:
    assert normalizer.normalize("gajiii") == ("gaji",)
    assert normalizer.normalize("ga tahann") == ("tahan",)


def test_numbers_for_letters_inside_words(normalizer: Normalizer) -> None:
    assert normalizer.normalize("s4kit") == ("sakit",)


def test_glued_amounts_and_reduplication_are_split(normalizer: Normalizer) -> None:
    assert normalizer.tokens("minta 25jt") == ["minta", "25", "jt"]
    assert normalizer.normalize("minta 25jt") == ("minta", "juta")  # bare numbers carry no topic
    assert normalizer.tokens("baik2 saja") == ["baik", "baik", "saja"]
    assert normalizer.tokens("step2nya") == ["step", "step", "nya"]
    assert normalizer.normalize("baik2 saja") == ("baik",)  # the repeat counts once


def test_reduplication_can_complete_a_lexicon_phrase(normalizer: Normalizer) -> None:
    assert normalizer.normalize("majikan megang2 aku") == ("majikan", "pelecehan")


def test_a_phrase_may_span_filler_words(normalizer: Normalizer) -> None:
    assert normalizer.normalize("visa ku udh mati") == normalizer.normalize("visa mati")
    assert "meninggal" not in normalizer.normalize("visanya sdh mati")
    assert normalizer.normalize("hp nya ga aktif") == ("hilang_kontak",)


def test_a_phrase_of_concept_heads_is_found(normalizer: Normalizer) -> None:
    assert normalizer.normalize("boss lain") == normalizer.normalize("majikan lain") == ("ganti_majikan",)


def test_code_words_with_digits_survive(normalizer: Normalizer) -> None:
    assert "siskop2mi" in normalizer.normalize("akun siskop2mi")


def test_glued_particle_is_split_when_the_rest_is_known(normalizer: Normalizer) -> None:
    assert normalizer.normalize("kirim kekampung") == ("kirim", "kampung")
    assert normalizer.normalize("pulang kekampung") == normalizer.normalize("pulang kampung") == ("pulang",)


def test_stemming_strips_affixes_but_not_protected_words() -> None:
    keep = load_lexicon().keep
    assert stem("dipukuli", keep) == "pukul"
    assert stem("menulis", keep) == "tulis"
    assert stem("meninggal", keep) == "meninggal"
    assert stem("pesangon", keep) == "pesangon"


def test_empty_and_emoji_text_normalise_to_nothing(normalizer: Normalizer) -> None:
    assert normalizer.normalize("") == ()
    assert normalizer.normalize("😂😂 🙏") == ()


def test_lexicon_rejects_a_source_with_two_meanings(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("slang:\n  kalau: [kl]\n  kuala lumpur: [kl]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'kl' maps to both"):
        load_lexicon(path)


def test_lexicon_rejects_unquoted_yaml_booleans(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("slang:\n  libur: [off]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quote False"):
        load_lexicon(path)


def test_proper_names_inside_a_sentence_are_left_out(normalizer: Normalizer) -> None:
    assert normalizer.strip_names("gaji di Kafe Tupelo Honey belum dibayar") == "gaji di belum dibayar"
    assert normalizer.strip_names("Paspor ditahan. Majikan di Selangor") == "Paspor ditahan. Majikan di"
    assert normalizer.strip_names("gaji saya di Taiwan") == "gaji saya di Taiwan"  # a known word stays


def test_family_members_are_family_and_address_forms_are_no_topic(normalizer: Normalizer) -> None:
    assert normalizer.normalize("adik sy tdk bisa dihubungi") == ("keluarga", "hilang_kontak")
    assert (
        normalizer.normalize("suamiku sakit") == normalizer.normalize("mbakku sakit") == ("keluarga", "sakit")
    )
    assert normalizer.normalize("kak, gaji sy blm dibayar") == normalizer.normalize("mbak gaji blm dibayar")
    assert normalizer.normalize("mbak gaji blm dibayar") == ("gaji", "dibayar")


def test_places_no_phrasing_mentions_are_left_out(normalizer: Normalizer) -> None:
    assert normalizer.normalize("gaji sy blm dibayar, aku di taiwan") == ("gaji", "dibayar")
    assert normalizer.normalize("paspor ditahan majikan di hk") == ("paspor", "ditahan", "majikan")
    assert normalizer.normalize("kerja di kuala lumpur") == ("kerja",)
    mentioned = Normalizer(load_lexicon(), frozenset({"kerja", "taiwan"}))
    assert mentioned.normalize("kerja di taiwan") == ("kerja", "taiwan")
    assert mentioned.normalize("kerja di malaysia") == ("kerja",)


@pytest.mark.parametrize(
    "text",
    [
        "Cara Perpanjang SIM Di Polres",  # Title Case: capitals say nothing
        "cara perpanjang SIM di polres",  # acronyms can be the topic
        "Polres dimana",  # the first word of a sentence
        "Tupelo",
    ],
)
def test_capitals_that_do_not_mark_names_are_kept(normalizer: Normalizer, text: str) -> None:
    assert normalizer.strip_names(text) == text


def test_a_short_chat_spelling_is_not_taken_for_a_stem(normalizer: Normalizer) -> None:
    assert normalizer.normalize("celana pendek") == ("celana", "pendek")  # not "pen" + "dek" (adik)


def test_courtesy_fillers_carry_no_topic(normalizer: Normalizer) -> None:
    assert normalizer.normalize("maaf ganggu min, mau cerita, gaji telat") == normalizer.normalize(
        "gaji telat"
    )


def test_a_standard_phrase_is_not_rewritten_word_by_word() -> None:
    normalizer = Normalizer(load_lexicon(), frozenset({"kerja", "arab", "saudi"}))  # a place the index knows
    assert normalizer.normalize("kerja ke arab saudi") == ("kerja", "arab", "saudi")  # not "arab saudi saudi"
    assert normalizer.normalize("ke saudi") == ("arab", "saudi")
