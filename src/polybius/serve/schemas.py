"""What the API returns: typed models, so /docs documents every field and the code cannot drift from it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from polybius.models import Event


class ActorOut(BaseModel):
    code: str | None = None
    country: str | None = None
    name: str | None = None
    text: str | None = Field(default=None, description="The words of the sentence that name the actor")


class AttributionOut(BaseModel):
    code: str | None = None
    text: str


class PlaceOut(BaseModel):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class EventSummary(BaseModel):
    """One event (a deduplicated cluster, or one mention with `mentions=true`) as a table row."""

    event_id: str
    cluster_id: str
    article_id: str
    date: str | None
    date_precision: str | None
    cameo_code: str
    cameo_root: str
    cameo_name: str | None
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    source: ActorOut
    target: ActorOut
    status: str
    attribution: AttributionOut | None
    place: PlaceOut | None
    fatalities: int | None
    num_mentions: int
    num_sources: int
    num_articles: int
    sentence: str
    url: str | None
    publisher: str | None
    title: str | None
    pub_date: str | None


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page")
    events: list[EventSummary]


SpanKind = Literal["trigger", "source", "target", "attribution", "date", "place"]


class Span(BaseModel):
    """A highlighted part of the evidence. Offsets are into `Evidence.sentence`; null when the part
    comes from elsewhere in the article (a place named in the headline, say)."""

    kind: SpanKind
    text: str
    start: int | None
    end: int | None
    in_sentence: bool


class Evidence(BaseModel):
    sentence: str
    sentence_start: int = Field(description="Offset of the sentence in the article text")
    spans: list[Span]


class ArticleRef(BaseModel):
    article_id: str
    url: str | None
    title: str | None
    publisher: str | None
    outlet: str
    pub_date: str | None


class ArticleOut(ArticleRef):
    text: str


class Account(BaseModel):
    """Another mention of the event, or a rival claim about it: what it says, where, and on whose word."""

    event: EventSummary
    article: ArticleRef
    evidence: Evidence


class EventDetail(BaseModel):
    event: EventSummary
    article: ArticleOut
    evidence: Evidence
    record: Event = Field(description="The full event record, as `polybius extract` writes it")
    mentions: list[Account] = Field(description="The other mentions of this event (same cluster), in any article")
    conflicts: list[Account] = Field(description="Claims by other speakers that tell this event differently")


class Count(BaseModel):
    key: str
    label: str | None = None
    count: int


class DayCount(BaseModel):
    date: str
    key: str | None = Field(description="CAMEO root or PLOVER type, as asked by `stack`")
    count: int


class PairCount(BaseModel):
    source: str
    target: str
    count: int


class Stats(BaseModel):
    total: int
    undated: int
    stack: Literal["root", "plover"]
    by_day: list[DayCount]
    by_root: list[Count]
    by_plover: list[Count]
    by_country: list[Count] = Field(description="Events with the country on either side or as the place")
    by_pair: list[PairCount] = Field(description="Directed source country -> target country")
    by_status: list[Count]
    by_quad_class: list[Count]


class MapPoint(BaseModel):
    event_id: str
    lat: float
    lon: float
    quad_class: int | None
    num_mentions: int
    date: str | None
    cameo_code: str
    cameo_name: str | None
    source: str | None
    target: str | None
    place: str | None
    status: str


class MapPoints(BaseModel):
    total: int = Field(description="Events with coordinates matching the filters")
    truncated: bool = Field(description="True when only the most-mentioned `limit` of them are returned")
    points: list[MapPoint]


class ActorHit(BaseModel):
    code: str
    country: str | None
    names: list[str]
    count: int = Field(description="Mentions with this actor on either side")


class Root(BaseModel):
    code: str
    name: str
    quad_class: int


class Vocabulary(BaseModel):
    roots: list[Root]
    plover_types: list[str]
    statuses: list[str]
    quad_classes: list[Count]


class Health(BaseModel):
    status: Literal["ok"]
    store: str
    read_only: bool
    extract: bool
    counts: dict[str, int]


class ExtractRequest(BaseModel):
    text: str | None = Field(default=None, description="Plain text of one article")
    html: str | None = Field(default=None, description="A whole HTML page (main text extracted with trafilatura)")
    date: str | None = Field(default=None, description="Publication date, YYYY-MM-DD")
    url: str | None = None
    publisher: str | None = None
