"""The bench table: each figure against its ceiling (throughput) or target (latency)."""

from __future__ import annotations

from typing import Any


def rows(r: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    ceiling = r["healthz"]["per_second"]
    out = [
        ("/healthz, 64 clients (HTTP ceiling)", f"{ceiling:,.0f}/s", "", "", ""),
        ("pgbench 1 INSERT/txn, 64 clients (DB ceiling)", f"{r['pgbench']['per_second']:,.0f}/s", "", "", ""),
    ]

    def throughput(name: str, key: str, share: float) -> None:
        value = r[key]["per_second"]
        out.append((name, f"{value:,.0f}/s (p99 {r[key]['p99_ms']} ms)", f"{share:.0%} of ceiling",
                    f"{value / ceiling:.3f}", "yes" if value / ceiling >= share else "no"))

    def latency(name: str, key: str, field: str, target_ms: float) -> None:
        value = r[key][field]
        out.append((name, f"{value} ms", f"< {target_ms:g} ms", f"{value / target_ms:.2f}",
                    "yes" if value < target_ms else "no"))

    throughput("place-order, 3 lines, 50 products", "orders", 0.25)
    throughput("place-order, one hot product", "orders_hot", 0.10)
    out.append(("  hot product oversold units", str(r["orders_hot"]["oversold"]), "0", "",
                "yes" if r["orders_hot"]["oversold"] == 0 and r["orders_hot"]["reserved_equals_sold"] else "no"))
    sales = r["sales"]
    placed = r.get("orders_in_turns", r["orders"])  # runs before 2026-12-03: phases in a row
    ratio = sales["per_second"] / placed["per_second"]
    if "orders_in_turns" in r:
        out.append(("  place-order, in turns with POS sales",
                    f"{placed['per_second']:,.0f}/s (p99 {placed['p99_ms']} ms)", "", "", ""))
    out.append(("POS sale, 3 lines, split tender, 8 tills", f"{sales['per_second']:,.0f}/s (p99 {sales['p99_ms']} ms)",
                "80% of place-order", f"{ratio:.3f}", "yes" if ratio >= 0.8 else "no"))
    numbers = sales["invoice_numbers"]
    out.append(("  invoice numbers 1..N, no gap", f"{numbers['count']:,} numbers, last {numbers['last']:,}", "gap-free",
                "", "yes" if numbers["gap_free"] else "no"))
    sync = r["sync"]
    once = sync["sent"] // 2
    replayed = sync["statuses"].get("201 replayed", 0)
    out.append(("offline sync: 10 tills x 100 queued sales", f"{sync['seconds']} s ({sync['per_second']:,.0f}/s)",
                "", "", ""))
    out.append(("  sent twice: recorded, replayed", f"{sync['recorded']:,}, {replayed:,}", f"{once:,}, {once:,}", "",
                "yes" if sync["recorded"] == once == replayed else "no"))
    out.append(("receipt PDF, 8 clients", f"p50 {r['receipts']['p50_ms']} ms, p99 {r['receipts']['p99_ms']} ms",
                f"{r['receipts']['per_second']:,.0f}/s", "", ""))
    latency("place-order p99 at 300/s offered", "orders_open_300", "p99_ms", 50)
    latency("  (context) place-order p99 at 100/s offered", "orders_open_100", "p99_ms", 50)
    latency("commit -> visible in read table p50", "lag", "p50_ms", 100)
    latency("commit -> visible in read table p99", "lag", "p99_ms", 100)
    for clients in (500, 2000):
        key = f"websockets_{clients}"
        latency(f"commit -> websocket, {clients} clients p50", key, "p50_ms", 200)
        latency(f"commit -> websocket, {clients} clients p99", key, "p99_ms", 200)
    latency("reads (orders, search, product) p99 at 1000/s", "reads_1000", "p99_ms", 20)
    if "shop_1000" in r:
        latency("shop window (catalog, categories, store) p99 at 1000/s, guests", "shop_1000", "p99_ms", 20)
    latency("search p99 at 50/s (100k customers, 10k products)", "search_50", "p99_ms", 20)
    out.append(("peak memory of the API process", f"{r['peak_memory_mb']} MB", "", "", ""))
    return out


def table(r: dict[str, Any]) -> str:
    header = ("figure", "measured", "ceiling / target", "ratio", "met")
    lines = [header, *rows(r)]
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    fmt = " | ".join(f"{{:{w}}}" for w in widths)
    text = [f"topology: {r.get('topology')}; {r['seconds_per_phase']} s per phase; machine: {r['machine']}",
            fmt.format(*header), "-+-".join("-" * w for w in widths)]
    text += [fmt.format(*line) for line in lines[1:]]
    return "\n".join(text)
