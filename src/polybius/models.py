"""The event record contract shared by every pipeline stage.

Every stage reads and writes these pydantic models, so the JSON a user sees, the JSON Schema we
publish (`polybius schema`) and what the code passes around can never drift apart.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Status(str, Enum):
    """Whether the text says the event happened, and on whose word."""

    ASSERTED = "asserted"  # the reporter states it
    CLAIMED = "claimed"  # a party says it happened
    DENIED = "denied"  # a party says it did not happen
    NEGATED = "negated"  # the text says it did not / will not happen
    HYPOTHETICAL = "hypothetical"  # could, might, would, if ...
    PLANNED = "planned"  # set to, will, plans to, ahead of ...


# Statuses of acts the text says did not (or not yet surely) happen.
UNREALISED = frozenset({Status.HYPOTHETICAL, Status.NEGATED, Status.DENIED})

DatePrecision = Literal["day", "week", "month", "year", "unknown"]
GeoPrecision = Literal["country", "admin1", "admin2", "city", "point"]


class Article(BaseModel):
    """One input document with its optional metadata, as ingested (before cleaning)."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    text: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    pub_date: dt.date | None = None
    source_path: str | None = None


class Cameo(BaseModel):
    code: str = Field(description="Full CAMEO code, e.g. '195'; a user's verb dictionary may use codes of its own ('1717', '174K')")
    root: str = Field(description="Two-digit CAMEO root, e.g. '19': the code's first two digits")
    name: str | None = None
    quad_class: int | None = Field(ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict;"
                                   " null for a code of a user's codebook whose root CAMEO does not have")
    goldstein: float | None = Field(ge=-10, le=10, description="Goldstein weight; a code outside CAMEO takes its CAMEO root's, null without one")


class Plover(BaseModel):
    type: str | None = Field(default=None, description="PLOVER event type, e.g. ASSAULT; null where PLOVER has none (CAMEO 01, 02)")
    mode: str | None = Field(default=None, description="PLOVER mode where the type defines one, e.g. aerial")
    context: list[str] = Field(default_factory=list, description="PLOVER context tags")


class Actor(BaseModel):
    """An event participant: the text we saw and the codes we could justify (null when we cannot)."""

    text: str | None = None
    code: str | None = Field(default=None, description="Compact code: country + sector, e.g. RUSMIL; IGO code for bodies")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3")
    sector: str | None = Field(default=None, description="GOV, MIL, REB, OPP, LEG, COP, IGO, CVL, ...")
    name: str | None = Field(default=None, description="Named person or group, when there is one")
    char_span: tuple[int, int] | None = None


class Attribution(BaseModel):
    """Who says the event happened (the speaker of a reporting frame)."""

    text: str
    code: str | None = None
    country: str | None = None
    char_span: tuple[int, int] | None = None


class Location(BaseModel):
    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: GeoPrecision | None = None
    char_span: tuple[int, int] | None = None


class Event(BaseModel):
    """One coded event, traceable to the sentence and character span it came from.

    All character spans are offsets into the *original* article text (before cleaning).
    """

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    char_span: tuple[int, int] = Field(description="Span of the sentence in the original text")
    trigger: str
    trigger_span: tuple[int, int] | None = None
    cameo: Cameo
    plover: Plover
    acled: dict[str, str] | None = Field(default=None, description="ACLED-style event_type / sub_event_type")
    source: Actor
    target: Actor
    attribution: Attribution | None = None
    status: Status = Status.ASSERTED
    date: dt.date | None = None
    date_precision: DatePrecision = "unknown"
    date_text: str | None = None
    location: Location | None = None
    fatalities: int | None = None
    injured: int | None = None
    numbers_text: list[str] = Field(default_factory=list, description="Source text of every count used")
    conflicts_with: list[str] = Field(default_factory=list)
    unresolved: dict[str, str] = Field(default_factory=dict, description="Why a field is null: {'date': 'no publication date', 'location': ...}")
    confidence: float = Field(ge=0, le=1)


class ArticleResult(BaseModel):
    """What the pipeline returns for one article: its events, or why it produced none."""

    article_id: str
    events: list[Event] = Field(default_factory=list)
    pub_date: dt.date | None = Field(default=None, description="The publication day relative dates were read against")
    pub_date_source: Literal["metadata", "dateline"] | None = Field(
        default=None, description="'metadata': given with the article; 'dateline': read from the page's dateline or date line")
    sentences: int = 0
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
