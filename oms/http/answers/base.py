"""What every answer shares: the base Struct, pages, time-travel history, health and readiness."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar
from uuid import UUID

import msgspec

T = TypeVar("T")
MoneyText = str  # "4.50"


class Answer(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class ChainHead(Answer, frozen=True):
    position: int  # the newest event linked
    hash: str | None  # its link (hex): a copy kept elsewhere vouches for every event up to it
    behind: int  # events stored and not linked yet


class Stamped(Answer, frozen=True, kw_only=True):
    """What every back-office record carries besides its own fields."""

    id: UUID
    archived: bool
    version: int
    created_at: datetime
    updated_at: datetime
    position: int | None = None


class Page(Answer, Generic[T], frozen=True):
    items: list[T]
    page: int
    per_page: int
    total: int
    total_estimated: bool  # more than 1,000 match: `total` is PostgreSQL's estimate


class HistoryEvent(Answer, frozen=True):
    type: str
    at: datetime
    actor: str | None
    version: int
    data: dict[str, Any]


class History(Answer, frozen=True):
    items: list[HistoryEvent]


class Health(Answer, frozen=True):
    status: Literal["ok"]


class SetAside(Answer, frozen=True):
    projection: str
    position: int
    topic: str
    error: str
    set_aside_at: datetime


class Ready(Answer, frozen=True):
    status: Literal["ready", "catching_up"]
    head: int
    projected: int
    lag: int
    set_aside: int
    set_aside_latest: list[SetAside]


class Document(msgspec.Struct, frozen=True):
    """The OpenAPI document itself."""

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
    components: dict[str, Any]

