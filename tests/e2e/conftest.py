"""HTTP tests: the real app factory against the real database."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from oms.config import Config
from oms.database import Database
from oms.http.app import create_app

API = "/api/v1"


@pytest.fixture
async def client(config: Config, db: Database, aiohttp_client: Any) -> TestClient:
    # db before aiohttp_client: the app must stop before its database is dropped.
    return await aiohttp_client(create_app(config, db))


async def post(client: TestClient, path: str, body: Any, status: int | None = None) -> dict[str, Any]:
    response = await client.post(API + path, json=body)
    data = await response.json()
    if status is not None:
        assert response.status == status, data
    return data


async def new_product(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"sku": f"SKU-{uuid.uuid4().hex[:10]}", "name": "Croissant", "price": "2.50", "cost": "0.70",
            "category": "Viennoiserie", "stock": 10, **fields}
    return await post(client, "/products", body, 201)
