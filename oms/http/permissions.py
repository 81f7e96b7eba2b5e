"""Every route declares the permission it needs; the access layer enforces it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

PUBLIC = "public"
PERMISSIONS = (
    "products.read", "products.write", "stock.adjust",
    "orders.read", "orders.place", "orders.manage", "orders.pay",
)


def requires(permission: str) -> Callable[[F], F]:
    """Declare the permission a route handler needs (PUBLIC for none)."""
    if permission != PUBLIC and permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")

    def declare(handler: F) -> F:
        handler.permission = permission  # type: ignore[attr-defined]
        return handler

    return declare


def permission_of(handler: object) -> str | None:
    return getattr(handler, "permission", None)


def actor_of(request: object) -> str:
    """Who is acting, for the audit trail: the authenticated user's id, once auth sets it."""
    getter = getattr(request, "get", None)
    return str(getter("actor", "anonymous")) if getter else "anonymous"
