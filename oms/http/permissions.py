"""Every route declares the permission it needs; `oms.http.access` enforces it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from aiohttp import web

from oms.auth.principal import Principal, Scope
from oms.domain.roles import PERMISSIONS

F = TypeVar("F", bound=Callable[..., object])

PUBLIC = "public"  # anyone, signed in or not
AUTHENTICATED = "authenticated"  # anyone signed in, whatever the role
PRINCIPAL = web.RequestKey("principal", Principal)
SCOPE = web.RequestKey("scope", str)


def requires(permission: str) -> Callable[[F], F]:
    """Declare the permission a route handler needs."""
    if permission not in (PUBLIC, AUTHENTICATED, *PERMISSIONS):
        raise ValueError(f"unknown permission {permission!r}")

    def declare(handler: F) -> F:
        handler.permission = permission  # type: ignore[attr-defined]
        return handler

    return declare


def permission_of(handler: object) -> str | None:
    return getattr(handler, "permission", None)


def principal_of(request: web.Request) -> Principal:
    return request[PRINCIPAL]


def scope_of(request: web.Request) -> Scope:
    return "own" if request.get(SCOPE) == "own" else "all"


def actor_of(request: web.Request) -> str:
    """Who is acting, for the audit trail: the signed-in user's id."""
    principal = request.get(PRINCIPAL)
    return str(principal.user_id) if principal else "anonymous"


def every_shift(request: web.Request) -> bool:
    """Whether the caller works every shift's drawer (`Shift.check_drawer`): their
    `shifts.manage` reaches all shifts, not only their own."""
    return can(request, "shifts.manage")


def can(request: web.Request, permission: str) -> bool:
    principal = request.get(PRINCIPAL)
    return bool(principal and principal.scope(permission) == "all")
