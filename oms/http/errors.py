"""Errors → API.md's JSON shape, in one place. A 5xx never carries a stack trace."""

from __future__ import annotations

import logging
import re
from typing import Any

import msgspec
from aiohttp import web

from oms.auth.passwords import WeakPassword, check_policy
from oms.database import unreachable
from oms.domain.errors import DomainError, NotFound

log = logging.getLogger("oms.http")

CONFLICT = 409
RETRY_AFTER_SECONDS = 5
STATUS_BY_CODE = {"not_found": 404}
HTTP_CODES = {
    400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
    429: "rate_limited", 503: "service_unavailable",
}
FIELD_AT = re.compile(r" - at `\$?\.?(?P<path>[^`]*)`$")


class ApiError(Exception):
    """An error the edge raises itself (bad query, bad path parameter, ...)."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None,
                 **details: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details
        self.headers = headers or ({"WWW-Authenticate": 'Bearer realm="oms"'} if status == 401 else {})


def validation_error(message: str, field: str | None = None) -> ApiError:
    details: dict[str, Any] = {"field": field} if field is not None else {}
    return ApiError(400, "validation_error", message, **details)


def from_msgspec(exc: msgspec.MsgspecError) -> ApiError:
    text = str(exc)
    match = FIELD_AT.search(text)
    if match:
        field = match.group("path") or "$"
        return validation_error(text[: match.start()], field)
    if isinstance(exc, msgspec.DecodeError) and not isinstance(exc, msgspec.ValidationError):
        return validation_error(f"malformed JSON: {text}", "$")
    return validation_error(text, "$")


def body(code: str, message: str, details: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}, **extra}}


def respond(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status, body=msgspec.json.encode(payload), content_type="application/json", headers=headers
    )


def to_response(exc: BaseException, request_id: str) -> web.StreamResponse:
    if isinstance(exc, ApiError):
        return respond(exc.status, body(exc.code, exc.message, exc.details), headers=exc.headers)
    if isinstance(exc, msgspec.MsgspecError):
        return to_response(from_msgspec(exc), request_id)
    if isinstance(exc, NotFound):
        return respond(404, body("not_found", exc.message))  # details could leak existence
    if isinstance(exc, DomainError):
        return respond(STATUS_BY_CODE.get(exc.code, CONFLICT), body(exc.code, exc.message, exc.details))
    if unreachable(exc):
        log.warning("database unreachable: %r", exc, extra={"request_id": request_id})
        return respond(503, body("service_unavailable", "the database cannot be reached; try again shortly"),
                       headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    if isinstance(exc, web.HTTPException):
        if exc.status < 400:
            raise exc
        code = HTTP_CODES.get(exc.status, "http_error")
        kept = {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
        return respond(exc.status, body(code, exc.reason), headers=kept)
    log.exception("unhandled error", extra={"request_id": request_id}, exc_info=exc)
    return respond(500, body("internal_error", "internal server error", request_id=request_id))


def too_many(wait: int) -> None:
    """429 with Retry-After when a limiter says to wait `wait` seconds (0: go ahead)."""
    if wait:
        raise ApiError(429, "rate_limited", "too many attempts, try again later",
                       headers={"Retry-After": str(wait)}, retry_after=wait)


def policy(password: str, username: str | None) -> None:
    """The password policy, refused at the `password` field."""
    try:
        check_policy(password, username)
    except WeakPassword as exc:
        raise validation_error(str(exc), "password") from None
