"""Liveness and readiness."""

from __future__ import annotations

import hmac

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, generate_latest

from oms.http import answers
from oms.http.codec import ok
from oms.http.errors import ApiError
from oms.http.keys import BUS, CONFIG, HUB, POOL, READ_MODELS
from oms.http.metrics import REGISTRY
from oms.http.openapi import document, schema
from oms.http.permissions import PUBLIC, requires
from queries.audit import chain_head
from queries.positions import each_projected, progress

routes = web.RouteTableDef()
LOOPBACK = ("127.0.0.1", "::1")


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
    now = await progress(request.app[POOL], request.app[READ_MODELS])
    ready = now["lag"] == 0
    return ok({"status": "ready" if ready else "catching_up", **now}, status=200 if ready else 503)


@routes.get("/metrics")
@requires(PUBLIC)
@schema(answer=str)
async def metrics(request: web.Request) -> web.Response:
    """Prometheus metrics: store head, projected position, lag, events set aside. Not public:
    the bearer token of OMS_METRICS_TOKEN, or without one, a client on this machine."""
    check_scraper(request)
    now = await progress(request.app[POOL], request.app[READ_MODELS], latest=0)
    chain = await chain_head(request.app[POOL])
    stats, registry = request.app[BUS].stats, CollectorRegistry()
    for name, text, value in (
        ("oms_events_head_position", "newest position in the event store (its rate: events appended)", now["head"]),
        ("oms_projected_position", "position every read model has reached", now["projected"]),
        ("oms_projection_lag_events", "events the read models have still to apply", now["lag"]),
        ("oms_projection_set_aside_events", "events a read model could not apply and set aside", now["set_aside"]),
        ("oms_websocket_clients", "live connections open on this process", len(request.app[HUB].clients)),
        ("oms_audit_chain_position", "newest event the audit chain has linked", chain["position"]),
        ("oms_audit_chain_behind", "events stored and not yet linked into the audit chain", chain["behind"]),
    ):
        Gauge(name, text, registry=registry).set(value)
    by_model = Gauge("oms_projection_model_lag_events", "events one read model has still to apply", ["table"],
                     registry=registry)
    for table, position in (await each_projected(request.app[POOL], request.app[READ_MODELS])).items():
        by_model.labels(table).set(now["head"] - position)
    for name, text, value in (
        ("oms_writer_batches", "transactions the writer committed for batches of commands", stats.batches),
        ("oms_writer_batched_commands", "commands in those batches (mean batch size: / batches)",
         stats.batched_commands),
        ("oms_command_conflicts", "batches another process wrote first (decided again alone)", stats.conflicts),
        ("oms_command_retries", "commands decided again after a conflict", stats.retries),
        ("oms_command_gave_up", "commands answered 409 concurrent_update after every retry", stats.gave_up),
    ):
        Counter(name, text, registry=registry).inc(value)
    body = generate_latest(registry) + generate_latest(REGISTRY)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


def check_scraper(request: web.Request) -> None:
    token = request.app[CONFIG].metrics_token
    if token:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not hmac.compare_digest(sent.encode(), token.encode()):
            raise ApiError(401, "unauthenticated", "metrics need the OMS_METRICS_TOKEN bearer token")
    elif request.remote not in LOOPBACK:
        raise ApiError(403, "forbidden", "metrics are served to this machine only unless OMS_METRICS_TOKEN is set")


@routes.get("/api/v1/openapi.json")
@requires(PUBLIC)
@schema(answer=answers.Document)
async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI document of every route."""
    return ok(document(request.app))
