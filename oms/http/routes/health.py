"""Liveness and readiness."""

from __future__ import annotations

from aiohttp import web

from oms.http.codec import ok
from oms.http.keys import POOL, READ_MODELS
from oms.http.openapi import document
from oms.http.permissions import PUBLIC, requires
from queries.positions import caught_up

routes = web.RouteTableDef()


@routes.get("/healthz")
@routes.get("/api/v1/healthz")
@requires(PUBLIC)
async def healthz(request: web.Request) -> web.Response:
    return ok({"status": "ok"})


@routes.get("/readyz")
@routes.get("/api/v1/readyz")
@requires(PUBLIC)
async def readyz(request: web.Request) -> web.Response:
    pool = request.app[POOL]
    head = int(await pool.fetchval("SELECT coalesce(max(notification_id), 0) FROM oms_events"))
    position = await caught_up(pool, request.app[READ_MODELS])
    lag = head - position
    return ok({"status": "ready" if lag == 0 else "catching_up", "head": head, "projected": position, "lag": lag},
              status=200 if lag == 0 else 503)


@routes.get("/api/v1/openapi.json")
@requires(PUBLIC)
async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI document of every route."""
    return ok(document(request.app))
