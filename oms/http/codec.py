"""msgspec at the edge: bodies and query strings in, JSON out."""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

import msgspec
from aiohttp import web

from oms.http.errors import validation_error

T = TypeVar("T")
encoder = msgspec.json.Encoder(decimal_format="string")


async def read(request: web.Request, type_: type[T]) -> T:
    raw = await request.read()
    if not raw.strip():
        raise validation_error("a JSON body is required", "$")
    try:
        return msgspec.json.decode(raw, type=type_)
    except UnicodeDecodeError:  # msgspec lets invalid UTF-8 inside a string through as this
        raise validation_error("the body is not valid UTF-8", "$") from None


def query(request: web.Request, type_: type[T]) -> T:
    return msgspec.convert(dict(request.query), type_, strict=False)


def path_param(request: web.Request, name: str, type_: Any) -> Any:
    """A path part checked against a field type (`oms.fields`): 400 naming it otherwise."""
    try:
        return msgspec.convert(request.match_info[name], type_)
    except msgspec.ValidationError as exc:
        raise validation_error(f"{name}: {exc}", name) from None


def uuid_param(request: web.Request, name: str = "id") -> UUID:
    try:
        return UUID(request.match_info[name])
    except ValueError:
        raise validation_error(f"{name} must be a UUID", name) from None


def ok(data: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, body=encoder.encode(data), content_type="application/json")
