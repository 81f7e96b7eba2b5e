"""Authentication (bearer JWT or cookie session) and the per-route permission check."""

from __future__ import annotations

from uuid import UUID

from aiohttp import web
from aiohttp_session import get_session

from oms.auth.principal import Principal
from oms.auth.tokens import TokenError
from oms.http.errors import ApiError
from oms.http.keys import PRINCIPALS, TOKENS
from oms.http.middlewares import Handler
from oms.http.permissions import AUTHENTICATED, PRINCIPAL, PUBLIC, SCOPE, permission_of

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-Requested-With"


def unauthenticated(message: str = "authentication required") -> ApiError:
    return ApiError(401, "unauthenticated", message)


async def from_bearer(request: web.Request, header: str) -> Principal:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthenticated("use: Authorization: Bearer <access token>")
    try:
        claims = request.app[TOKENS].verify(token.strip())
    except TokenError:
        raise unauthenticated("invalid or expired token") from None
    principal = await request.app[PRINCIPALS].get(claims.sub, claims.fam)
    if principal is None:
        raise unauthenticated("this login has ended")
    return principal


async def from_session(request: web.Request) -> Principal | None:
    session = await get_session(request)
    if "uid" not in session:
        return None
    principal = await request.app[PRINCIPALS].get(UUID(session["uid"]), UUID(session["fam"]))
    if principal is None:
        session.invalidate()
        return None
    if request.method in UNSAFE and not request.headers.get(CSRF_HEADER):
        raise ApiError(403, "csrf_failed", f"cookie-authenticated writes need the {CSRF_HEADER} header")
    return principal


async def identify(request: web.Request) -> Principal | None:
    header = request.headers.get("Authorization") or None
    if header is None and "token" in request.query and request.headers.get("Upgrade", "").lower() == "websocket":
        header = f"Bearer {request.query['token']}"  # browsers cannot set headers on a websocket
    return await from_bearer(request, header) if header is not None else await from_session(request)


@web.middleware
async def authorize(request: web.Request, handler: Handler) -> web.StreamResponse:
    permission = permission_of(request.match_info.handler)
    if permission is None:  # no such route: the router answers 404/405
        return await handler(request)
    if permission == PUBLIC:
        try:
            principal = await identify(request)
        except ApiError:
            principal = None
        if principal:
            request[PRINCIPAL] = principal
        return await handler(request)
    principal = await identify(request)
    if principal is None:
        raise unauthenticated()
    scope = "all" if permission == AUTHENTICATED else principal.scope(permission)
    if scope is None:
        raise ApiError(403, "forbidden", f"your role ({principal.role}) may not do this",
                       permission=permission)
    request[PRINCIPAL] = principal
    request[SCOPE] = scope
    return await handler(request)
