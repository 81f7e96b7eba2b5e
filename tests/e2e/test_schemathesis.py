"""schemathesis against the served OpenAPI document, every check and phase (stateful
included), on a shop with demo data whose ids it is given: zero failures means the
document says exactly what the server accepts and answers, and nothing is a 5xx."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from oms.demo import seed
from oms.http.app import create_app
from oms.http.keys import BUS, HASHER
from tests.support.served import Server

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = os.environ.get("OMS_SCHEMATHESIS_EXAMPLES", "25")
# The password policy (8 to 128 characters, not a common password, not the username) and
# a report's period are rules beyond the schema: on these operations their refusal is the expected 400.
POLICY = ["post_api_v1_auth_signup", "post_api_v1_users", "post_api_v1_users_id_password",
          "post_api_v1_auth_me_password",
          # a report's period runs forwards (`to` on or after `from`) and spans at most ten years
          "get_api_v1_reports_sales", "get_api_v1_reports_profit", "get_api_v1_reports_commissions",
          "get_api_v1_reports_stock_movements"]


def settings(ids: dict[str, str] | None) -> str:
    """schemathesis' configuration; with `ids`, the demo shop's ids for the path parameters
    it cannot guess (so it reaches real objects; without, it generates them, which checks
    that the document declares each path parameter as the server reads it)."""
    operations = [
        {"include-operation-id": POLICY,
         "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404", "409",
                                                                       "429"]}}},
        # A picture must be the JPEG, PNG or WebP it claims, and small enough: bytes the
        # schema can only call binary are refused by their content (400, 413, 415).
        {"include-operation-id": ["put_api_v1_products_id_image"],
         "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404", "409",
                                                                       "413", "415", "429"]}}},
        # The live feed is a websocket, not an HTTP operation: a plain GET is rightly refused.
        {"include-path": "/api/v1/ws", "enabled": False},
    ]
    for prefix, key in () if ids is None else (("/api/v1/products/", "product"), ("/api/v1/orders/", "order"),
                        ("/api/v1/users/", "user")):
        operations.append({"include-path-regex": f"^{prefix}\\{{id\\}}", "parameters": {"path.id": ids[key]}})
    if ids is not None:
        operations.append({"include-path-regex": "^/api/v1/roles/", "parameters": {"path.name": "baker"}})
        operations.append({"include-path-regex": "^/api/v1/products/by-barcode/",
                           "parameters": {"path.code": ids["code"]}})
    return "\n".join(toml_table(op) for op in operations)


def toml_table(op: dict[str, object]) -> str:
    lines = ["[[operations]]"]
    nested: list[str] = []
    for key, value in op.items():
        if key == "checks":
            nested += [f"[operations.checks.{check}]" + "".join(f"\n{k} = {json.dumps(v)}" for k, v in conf.items())
                       for check, conf in value.items()]  # type: ignore[union-attr]
        elif key == "parameters":
            nested.append("[operations.parameters]" + "".join(f'\n"{k}" = {json.dumps(v)}'
                                                              for k, v in value.items()))  # type: ignore[union-attr]
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines + nested) + "\n"


@pytest.fixture
def shop(config, db):
    quiet = msgspec.structs.replace(config, login_limit="100000/minute")
    running = Server(create_app(quiet, db))
    yield running
    running.close()


@pytest.mark.parametrize("demo_ids", [True, False], ids=["demo-ids", "generated-ids"])
def test_schemathesis_finds_nothing(shop, tmp_path, demo_ids) -> None:
    app = shop.app
    seed(app[BUS], "B", app[HASHER].hash_sync)
    token = shop.request("POST", "/api/v1/auth/login", b'{"username": "admin", "password": "admin-demo"}')[1]
    bearer = token["access_token"]
    products = shop.request("GET", "/api/v1/products?min_position=1", token=bearer)[1]["items"]
    orders = shop.request("GET", "/api/v1/orders", token=bearer)[1]["items"]
    users = shop.request("GET", "/api/v1/users?q=cashier", token=bearer)[1]["items"]
    shop.request("POST", "/api/v1/roles", b'{"name": "baker", "permissions": ["orders.read"]}', token=bearer)
    barcoded = next(p for p in products if p["barcode"])
    ids = {"product": products[0]["id"], "order": orders[0]["id"], "user": users[0]["id"], "code": barcoded["barcode"]}
    config_file = tmp_path / "schemathesis.toml"
    config_file.write_text(settings(ids if demo_ids else None))
    base = f"http://127.0.0.1:{shop.port}"
    run = subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(config_file), "run", f"{base}/api/v1/openapi.json",
         "--url", base, "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
         "--max-examples", EXAMPLES, "--seed", "1", "--generation-database", "none",
         "-H", f"Authorization: Bearer {bearer}", "--workers", "1", "--no-color"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    counted = re.search(r"(\d+) generated, (\d+) passed", run.stdout)
    assert counted and counted[1] == counted[2] and int(counted[1]) > 1000, report
