"""Request id and error mapping: every request passes here (headers: `oms.http.headers`)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from aiohttp import web

from oms.domain.ids import random_uuid
from oms.http.errors import to_response
from oms.logs import REQUEST_ID as REQUEST_ID_VAR

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
REQUEST_ID_KEY = web.RequestKey("request_id", str)


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    sent = request.headers.get("X-Request-ID", "")
    request_id = request[REQUEST_ID_KEY] = sent if REQUEST_ID.match(sent) else random_uuid().hex
    REQUEST_ID_VAR.set(request_id)  # on every log line written while serving it
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc if exc.status < 400 else to_response(exc, request_id)
    except Exception as exc:  # noqa: BLE001 - mapped to the API error shape, logged there
        response = to_response(exc, request_id)
    return response


@web.middleware
async def secure_cookies(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Mark cookies Secure when the request came over TLS."""
    response = await handler(request)
    if request.secure:
        for morsel in response.cookies.values():
            morsel["secure"] = True
    return response
