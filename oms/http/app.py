"""The one app factory, used by `oms serve` and by the tests alike."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import AsyncIterator

import asyncpg
from aiohttp import web
from aiohttp_session import session_middleware
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from commands.bus import CommandBus
from oms.auth.passwords import Hasher
from oms.auth.principal import Principals
from oms.auth.ratelimit import LoginLimiter
from oms.auth.secrets import kept_secret
from oms.auth.tokens import Tokens
from oms.config import Config
from oms.database import Database
from oms.http.access import authorize
from oms.http.cache import READ_CACHE, ReadCache
from oms.http.exports import exports
from oms.http.headers import allow_origins, compress, secure
from oms.http.idempotency import idempotency, prune_forever
from oms.http.keys import BUS, CONFIG, DATABASE, HASHER, HUB, LIMITER, POOL, PRINCIPALS, READ_MODELS, STORE, TOKENS
from oms.http.metrics import measure
from oms.http.middlewares import request_context, secure_cookies
from oms.http.pictures import PICTURES, pictures_of
from oms.http.ratelimit import RATE_LIMITS, RateLimits, rate_limit
from oms.http.remote import networks, remote_middleware
from oms.http.routes import ROUTES
from oms.http.routes.live import SOCKETS
from oms.hub import Hub
from oms.publish import cache_prefix, redis_publisher
from oms.store import open_store, projector_env
from projections import registry


async def store_ctx(app: web.Application) -> AsyncIterator[None]:
    config, db = app[CONFIG], app[DATABASE]
    store = await asyncio.to_thread(open_store, db, config)
    app[STORE] = store
    app[BUS] = CommandBus(store, retries=config.command_retries)
    yield
    await asyncio.to_thread(app[BUS].close)
    await asyncio.to_thread(store.close)


async def pool_ctx(app: web.Application) -> AsyncIterator[None]:
    db = app[DATABASE]
    pool = await asyncpg.create_pool(
        host=db.host, port=db.port, user=db.user, password=db.password or None, database=db.dbname,
        min_size=1, max_size=app[CONFIG].db_pool_size, reset=keep_session,
    )
    assert pool is not None
    app[POOL] = pool
    yield
    await pool.close()


async def hub_ctx(app: web.Application) -> AsyncIterator[None]:
    config = app[CONFIG]
    hub = Hub(app[STORE], app[POOL], app[DATABASE].dbname, config.redis_url,
              queue_size=config.ws_queue_size, tick=config.hub_tick_seconds)
    await hub.start()
    app[HUB] = hub
    yield
    await hub.stop()


async def projections_ctx(app: web.Application) -> AsyncIterator[None]:
    config, db = app[CONFIG], app[DATABASE]
    publish = redis_publisher(config.redis_url, db.dbname) if config.redis_url else app[HUB].publish_local
    supervisor = registry.Supervisor(projector_env(db, config), publish)
    await asyncio.to_thread(supervisor.start)
    watcher = asyncio.create_task(supervisor.watch())
    yield
    watcher.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await watcher
    await asyncio.to_thread(supervisor.stop)


async def cache_ctx(app: web.Application) -> AsyncIterator[None]:
    """The read cache, when Redis is configured (`oms.http.cache`)."""
    config = app[CONFIG]
    if not config.redis_url:
        yield
        return
    app[READ_CACHE] = ReadCache(config.redis_url, cache_prefix(app[DATABASE].dbname))
    yield
    await app[READ_CACHE].close()


async def prune_ctx(app: web.Application) -> AsyncIterator[None]:
    pruner = asyncio.create_task(prune_forever(app[POOL], app[CONFIG].idempotency_hours))
    yield
    pruner.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await pruner


async def keep_session(connection: asyncpg.Connection) -> None:
    """Reads change no session state, so skip asyncpg's reset query on every release."""


async def auth_ctx(app: web.Application) -> AsyncIterator[None]:
    config = app[CONFIG]
    app[HASHER] = await asyncio.to_thread(Hasher, config.bcrypt_rounds)
    app[LIMITER] = LoginLimiter(config.login_limit, config.redis_url, config.refresh_limit)
    app[RATE_LIMITS] = RateLimits(config.rate_limit_anonymous, config.rate_limit_user, config.redis_url)
    app[PRINCIPALS] = Principals(app[POOL], app[STORE], config.principal_ttl_seconds)
    yield
    app[HASHER].close()


def create_app(config: Config, db: Database, *, run_projectors: bool = True) -> web.Application:
    session_key = kept_secret(config.data_dir, "session_key", config.session_key)
    sessions = EncryptedCookieStorage(
        session_key, cookie_name="oms_session", httponly=True, samesite="Strict", max_age=None, path="/",
    )
    app = web.Application(
        client_max_size=config.max_body_bytes,
        middlewares=[remote_middleware(networks(config.trusted_proxies)), measure, compress, request_context,
                     secure_cookies, session_middleware(sessions), authorize,
                     rate_limit, exports, idempotency],
    )
    app[CONFIG] = config
    app[DATABASE] = db
    app[TOKENS] = Tokens(kept_secret(config.data_dir, "jwt_secret", config.jwt_secret))
    app[READ_MODELS] = registry.tracking_tables()
    app[PICTURES] = pictures_of(config)
    app.cleanup_ctx.append(store_ctx)
    app.cleanup_ctx.append(pool_ctx)
    app.cleanup_ctx.append(auth_ctx)
    app.cleanup_ctx.append(hub_ctx)
    app.cleanup_ctx.append(prune_ctx)
    app.cleanup_ctx.append(cache_ctx)
    if run_projectors:
        app.cleanup_ctx.append(projections_ctx)
    for routes in ROUTES:
        app.router.add_routes(routes)
    app.on_response_prepare.append(secure)
    app[SOCKETS] = weakref.WeakSet()  # closed by ApiRunner.cleanup (oms/http/server.py)
    allow_origins(app, config.origins)
    return app
