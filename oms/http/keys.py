"""Typed application keys for the resources every handler reaches."""

from __future__ import annotations

import asyncpg
from aiohttp import web

from commands.bus import CommandBus
from oms.auth.passwords import Hasher
from oms.auth.principal import Principals
from oms.auth.ratelimit import LoginLimiter
from oms.auth.tokens import Tokens
from oms.config import Config
from oms.database import Database
from oms.hub import Hub
from oms.store import OMS

CONFIG = web.AppKey("config", Config)
DATABASE = web.AppKey("database", Database)
STORE = web.AppKey("store", OMS)
BUS = web.AppKey("bus", CommandBus)
POOL = web.AppKey("pool", asyncpg.Pool)
READ_MODELS = web.AppKey("read_models", list[str])  # tracking tables of the running read models
TOKENS = web.AppKey("tokens", Tokens)
HASHER = web.AppKey("hasher", Hasher)
LIMITER = web.AppKey("limiter", LoginLimiter)
HUB = web.AppKey("hub", Hub)
PRINCIPALS = web.AppKey("principals", Principals)
