"""Shared state of one generation: seeded randomness, areas, paths and row planning."""

from __future__ import annotations

import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sample_data.areas import VARIANT_DESCRIPTIONS, Areas, NameVariant, PointSampler
from sample_data.summary import FeedLog, FileRecord

Progress = Callable[[str, int, int], None]

TAMBON_MIX = {
    "plain": 0.58,
    "prefix_short": 0.14,
    "prefix_full": 0.1,
    "extra_spaces": 0.06,
    "zero_width": 0.04,
    "lao_prefix": 0.08,
}
AMPHOE_MIX = {
    "plain": 0.55,
    "prefix_short": 0.2,
    "prefix_full": 0.15,
    "extra_spaces": 0.06,
    "zero_width": 0.04,
}


@dataclass
class SampleContext:
    out_dir: Path
    scale: float
    seed: int
    years: list[int]
    volume: float  # per-year volume relative to a realistic year
    areas: Areas
    sampler: PointSampler | None
    progress: Progress | None = None
    weights: dict[str, float] = field(default_factory=dict)  # tambon share of the population
    deprivation: dict[str, float] = field(default_factory=dict)  # 0 (well off) .. 1 (poor)

    def __post_init__(self) -> None:
        rng = self.np_rng("areas")
        urban = {
            code: {"town_municipality": 3.0, "subdistrict_municipality": 1.5}.get(lao.lao_type, 1.0)
            for lao in self.areas.laos
            if not lao.is_pao
            for code in lao.coverage
        }
        raw = {
            t.code: float(rng.lognormal(0.0, 0.45)) * urban.get(t.code, 1.0)
            for t in self.areas.tambons
        }
        total = sum(raw.values())
        self.weights = {code: value / total for code, value in raw.items()}
        self.deprivation = {
            t.code: float(np.clip(rng.beta(2.0, 3.0) / urban.get(t.code, 1.0) ** 0.5, 0.0, 1.0))
            for t in self.areas.tambons
        }

    def rng(self, *parts: object) -> random.Random:
        """A generator for one purpose, independent of every other purpose's draws."""
        return random.Random(":".join(map(str, (self.seed, *parts))))  # noqa: S311 - sample data

    def np_rng(self, *parts: object) -> np.random.Generator:
        key = zlib.crc32(":".join(map(str, parts)).encode("utf-8"))
        return np.random.default_rng([self.seed, key])

    def path(self, record: FileRecord) -> Path:
        path = self.out_dir / record.delivery / record.name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def report(self, feed: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(feed, done, total)

    def count(self, per_year: float, floor: int) -> int:
        """A yearly volume at this scale, never below ``floor``."""
        return max(floor, round(per_year * self.volume))


def assign_tambons(
    count: int, codes: Sequence[str], weights: dict[str, float], rng: random.Random
) -> tuple[list[str], list[bool]]:
    """``count`` rows' tambon: each of ``codes`` once (protected), the rest by weight, shuffled.

    Protected rows keep their area clean, so every tambon lands at least once.
    """
    count = max(count, len(codes))
    extra = rng.choices(list(codes), weights=[weights[c] for c in codes], k=count - len(codes))
    rows = [(code, True) for code in codes] + [(code, False) for code in extra]
    rng.shuffle(rows)
    return [code for code, _ in rows], [flag for _, flag in rows]


def pick_special(
    rng: random.Random,
    protected: Sequence[bool],
    kinds: dict[str, int],
    eligible: Callable[[int, str], bool] | None = None,
) -> dict[int, str]:
    """Distinct unprotected row indices for each kind of special row (bad value, misspelling)."""
    free = [i for i, flag in enumerate(protected) if not flag]
    rng.shuffle(free)
    chosen: dict[int, str] = {}
    for kind, wanted in kinds.items():
        taken = 0
        for index in free:
            if taken == wanted:
                break
            if index in chosen or (eligible is not None and not eligible(index, kind)):
                continue
            chosen[index] = kind
            taken += 1
    return chosen


def pick_register_specials(
    rng: random.Random,
    protected: Sequence[bool],
    codes: Sequence[str],
    names: AreaNames,
    *,
    unmatchable: int,
    mild_share: float,
) -> dict[int, str]:
    """The special rows every case register gets: one impossible date, one missing required
    value, ``unmatchable`` badly wrong area names and a share of one-letter slips."""
    kinds = {
        "impossible_date": 1,
        "missing_required": 1,
        "unmatchable_area": unmatchable,
        "misspelt": max(1, round(len(codes) * mild_share)),
    }
    return pick_special(rng, protected, kinds, misspellable(codes, names))


def misspellable(codes: Sequence[str], names: AreaNames) -> Callable[[int, str], bool]:
    """For :func:`pick_special`: a "misspelt" row needs a tambon with a known slip."""

    def eligible(index: int, kind: str) -> bool:
        return kind != "misspelt" or names.can_misspell(codes[index])

    return eligible


class AreaNames:
    """Writes tambon/amphoe names the way clerks do and counts each variant per file."""

    def __init__(self, areas: Areas, rng: random.Random, *, zero_width: bool) -> None:
        self._areas = areas
        self._rng = rng
        self._zero_width = zero_width
        self._tambon: dict[str, tuple[list[NameVariant], list[float]]] = {}
        self._amphoe: dict[str, tuple[list[NameVariant], list[float]]] = {}
        self.counts: Counter[str] = Counter()
        self.misspellings: dict[str, str] = {}  # text -> tambon code

    @staticmethod
    def _table(
        variants: Sequence[NameVariant], mix: dict[str, float]
    ) -> tuple[list[NameVariant], list[float]]:
        per_kind = Counter(v.kind for v in variants)
        cumulative: list[float] = []
        total = 0.0
        for variant in variants:
            total += mix.get(variant.kind, 0.0) / per_kind[variant.kind]
            cumulative.append(total)
        return list(variants), cumulative

    def tambon(self, code: str) -> str:
        table = self._tambon.get(code)
        if table is None:
            variants = self._areas.tambon_variants(code, zero_width=self._zero_width)
            table = self._tambon[code] = self._table(variants, TAMBON_MIX)
        variant = self._rng.choices(table[0], cum_weights=table[1])[0]
        self.counts[variant.kind] += 1
        return variant.text

    def amphoe(self, code: str) -> str:
        table = self._amphoe.get(code)
        if table is None:
            variants = self._areas.amphoe_variants(code, zero_width=self._zero_width)
            table = self._amphoe[code] = self._table(variants, AMPHOE_MIX)
        variant = self._rng.choices(table[0], cum_weights=table[1])[0]
        self.counts[variant.kind] += 1
        return variant.text

    def tambon_many(self, code: str, count: int, rng: np.random.Generator) -> list[str]:
        """``count`` spellings of one tambon at once (for large files)."""
        table = self._tambon.get(code)
        if table is None:
            variants = self._areas.tambon_variants(code, zero_width=self._zero_width)
            table = self._tambon[code] = self._table(variants, TAMBON_MIX)
        texts, indices = choose_many([v.text for v in table[0]], table[1], count, rng)
        for index, n in enumerate(np.bincount(indices, minlength=len(table[0])).tolist()):
            self.counts[table[0][index].kind] += n
        return texts

    def amphoe_many(self, code: str, count: int, rng: np.random.Generator) -> list[str]:
        table = self._amphoe.get(code)
        if table is None:
            variants = self._areas.amphoe_variants(code, zero_width=self._zero_width)
            table = self._amphoe[code] = self._table(variants, AMPHOE_MIX)
        texts, indices = choose_many([v.text for v in table[0]], table[1], count, rng)
        for index, n in enumerate(np.bincount(indices, minlength=len(table[0])).tolist()):
            self.counts[table[0][index].kind] += n
        return texts

    def misspelt(self, code: str) -> str:
        text = self._rng.choice(self._areas.mild_misspellings(code))
        self.counts["misspelt_mild"] += 1
        self.misspellings[text] = code
        return text

    def can_misspell(self, code: str) -> bool:
        return bool(self._areas.mild_misspellings(code))

    def flush(self, log: FeedLog, file: str) -> None:
        """Record this file's variant counts as quirks and start counting afresh."""
        for kind, count in sorted(self.counts.items()):
            if kind in VARIANT_DESCRIPTIONS:
                log.quirk(kind, VARIANT_DESCRIPTIONS[kind], count, file)
        self.counts.clear()


def choose_many(
    texts: Sequence[str], cumulative: Sequence[float], count: int, rng: np.random.Generator
) -> tuple[list[str], np.ndarray]:
    """``count`` texts drawn by cumulative weights; also the index drawn for each."""
    draws = rng.random(count) * cumulative[-1]
    indices = np.searchsorted(np.asarray(cumulative), draws, side="right")
    indices = np.minimum(indices, len(texts) - 1)
    table = np.asarray(texts, dtype=object)
    return list(table[indices]), indices
