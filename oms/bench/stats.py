"""Latency summaries."""

from __future__ import annotations

from typing import Any


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(latencies: list[float], seconds: float, **extra: Any) -> dict[str, Any]:
    """Throughput and p50/p95/p99 in milliseconds."""
    return {
        "count": len(latencies), "seconds": round(seconds, 2),
        "per_second": round(len(latencies) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 99) * 1000, 2),
        **extra,
    }
