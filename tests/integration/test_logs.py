"""`oms serve` logs JSON lines: an access line per request with its request id, route,
status, latency and user; and no password or token, whatever the requests carried."""

import json
import os
import subprocess
import sys
import uuid

import aiohttp

from tests.support.processes import boss, free_port, login, started


async def test_logs_are_json_lines_with_request_ids_and_no_secrets(config, db, tmp_path) -> None:
    env = {**os.environ, "DATABASE_URL": db.url(), "OMS_JWT_SECRET": uuid.uuid4().hex * 2,
           "OMS_DATA_DIR": config.data_dir, "OMS_ACCESS_LOG": "true"}
    port, log = free_port(), tmp_path / "serve.log"
    with boss(config, db), log.open("w") as sink:
        process = subprocess.Popen([sys.executable, "-m", "oms", "serve", "--port", str(port)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=sink)
        try:
            base = await started(process, port)
            async with aiohttp.ClientSession() as http:
                token, auth = await login(http, base)
                body = {"username": "boss", "password": "boss password 1"}
                async with http.post(f"{base}/api/v1/auth/login", json=body) as r:
                    refresh = (await r.json())["refresh_token"]
                async with http.post(f"{base}/api/v1/auth/refresh", json={"refresh_token": refresh}) as r:
                    renewed = await r.json()
                ws = await http.ws_connect(f"{base}/api/v1/ws", params={"token": token})
                await ws.close()
                async with http.get(f"{base}/api/v1/orders", headers={**auth, "X-Request-ID": "till-7-0042"}) as r:
                    assert r.status == 200
        finally:
            process.terminate()
            process.wait(timeout=30)
    text = log.read_text()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "aiohttp.access"]
    mine = [line for line in access if line.get("request_id") == "till-7-0042"]
    assert len(mine) == 1 and mine[0]["route"] == "/api/v1/orders" and mine[0]["status"] == 200
    assert mine[0]["user_id"] and mine[0]["ms"] >= 0 and mine[0]["method"] == "GET"
    assert all(line["request_id"] for line in access)
    for secret in ("boss password 1", token, refresh, renewed["access_token"], renewed["refresh_token"]):
        assert secret not in text
