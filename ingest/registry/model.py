"""What a feed entry may say. Validation errors name the entry and the field."""

from __future__ import annotations

import re
from enum import StrEnum
from fnmatch import fnmatch
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


class ColumnType(StrEnum):
    """How a raw cell becomes a typed value (see ``thai`` for the rules)."""

    TEXT = "text"  # cleaned text: zero-width characters removed, spaces collapsed
    CODE = "code"  # digits kept as a string (leading zeros matter), Thai digits converted
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"  # Buddhist-Era or CE dates in the shapes agencies use
    DATETIME = "datetime"  # a date with an optional time of day, local Bangkok time


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnSpec(_Strict):
    """One canonical column and the header texts that may carry it."""

    headers: list[str] = Field(min_length=1)
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    missing: list[str] = Field(default_factory=list)
    description: str = ""


class FilenameField(_Strict):
    """A value taken from the file name by a regular expression with one group."""

    pattern: str
    type: Literal["text", "code", "integer", "be_year_month"] = "text"

    @field_validator("pattern")
    @classmethod
    def _one_group(cls, value: str) -> str:
        if re.compile(value).groups != 1:
            raise ValueError("the pattern must have exactly one capture group")
        return value


class HeaderSpec(_Strict):
    """The header is the first row (within ``scan_rows``) holding a cell equal to ``match``."""

    match: str
    rows: int = Field(default=1, ge=1, le=2)
    scan_rows: int = Field(default=12, ge=1, le=100)


class RowRule(_Strict):
    """A rule on one canonical column's text, used for skipped rows and section rows."""

    column: str
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class SectionSpec(RowRule):
    """Rows whose ``column`` matches ``pattern`` are headings; their text fills ``into`` below."""

    into: str


class AreaSpec(_Strict):
    """Resolve area text to DOPA codes; adds tambon_code, amphoe_code and match columns."""

    tambon: str
    amphoe: str | None = None
    required: bool = True


class FeedSpec(_Strict):
    """One agency feed: how its files look and how they map to a raw table."""

    name: str
    title_th: str
    title_en: str
    owner: str
    description: str
    grain: str
    file_pattern: str
    format: Literal["csv", "xlsx"]
    encoding: Literal["auto", "utf-8", "cp874"] = "auto"
    delimiter: str = ","
    sheet: str | int = 0
    cadence_days: int = Field(ge=1, description="how often a new file is expected")
    header: HeaderSpec
    columns: dict[str, ColumnSpec]
    filename_fields: dict[str, FilenameField] = Field(default_factory=dict)
    skip_rows: list[RowRule] = Field(default_factory=list)
    sections: list[SectionSpec] = Field(default_factory=list)
    area: AreaSpec | None = None

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not IDENTIFIER.match(value):
            raise ValueError("must be lowercase letters, digits and underscores")
        return value

    @model_validator(mode="after")
    def _names_refer_to_columns(self) -> FeedSpec:
        names = list(self.columns) + list(self.filename_fields)
        for name in names:
            if not IDENTIFIER.match(name):
                raise ValueError(f"column name {name!r} must be lowercase letters, digits, _")
        for rule in [*self.skip_rows, *self.sections]:
            if rule.column not in self.columns:
                raise ValueError(f"row rule refers to unknown column {rule.column!r}")
        for section in self.sections:
            if section.into in names or not IDENTIFIER.match(section.into):
                raise ValueError(f"section column {section.into!r} clashes or is not a name")
        if self.area is not None:
            for column in (self.area.tambon, self.area.amphoe):
                if column is not None and column not in self.columns:
                    raise ValueError(f"area refers to unknown column {column!r}")
        return self

    def matches(self, file_name: str) -> bool:
        return fnmatch(file_name, self.file_pattern)

    @property
    def raw_table(self) -> str:
        return self.name
