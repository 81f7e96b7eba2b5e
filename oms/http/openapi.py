"""GET /api/v1/openapi.json: every route, its permission, and the msgspec schemas of its
body and query, built from the route table itself (so it cannot fall behind)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

import msgspec
from aiohttp import web

from oms.http.permissions import AUTHENTICATED, PUBLIC, permission_of

F = TypeVar("F", bound=Callable[..., object])
PARAM = re.compile(r"\{(\w+)\}")
ERROR = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "code": {"type": "string"}, "message": {"type": "string"}, "details": {"type": "object"}}}}}


def schema(body: type | dict[str, Any] | None = None, query: type | None = None, answer: Any = None,
           status: int | tuple[int, ...] = 200, path: dict[str, Any] | None = None,
           body_required: bool = True) -> Callable[[F], F]:
    """Declare the body and query-string Structs a handler reads, the types of its path
    parts (`{id}` is a UUID unless said otherwise), and the shape it answers with
    (`oms.http.answers`; `str` for plain text; a dict of media type to JSON schema for
    other media; None with no body) under `status`."""

    def declare(handler: F) -> F:
        handler.path_types = path or {}  # type: ignore[attr-defined]
        handler.body_required = body_required  # type: ignore[attr-defined]
        handler.body_type = body  # type: ignore[attr-defined]
        handler.query_type = query  # type: ignore[attr-defined]
        handler.answer_type = answer  # type: ignore[attr-defined]
        handler.answer_status = (status,) if isinstance(status, int) else status  # type: ignore[attr-defined]
        return handler

    return declare


def declared(handler: Any) -> list[Any]:
    return [t for t in (getattr(handler, n, None) for n in ("body_type", "query_type", "answer_type"))
            if t is not None and t is not str and not isinstance(t, dict)]


def undocumented(handler: F) -> F:
    """A route outside the API (the web UI's files): not in the document."""
    handler.undocumented = True  # type: ignore[attr-defined]
    return handler


def document(app: web.Application) -> dict[str, Any]:
    routes = [r for r in app.router.routes()
              if r.method != "HEAD" and permission_of(r.handler) and not getattr(r.handler, "undocumented", False)]
    types = {t for r in routes for t in declared(r.handler)}
    ordered = sorted(types, key=repr)
    schemas, components = msgspec.json.schema_components(ordered, ref_template="#/components/schemas/{name}")
    by_type = dict(zip(ordered, schemas, strict=True))
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        assert route.resource is not None  # every route the app serves belongs to a resource
        path = route.resource.canonical
        paths.setdefault(path, {})[route.method.lower()] = operation(route, path, by_type, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": "OMS API", "version": "1"},
        "paths": paths,
        "components": {"schemas": {**components, "Error": ERROR},
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                                           "session": {"type": "apiKey", "in": "cookie", "name": "oms_session"}}},
    }


def operation(route: web.AbstractRoute, path: str, by_type: dict[type, Any],
              components: dict[str, Any]) -> dict[str, Any]:
    handler = route.handler
    permission = permission_of(handler)
    doc = (handler.__doc__ or "").strip().splitlines()
    op: dict[str, Any] = {
        "operationId": route.method.lower() + "_" + "_".join(re.findall(r"\w+", path)),
        "summary": doc[0] if doc else f"{route.method} {path}",
        "x-permission": permission,
        "parameters": [{"name": n, "in": "path", "required": True,
                        "schema": msgspec.json.schema(getattr(handler, "path_types", {}).get(n, UUID))}
                       for n in PARAM.findall(path)],
        "responses": {"default": {"description": "error", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}, **answers(handler, by_type)},
    }
    if permission != PUBLIC:
        op["security"] = [{"bearer": []}, {"session": []}]
        op["description"] = "any signed-in user" if permission == AUTHENTICATED else f"needs {permission}"
    body = getattr(handler, "body_type", None)
    if isinstance(body, dict):  # other media than JSON: media type -> schema
        op["requestBody"] = {"required": True, "content": {m: {"schema": s} for m, s in body.items()}}
    elif body is not None:
        op["requestBody"] = {"required": getattr(handler, "body_required", True),
                             "content": {"application/json": {"schema": by_type[body]}}}
    query = getattr(handler, "query_type", None)
    if query is not None:
        fields = components.get(query.__name__, {}).get("properties", {})
        op["parameters"] += [{"name": n, "in": "query", "required": False, "schema": not_null(s)}
                             for n, s in fields.items()]
    return op


def not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent or has a value: `X | None` is just X in the query string."""
    options = [s for s in schema.get("anyOf", []) if s != {"type": "null"}]
    if len(options) != 1:
        return schema
    return {**{k: v for k, v in schema.items() if k != "anyOf" and (k, v) != ("default", None)}, **options[0]}


def answers(handler: Any, by_type: dict[Any, Any]) -> dict[str, Any]:
    answer = getattr(handler, "answer_type", None)
    out: dict[str, Any] = {}
    for status in getattr(handler, "answer_status", (200,)):
        if status == 101:
            out["101"] = {"description": "switching to the websocket protocol"}
        elif answer is None:
            out[str(status)] = {"description": "no content"}
        elif isinstance(answer, dict):
            out[str(status)] = {"description": "OK", "content": {m: {"schema": s} for m, s in answer.items()}}
        elif answer is str:
            out[str(status)] = {"description": "text", "content": {"text/plain": {"schema": {"type": "string"}}}}
        else:
            out[str(status)] = {"description": "OK", "content": {"application/json": {"schema": by_type[answer]},
                                                                 **files(handler)}}
    return out


FILES = {"text/csv": {"schema": {"type": "string"}},
         "application/pdf": {"schema": {"type": "string", "format": "binary"}}}


def files(handler: Any) -> dict[str, Any]:
    """A list or report that `?format=csv|pdf` answers as a file (`oms.http.exports`)."""
    query = getattr(handler, "query_type", None)
    return FILES if query is not None and "format" in getattr(query, "__struct_fields__", ()) else {}
