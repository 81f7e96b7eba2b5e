"""The app served on a real port from a thread of its own, for synchronous tests and
tools that speak HTTP (property tests, schemathesis)."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading

from aiohttp import web

from oms.http.server import ApiRunner


class Server:
    """The app served on a port from a thread of its own, for a synchronous property test."""

    def __init__(self, app: web.Application) -> None:
        self.app, self.loop = app, asyncio.new_event_loop()
        self.runner = ApiRunner(app)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.call(self.runner.setup())
        self.call(web.TCPSite(self.runner, "127.0.0.1", 0).start())
        self.port = self.runner.addresses[0][1]

    def call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, token: str | None = None,
                ) -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, (json.loads(data) if data and response.status != 204 else {})

    def close(self) -> None:
        self.call(self.runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
