"""Saraburi's amphoe, tambon and LAOs, and the ways agencies write their names."""

from __future__ import annotations

import csv
import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

import geothai
import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from thai.constants import ZERO_WIDTH

PROVINCE_CODE = "19"
PROVINCE_NAME_TH = "สระบุรี"

# One-letter slips a clerk makes: look-alike or sound-alike consonants.
_LOOKALIKES = {
    "ส": "ศ",
    "ศ": "ส",
    "ท": "ธ",
    "ธ": "ท",
    "น": "ณ",
    "ณ": "น",
    "ล": "ร",
    "ร": "ล",
    "พ": "ภ",
    "ภ": "พ",
    "ข": "ค",
    "ค": "ข",
    "ช": "ซ",
    "ซ": "ช",
    "ต": "ด",
    "ด": "ต",
    "บ": "ป",
    "ป": "บ",
}
_TONE_MARKS = "่้๊๋"
MILD_MIN_RATIO = 0.8  # the misspelling stays this close to its tambon ...
MILD_MARGIN = 0.1  # ... and this much closer than to any other tambon of the amphoe
UNMATCHABLE_MAX_RATIO = 0.5  # a badly wrong name is at most this close to any tambon

# Area text that no matcher should resolve to a tambon: placeholders and non-area text.
UNMATCHABLE_NAMES = (
    "ไม่ทราบ",
    "ตามแผนที่แนบ",
    "กรุณาระบุ",
    "ซอยสุขุมวิท 71",
    "ดูรายละเอียดในหนังสือ",
    "ริมทางรถไฟ กม.113",
)


@dataclass(frozen=True)
class Tambon:
    code: str  # 6 digits
    name_th: str
    name_en: str
    amphoe_code: str
    postal_code: str = ""


@dataclass(frozen=True)
class Amphoe:
    code: str  # 4 digits
    name_th: str
    name_en: str
    tambons: tuple[Tambon, ...]


@dataclass(frozen=True)
class Lao:
    key: str
    name_th: str
    name_en: str
    lao_type: str
    amphoe_code: str  # "" for the PAO
    coverage: tuple[str, ...]  # tambon codes; every tambon for the PAO

    @property
    def is_pao(self) -> bool:
        return self.lao_type == "provincial_administrative_organization"


@dataclass(frozen=True)
class NameVariant:
    text: str
    kind: str  # plain | prefix_short | prefix_full | extra_spaces | zero_width | lao_prefix


VARIANT_DESCRIPTIONS = {
    "prefix_short": "area names with a short prefix (ต./อ.)",
    "prefix_full": "area names with a full prefix (ตำบล/อำเภอ)",
    "extra_spaces": "area names with leading, trailing or doubled spaces",
    "zero_width": "area names with a zero-width character inside",
    "lao_prefix": "tambon written as its LAO (เทศบาลตำบล.../อบต....)",
    "misspelt_mild": "tambon names with a one-letter slip that a fuzzy match within the amphoe "
    "resolves",
    "unmatchable_area": "tambon text that matches no tambon (must be quarantined where the feed "
    "requires an area)",
}


@dataclass
class Areas:
    """The province's areas, loaded once per generation."""

    amphoes: tuple[Amphoe, ...]
    laos: tuple[Lao, ...]
    tambons: tuple[Tambon, ...] = field(init=False)
    by_code: dict[str, Tambon] = field(init=False)
    amphoe_by_code: dict[str, Amphoe] = field(init=False)
    _mild: dict[str, tuple[str, ...]] = field(init=False)
    _lao_names: dict[str, str] = field(init=False)
    _local: dict[str, tuple[Lao, ...]] = field(init=False)

    def __post_init__(self) -> None:
        self.tambons = tuple(t for a in self.amphoes for t in a.tambons)
        self.by_code = {t.code: t for t in self.tambons}
        self.amphoe_by_code = {a.code: a for a in self.amphoes}
        self._mild = {t.code: _mild_misspellings(t, self) for t in self.tambons}
        self._local = {
            t.code: tuple(lao for lao in self.laos if not lao.is_pao and t.code in lao.coverage)
            for t in self.tambons
        }
        self._lao_names = {}
        for lao in self.laos:
            for prefix, short in (("เทศบาลตำบล", "เทศบาลตำบล"), ("องค์การบริหารส่วนตำบล", "อบต.")):
                if lao.name_th.startswith(prefix):
                    bare = lao.name_th[len(prefix) :]
                    for code in lao.coverage:
                        if self.by_code[code].name_th == bare:
                            self._lao_names.setdefault(code, short + bare)

    def local_laos(self, code: str) -> tuple[Lao, ...]:
        """The municipalities and SAOs covering a tambon (none for the 12 unassigned)."""
        return self._local[code]

    def mild_misspellings(self, code: str) -> tuple[str, ...]:
        return self._mild[code]

    def unassigned_tambons(self) -> tuple[str, ...]:
        """Tambon that no municipality or SAO covers in the reference snapshot."""
        covered = {c for lao in self.laos if not lao.is_pao for c in lao.coverage}
        return tuple(t.code for t in self.tambons if t.code not in covered)

    def tambon_variants(self, code: str, *, zero_width: bool) -> tuple[NameVariant, ...]:
        """The ways a clerk writes one tambon, first the plain name."""
        name = self.by_code[code].name_th
        variants = [
            NameVariant(name, "plain"),
            NameVariant(f"ต.{name}", "prefix_short"),
            NameVariant(f"ตำบล{name}", "prefix_full"),
            NameVariant(f"ต. {name}", "prefix_short"),
            NameVariant(f" {name}  ", "extra_spaces"),
            NameVariant(f"ตำบล  {name}", "extra_spaces"),
        ]
        if zero_width:
            cut = max(1, len(name) // 2)
            variants.append(NameVariant(name[:cut] + ZERO_WIDTH[0] + name[cut:], "zero_width"))
            variants.append(NameVariant(name + ZERO_WIDTH[4], "zero_width"))
        lao_name = self._lao_names.get(code)
        if lao_name is not None:
            variants.append(NameVariant(lao_name, "lao_prefix"))
        return tuple(variants)

    def amphoe_variants(self, code: str, *, zero_width: bool) -> tuple[NameVariant, ...]:
        name = self.amphoe_by_code[code].name_th
        variants = [
            NameVariant(name, "plain"),
            NameVariant(f"อ.{name}", "prefix_short"),
            NameVariant(f"อำเภอ{name}", "prefix_full"),
            NameVariant(f"อำเภอ {name} ", "extra_spaces"),
        ]
        if zero_width:
            variants.append(NameVariant(f"อ.{name}{ZERO_WIDTH[0]}", "zero_width"))
        return tuple(variants)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _mild_misspellings(tambon: Tambon, areas: Areas) -> tuple[str, ...]:
    """One-letter slips that stay clearly closest to ``tambon`` within its amphoe."""
    name = tambon.name_th
    if len(name) < 5:
        return ()
    all_names = {t.name_th for t in areas.tambons}
    neighbours = [
        t.name_th for t in areas.amphoe_by_code[tambon.amphoe_code].tambons if t.code != tambon.code
    ]
    candidates: list[str] = []
    for i, char in enumerate(name):
        if char in _LOOKALIKES:
            candidates.append(name[:i] + _LOOKALIKES[char] + name[i + 1 :])
        elif char in _TONE_MARKS:
            candidates.append(name[:i] + name[i + 1 :])
    accepted: list[str] = []
    for candidate in dict.fromkeys(candidates):
        if candidate in all_names:
            continue
        own = _ratio(candidate, name)
        other = max((_ratio(candidate, n) for n in neighbours), default=0.0)
        if own >= MILD_MIN_RATIO and own - other >= MILD_MARGIN:
            accepted.append(candidate)
    return tuple(accepted)


def is_unmatchable(text: str, areas: Areas) -> bool:
    """True when ``text`` is far from every tambon name of the province."""
    return all(_ratio(text, t.name_th) <= UNMATCHABLE_MAX_RATIO for t in areas.tambons)


def load_areas(lao_reference: Path) -> Areas:
    """Amphoe and tambon from ``geothai``; LAOs from the reference CSV."""
    amphoes = []
    for district in sorted(geothai.districts(PROVINCE_CODE), key=lambda d: d.code):
        tambons = tuple(
            Tambon(s.code, s.name_th, s.name_en, district.code, (s.postal_codes or ("",))[0])
            for s in sorted(geothai.subdistricts(district.code), key=lambda s: s.code)
        )
        amphoes.append(Amphoe(district.code, district.name_th, district.name_en, tambons))
    all_codes = tuple(t.code for a in amphoes for t in a.tambons)
    laos = []
    with lao_reference.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            coverage_text = row["tambon_coverage"].strip()
            coverage = (
                all_codes
                if coverage_text == "all"
                else tuple(item.split(":")[0] for item in coverage_text.split(";") if item)
            )
            laos.append(
                Lao(
                    key=row["lao_key"].strip(),
                    name_th=row["lao_name_th"].strip(),
                    name_en=row["lao_name_en"].strip(),
                    lao_type=row["lao_type"].strip(),
                    amphoe_code=row["amphoe_code"].strip(),
                    coverage=coverage,
                )
            )
    return Areas(amphoes=tuple(amphoes), laos=tuple(laos))


class PointSampler:
    """Random points inside tambon polygons (COD-AB GeoJSON, ADM3_PCODE = "TH" + code)."""

    def __init__(self, geometries: dict[str, BaseGeometry]) -> None:
        self._geometries = geometries
        for geometry in geometries.values():
            shapely.prepare(geometry)

    @classmethod
    def from_geojson(cls, path: Path) -> PointSampler:
        document = json.loads(path.read_text(encoding="utf-8"))
        geometries: dict[str, BaseGeometry] = {}
        for feature in document["features"]:
            pcode = str(feature["properties"]["ADM3_PCODE"])
            geometries[pcode.removeprefix("TH")] = shape(feature["geometry"])
        return cls(geometries)

    def covers(self, code: str) -> bool:
        return code in self._geometries

    def sample(self, code: str, count: int, rng: np.random.Generator) -> list[tuple[float, float]]:
        """``count`` (lon, lat) points inside the tambon, by rejection from its bounding box."""
        geometry = self._geometries[code]
        min_x, min_y, max_x, max_y = geometry.bounds
        points: list[tuple[float, float]] = []
        while len(points) < count:
            batch = max(16, 3 * (count - len(points)))
            xs = rng.uniform(min_x, max_x, batch)
            ys = rng.uniform(min_y, max_y, batch)
            inside = shapely.contains_xy(geometry, xs, ys)
            points.extend(zip(xs[inside].tolist(), ys[inside].tolist(), strict=True))
        return points[:count]
