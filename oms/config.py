"""Settings from the environment, in one msgspec Struct."""

from __future__ import annotations

import os
from collections.abc import Mapping
from ipaddress import ip_network
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from limits import parse


class Config(msgspec.Struct, frozen=True, kw_only=True):
    database_url: str | None = None
    redis_url: str | None = None
    data_dir: str = "./var"
    host: str = "127.0.0.1"
    port: int = 8080
    command_retries: int = 30
    order_prefix: str = "B"
    max_body_bytes: int = 1_048_576
    image_max_bytes: int = 5_242_880  # a product image upload
    s3_bucket: str | None = None  # product pictures in this S3-compatible bucket, not under data_dir
    s3_endpoint: str | None = None  # e.g. https://minio.example:9000 (none: AWS S3)
    s3_region: str | None = None
    db_pool_size: int = 10
    lock_timeout_seconds: int = 5
    jwt_secret: str | None = None
    session_key: str | None = None
    bcrypt_rounds: int = 12
    login_limit: str = "20/15 minutes"  # failed sign-ins per client address (and per address and account)
    refresh_limit: str = "120/15 minutes"  # token refreshes per client address
    rate_limit_anonymous: str = "1200/10 minutes"  # per client address, requests without a signed-in user
    trusted_proxies: str = ""  # comma-separated addresses or networks that may name the client (X-Forwarded-For)
    rate_limit_user: str = "3000/minute"  # per signed-in user (a busy till, a board, a sync of queued sales)
    hub_tick_seconds: float = 0.5
    ws_queue_size: int = 1000
    access_log: bool = False
    principal_ttl_seconds: float = 1.0
    metrics_token: str | None = None  # /metrics for Prometheus: with it, a bearer token; without, loopback only
    allowed_origins: str = ""  # comma-separated origins besides the server's own (browsers, websockets)
    idempotency_hours: Annotated[int, msgspec.Meta(ge=48)] = 48  # API.md: keys are kept at least 48 hours
    # The shop's first settings (`oms.setup.first_settings`); after the first start admins edit them.
    store_name: str = "OMS"
    store_address: str = ""
    receipt_header: str = ""
    receipt_footer: str = "Thank you!"
    timezone: str = "UTC"  # the store's: receipts show local time
    worker: str | None = None  # set by `oms serve --workers N` for each of its processes (X-OMS-Worker)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def __post_init__(self) -> None:
        for name in ("login_limit", "refresh_limit", "rate_limit_anonymous", "rate_limit_user"):
            try:
                parse(getattr(self, name))
            except ValueError:
                raise ValueError(f"{ENV[name]}: not a rate like '100/10 minutes': {getattr(self, name)!r}") from None
        for part in self.trusted_proxies.split(","):
            try:
                if part.strip():
                    ip_network(part.strip(), strict=False)
            except ValueError:
                raise ValueError(f"OMS_TRUSTED_PROXIES: not an address or network: {part.strip()!r}") from None
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"OMS_TIMEZONE: unknown time zone {self.timezone!r} (e.g. Europe/Berlin)") from None

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip())


ENV = {
    "database_url": "DATABASE_URL",
    "redis_url": "REDIS_URL",
    "data_dir": "OMS_DATA_DIR",
    "host": "OMS_HOST",
    "port": "OMS_PORT",
    "command_retries": "OMS_COMMAND_RETRIES",
    "order_prefix": "OMS_ORDER_PREFIX",
    "max_body_bytes": "OMS_MAX_BODY_BYTES",
    "image_max_bytes": "OMS_IMAGE_MAX_BYTES",
    "s3_bucket": "OMS_S3_BUCKET",
    "s3_endpoint": "OMS_S3_ENDPOINT",
    "s3_region": "OMS_S3_REGION",
    "db_pool_size": "OMS_DB_POOL_SIZE",
    "lock_timeout_seconds": "OMS_LOCK_TIMEOUT_SECONDS",
    "jwt_secret": "OMS_JWT_SECRET",
    "session_key": "OMS_SESSION_KEY",
    "bcrypt_rounds": "OMS_BCRYPT_ROUNDS",
    "login_limit": "OMS_LOGIN_LIMIT",
    "refresh_limit": "OMS_REFRESH_LIMIT",
    "trusted_proxies": "OMS_TRUSTED_PROXIES",
    "worker": "OMS_WORKER",
    "rate_limit_anonymous": "OMS_RATE_LIMIT_ANONYMOUS",
    "rate_limit_user": "OMS_RATE_LIMIT_USER",
    "hub_tick_seconds": "OMS_HUB_TICK_SECONDS",
    "ws_queue_size": "OMS_WS_QUEUE_SIZE",
    "access_log": "OMS_ACCESS_LOG",
    "principal_ttl_seconds": "OMS_PRINCIPAL_TTL_SECONDS",
    "allowed_origins": "OMS_ALLOWED_ORIGINS",
    "metrics_token": "OMS_METRICS_TOKEN",
    "idempotency_hours": "OMS_IDEMPOTENCY_HOURS",
    "store_name": "OMS_STORE_NAME",
    "store_address": "OMS_STORE_ADDRESS",
    "receipt_header": "OMS_RECEIPT_HEADER",
    "receipt_footer": "OMS_RECEIPT_FOOTER",
    "timezone": "OMS_TIMEZONE",
}


def load_config(environ: Mapping[str, str] | None = None, **overrides: object) -> Config:
    """Read the OMS_* (and DATABASE_URL, REDIS_URL) variables; overrides win."""
    environ = os.environ if environ is None else environ
    raw: dict[str, object] = {f: environ[v] for f, v in ENV.items() if environ.get(v)}
    raw.update({k: v for k, v in overrides.items() if v is not None})
    return msgspec.convert(raw, Config, strict=False)
