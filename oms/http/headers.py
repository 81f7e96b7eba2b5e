"""Headers every response carries, and who else may call the API from a browser.

- Security headers on every response, errors and websocket handshakes included (set as
  the response is prepared, whatever produced it): a Content-Security-Policy for the
  web UI (scripts, styles and connections from this origin only, no inline script, no
  framing), nosniff, no referrer, and HSTS when the request came over TLS.
- Compression: gzip of JSON and text answers of COMPRESS_FROM bytes or more (lists,
  the document), when the client accepts it; done here, at level 1, in the event loop: aiohttp's own
  `enable_compression` hands bodies over 4 KB to a thread, and that hop took the
  reads p99 at 1000/s from 15 ms to 323 ms (scripts/bench).
- CORS (aiohttp-cors) only for the origins listed in `OMS_ALLOWED_ORIGINS`, never an
  echo of whatever origin asks; the live websocket checks Origin against the same list.
"""

from __future__ import annotations

import zlib

import aiohttp_cors
from aiohttp import hdrs, web

from oms.http.keys import CONFIG
from oms.http.middlewares import REQUEST_ID_KEY, Handler

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
HSTS = "max-age=63072000; includeSubDomains"
COMPRESS_FROM = 4096  # below, setting up zlib costs more than it saves (a sale's answer: ~12 % of the loop)
COMPRESSIBLE = ("application/json", "text/", "application/javascript", "image/svg+xml")
GZIP = 16 + zlib.MAX_WBITS
EXPOSED = ("X-Request-ID", "Idempotent-Replayed", "Retry-After", "Location", "X-OMS-Worker")
ALLOWED_HEADERS = ("Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID", "X-Requested-With")


async def secure(request: web.Request, response: web.StreamResponse) -> None:
    """`on_response_prepare`: the request id and the security headers, on every response the
    app sends (a websocket handshake too)."""
    if REQUEST_ID_KEY in request:
        response.headers["X-Request-ID"] = request[REQUEST_ID_KEY]
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    config = request.app.get(CONFIG)
    worker = config.worker if config else None
    if worker:
        response.headers["X-OMS-Worker"] = worker  # which of `oms serve --workers N` answered


@web.middleware
async def compress(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Gzip a sizeable JSON or text answer for a client that accepts gzip."""
    response = await handler(request)
    if not isinstance(response, web.Response):
        return response
    body = response.body
    if (isinstance(body, bytes) and len(body) >= COMPRESS_FROM and accepts_gzip(request)
            and response.content_type.startswith(COMPRESSIBLE) and hdrs.CONTENT_ENCODING not in response.headers):
        packer = zlib.compressobj(1, zlib.DEFLATED, GZIP)
        response.body = packer.compress(body) + packer.flush()
        response.headers[hdrs.CONTENT_ENCODING] = "gzip"
        response.headers.add(hdrs.VARY, hdrs.ACCEPT_ENCODING)
    return response


def accepts_gzip(request: web.Request) -> bool:
    """Whether Accept-Encoding lists gzip (or *) without q=0."""
    for item in request.headers.get(hdrs.ACCEPT_ENCODING, "").lower().split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def allow_origins(app: web.Application, origins: frozenset[str]) -> None:
    """CORS for exactly these origins, on every route (call once the routes are added)."""
    if not origins:
        return
    options = aiohttp_cors.ResourceOptions(  # type: ignore[no-untyped-call]
        allow_credentials=True, expose_headers=EXPOSED, allow_headers=ALLOWED_HEADERS,
        allow_methods=("GET", "POST", "PATCH", "PUT", "DELETE"))
    cors = aiohttp_cors.setup(app, defaults=dict.fromkeys(sorted(origins), options))
    for route in list(app.router.routes()):
        if route.method != "HEAD":
            cors.add(route)
