"""Exactly once across a crash: tills send POS sales, each with its own Idempotency-Key,
and a process is killed (SIGKILL) mid-burst. After a plain restart every sale is sent again
with its key and body, as an offline till does: each key answers 2xx naming one sale (the
one it named before the crash, if it was answered), there are as many sales as keys, the
invoice numbers have no gap and the stock fell by exactly the units sold."""

import asyncio
import os
import signal
import subprocess
import sys
import uuid

import aiohttp
import pytest

from tests.support.processes import boss, free_port, login, started

TILLS = 16
SALES = 200
STOCK = 10_000


async def send(http, base, auth, sale) -> tuple[int, dict | None]:
    try:
        async with http.post(f"{base}/api/v1/pos/sales", json=sale["body"], timeout=aiohttp.ClientTimeout(total=60),
                             headers={**auth, "Idempotency-Key": sale["key"]}) as r:
            return r.status, await r.json()
    except (TimeoutError, aiohttp.ClientError):
        return 0, None  # the process is gone


async def till(base, auth, sales: asyncio.Queue, answers: dict, cut: asyncio.Event) -> None:
    async with aiohttp.ClientSession() as http:
        while not sales.empty() and not cut.is_set():
            sale = sales.get_nowait()
            status, body = await send(http, base, auth, sale)
            if 200 <= status < 300:
                answers[sale["key"]] = body


async def resend_all(base, auth, sales: list[dict]) -> dict[str, tuple[int, dict | None]]:
    queue: asyncio.Queue = asyncio.Queue()
    for sale in sales:
        queue.put_nowait(sale)
    answers: dict[str, tuple[int, dict | None]] = {}

    async def one_till(http):
        while not queue.empty():
            sale = queue.get_nowait()
            answers[sale["key"]] = await send(http, base, auth, sale)

    async with aiohttp.ClientSession() as http:
        await asyncio.gather(*(one_till(http) for _ in range(TILLS)))
    return answers


async def setup_shop(base: str) -> tuple[dict, str, list[str]]:
    async with aiohttp.ClientSession() as http:
        _, auth = await login(http, base)
        async with http.post(f"{base}/api/v1/products", headers=auth, json={
                "sku": "ROLL", "name": "Roll", "price": "0.50", "cost": "0.10", "category": "Bread",
                "tax_rate": "7", "stock": STOCK}) as r:
            product = (await r.json())["id"]
        shifts = []
        for n in range(TILLS):
            async with http.post(f"{base}/api/v1/shifts", headers=auth,
                                 json={"register": f"till-{n}", "opening_float": "50.00"}) as r:
                assert r.status == 201, await r.text()
                shifts.append((await r.json())["id"])
    return auth, product, shifts


def sales_for(product: str, shifts: list[str]) -> list[dict]:
    return [{"key": f"till-{n % TILLS}-sale-{n}", "body": {
        "shift_id": shifts[n % TILLS], "items": [{"product_id": product, "quantity": 1}],
        "payments": [{"method": "cash", "amount": "1.00"}]}} for n in range(SALES)]


async def burst_until_killed(base, auth, sales, victim: subprocess.Popen) -> dict:
    """Send the sales from every till; kill `victim` once about a third are answered."""
    queue: asyncio.Queue = asyncio.Queue()
    for sale in sales:
        queue.put_nowait(sale)
    answers: dict = {}
    cut = asyncio.Event()
    tills = [asyncio.create_task(till(base, auth, queue, answers, cut)) for _ in range(TILLS)]
    while len(answers) < SALES // 3 and not all(t.done() for t in tills):
        await asyncio.sleep(0.002)
    os.kill(victim.pid, signal.SIGKILL)  # mid-burst: no shutdown, no flush
    victim.wait(timeout=10)
    cut.set()
    await asyncio.gather(*tills)
    return answers


async def check_every_key_named_one_sale(base, auth, product, sales, before: dict) -> None:
    again = await resend_all(base, auth, sales)
    refused = {k: v for k, v in again.items() if not 200 <= v[0] < 300}
    assert refused == {}
    ids = {key: body["id"] for key, (_, body) in again.items()}
    assert {k: ids[k] for k in before} == {k: b["id"] for k, b in before.items()}  # answered as before
    assert len(set(ids.values())) == SALES
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/readyz") as r:
            head = (await r.json())["head"]
        async with http.get(f"{base}/api/v1/orders", headers=auth,
                            params={"channel": "pos", "per_page": "200", "min_position": str(head)}) as r:
            listed = await r.json()
        async with http.get(f"{base}/api/v1/products/{product}", headers=auth) as r:
            roll = await r.json()
    assert listed["total"] == SALES and {o["id"] for o in listed["items"]} == set(ids.values())
    numbers = sorted(int(body["invoice_number"].rsplit("-", 1)[1]) for _, body in again.values())
    assert numbers == list(range(1, SALES + 1))
    assert roll["stock"] == STOCK - SALES


@pytest.fixture
def env(config, db) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": db.url(), "OMS_DATA_DIR": config.data_dir,
            "OMS_RATE_LIMIT_USER": "100000000/minute", "OMS_JWT_SECRET": uuid.uuid4().hex * 2}


def serve(port: int, env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "oms", "serve", "--port", str(port), *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def test_sales_resent_after_the_api_was_killed_are_each_recorded_once(config, db, env) -> None:
    port = free_port()
    with boss(config, db):
        process = serve(port, env)
        try:
            base = await started(process, port)
            auth, product, shifts = await setup_shop(base)
            sales = sales_for(product, shifts)
            before = await burst_until_killed(base, auth, sales, process)
            assert SALES // 3 <= len(before) < SALES
            process = serve(port, env)  # no manual step: the same command again
            await started(process, port)
            await check_every_key_named_one_sale(base, auth, product, sales, before)
        finally:
            process.terminate()
            process.wait(timeout=30)


async def test_sales_resent_after_the_projector_was_killed_are_each_recorded_once(config, db, env) -> None:
    port = free_port()
    with boss(config, db):
        api = serve(port, env, "--no-projectors")
        projector = subprocess.Popen([sys.executable, "-m", "oms", "project"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = await started(api, port)
            auth, product, shifts = await setup_shop(base)
            sales = sales_for(product, shifts)
            queue: asyncio.Queue = asyncio.Queue()
            for sale in sales:
                queue.put_nowait(sale)
            before: dict = {}
            tills = [asyncio.create_task(till(base, auth, queue, before, asyncio.Event())) for _ in range(TILLS)]
            while len(before) < SALES // 3:
                await asyncio.sleep(0.002)
            os.kill(projector.pid, signal.SIGKILL)  # mid-batch: its read tables keep what it committed
            projector.wait(timeout=10)
            await asyncio.gather(*tills)
            projector = subprocess.Popen([sys.executable, "-m", "oms", "project"], env=env,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            await check_every_key_named_one_sale(base, auth, product, sales, before)
        finally:
            for p in (api, projector):
                p.terminate()
                p.wait(timeout=30)
