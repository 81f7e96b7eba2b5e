"""`oms bench --history`: a year of a busy bakery, then the reports over it.

The year is made by the domain itself (`selling.sell`, `ordering.place`), saved in
batches straight into the event store, with the library's event clock set to run
through the year (each event is stamped when it would have happened). Then the real
server starts, its read models catch up on every event, and the phases measure the
dashboard and a one-month sales report at a steady rate, and a CSV export of every
order while the API process's memory is sampled."""

from __future__ import annotations

import csv
import io
import random
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
from psycopg import sql

from oms import audit
from oms.config import Config
from oms.database import Database
from oms.domain.order import order_sums
from oms.domain.ordering import move, place
from oms.domain.product import Product
from oms.domain.selling import SaleItem, price_lines, sell
from oms.domain.settings import Settings
from oms.domain.shift import Shift
from oms.store import clock_at, open_store

KINDS = ("Baguette", "Sourdough", "Croissant", "Pain au chocolat", "Eclair", "Tart", "Brioche", "Macaron")
SAVE_EVERY = 200


def generate(config: Config, db: Database, orders: int, days: int = 365) -> dict[str, Any]:
    """`orders` over `days` days up to yesterday: POS sales (cash or card) from 7:00 to 19:00 on
    one till, and one in twenty an online order collected the same day; a shift per day."""
    store = open_store(db, config)
    rng = random.Random(7)
    started = time.monotonic()
    first = (datetime.now(UTC) - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    now = [first]
    settings = Settings(values={}, actor="bench")  # the defaults: the store's own are not needed here
    with clock_at(now):
        products = [Product(sku=f"Y{i}", name=f"{KINDS[i % 8]} {i}", price=Decimal(150 + 25 * i) / 100,
                            cost=Decimal(40 + 9 * i) / 100, category=KINDS[i % 8], barcode=None, brand=None,
                            tax_rate=Decimal("5.5"), stock=10**9, actor="bench") for i in range(40)]
        store.save(*products)
        per_day, number = orders // days, 0
        for day in range(days):
            opening = first + timedelta(days=day, hours=6, minutes=45)
            now[0] = opening
            shift = Shift(register="till-1", opening_float=Decimal("100.00"), cashier="bench", actor="bench",
                          series=None)
            pending: list[Any] = [shift]
            for i in range(per_day):
                number += 1
                now[0] = opening + timedelta(seconds=15 + i * 43200 / per_day)
                chosen = rng.sample(products, rng.randint(1, 3))
                if i % 20 == 19:
                    order = place(number=f"Y-{number:07d}", channel="online", actor="bench",
                                  items=[(p, rng.randint(1, 4)) for p in chosen],
                                  pickup_at=(now[0] + timedelta(hours=2)).isoformat())
                    order.record_payment("card", order.total, "bench")
                    for status in ("confirmed", "picked", "shipped"):
                        move(order, status, None, {str(p.id): p for p in chosen}, "bench")
                else:
                    items = [SaleItem(quantity=rng.randint(1, 3), product=p) for p in chosen]
                    _, _, total = order_sums(price_lines(items, None))
                    order = sell(number=f"Y-{number:07d}", shift=shift, items=items, discount=None,
                                 payments=[(rng.choice(("cash", "card")), total)], customer_id=None,
                                 salesman_id=None, role="cashier", actor="bench", sold_at=None, settings=settings,
                                 now=now[0])
                pending.append(order)
                if len(pending) >= SAVE_EVERY:
                    store.save(*pending, *products)
                    pending = [shift]
            now[0] = opening + timedelta(hours=12, minutes=30)
            shift.close(shift.expected_cash, "bench")
            store.save(*pending, *products)
    head = store.recorder.max_notification_id() or 0
    store.close()
    return {"orders": number, "events": head, "days": days, "seconds": round(time.monotonic() - started, 1)}


def caught_up(db: Database, timeout: float = 3600) -> float:
    """Seconds until every read model has applied every event."""
    from projections.registry import tracking_tables

    started = time.monotonic()
    with psycopg.connect(db.url(), autocommit=True) as conn:
        head = conn.execute("SELECT max(notification_id) FROM oms_events").fetchone()[0]  # type: ignore[index]
        while time.monotonic() - started < timeout:
            positions = [row[0] for t in tracking_tables()
                         for row in conn.execute(sql.SQL("SELECT coalesce(max(notification_id), 0) FROM {}").format(
                             sql.Identifier(t)))]
            if min(positions) >= head:
                break
            time.sleep(1)
    return round(time.monotonic() - started, 1)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class CountingReader(io.RawIOBase):
    """A response read through, counting its bytes."""

    def __init__(self, response: Any) -> None:
        self.response, self.size = response, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.response.read(len(buffer))
        buffer[: len(data)] = data
        self.size += len(data)
        return len(data)


def export(url: str, token: str, pid: int) -> dict[str, Any]:
    """Stream the CSV of every order, sampling the API process's memory meanwhile."""
    before, peak, done = rss_mb(pid), [0.0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started, rows = time.monotonic(), 0
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})  # noqa: S310 - http only
    with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
        counted = CountingReader(response)
        for _ in csv.reader(io.TextIOWrapper(io.BufferedReader(counted), encoding="utf-8", newline="")):
            rows += 1
    done.set()
    sampler.join()
    return {"rows": rows - 1, "mb": round(counted.size / 2**20, 1), "seconds": round(time.monotonic() - started, 1),
            "rss_before_mb": round(before, 1), "rss_peak_mb": round(peak[0], 1),
            "growth_mb": round(max(0.0, peak[0] - before), 1)}


def run(config: Config, seconds: float, orders: int) -> dict[str, Any]:
    from oms.bench.run import call, create_admin, finish, free_port, load, machine, prepare_db, start_system

    db = prepare_db(config)
    password = "history-" + str(random.randrange(10**12))
    create_admin(config, db, password)
    results: dict[str, Any] = {"machine": machine(), "seconds_per_phase": seconds}
    processes: list[Any] = []
    try:
        results["generated"] = generate(config, db, orders)
        port = free_port()
        processes, results["topology"] = start_system(config, db, port)
        results["generated"]["projected_seconds"] = caught_up(db)
        base = f"http://127.0.0.1:{port}"
        token = call(f"{base}/api/v1/auth/login", {"username": "bench", "password": password})["access_token"]
        month_end = datetime.now(UTC).date() - timedelta(days=1)
        month = f"from={month_end - timedelta(days=29)}&to={month_end}"
        common = {"base": base, "token": token, "seconds": seconds}
        results["dashboard"] = load("report", **common, paths=["/api/v1/reports/dashboard"], rate=50)
        results["sales_month"] = load("report", **common, rate=50, paths=[
            f"/api/v1/reports/sales?{month}&group_by=day", f"/api/v1/reports/sales?{month}&group_by=product"])
        results["export"] = export(f"{base}/api/v1/orders?format=csv", token, processes[0].pid)
        started = time.monotonic()
        verdict = audit.verify(db, progress=False)
        results["verify"] = {"events": verdict.checked, "intact": verdict.intact,
                             "seconds": round(time.monotonic() - started, 1)}
    finally:
        finish(processes, db)
    return results


def table(r: dict[str, Any]) -> str:
    g, e = r["generated"], r["export"]
    lines = [
        f"topology: {r.get('topology')}; {r['seconds_per_phase']} s per phase; machine: {r['machine']}",
        f"history: {g['orders']:,} orders, {g['events']:,} events over {g['days']} days"
        f" (generated in {g['seconds']} s, read models caught up in {g['projected_seconds']} s)",
        f"dashboard at 50/s: p50 {r['dashboard']['p50_ms']} ms, p99 {r['dashboard']['p99_ms']} ms (target < 20 ms)",
        f"one-month sales report (by day, by product) at 50/s: p50 {r['sales_month']['p50_ms']} ms,"
        f" p99 {r['sales_month']['p99_ms']} ms (target < 20 ms)",
        f"CSV of every order: {e['rows']:,} rows, {e['mb']} MB in {e['seconds']} s; API memory"
        f" {e['rss_before_mb']} -> {e['rss_peak_mb']} MB, growth {e['growth_mb']} MB (target < 50 MB)",
        f"oms audit verify: {r['verify']['events']:,} events in {r['verify']['seconds']} s"
        f" ({'intact' if r['verify']['intact'] else 'BROKEN'})",
    ]
    return "\n".join(lines)
