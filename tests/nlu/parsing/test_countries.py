import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.parsing import country_name, parse_country
from nlu.parsing.countries import DESTINATIONS

KNOWN_CODES = set(Locale.parse("en").territories)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("taiwan", "TW"), ("Taiwan", "TW"), ("twn", "TW"), ("di taiwan", "TW"), ("taipei", "TW"),
        ("hongkong", "HK"), ("Hong Kong", "HK"), ("HK", "HK"), ("kerja di hongkong 3 thn", "HK"),
        ("arab saudi", "SA"), ("Saudi", "SA"), ("KSA", "SA"), ("arab", "SA"), ("saudi arabia", "SA"),
        ("jeddah", "SA"),
        ("malay", "MY"), ("m'sia", "MY"), ("M’sia", "MY"), ("msia", "MY"), ("Malaysia", "MY"),
        ("kuala lumpur", "MY"),
        ("singapur", "SG"), ("spore", "SG"), ("sg", "SG"), ("Singapura", "SG"), ("singapore", "SG"),
        ("brunei", "BN"), ("Brunei Darussalam", "BN"),
        ("korsel", "KR"), ("korea", "KR"), ("Korea Selatan", "KR"), ("south korea", "KR"),
        ("korea utara", "KP"),
        ("jepang", "JP"), ("japan", "JP"),
        ("uae", "AE"), ("dubai", "AE"), ("abu dhabi", "AE"), ("emirat", "AE"), ("Uni Emirat Arab", "AE"),
        ("turki", "TR"), ("Türkiye", "TR"), ("polandia", "PL"), ("italia", "IT"),
        ("kamboja", "KH"), ("cambodia", "KH"), ("myanmar", "MM"), ("Myanmar (Burma)", "MM"), ("burma", "MM"),
        ("mesir", "EG"), ("Amerika Serikat", "US"), ("indonesia", "ID"),
        ("m4laysia", "MY"), ("  TAIWAN!!  ", "TW"),
    ],
)  # fmt: skip
def test_names_and_aliases_workers_type(text: str, code: str) -> None:
    assert parse_country(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("malysia", "MY"), ("malaysiaa", "MY"), ("taiwam", "TW"), ("hongkog", "HK"), ("singapure", "SG"),
     ("brunai", "BN"), ("polandai", "PL"), ("kerja di malysia", "MY"), ("jepan", "JP")],
)  # fmt: skip
def test_small_typos_are_tolerated(text: str, code: str) -> None:
    assert parse_country(text) == code


def test_destination_wins_over_home_country() -> None:
    assert parse_country("saya dari indonesia kerja di taiwan") == "TW"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "asdfgh", "nyaman", "bening", "sudah", "makan", "aman", "saya mau tanya", "tolong", "ok",
     "ngak tau", "lupa", "123456", "gaji saya belum dibayar", "turky"],
)  # fmt: skip
def test_nonsense_and_near_miss_words_are_not_countries(text: str) -> None:
    assert parse_country(text) is None


def test_country_name_in_both_languages() -> None:
    assert country_name("KR", "id") == "Korea Selatan"
    assert country_name("KR", "en") == "South Korea"
    assert country_name("sa", "id") == "Arab Saudi"


def test_country_name_rejects_unknown_codes() -> None:
    with pytest.raises(KeyError):
        country_name("QQ", "id")


@settings(max_examples=200)
@given(st.text(max_size=5000))
def test_never_raises_and_returns_a_known_two_letter_code(text: str) -> None:
    code = parse_country(text)
    if code is not None:
        assert len(code) == 2 and code.isalpha() and code.isupper()
        assert code in KNOWN_CODES


@pytest.mark.parametrize("code", sorted(DESTINATIONS))
def test_babel_names_of_destinations_round_trip(code: str) -> None:
    assert parse_country(country_name(code, "id")) == code
    assert parse_country(country_name(code, "en")) == code
