"""Users, roles, the signed-in user and tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from oms.http.answers.base import Answer


class User(Answer, frozen=True):
    id: UUID
    username: str
    role: str
    email: str | None
    full_name: str | None
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime
    position: int | None = None


class Me(Answer, frozen=True):
    id: UUID
    username: str
    role: str
    permissions: list[str]
    discount_limit: str | None = None  # percent of a sale the role may take off without a manager
    email: str | None = None
    full_name: str | None = None
    active: bool | None = None
    version: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    position: int | None = None


class Session(Answer, frozen=True):
    user: Me | None  # null for a guest


class Tokens(Answer, frozen=True):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int
    user: Me


class Role(Answer, frozen=True):
    name: str
    permissions: list[str]
    builtin: bool
    version: int | None = None
    position: int | None = None

