"""msgspec at the edge: bodies and query strings in, JSON out."""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable
from datetime import datetime
from typing import Any, TypeVar, cast
from uuid import UUID

import msgspec
from aiohttp import web

from oms.http.errors import validation_error

T = TypeVar("T")
encoder = msgspec.json.Encoder(decimal_format="string")
DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]")


async def read(request: web.Request, type_: type[T]) -> T:
    raw = await request.read()
    if not raw.strip():
        raise validation_error("a JSON body is required", "$")
    try:
        try:
            return msgspec.json.decode(raw, type=type_)
        except msgspec.ValidationError:
            # JSON Schema counts 2.0 (and 2e0) as an integer, so the OpenAPI document does
            # too; msgspec's strict decoding does not. Only on this (error) path: again with
            # whole floats as integers, which raises the same error for anything else.
            return msgspec.convert(whole_numbers(msgspec.json.decode(raw)), type_)
    except UnicodeDecodeError:  # msgspec lets invalid UTF-8 inside a string through as this
        raise validation_error("the body is not valid UTF-8", "$") from None


async def read_or_default(request: web.Request, type_: type[T]) -> T:
    """For a body that may be left out: an empty one is the command with its defaults."""
    return await read(request, type_) if (await request.read()).strip() else type_()


def whole_numbers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_numbers(v) for v in value]
    return value


@functools.cache
def fields_of(type_: Hashable) -> tuple[msgspec.structs.FieldInfo, ...]:
    """A query type's fields, worked out once: msgspec reads the annotations each call
    (a quarter of the time of a list request before it was cached; scripts/bench reads)."""
    return msgspec.structs.fields(cast(type[msgspec.Struct], type_))


def query(request: web.Request, type_: type[T]) -> T:
    """The query string as `type_`. Lax conversion reads numbers and flags from their text,
    but it would also take `null` as "not given" and a number as a Unix time: the document
    promises neither, so both are refused."""
    raw = dict(request.query)
    parsed = msgspec.convert(raw, type_, strict=False)
    for field in fields_of(cast(Hashable, type_)):
        text, value = raw.get(field.encode_name), getattr(parsed, field.name)
        if text == "null" and value is None:
            raise validation_error(f"{field.encode_name} must be a value, not null", field.encode_name)
        if isinstance(value, datetime) and not DATE_TIME.match(text or ""):
            raise validation_error(f"{field.encode_name} must be an RFC 3339 date and time", field.encode_name)
    return parsed


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
