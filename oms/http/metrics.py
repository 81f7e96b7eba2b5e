"""Request metrics for Prometheus, per process: how many requests each route template
answered with which status, and how long they took. /metrics adds the store, the
read models, the writer and the live hub (oms/http/routes/health.py)."""

from __future__ import annotations

import time

from aiohttp import web
from aiohttp.web import BaseRequest
from prometheus_client import CollectorRegistry, Counter, Histogram

from oms.http.middlewares import Handler

REGISTRY = CollectorRegistry()  # this process's; each API process is scraped on its own
REQUESTS = Counter("oms_http_requests", "requests answered, by route template and status",
                   ["method", "route", "status"], registry=REGISTRY)
LATENCY = Histogram("oms_http_request_seconds", "time to answer, by route template", ["method", "route"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5), registry=REGISTRY)
LIVE_ROUTE = "/api/v1/ws"  # a websocket lasts as long as the screen: counted, not timed


def route_of(request: BaseRequest) -> str | None:
    """The route's template (`/api/v1/orders/{id}`), never the path (ids would make a
    series per order, and a log line per token); None when nothing matched."""
    match = getattr(request, "match_info", None)  # a web.Request once routed
    resource = match.route.resource if match is not None and match.route else None
    return resource.canonical if resource is not None else None


@web.middleware
async def measure(request: web.Request, handler: Handler) -> web.StreamResponse:
    start = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        route = route_of(request) or "unmatched"
        REQUESTS.labels(request.method, route, str(status)).inc()
        if route != LIVE_ROUTE:
            LATENCY.labels(request.method, route).observe(time.perf_counter() - start)
