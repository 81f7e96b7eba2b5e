"""The HTTP server around the app: errors raised before a request reaches the app
(a request line or header over aiohttp's 8,190-byte limits, a malformed request)
answer in the API's error shape too, with an X-Request-ID, instead of aiohttp's
plain-text page."""

from __future__ import annotations

from aiohttp import web
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from oms.domain.ids import random_uuid
from oms.http.errors import HTTP_CODES, body, respond
from oms.http.headers import SECURITY_HEADERS
from oms.http.routes.live import close_sockets


class ApiRequestHandler(RequestHandler):
    def handle_error(self, request: BaseRequest, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        super().handle_error(request, status, exc, message)  # logs it; refuses if a response was under way
        request_id = random_uuid().hex
        if status >= 500:
            payload = body("internal_error", "internal server error", request_id=request_id)
        else:
            payload = body(HTTP_CODES.get(status, "bad_request"), str(getattr(exc, "message", None) or message
                                                                       or "bad request")[:300])
        response = respond(status, payload, headers={"X-Request-ID": request_id, **SECURITY_HEADERS})
        response.force_close()
        return response


class ApiServer(web.Server):
    def __call__(self) -> RequestHandler:
        return ApiRequestHandler(self, loop=self._loop, **self._kwargs)


class ApiRunner(web.AppRunner):
    """`web.AppRunner` whose connections use ApiRequestHandler."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        server.__class__ = ApiServer  # the same server; only its connection handler class differs
        return server

    async def cleanup(self) -> None:
        """Boards first, while their connections are whole: aiohttp's clean-up closes the
        connections before it runs `on_shutdown`, and a board then sees 1006 instead of
        1001 "going away"."""
        await close_sockets(self.app)
        await super().cleanup()
