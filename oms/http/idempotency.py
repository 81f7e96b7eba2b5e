"""Idempotency-Key on writes (API.md): the same key with the same request answers the first
response again without running the command twice; with another request it is a 409.

The key is claimed by inserting its row before the handler runs, so of two concurrent
requests with one key only one runs; the other waits (bounded) for the first answer.
5xx answers are not kept: a retry may run again. Answers are kept `idempotency_hours`
(48 or more), then pruned by `prune_forever`, which every API process runs hourly.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable
from typing import TypeVar

import asyncpg
from aiohttp import web

from oms.http.errors import ApiError, to_response
from oms.http.keys import POOL
from oms.http.middlewares import Handler
from oms.http.permissions import PRINCIPAL

log = logging.getLogger("oms.http")
F = TypeVar("F", bound=Callable[..., object])
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEPT_HEADERS = ("Location", "Retry-After")
WAIT_SECONDS = 10.0
PRUNE_EVERY_SECONDS = 3600.0


def answers_with_secrets(handler: F) -> F:
    """Mark a route whose answer carries credentials (tokens): it takes no Idempotency-Key,
    since keeping its answer for replay would store those credentials in clear."""
    handler.answers_with_secrets = True  # type: ignore[attr-defined]
    return handler


def principal_key(request: web.Request) -> str:
    principal = request.get(PRINCIPAL)
    return str(principal.user_id) if principal else "anonymous"


async def fingerprint(request: web.Request) -> bytes:
    body = await request.read()
    return hashlib.sha256(request.method.encode() + b" " + request.path_qs.encode() + b"\n" + body).digest()


def replay(row: dict[str, object]) -> web.Response:
    headers = json.loads(str(row["headers"] or "{}"))
    response = web.Response(status=int(str(row["status"])), body=row["body"] or None, headers=headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


@web.middleware
async def idempotency(request: web.Request, handler: Handler) -> web.StreamResponse:
    key = request.headers.get("Idempotency-Key")
    if key is None or request.method not in WRITES:
        return await handler(request)
    if getattr(request.match_info.handler, "answers_with_secrets", False):
        raise ApiError(400, "validation_error", "this route answers with credentials and takes no Idempotency-Key",
                       field="Idempotency-Key")
    if not 1 <= len(key) <= 255:
        raise ApiError(400, "validation_error", "Idempotency-Key has 1 to 255 characters", field="Idempotency-Key")
    pool, who, digest = request.app[POOL], principal_key(request), await fingerprint(request)
    claimed = await pool.fetchval(
        "INSERT INTO idempotency_keys (principal, key, request) VALUES ($1, $2, $3)"
        " ON CONFLICT DO NOTHING RETURNING true", who, key, digest)
    if not claimed:
        return await earlier_answer(request, who, key, digest)
    try:
        response = await handler(request)
    except Exception as exc:  # noqa: BLE001 - an error answer is an answer too: keep and replay it
        response = to_response(exc, request.headers.get("X-Request-ID", ""))
    if isinstance(response, web.Response) and response.status < 500:
        headers = {k: v for k, v in response.headers.items() if k in KEPT_HEADERS}
        headers["Content-Type"] = response.headers.get("Content-Type", "application/json")
        await pool.execute(
            "UPDATE idempotency_keys SET status = $3, headers = $4, body = $5 WHERE principal = $1 AND key = $2",
            who, key, response.status, json.dumps(headers), response.body if isinstance(response.body, bytes)
            else None)
    else:
        await pool.execute("DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2", who, key)
    return response


async def earlier_answer(request: web.Request, who: str, key: str, digest: bytes) -> web.Response:
    pool = request.app[POOL]
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    while True:
        row = await pool.fetchrow(
            "SELECT request, status, headers, body FROM idempotency_keys WHERE principal = $1 AND key = $2", who, key)
        if row is None:  # the first attempt failed with a 5xx and let go of the key
            raise ApiError(409, "idempotency_key_in_progress", "the first request with this key failed; retry")
        if row["request"] != digest:
            raise ApiError(409, "idempotency_key_reused", "this Idempotency-Key was used for another request")
        if row["status"] is not None:
            return replay(dict(row))
        if asyncio.get_running_loop().time() > deadline:
            raise ApiError(409, "idempotency_key_in_progress", "a request with this key is still running")
        await asyncio.sleep(0.02)


async def prune(pool: asyncpg.Pool, hours: int) -> int:
    """Forget answers older than `hours`; answer how many were forgotten."""
    done = await pool.execute("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)",
                              hours)
    return int(done.split()[-1])


async def prune_forever(pool: asyncpg.Pool, hours: int, every: float = PRUNE_EVERY_SECONDS) -> None:
    while True:
        try:
            await prune(pool, hours)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:  # the next round tries again
            log.warning("pruning idempotency keys failed: %r", exc)
        await asyncio.sleep(every)
