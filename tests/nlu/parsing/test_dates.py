from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.parsing import ParsedDate, parse_date

TODAY = date(2025, 5, 15)


def day(y: int, m: int, d: int) -> ParsedDate:
    return ParsedDate(date(y, m, d), "day")


def month(y: int, m: int, d: int = 1) -> ParsedDate:
    return ParsedDate(date(y, m, d), "month")


def year(y: int, m: int = 1, d: int = 1) -> ParsedDate:
    return ParsedDate(date(y, m, d), "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numeric, always day first
        ("12/3/2024", day(2024, 3, 12)),
        ("12-03-2024", day(2024, 3, 12)),
        ("12.3.24", day(2024, 3, 12)),
        ("3/12/2024", day(2024, 12, 3)),
        ("2024-03-12", day(2024, 3, 12)),
        ("2024/3/12", day(2024, 3, 12)),
        ("12.3.85", day(1985, 3, 12)),
        ("lahir 05-08-1990", day(1990, 8, 5)),
        ("１２/３/２０２４", day(2024, 3, 12)),
        # month names
        ("12 maret 2024", day(2024, 3, 12)),
        ("12 Mar 2024", day(2024, 3, 12)),
        ("12maret2024", day(2024, 3, 12)),
        ("tgl 17 agt 2023", day(2023, 8, 17)),
        ("17 agst 23", day(2023, 8, 17)),
        ("1 Agustus 2020", day(2020, 8, 1)),
        ("14 Feb. 2024", day(2024, 2, 14)),
        ("5 pebruari 2019", day(2019, 2, 5)),
        ("10 nopember 2022", day(2022, 11, 10)),
        ("9 Sept 2021", day(2021, 9, 9)),
        ("1-jan-2020", day(2020, 1, 1)),
        ("20 mac 2023", day(2023, 3, 20)),
        ("3 ogos 2022", day(2022, 8, 3)),
        ("25 disember 2021", day(2021, 12, 25)),
        ("March 12, 2024", day(2024, 3, 12)),
        ("12 maret", day(2025, 3, 12)),
        ("20 desember", day(2024, 12, 20)),
        ("maret 2024", month(2024, 3)),
        ("mar 24", month(2024, 3)),
        ("march 2024", month(2024, 3)),
        ("sekitar okt 2023", month(2023, 10)),
        ("Mei 2024", month(2024, 5)),
        ("may 2024", month(2024, 5)),
        ("juni", month(2024, 6)),
        ("januari", month(2025, 1)),
        ("2024", year(2024)),
        ("thn 2023", year(2023)),
        ("tahun 2019", year(2019)),
        # relative
        ("3 bulan lalu", month(2025, 2, 15)),
        ("3 bln yg lalu", month(2025, 2, 15)),
        ("3bln lalu", month(2025, 2, 15)),
        ("sebulan yg lalu", month(2025, 4, 15)),
        ("bulan lalu", month(2025, 4, 15)),
        ("bulan kemarin", month(2025, 4, 15)),
        ("last month", month(2025, 4, 15)),
        ("3 months ago", month(2025, 2, 15)),
        ("2 minggu lalu", day(2025, 5, 1)),
        ("seminggu yang lalu", day(2025, 5, 8)),
        ("5 hari yang lalu", day(2025, 5, 10)),
        ("lima hari lalu", day(2025, 5, 10)),
        ("setahun lalu", year(2024, 5, 15)),
        ("2 thn lalu", year(2023, 5, 15)),
        ("tahun lalu", year(2024, 5, 15)),
        ("a year ago", year(2024, 5, 15)),
        ("sataun kepungkur", year(2024, 5, 15)),
        ("kemarin", day(2025, 5, 14)),
        ("kemaren", day(2025, 5, 14)),
        ("kmrn", day(2025, 5, 14)),
        ("kemareeen sore", day(2025, 5, 14)),
        ("yesterday", day(2025, 5, 14)),
        ("kemarin lusa", day(2025, 5, 13)),
        ("hari ini", day(2025, 5, 15)),
        ("td pagi", day(2025, 5, 15)),
        ("tadi siang", day(2025, 5, 15)),
    ],
)
def test_understands_how_workers_write_dates(text: str, expected: ParsedDate) -> None:
    assert parse_date(text, TODAY) == expected


def test_relative_months_clamp_the_day_of_month() -> None:
    assert parse_date("1 bulan lalu", date(2025, 3, 31)) == month(2025, 2, 28)
    assert parse_date("setahun lalu", date(2024, 2, 29)) == year(2023, 2, 28)


@pytest.mark.parametrize(
    "text",
    ["31/2/2024", "29/2/2023", "32 maret 2024", "12/13/2024", "0/5/2020", "31 april 2024", "29 feb"],
)
def test_impossible_dates_are_rejected_not_reread(text: str) -> None:
    assert parse_date(text, TODAY) is None


@pytest.mark.parametrize("text", ["12/6/2025", "16 mei 2025", "juni 2025", "2026", "besok", "lusa"])
def test_future_dates_are_rejected_for_past_events(text: str) -> None:
    assert parse_date(text, TODAY) is None


def test_future_dates_are_accepted_when_allowed() -> None:
    assert parse_date("12/6/2030", TODAY, allow_future=True) == day(2030, 6, 12)
    assert parse_date("besok", TODAY, allow_future=True) == day(2025, 5, 16)
    assert parse_date("12.3.30", TODAY, allow_future=True) == day(2030, 3, 12)
    assert parse_date("12 juni", TODAY, allow_future=True) == day(2025, 6, 12)


def test_this_month_and_year_are_not_the_future() -> None:
    assert parse_date("mei 2025", TODAY) == month(2025, 5)
    assert parse_date("2025", TODAY) == year(2025)
    assert parse_date("15/5/2025", TODAY) == day(2025, 5, 15)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "gak tau", "lupa", "Rp 2.000.000", "gaji 3.5 juta", "I may go", "2 desa", "jan apik tenan",
     "1850", "12/3/1850", "999 tahun lalu"],
)  # fmt: skip
def test_no_date_is_invented(text: str) -> None:
    assert parse_date(text, TODAY) is None


@settings(max_examples=200)
@given(
    st.text(max_size=5000), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.booleans()
)
def test_never_raises_and_never_returns_the_future_unless_allowed(
    text: str, today: date, future: bool
) -> None:
    found = parse_date(text, today, allow_future=future)
    if found is not None:
        assert found.precision in {"day", "month", "year"}
        assert 1900 <= found.value.year <= 2100
        if not future:
            assert found.value <= today or found.precision != "day"
            assert found.value.year <= today.year


@settings(max_examples=200)
@given(st.dates(min_value=date(1990, 1, 1), max_value=TODAY), st.sampled_from(["/", "-", "."]))
def test_any_past_numeric_date_round_trips(value: date, sep: str) -> None:
    text = f"{value.day}{sep}{value.month}{sep}{value.year}"
    assert parse_date(text, TODAY) == ParsedDate(value, "day")


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("0123456789/-. \u200f\u202e\x00maretjunbl"), max_size=40))
def test_date_like_noise_never_raises(text: str) -> None:
    parse_date(text, TODAY)
