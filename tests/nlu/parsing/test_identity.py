import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.parsing import mask_identifier, parse_nik, parse_passport


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A1234567", "A1234567"),
        ("c1234567", "C1234567"),
        ("X 123 4567", "X1234567"),
        ("A-1234567", "A1234567"),
        ("AB123456", "AB123456"),
        ("B123456", "B123456"),
        ("paspor saya: B 7654321 berlaku 2030", "B7654321"),
        ("no paspor A1234567.", "A1234567"),
        ("a１２３４５６７", "A1234567"),
        ("\u200fE7654321", "E7654321"),
    ],
)
def test_indonesian_passport_numbers(text: str, expected: str) -> None:
    assert parse_passport(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "1234567", "A12345", "A12345678", "A1234567 890", "NO 1234567", "ABC1234567", "0812-3456-7890",
     "3201014107900001", "paspor hilang", "A12B4567"],
)  # fmt: skip
def test_not_indonesian_passport_numbers(text: str) -> None:
    assert parse_passport(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3201014107900001", "3201014107900001"),  # West Java, woman born 1 July 1990
        ("3201 0141 0790 0001", "3201014107900001"),
        ("3201.014107.900001", "3201014107900001"),
        ("3201-01-41-07-90-0001", "3201014107900001"),
        ("nik saya 3515094512880003 ya", "3515094512880003"),
        ("5201142902000001", "5201142902000001"),  # 29 February
        ("9601015505010001", "9601015505010001"),  # Papua Barat Daya, created 2022
    ],
)
def test_valid_nik(text: str, expected: str) -> None:
    assert parse_nik(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "320101410790001",  # 15 digits
        "32010141079000011",  # 17 digits
        "0001014107900001",  # province 00
        "2001014107900001",  # province 20 does not exist
        "9901014107900001",  # province 99 does not exist
        "3200014107900001",  # regency 00
        "3201003107900001",  # district 00
        "3201013202900001",  # 32 February
        "3201017202900001",  # 72 - 40 = 32
        "3201013513900001",  # month 13
        "3201013500900001",  # day 35 (neither a man's nor a woman's day)
        "3201014107900000",  # serial 0000
        "0812345678901234",
    ],
)
def test_invalid_nik(text: str) -> None:
    assert parse_nik(text) is None


def test_mask_identifier_keeps_only_harmless_ends() -> None:
    assert mask_identifier("A1234567") == "A1****67"
    assert mask_identifier("AB123456") == "AB****56"
    assert mask_identifier("3201014107900001") == "3201**********01"
    assert mask_identifier("abc") == "***"
    assert mask_identifier("") == ""


@settings(max_examples=200)
@given(st.text(max_size=5000))
def test_passport_parser_never_raises_and_is_idempotent(text: str) -> None:
    found = parse_passport(text)
    if found is not None:
        assert found.isalnum() and found.isascii() and found == found.upper()
        assert 7 <= len(found) <= 9
        assert parse_passport(found) == found


@settings(max_examples=200)
@given(st.text(max_size=5000))
def test_nik_parser_never_raises_and_returns_sixteen_digits(text: str) -> None:
    found = parse_nik(text)
    if found is not None:
        assert len(found) == 16 and found.isdigit() and found.isascii()
        assert parse_nik(found) == found


@settings(max_examples=200)
@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_random_sixteen_digits_are_validated_not_trusted(digits: str) -> None:
    found = parse_nik(digits)
    assert found in {None, digits}


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_mask_never_reveals_the_middle(value: str) -> None:
    masked = mask_identifier(value)
    assert len(masked) == len(value)
    if len(value) >= 6:
        assert masked.count("*") >= len(value) - 6
