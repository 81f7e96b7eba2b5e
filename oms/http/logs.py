"""The access log: one JSON line per answered request (method, route template, status,
latency, user id, request id). Never bodies, query strings (a websocket's `?token=`),
headers or cookies: no password or token reaches a log."""

from __future__ import annotations

import logging

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse

from oms.http.metrics import route_of
from oms.http.middlewares import REQUEST_ID_KEY
from oms.http.permissions import PRINCIPAL


class AccessLog(AbstractAccessLogger):
    def log(self, request: BaseRequest, response: StreamResponse, elapsed: float) -> None:
        principal = request.get(PRINCIPAL)
        route = route_of(request)
        self.logger.info("%s %s %s", request.method, route or "(no route)", response.status, extra={
            "request_id": request.get(REQUEST_ID_KEY), "method": request.method, "route": route,
            "status": response.status, "ms": round(elapsed * 1000, 2),
            "user_id": str(principal.user_id) if principal else None})

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
