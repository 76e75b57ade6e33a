"""Pure parsers for what people type into the intake forms: dates, countries, identity numbers, phones.

Every parser takes a string and returns a normalised value or None; none raises, reads the clock or does I/O.
"""

from bot.parsing.countries import country_name, parse_country
from bot.parsing.dates import ParsedDate, parse_date
from bot.parsing.identity import find_niks, find_passports, mask_identifier, parse_nik, parse_passport
from bot.parsing.phones import parse_phone

__all__ = [
    "ParsedDate",
    "country_name",
    "find_niks",
    "find_passports",
    "mask_identifier",
    "parse_country",
    "parse_date",
    "parse_nik",
    "parse_passport",
    "parse_phone",
]
