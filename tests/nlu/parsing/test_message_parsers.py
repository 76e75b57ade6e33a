"""The parsers the understanding reader adds: amounts, references and PINs, cities, employers and agencies."""

from __future__ import annotations

import pytest

from nlu.entities import is_ordinary
from nlu.parsing.amounts import find_amount
from nlu.parsing.cities import find_city
from nlu.parsing.organisations import find_agency, find_employer
from nlu.parsing.references import find_pin, find_reference


@pytest.mark.parametrize(
    ("text", "country", "amount"),
    [
        ("gaji NT$ 8000 sebulan", None, "TWD 8000"),
        ("cuma dapat rm1500", None, "MYR 1500"),
        ("sudah bayar 15jt", None, "IDR 15000000"),
        ("Rp 7.500.000 ke sponsor", None, "IDR 7500000"),
        ("KRW 3.200.000 per bulan", None, "KRW 3200000"),
        ("20 ribu nt", None, "TWD 20000"),
        ("1,5 jt", None, "IDR 1500000"),
        ("gaji 8000 dollar", "TW", "TWD 8000"),
        ("gaji 800 dollar", None, "USD 800"),
    ],
)
def test_amounts(text: str, country: str | None, amount: str) -> None:
    found = find_amount(text, country)
    assert found is not None and found[2] == amount


@pytest.mark.parametrize("text", ["gaji 3 bulan tidak dibayar", "kerja 12 jam", "umur 40 tahun"])
def test_numbers_without_currency_are_not_money(text: str) -> None:
    assert find_amount(text) is None


def test_references_and_pins() -> None:
    assert find_reference("cek pmi-a3f9k2 ya")[2] == "PMI-A3F9K2"  # type: ignore[index]
    assert find_reference("PMI 4TZ7WB")[2] == "PMI-4TZ7WB"  # type: ignore[index]
    assert find_reference("saya PMI taiwan") is None
    # a reference of letters only, as copied, where the message speaks of a report or is only the reference
    assert find_reference("saya nak semak aduan PMI KHMWTR")[2] == "PMI-KHMWTR"  # type: ignore[index]
    assert find_reference("PMI KHMWTR")[2] == "PMI-KHMWTR"  # type: ignore[index]
    assert find_reference("SAYA PMI JEPANG") is None
    assert find_reference("pmi berapa gajinya") is None
    assert find_pin("pin 845308")[2] == "845308"  # type: ignore[index]
    assert find_pin("845308")[2] == "845308"  # type: ignore[index]
    assert find_pin("gaji 845308 sebulan") is None
    assert find_pin("PMI-CM4AB7 845308", with_reference=True)[2] == "845308"  # type: ignore[index]


def test_cities_with_their_country() -> None:
    assert find_city("sy di taichung") == find_city("Taichung")
    assert find_city("kerja di kl").name == "Kuala Lumpur"  # type: ignore[union-attr]
    assert find_city("kaosiung").country == "TW"  # type: ignore[union-attr]
    assert find_city("kantor di semarang").country is None  # type: ignore[union-attr]
    assert find_city("kl mau tanya") is None  # "kl" is "kalau" unless it follows "di"/"ke"
    assert find_city("kerja di hongkong") is None  # a country, never a city


def test_employers_and_agencies_in_proper_capitals() -> None:
    assert find_employer("kerja sama madam chan suka marah", is_ordinary) == "Madam Chan"
    assert find_employer("majikan Mr Lee Chong Wei baik", is_ordinary) == "Mr Lee Chong Wei"
    assert find_employer("mr wong", is_ordinary) == "Mr Wong"
    assert find_employer("tuan rumah baik", is_ordinary) is None
    assert find_agency("pt sinar jaya minta uang lagi", is_ordinary) == "PT Sinar Jaya"
    assert find_agency("lewat PT Cahaya Mandiri Abadi tahun lalu", is_ordinary) == "PT Cahaya Mandiri Abadi"
    assert find_agency("agency Harmony Manpower di taipei", is_ordinary) == "Harmony Manpower"
    assert find_agency("agen minta bayar lagi", is_ordinary) is None


def test_reference_letters_are_the_tickets_alphabet() -> None:
    from bot.tickets import REF_ALPHABET
    from nlu.parsing.references import REF_LETTERS

    assert frozenset(REF_ALPHABET) == REF_LETTERS
