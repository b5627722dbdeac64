"""Typed records for the canonical files in data/ (see data/README.md for their columns).

Each model's field names are the file's column names, so a validation error points at a column.
Multi-valued columns use ``|``; empty cells become None or [].
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from oceanbrain.ingest.values import (
    ValueProblem,
    parse_date,
    parse_money,
    parse_uscc,
    split_multi,
)


def _problem(exc: ValueProblem) -> PydanticCustomError:
    return PydanticCustomError("value_problem", exc.en, {"zh": exc.zh})


def _multi(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return split_multi(value)


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


def _yes(value: Any) -> bool | None:
    text = str(value or "").strip()
    if not text:
        return None
    if text in {"是", "yes", "true", "1", "Y", "y"}:
        return True
    if text in {"否", "no", "false", "0", "N", "n"}:
        return False
    raise PydanticCustomError("value_problem", "expected 是/否 (yes/no)", {"zh": "应为“是”或“否”"})


def _date(value: Any) -> str | None:
    try:
        return parse_date(str(value or ""))
    except ValueProblem as exc:
        raise _problem(exc) from None


Multi = Annotated[list[str], BeforeValidator(_multi)]
Text = Annotated[str | None, BeforeValidator(_blank_to_none)]
Flag = Annotated[bool | None, BeforeValidator(_yes)]
Date = Annotated[str | None, BeforeValidator(_date)]
OptionalFloat = Annotated[float | None, BeforeValidator(_blank_to_none)]
OptionalInt = Annotated[int | None, BeforeValidator(_blank_to_none)]


class Sourced(BaseModel):
    """Columns every real record carries: where the fact was published."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    source_url: Multi
    source_date: Date = None
    source_title: Text = None
    notes: Text = None

    @field_validator("source_url")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        if not urls:
            raise PydanticCustomError(
                "value_problem", "source_url is required", {"zh": "缺少来源网址 source_url"}
            )
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise PydanticCustomError(
                    "value_problem",
                    f"source_url must start with http:// or https://, got {url!r}",
                    {"zh": f"来源网址须以 http:// 或 https:// 开头：{url!r}"},
                )
        return urls


class ParkRecord(Sourced):
    name: str
    name_en: Text = None
    aliases: Multi = []
    district: Text = None
    kind: Text = None
    focus_chains: Multi = []
    area_km2: OptionalFloat = None


class InstitutionRecord(Sourced):
    name: str
    name_en: Text = None
    aliases: Multi = []
    kind: Text = None
    district: Text = None
    park: Text = None
    fields: Multi = []
    segments: Multi = []


class FirmRecord(Sourced):
    name: str
    short_name: Text = None
    aliases: Multi = []
    uscc: Text = None
    province: Text = None
    city: Text = None
    district: Text = None
    park: Text = None
    segments: Multi = []
    role: Text = None
    high_tech: Flag = None
    specialised: Flag = None
    founded: Date = None
    registered_capital: Text = None
    insured_employees: OptionalInt = None
    synthetic: Flag = None

    @field_validator("uscc")
    @classmethod
    def _uscc(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return parse_uscc(value)
        except ValueProblem as exc:
            raise _problem(exc) from None

    @field_validator("registered_capital")
    @classmethod
    def _capital(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_money(value)
            except ValueProblem as exc:
                raise _problem(exc) from None
        return value


class ProjectRecord(Sourced):
    name: str
    investor: Multi = []
    park: Text = None
    district: Text = None
    amount_text: Text = None
    amount_cny: OptionalFloat = None
    status: Text = None
    signed_date: Date = None
    segments: Multi = []

    @field_validator("status")
    @classmethod
    def _status(cls, value: str | None) -> str | None:
        if value is not None and value not in PROJECT_STATUSES:
            raise PydanticCustomError(
                "value_problem",
                f"status must be one of {', '.join(PROJECT_STATUSES)}",
                {"zh": f"项目状态应为 {'、'.join(PROJECT_STATUSES)} 之一"},
            )
        return value


PROJECT_STATUSES = ("在谈", "签约", "在建", "投产")


class PersonRecord(Sourced):
    name: str
    title: Text = None
    honours: Multi = []
    affiliation: Text = None
    field: Text = None
    segments: Multi = []


class SupplyRecord(Sourced):
    """A firm-to-firm supply link (data/links/supplies.csv): supplier → customer."""

    supplier: str
    customer: str
    product: Text = None


class ProductRecord(Sourced):
    name: str
    kind: Text = None
    owner: Multi = []
    co_developers: Multi = []
    launched: Date = None
    segments: Multi = []


class MarineCategoryRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str
    name_zh: str
    name_en: Text = None
    level: int
    parent_code: Text = None
    layer: str
    gbt4754_codes: Multi = []
    notes: Text = None
    source_url: Multi


class SegmentRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name_zh: str
    name_en: str
    stage: str
    keywords: list[str]
    gbt4754: list[str] = []
    supplies: list[str] = []

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str) -> str:
        if value not in STAGES:
            raise PydanticCustomError(
                "value_problem",
                f"stage must be one of {', '.join(STAGES)}",
                {"zh": "环节阶段应为 upstream/midstream/downstream（上游/中游/下游）"},
            )
        return value


STAGES = ("upstream", "midstream", "downstream")


class ChainRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name_zh: str
    name_en: str
    description_zh: str | None = None
    sources: list[str] = []
    segments: list[SegmentRecord]
