"""`oms serve` with no DATABASE_URL starts its embedded PostgreSQL and serves the API."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.processes import free_port


def call(url: str, body: dict | None = None, token: str | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def ready(base: str) -> int:
    """Wait (bounded) until /readyz says the read models caught up; return the head position."""
    for _ in range(100):
        try:
            return call(f"{base}/readyz")["head"]
        except urllib.error.HTTPError:
            time.sleep(0.1)
    raise AssertionError("never ready")


def test_serve_demo_on_the_embedded_database(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"OMS_DATA_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "oms", "serve", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "serving on" in line:
                break
        assert f"http://127.0.0.1:{port}" in "".join(lines), "".join(lines)
        base = f"http://127.0.0.1:{port}"
        assert call(f"{base}/healthz") == {"status": "ok"}
        head = ready(base)
        login = call(f"{base}/api/v1/auth/login", {"username": "cashier", "password": "cashier-demo"})
        token = login["access_token"]
        assert login["user"]["role"] == "cashier"
        page = call(f"{base}/api/v1/products?q=butter%20croissant&min_position={head}", token=token)
        assert page["items"][0]["name"] == "Butter croissant"
        order = call(f"{base}/api/v1/orders", {"items": [{"product_id": page["items"][0]["id"], "quantity": 2}]},
                     token=token)
        assert int(order["number"][2:]) > 250  # after the demo's two weeks of sales and its six orders
        assert (tmp_path / "postgres" / "PG_VERSION").exists()
    finally:
        process.terminate()
        process.wait(timeout=30)
