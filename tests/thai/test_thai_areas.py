"""Tambon / amphoe names to DOPA codes for Saraburi (13 amphoe, 111 tambon)."""

from __future__ import annotations

import pytest

from thai import AreaMatch, AreaMatcher, NormalisationError


@pytest.fixture(scope="module")
def matcher() -> AreaMatcher:
    return AreaMatcher()


def test_tables_cover_saraburi(matcher: AreaMatcher) -> None:
    # GIVEN the default matcher WHEN its tables are read
    # THEN they hold Saraburi's 13 amphoe and 111 tambon, each tambon under a known amphoe
    assert len(matcher.amphoes) == 13
    assert len(matcher.tambons) == 111
    assert matcher.amphoes["1901"] == ("เมืองสระบุรี", "Mueang Saraburi")
    assert matcher.tambons["190203"] == ("ตาลเดี่ยว", "Tan Diao", "1902")
    assert all(amphoe in matcher.amphoes for _, _, amphoe in matcher.tambons.values())
    assert all(len(code) == 6 and code.startswith("19") for code in matcher.tambons)


def test_tables_are_read_only(matcher: AreaMatcher) -> None:
    # GIVEN the tables WHEN someone tries to change them THEN it fails
    with pytest.raises(TypeError):
        matcher.tambons["999999"] = ("x", "x", "1901")  # type: ignore[index]


@pytest.mark.parametrize(
    ("tambon", "amphoe", "code", "method", "confidence"),
    [
        ("ตาลเดี่ยว", "แก่งคอย", "190203", "exact", 1.0),
        ("ตาลเดี่ยว", None, "190203", "exact", 1.0),  # unique province-wide
        ("ปากเพรียว", None, "190101", "exact", 1.0),
        ("ปากเพรียว", "อ.เมือง", "190101", "exact", 1.0),
        ("Tan Diao", None, "190203", "exact", 1.0),  # English name
        ("tan-diao", None, "190203", "exact", 1.0),
        ("Tambon Tan Diao", "Kaeng Khoi", "190203", "prefix_stripped", 0.95),
        (" ตาล เดี่ยว\u200b", None, "190203", "exact", 1.0),  # spaces / zero-width ignored
        ("หนองโน", "เมืองสระบุรี", "190108", "exact", 1.0),
        ("แก่งคอย", "แก่งคอย", "190201", "exact", 1.0),  # tambon named like its amphoe
        ("ต.ตาลเดี่ยว", "อ.แก่งคอย", "190203", "prefix_stripped", 0.95),
        ("ตำบล ตาลเดี่ยว", None, "190203", "prefix_stripped", 0.95),
        ("ตำบลตาลเดี่ยว", "อำเภอแก่งคอย", "190203", "prefix_stripped", 0.95),
        ("เทศบาลตำบลตาลเดี่ยว", None, "190203", "prefix_stripped", 0.95),
        ("อบต.ตาลเดี่ยว", None, "190203", "prefix_stripped", 0.95),
        ("องค์การบริหารส่วนตำบลตาลเดี่ยว", "แก่งคอย", "190203", "prefix_stripped", 0.95),
    ],
)
def test_exact_and_prefixed_names(
    matcher: AreaMatcher,
    tambon: str,
    amphoe: str | None,
    code: str,
    method: str,
    confidence: float,
) -> None:
    # GIVEN a real Saraburi tambon written with or without its type prefix
    # WHEN matched THEN the DOPA code, its amphoe and the method are reported
    result = matcher.match(tambon, amphoe)
    assert result == AreaMatch(code, code[:4], method, confidence)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("tambon", "amphoe", "code"),
    [
        ("ตาลเดียว", None, "190203"),  # tone mark dropped
        ("ตาลเดียว", "อ.แก่งคอย", "190203"),
        ("ต.ตาลเดียว", "แก่งคอย", "190203"),
        ("ปากเพรียง", None, "190101"),
        ("หนองปลาไหน", "เมือง", "190111"),
    ],
)
def test_misspelt_names_match_fuzzily(
    matcher: AreaMatcher, tambon: str, amphoe: str | None, code: str
) -> None:
    # GIVEN a small misspelling of a real tambon
    # WHEN matched THEN it is a fuzzy match with confidence below 0.9 but above 0.72
    result = matcher.match(tambon, amphoe)
    assert (result.tambon_code, result.amphoe_code, result.method) == (code, code[:4], "fuzzy")
    assert 0.72 <= result.confidence < 0.9


def test_fuzzy_within_amphoe_ignores_names_elsewhere(matcher: AreaMatcher) -> None:
    # GIVEN "หนองแข", close to both หนองแขม and หนองแค in อ.หนองแค
    # WHEN matched inside อ.วิหารแดง, which has neither
    result = matcher.match("หนองแข", "วิหารแดง")
    # THEN nothing is guessed
    assert result.method == "unmatched" and result.tambon_code is None


def test_two_equally_close_names_are_ambiguous(matcher: AreaMatcher) -> None:
    # GIVEN "หนองแต", one letter from both หนองแค (1903) and หนองแก (1909)
    result = matcher.match("หนองแต")
    # WHEN matched province-wide THEN it is ambiguous with both candidates, confidence 0
    assert result.method == "ambiguous"
    assert result.tambon_code is None and result.confidence == 0.0
    assert set(result.candidates) == {"190301", "190909"}
    # AND the amphoe resolves it
    assert matcher.match("หนองแต", "หนองแค").tambon_code == "190301"


def test_duplicate_tambon_name_without_amphoe_is_ambiguous() -> None:
    # GIVEN Nonthaburi, where "บ้านใหม่" is a tambon in two amphoe
    nonthaburi = AreaMatcher("12")
    # WHEN matched without an amphoe THEN it is ambiguous, listing both
    result = nonthaburi.match("บ้านใหม่")
    assert result.method == "ambiguous" and result.confidence == 0.0
    assert len(result.candidates) == 2
    # AND with the amphoe it is exact
    resolved = nonthaburi.match("ต.บ้านใหม่", "อ.ปากเกร็ด")
    assert resolved.method == "prefix_stripped"
    assert resolved.tambon_code in result.candidates and resolved.amphoe_code == "1206"


@pytest.mark.parametrize(
    ("tambon", "amphoe", "near_miss"),
    [
        ("ตาลเดี่ยว", "อ.เมือง", "190203"),  # exists, but in another amphoe: not guessed
        ("ตาล", None, "191006"),  # too short to be sure of ต้นตาล
        ("กรุงเทพ", None, None),
        ("xyz", None, None),
        ("12345", None, None),
        ("ตาลเดี่ยว อ.แก่งคอย จ.สระบุรี", None, None),  # whole address in one cell
    ],
)
def test_unmatched_names_list_near_misses(
    matcher: AreaMatcher, tambon: str, amphoe: str | None, near_miss: str | None
) -> None:
    # GIVEN text that is not a tambon of the amphoe WHEN matched
    result = matcher.match(tambon, amphoe)
    # THEN it is unmatched with confidence 0, and a near miss (if any) is offered for review
    assert (result.tambon_code, result.amphoe_code, result.method) == (None, None, "unmatched")
    assert result.confidence == 0.0
    if near_miss is not None:
        assert near_miss in result.candidates


@pytest.mark.parametrize(
    "tambon", [None, "", "   ", "\u200b", "\u200b\ufeff", "x" * 1_000_000, "ต." * 600_000]
)
def test_blank_and_hostile_text_is_unmatched(matcher: AreaMatcher, tambon: str | None) -> None:
    # GIVEN nothing, invisible characters or a 1 MB cell WHEN matched
    # THEN it is unmatched immediately, without error
    assert matcher.match(tambon, "แก่งคอย") == AreaMatch(None, None, "unmatched", 0.0)
    assert matcher.match_amphoe(tambon) is None


def test_aliases_win_over_everything() -> None:
    # GIVEN an analyst alias for a LAO name that no rule would match
    aliases = {"ทต.  ตาลเดี่ยว (เขตเทศบาล)": "190203", "ชุมชนหน้าพระลาน": "191306"}
    with_aliases = AreaMatcher(aliases=aliases)
    # WHEN matched, spaced differently or with zero-width characters, THEN the alias is used
    assert with_aliases.match("ทต. ตาลเดี่ยว (เขตเทศบาล)") == AreaMatch(
        "190203", "1902", "alias", 1.0
    )
    assert with_aliases.match("\u200bชุมชนหน้าพระลาน", "อ.เมือง").tambon_code == "191306"


@pytest.mark.parametrize("aliases", [{"": "190203"}, {"ตาลเดี่ยว": "999999"}, {"x": "100101"}])
def test_bad_aliases_fail_loudly(aliases: dict[str, str]) -> None:
    # GIVEN an alias with no text or a code outside the province
    # WHEN the matcher is built THEN it raises rather than mapping to a wrong area
    with pytest.raises(NormalisationError):
        AreaMatcher(aliases=aliases)


def test_unknown_province_fails() -> None:
    # GIVEN a province code that does not exist WHEN a matcher is built THEN it raises
    with pytest.raises(NormalisationError):
        AreaMatcher("00")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("อ.เมือง", "1901"),
        ("เมือง", "1901"),
        ("อำเภอเมืองสระบุรี", "1901"),
        ("เมืองสระบุรี", "1901"),
        ("อ. เมือง สระบุรี", "1901"),
        ("\u200bอ.เมือง\u200b", "1901"),
        ("Mueang Saraburi", "1901"),
        ("Amphoe Mueang", "1901"),
        ("อ.แก่งคอย", "1902"),
        ("อำเภอ แก่งคอย", "1902"),
        ("แก่งคอบ", "1902"),  # misspelt
        ("อำเภอเมอง", "1901"),  # misspelt
        ("วิหารแดน", "1904"),
        ("เฉลิมพระเกียรติ", "1913"),
        ("Kaeng Khoi", "1902"),
        ("Amphoe Kaeng Khoi", "1902"),
    ],
)
def test_match_amphoe(matcher: AreaMatcher, text: str, code: str) -> None:
    # GIVEN an amphoe written in any common way WHEN matched THEN its 4-digit code
    assert matcher.match_amphoe(text) == code


@pytest.mark.parametrize("text", [None, "", " ", "\u200b", "หนอง", "จ.สระบุรี", "บางรัก", "garbage"])
def test_match_amphoe_never_guesses(matcher: AreaMatcher, text: str | None) -> None:
    # GIVEN blank, partial ("หนอง" starts three amphoe) or foreign text
    # WHEN matched THEN no amphoe is returned
    assert matcher.match_amphoe(text) is None


def test_unresolved_amphoe_falls_back_to_province(matcher: AreaMatcher) -> None:
    # GIVEN an amphoe text that resolves to nothing WHEN a unique tambon is matched
    # THEN the tambon is found province-wide
    assert matcher.match("ตาลเดี่ยว", "ไม่ทราบ").tambon_code == "190203"


def test_results_are_cached(matcher: AreaMatcher) -> None:
    # GIVEN a match already made WHEN the same texts are matched again
    first = matcher.match("ตาลเดียว", "แก่งคอย")
    # THEN the identical result object is returned from the cache
    assert matcher.match("ตาลเดียว", "แก่งคอย") is first
