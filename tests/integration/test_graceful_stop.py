"""SIGTERM while orders are being placed and a board is connected: every order whose
request was accepted is answered and kept, the board is told to go away (1001) with a
reason, and the process ends by itself, cleanly, within seconds."""

import asyncio
import os
import signal
import uuid

import aiohttp
import psycopg
from psycopg import sql

from oms.names import EVENTS_TABLE
from tests.support.processes import boss, free_port, login, running, rye, started


async def test_sigterm_finishes_what_was_accepted_and_closes_boards(config, db) -> None:
    env = {**os.environ, "DATABASE_URL": db.url(), "OMS_JWT_SECRET": uuid.uuid4().hex * 2,
           "OMS_DATA_DIR": config.data_dir, "OMS_RATE_LIMIT_USER": "100000/minute"}
    port = free_port()
    with boss(config, db), running((["serve", "--port", str(port)], env)) as processes:
        server = processes[0]
        base = await started(server, port)
        async with aiohttp.ClientSession() as http:
            _, auth = await login(http, base)
            product = await rye(http, base, auth)
            board = await http.ws_connect(f"{base}/api/v1/ws", headers=auth)

            async def place() -> tuple[int, dict | None]:
                try:
                    async with http.post(f"{base}/api/v1/orders", headers=auth, json={
                            "items": [{"product_id": product["id"], "quantity": 1}]}) as r:
                        return r.status, await r.json()
                except aiohttp.ClientError:
                    return 0, None  # not accepted: the server had stopped listening

            orders = [asyncio.create_task(place()) for _ in range(40)]
            await asyncio.sleep(0.05)  # some are in flight
            server.send_signal(signal.SIGTERM)
            results = await asyncio.gather(*orders)
            async with asyncio.timeout(10):
                goodbye = await board.receive()
                while goodbye.type == aiohttp.WSMsgType.TEXT:  # the orders' messages first
                    goodbye = await board.receive()
            assert (goodbye.type, goodbye.data) == (aiohttp.WSMsgType.CLOSE, 1001), goodbye
            assert "reconnect with after" in goodbye.extra
        assert await asyncio.to_thread(server.wait, 20) == 0
    answered = [body for status, body in results if status == 201]
    assert answered and {status for status, _ in results} <= {201, 0}  # no 5xx, no half answer
    with psycopg.connect(db.url()) as conn:  # each acknowledged order is in the event store
        kept = {row[0] for row in conn.execute(sql.SQL("SELECT DISTINCT originator_id::text FROM {}").format(
            sql.Identifier(EVENTS_TABLE)))}
    assert {body["id"] for body in answered} <= kept
