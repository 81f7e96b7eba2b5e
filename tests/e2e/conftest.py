"""HTTP tests: the real app factory against the real database, signed in as a real user."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from oms.config import Config
from oms.database import Database
from oms.http.app import create_app
from tests.support.http import ADMIN, bearer, bootstrap_admin, login


@pytest.fixture
def app(config: Config, db: Database) -> web.Application:
    return create_app(config, db)


@pytest.fixture
async def anon(app: web.Application, aiohttp_client: Any) -> TestClient:
    """A client that has not signed in. (db is set up before aiohttp_client, so the app
    stops before its database is dropped.)"""
    return await aiohttp_client(app)


@pytest.fixture
async def client(anon: TestClient) -> TestClient:
    """A client signed in as an admin: every request carries its access token."""
    await bootstrap_admin(anon.app)
    anon.session.headers.update(bearer(await login(anon, *ADMIN)))
    return anon


