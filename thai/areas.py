"""Match tambon (subdistrict) and amphoe (district) names as agencies write them to DOPA codes.

The tables are built once per matcher from ``geothai`` for one province. Matching never
guesses: an alias or an exact name wins, then the name without its area prefix, then a
fuzzy match that is clearly better than every other; anything else is "ambiguous" or
"unmatched", with the codes that came close in ``candidates`` for an analyst to review.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

import geothai

from thai.errors import NormalisationError
from thai.text import clean_text, strip_area_prefix, thai_digits_to_arabic

MatchMethod = Literal["exact", "prefix_stripped", "alias", "fuzzy", "unmatched", "ambiguous"]

FUZZY_THRESHOLD = 0.8  # lowest difflib ratio accepted as a fuzzy tambon match
# Amphoe names are few and share words ("หนอง"), so a fuzzy amphoe match must be closer.
AMPHOE_FUZZY_THRESHOLD = 0.85
FUZZY_CONFIDENCE_FACTOR = 0.9  # fuzzy confidence = ratio * this
AMBIGUITY_MARGIN = 0.02  # two candidates this close are ambiguous
NEAR_MISS_THRESHOLD = 0.6  # below FUZZY_THRESHOLD but worth showing an analyst
MAX_NEAR_MISSES = 3
PREFIX_STRIPPED_CONFIDENCE = 0.95
MAX_NAME_CHARS = 200  # no area name is this long; longer text is never fuzzy-compared
MAX_INPUT_CHARS = 1000  # longer input is unmatched at once, before cleaning
_CACHE_SIZE = 1 << 16

_MUEANG_TH = "เมือง"
_MUEANG_EN = ("mueang", "muang", "meuang")
# English level words ("Amphoe Mueang", "Tambon Tan Diao"); Thai ones are in AREA_PREFIXES.
_ENGLISH_LEVEL = re.compile(
    r"^(?:(?:king\s+)?amphoe|amphur|amphoe|tambon|khet|khwaeng|changwat|"
    r"(?:sub\s*-?\s*)?district)\b\.?\s*",
    re.IGNORECASE,
)
# Characters that do not distinguish names: spaces, dots, hyphens, apostrophes, brackets.
_NOISE = re.compile(r"[\s.\-'’()]+")


@dataclass(frozen=True)
class AreaMatch:
    """Result of matching one tambon text (and optionally its amphoe text)."""

    tambon_code: str | None  # 6 digits
    amphoe_code: str | None  # 4 digits
    method: MatchMethod
    confidence: float  # 0..1; 0 for unmatched/ambiguous
    candidates: tuple[str, ...] = ()  # tambon codes considered when ambiguous / near misses


def _key(text: str) -> str:
    """Comparison key: lower case without spaces, dots, hyphens or apostrophes."""
    return _NOISE.sub("", thai_digits_to_arabic(text)).casefold()


def _index(entries: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """key -> codes, from (key, code) pairs; a code is listed once per key."""
    index: dict[str, tuple[str, ...]] = {}
    for key, code in entries:
        if key and code not in index.get(key, ()):
            index[key] = (*index.get(key, ()), code)
    return index


def _stripped(text: str) -> str:
    """Text without its Thai area prefix or English level word."""
    thai = strip_area_prefix(text)
    english = _ENGLISH_LEVEL.sub("", thai)
    return english or thai


def _unmatched(candidates: tuple[str, ...] = ()) -> AreaMatch:
    return AreaMatch(None, None, "unmatched", 0.0, candidates)


class AreaMatcher:
    """Tambon and amphoe name matching for one province (Saraburi, "19", by default).

    ``aliases`` maps area text as written (cleaned with ``clean_text``) to a 6-digit
    tambon code; analysts maintain it for names that are neither exact nor close.
    """

    def __init__(self, province_code: str = "19", aliases: Mapping[str, str] | None = None) -> None:
        province = geothai.province(province_code)
        if province is None:
            raise NormalisationError(province_code, "ไม่พบรหัสจังหวัด", "unknown province code")
        amphoes: dict[str, tuple[str, str]] = {}
        tambons: dict[str, tuple[str, str, str]] = {}
        for district in geothai.districts(province.code):
            amphoes[district.code] = (district.name_th, district.name_en)
            for sub in geothai.subdistricts(district.code):
                tambons[sub.code] = (sub.name_th, sub.name_en, district.code)
        self._province_code = province.code
        self._amphoes: Mapping[str, tuple[str, str]] = MappingProxyType(amphoes)
        self._tambons: Mapping[str, tuple[str, str, str]] = MappingProxyType(tambons)

        # Tambon names, Thai and English, per amphoe and province-wide.
        self._tambon_keys: dict[str, tuple[str, ...]] = {
            code: tuple(dict.fromkeys(_key(name) for name in (th, en) if name))
            for code, (th, en, _) in tambons.items()
        }
        self._tambon_index = _index(
            (key, code) for code, keys in self._tambon_keys.items() for key in keys
        )

        # Amphoe names, Thai and English, plus "เมือง" / "Mueang" for the capital district.
        amphoe_entries: list[tuple[str, str]] = []
        for code, (th, en) in amphoes.items():
            amphoe_entries += [(_key(th), code), (_key(en), code)]
            if th.startswith(_MUEANG_TH):
                amphoe_entries.append((_key(_MUEANG_TH), code))
                amphoe_entries += [(word, code) for word in _MUEANG_EN]
                rest = _key(en)[len("mueang") :] if _key(en).startswith("mueang") else ""
                amphoe_entries += [(word + rest, code) for word in _MUEANG_EN if rest]
        self._amphoe_index = _index(amphoe_entries)

        self._aliases: dict[str, str] = {}
        for text, code in (aliases or {}).items():
            cleaned = clean_text(text)
            if cleaned is None or code not in tambons:
                raise NormalisationError(
                    f"{text!r} -> {code!r}",
                    "นามแฝงต้องมีข้อความและรหัสตำบลในจังหวัด",
                    "an alias needs text and a tambon code of this province",
                )
            self._aliases[_key(cleaned)] = code

        # Per-instance caches: a module-level lru_cache on a method would keep every matcher alive.
        self._match_cached: Callable[[str | None, str | None], AreaMatch] = lru_cache(
            maxsize=_CACHE_SIZE
        )(self._match_uncached)
        self._amphoe_cached: Callable[[str | None], str | None] = lru_cache(maxsize=_CACHE_SIZE)(
            self._match_amphoe_uncached
        )

    @property
    def province_code(self) -> str:
        return self._province_code

    @property
    def tambons(self) -> Mapping[str, tuple[str, str, str]]:
        """Tambon code -> (name_th, name_en, amphoe_code)."""
        return self._tambons

    @property
    def amphoes(self) -> Mapping[str, tuple[str, str]]:
        """Amphoe code -> (name_th, name_en)."""
        return self._amphoes

    # ----------------------------------------------------------------------------- amphoe

    def match_amphoe(self, amphoe_text: str | None) -> str | None:
        """4-digit amphoe code for "อ.เมือง", "อำเภอแก่งคอย", "Kaeng Khoi", ...; None if unclear."""
        if _too_long(amphoe_text):
            return None
        return self._amphoe_cached(clean_text(amphoe_text))

    def _match_amphoe_uncached(self, text: str | None) -> str | None:
        if text is None:
            return None
        for key in dict.fromkeys((_key(text), _key(_stripped(text)))):
            codes = self._amphoe_index.get(key, ())
            if len(codes) == 1:
                return codes[0]
        scores = _best_scores(
            _key(_stripped(text)),
            ((code, (key,)) for key, codes in self._amphoe_index.items() for code in codes),
        )
        if not scores or scores[0][1] < AMPHOE_FUZZY_THRESHOLD:
            return None
        if len(scores) > 1 and scores[1][1] >= scores[0][1] - AMBIGUITY_MARGIN:
            return None
        return scores[0][0]

    # ----------------------------------------------------------------------------- tambon

    def match(self, tambon_text: str | None, amphoe_text: str | None = None) -> AreaMatch:
        """Match a tambon name, within its amphoe when ``amphoe_text`` resolves."""
        if _too_long(tambon_text, amphoe_text):
            return _unmatched()
        return self._match_cached(clean_text(tambon_text), clean_text(amphoe_text))

    def _match_uncached(self, tambon_text: str | None, amphoe_text: str | None) -> AreaMatch:
        if tambon_text is None:
            return _unmatched()
        key = _key(tambon_text)
        alias = self._aliases.get(key)
        if alias is not None:
            return self._found(alias, "alias", 1.0)

        amphoe_code = self.match_amphoe(amphoe_text)
        in_scope: Callable[[str], bool] = (
            (lambda code: True)
            if amphoe_code is None
            else (lambda code: self._tambons[code][2] == amphoe_code)
        )
        stripped_key = _key(_stripped(tambon_text))
        attempts: list[tuple[str, MatchMethod, float]] = [(key, "exact", 1.0)]
        if stripped_key != key:
            attempts.append((stripped_key, "prefix_stripped", PREFIX_STRIPPED_CONFIDENCE))
        outside: list[str] = []  # exact names in another amphoe than the one given
        for attempt_key, method, confidence in attempts:
            codes = self._tambon_index.get(attempt_key, ())
            inside = tuple(code for code in codes if in_scope(code))
            if len(inside) == 1:
                return self._found(inside[0], method, confidence)
            if len(inside) > 1:
                return AreaMatch(None, None, "ambiguous", 0.0, tuple(sorted(inside)))
            outside += codes

        if len(stripped_key) > MAX_NAME_CHARS or not stripped_key:
            return _unmatched(tuple(dict.fromkeys(outside)))
        scores = _best_scores(
            stripped_key,
            ((code, keys) for code, keys in self._tambon_keys.items() if in_scope(code)),
        )
        if scores and scores[0][1] >= FUZZY_THRESHOLD:
            best_code, best = scores[0]
            close = [code for code, score in scores if score >= best - AMBIGUITY_MARGIN]
            if len(close) > 1:
                return AreaMatch(None, None, "ambiguous", 0.0, tuple(close))
            return self._found(best_code, "fuzzy", round(best * FUZZY_CONFIDENCE_FACTOR, 4))

        # Unmatched: show exact names in other amphoe first, then the closest names anywhere.
        if amphoe_code is not None:
            scores = _best_scores(stripped_key, self._tambon_keys.items())
        near = [code for code, score in scores if score >= NEAR_MISS_THRESHOLD]
        return _unmatched(tuple(dict.fromkeys([*outside, *near]))[:MAX_NEAR_MISSES])

    def _found(self, code: str, method: MatchMethod, confidence: float) -> AreaMatch:
        return AreaMatch(code, self._tambons[code][2], method, confidence)


def _too_long(*texts: str | None) -> bool:
    """Text far longer than any name (a hostile cell) is unmatched without being compared."""
    return any(text is not None and len(text) > MAX_INPUT_CHARS for text in texts)


def _best_scores(key: str, entries: Iterable[tuple[str, Iterable[str]]]) -> list[tuple[str, float]]:
    """(code, best ratio over that code's keys), best first, ties by code."""
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(key)
    best: dict[str, float] = {}
    for code, keys in entries:
        for candidate in keys:
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() < NEAR_MISS_THRESHOLD:
                continue
            if matcher.quick_ratio() < NEAR_MISS_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio > best.get(code, 0.0):
                best[code] = ratio
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))
