"""Thai normalisation: digits, text, Buddhist-Era dates, fiscal years, numbers and area names."""

from thai.areas import AreaMatch, AreaMatcher
from thai.dates import (
    DateStyle,
    format_thai_date,
    parse_be_year_month,
    parse_date,
    parse_datetime,
    to_buddhist_year,
    to_ce_year,
)
from thai.errors import NormalisationError
from thai.fiscal import fiscal_quarter, fiscal_year, fiscal_year_bounds
from thai.numbers import parse_code, parse_integer, parse_number
from thai.text import (
    arabic_digits_to_thai,
    clean_text,
    strip_area_prefix,
    thai_digits_to_arabic,
)

__all__ = [
    "AreaMatch",
    "AreaMatcher",
    "DateStyle",
    "NormalisationError",
    "arabic_digits_to_thai",
    "clean_text",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_thai_date",
    "parse_be_year_month",
    "parse_code",
    "parse_date",
    "parse_datetime",
    "parse_integer",
    "parse_number",
    "strip_area_prefix",
    "thai_digits_to_arabic",
    "to_buddhist_year",
    "to_ce_year",
]
