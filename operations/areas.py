"""Saraburi's amphoe and tambon, for pickers and validation (from ``thai.AreaMatcher``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from thai import AreaMatcher


@dataclass(frozen=True)
class Area:
    code: str
    name_th: str
    name_en: str

    @property
    def label(self) -> str:
        return f"{self.name_th} ({self.name_en})"


class AreaCatalogue:
    """Amphoe and tambon of one province, sorted by code."""

    def __init__(self, matcher: AreaMatcher) -> None:
        self._matcher = matcher
        self.amphoes: tuple[Area, ...] = tuple(
            Area(code, th, en) for code, (th, en) in sorted(matcher.amphoes.items())
        )
        self._tambons: dict[str, tuple[Area, ...]] = {}
        for code, (th, en, amphoe) in sorted(matcher.tambons.items()):
            self._tambons[amphoe] = (*self._tambons.get(amphoe, ()), Area(code, th, en))

    def tambons_of(self, amphoe_code: str) -> tuple[Area, ...]:
        return self._tambons.get(amphoe_code, ())

    def amphoe_of(self, tambon_code: str) -> str | None:
        entry = self._matcher.tambons.get(tambon_code)
        return entry[2] if entry else None

    def is_amphoe(self, code: str) -> bool:
        return code in self._matcher.amphoes

    def name(self, code: str | None) -> str:
        if code is None:
            return "-"
        if code in self._matcher.tambons:
            th, en, _ = self._matcher.tambons[code]
            return f"{th} ({en})"
        if code in self._matcher.amphoes:
            th, en = self._matcher.amphoes[code]
            return f"{th} ({en})"
        return code


@lru_cache(maxsize=1)
def saraburi_areas() -> AreaCatalogue:
    return AreaCatalogue(AreaMatcher("19"))
