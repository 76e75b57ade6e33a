"""Pure parsers for what people type into the intake forms: dates, countries, identity numbers, phones.

Every parser takes a string and returns a normalised value or None; none raises, reads the clock or does I/O.
"""

from nlu.parsing.countries import country_name, parse_country
from nlu.parsing.dates import ParsedDate, parse_date
from nlu.parsing.identity import (
    find_niks,
    find_passports,
    mask_identifier,
    nik_problem,
    parse_nik,
    parse_passport,
)
from nlu.parsing.phones import parse_phone

__all__ = [
    "ParsedDate",
    "country_name",
    "find_niks",
    "find_passports",
    "mask_identifier",
    "nik_problem",
    "parse_country",
    "parse_date",
    "parse_nik",
    "parse_passport",
    "parse_phone",
]
