"""Liveness and readiness."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Gauge, generate_latest

from oms.http import answers
from oms.http.codec import ok
from oms.http.keys import POOL, READ_MODELS
from oms.http.openapi import document, schema
from oms.http.permissions import PUBLIC, requires
from queries.positions import head, projected, set_aside

routes = web.RouteTableDef()


@routes.get("/healthz")
@routes.get("/api/v1/healthz")
@requires(PUBLIC)
@schema(answer=answers.Health)
async def healthz(request: web.Request) -> web.Response:
    return ok({"status": "ok"})


@routes.get("/readyz")
@routes.get("/api/v1/readyz")
@requires(PUBLIC)
@schema(answer=answers.Ready, status=(200, 503))
async def readyz(request: web.Request) -> web.Response:
    pool = request.app[POOL]
    newest = await head(pool)
    position = await projected(pool, request.app[READ_MODELS])
    lag = newest - position
    count, latest = await set_aside(pool)
    return ok({"status": "ready" if lag == 0 else "catching_up", "head": newest, "projected": position, "lag": lag,
               "set_aside": count, "set_aside_latest": latest},
              status=200 if lag == 0 else 503)


@routes.get("/metrics")
@requires(PUBLIC)
@schema(answer=str)
async def metrics(request: web.Request) -> web.Response:
    """Prometheus metrics: store head, projected position, lag, events set aside."""
    pool = request.app[POOL]
    newest, position = await head(pool), await projected(pool, request.app[READ_MODELS])
    count, _ = await set_aside(pool, limit=0)
    registry = CollectorRegistry()
    for name, text, value in (
        ("oms_events_head_position", "newest position in the event store", newest),
        ("oms_projected_position", "position every read model has reached", position),
        ("oms_projection_lag_events", "events the read models have still to apply", newest - position),
        ("oms_projection_set_aside_events", "events a read model could not apply and set aside", count),
    ):
        Gauge(name, text, registry=registry).set(value)
    return web.Response(body=generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


@routes.get("/api/v1/openapi.json")
@requires(PUBLIC)
@schema(answer=answers.Document)
async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI document of every route."""
    return ok(document(request.app))
