import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat

from nlu.parsing import parse_phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("(0812) 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("wa saya 0812 3456 7890 ya", "+6281234567890"),
        ("+886 912 345 678", "+886912345678"),
        ("+60 12-345 6789", "+60123456789"),
        ("+852 5123 4567", "+85251234567"),
        ("＋６２８１２３４５６７８９０", "+6281234567890"),
    ],
)
def test_valid_numbers_become_e164(text: str, expected: str) -> None:
    assert parse_phone(text) == expected


def test_national_numbers_follow_the_default_region() -> None:
    assert parse_phone("0912 345 678", default_region="TW") == "+886912345678"
    assert parse_phone("012-345 6789", default_region="my") == "+60123456789"


@pytest.mark.parametrize(
    "text", ["", "0812", "0800-1000", "A1234567", "1-800-FLOWERS", "hubungi saya", "12345678901234567890"]
)
def test_invalid_or_missing_numbers(text: str) -> None:
    assert parse_phone(text) is None


def test_unknown_default_region_does_not_raise() -> None:
    assert parse_phone("0812-3456-7890", default_region="XX") is None


@settings(max_examples=200)
@given(st.text(max_size=5000))
def test_never_raises_and_returns_e164(text: str) -> None:
    found = parse_phone(text)
    if found is not None:
        assert found.startswith("+") and found[1:].isdigit() and len(found) <= 16
        assert parse_phone(found) == found


REGIONS = ["ID", "MY", "SG", "TW", "HK", "SA", "AE", "KR", "JP", "QA", "KW", "BN"]  # home and destinations


def example_numbers() -> list[phonenumbers.PhoneNumber]:
    """phonenumbers' own valid example mobile and fixed-line numbers of the regions workers write from."""
    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    found = (phonenumbers.example_number_for_type(region, kind) for region in REGIONS for kind in kinds)
    return [number for number in found if number is not None]


@settings(max_examples=200)
@given(
    number=st.sampled_from(example_numbers()),
    style=st.sampled_from([PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164]),
    before=st.sampled_from(["", "wa saya ", "nomor: ", "hp "]),
    after=st.sampled_from(["", " ya", ", terima kasih", "."]),
)
def test_any_valid_number_written_internationally_comes_back_as_its_e164(
    number: phonenumbers.PhoneNumber, style: int, before: str, after: str
) -> None:
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)

    assert parse_phone(before + phonenumbers.format_number(number, style) + after) == e164


@settings(max_examples=100)
@given(number=st.sampled_from(example_numbers()))
def test_a_national_number_is_read_in_its_own_region(number: phonenumbers.PhoneNumber) -> None:
    region = phonenumbers.region_code_for_number(number)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)

    assert parse_phone(national, default_region=region) == phonenumbers.format_number(
        number, PhoneNumberFormat.E164
    )
