"""Idempotency-Key on writes (API.md): the same key with the same request answers the first
response again without running the command twice; with another request it is a 409.

An attempt claims the key with a lease it renews while it runs, so of two concurrent
requests with one key only one runs; the other waits (bounded) for the first answer. A
claim whose lease lapsed (its process died) is taken over by the next attempt, which
then asks the writer whether the dead one's write was committed (`commands.idempotent`:
a marker written with its events) and answers that, or runs it now. 5xx answers are not
kept: the claim is let go at once and a retry runs, or finds the write committed.
Answers are kept `idempotency_hours` (48 or more), then pruned by `prune_forever`, which
every API process runs hourly.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable
from typing import TypeVar
from uuid import UUID, uuid4

import asyncpg
from aiohttp import web

from commands.idempotent import REQUEST_KEY, Key
from oms.http.errors import ApiError, to_response
from oms.http.keys import POOL
from oms.http.middlewares import Handler
from oms.http.permissions import PRINCIPAL

log = logging.getLogger("oms.http")
F = TypeVar("F", bound=Callable[..., object])
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEPT_HEADERS = ("Location", "Retry-After")
LEASE_SECONDS = 10.0  # a claim lapses this long after its attempt last renewed it
RENEW_SECONDS = 3.0
WAIT_SECONDS = LEASE_SECONDS + 5.0  # a resend waits out a dead attempt's lease rather than hear 409
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
    pool, who, digest, holder = request.app[POOL], principal_key(request), await fingerprint(request), uuid4()
    claim = await take(pool, who, key, digest, holder)
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    while claim is None:
        row = await pool.fetchrow("SELECT request, status, headers, body, lease_until < now() AS lapsed"
                                  " FROM idempotency_keys WHERE principal = $1 AND key = $2", who, key)
        if row is not None and row["request"] != digest:
            raise ApiError(409, "idempotency_key_reused", "this Idempotency-Key was used for another request")
        if row is not None and row["status"] is not None:
            return replay(dict(row))
        if row is None or row["lapsed"]:
            claim = await take(pool, who, key, digest, holder)
            continue
        if asyncio.get_running_loop().time() > deadline:
            raise ApiError(409, "idempotency_key_in_progress", "a request with this key is still running",
                           headers={"Retry-After": str(int(LEASE_SECONDS))})
        await asyncio.sleep(0.02)
    return await run_claimed(request, handler, Key(who, key, earlier=not claim), holder)


async def take(pool: asyncpg.Pool, who: str, key: str, digest: bytes, holder: UUID) -> bool | None:
    """Claim the key: True when it was new, False when a lapsed claim was taken over (an
    earlier attempt may have written), None when another attempt holds it or it is answered."""
    row = await pool.fetchrow(
        "INSERT INTO idempotency_keys AS k (principal, key, request, holder, lease_until)"
        " VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))"
        " ON CONFLICT (principal, key) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until"
        " WHERE k.status IS NULL AND k.lease_until < now() AND k.request = excluded.request"
        " RETURNING xmax = 0 AS fresh", who, key, digest, holder, LEASE_SECONDS)
    return None if row is None else bool(row["fresh"])


async def run_claimed(request: web.Request, handler: Handler, key: Key, holder: UUID) -> web.StreamResponse:
    pool = request.app[POOL]
    renewing = asyncio.create_task(renew_forever(pool, key, holder))
    token = REQUEST_KEY.set(key)
    try:
        response = await handler(request)
    except Exception as exc:  # noqa: BLE001 - an error answer is an answer too: keep and replay it
        response = to_response(exc, request.headers.get("X-Request-ID", ""))
    finally:
        REQUEST_KEY.reset(token)
        renewing.cancel()
    if isinstance(response, web.Response) and response.status < 500:
        headers = {k: v for k, v in response.headers.items() if k in KEPT_HEADERS}
        headers["Content-Type"] = response.headers.get("Content-Type", "application/json")
        await pool.execute(
            "UPDATE idempotency_keys SET status = $4, headers = $5, body = $6"
            " WHERE principal = $1 AND key = $2 AND holder = $3", key.principal, key.key, holder, response.status,
            json.dumps(headers), response.body if isinstance(response.body, bytes) else None)
    else:  # let go now: the retry runs, or finds the write committed
        await pool.execute("UPDATE idempotency_keys SET lease_until = now(), holder = NULL"
                           " WHERE principal = $1 AND key = $2 AND holder = $3", key.principal, key.key, holder)
    return response


async def renew_forever(pool: asyncpg.Pool, key: Key, holder: UUID) -> None:
    """Keep the claim's lease while this attempt runs; a dead process stops renewing."""
    while True:
        await asyncio.sleep(RENEW_SECONDS)
        try:
            await pool.execute("UPDATE idempotency_keys SET lease_until = now() + make_interval(secs => $4)"
                               " WHERE principal = $1 AND key = $2 AND holder = $3",
                               key.principal, key.key, holder, LEASE_SECONDS)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:  # the lease may lapse: a retry
            log.warning("renewing an idempotency lease failed: %r", exc)  # then checks what was committed


async def prune(pool: asyncpg.Pool, hours: int) -> int:
    """Forget answers older than `hours`; answer how many were forgotten."""
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("DELETE FROM idempotent_writes WHERE created_at < now() - make_interval(hours => $1)",
                           hours)
        done = await conn.execute("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)",
                                  hours)
    return int(done.split()[-1])


async def prune_forever(pool: asyncpg.Pool, hours: int, every: float = PRUNE_EVERY_SECONDS) -> None:
    while True:
        try:
            await prune(pool, hours)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:  # the next round tries again
            log.warning("pruning idempotency keys failed: %r", exc)
        await asyncio.sleep(every)
