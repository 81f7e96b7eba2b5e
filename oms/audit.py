"""`oms audit verify` and `oms audit export`: the chain checked against the event store
row by row, and a stretch of it written out for an auditor (docs/audit.md).

Verify walks the stored events and the chain together in notification order,
recomputes every link (`oms.chain.link`) and names the first position where they part:
an event row edited (its link differs), deleted (a link without its row) or inserted
(a row without its link, below the chain's head). `expect`, the head printed on a Z
report, also catches both tables rewritten together."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

import psycopg
from tqdm import tqdm

from oms.chain import GENESIS, link
from oms.database import Database

WALK = ("SELECT coalesce(e.notification_id, a.position) AS position, e.originator_id, e.originator_version, e.topic,"
        " e.state, a.hash, a.position IS NOT NULL AS linked, e.notification_id IS NOT NULL AS stored"
        " FROM oms_events e FULL JOIN audit_trail a ON a.position = e.notification_id"
        " WHERE coalesce(e.notification_id, a.position) > %s AND coalesce(e.notification_id, a.position) <= %s"
        " ORDER BY 1")


@dataclass
class Verdict:
    checked: int
    head: int
    head_hash: str | None
    not_linked: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def one(conn: psycopg.Connection[Any], query: str, *args: Any) -> tuple[Any, ...]:
    row = conn.execute(query, args).fetchone()
    assert row is not None  # an aggregate always answers a row
    return tuple(row)


def rows(conn: psycopg.Connection[Any], start: int, stop: int) -> Iterator[tuple[Any, ...]]:
    with conn.cursor(name="audit_walk") as cursor:
        cursor.itersize = 10_000
        cursor.execute(WALK, (start, stop))
        yield from cursor


def verify(db: Database, expect: tuple[int, str] | None = None, progress: bool = True) -> Verdict:
    with psycopg.connect(db.url()) as conn:
        head, head_hash, stored = one(conn, "SELECT coalesce(max(position), 0), (SELECT encode(hash, 'hex') FROM"
                                      " audit_trail ORDER BY position DESC LIMIT 1), (SELECT coalesce("
                                      "max(notification_id), 0) FROM oms_events) FROM audit_trail")
        verdict = Verdict(checked=0, head=head, head_hash=head_hash, not_linked=max(0, stored - head))
        previous = GENESIS
        with tqdm(total=head, unit="ev", desc="chain", disable=not progress) as bar:
            for position, oid, version, topic, state, hash_, linked, present in rows(conn, 0, head):
                bar.update(1)
                verdict.checked += 1
                if not present:
                    return broken(verdict, position, "the event row is gone (deleted)")
                if not linked:
                    return broken(verdict, position, "an event row that was never linked (inserted)")
                previous = link(previous, position, oid, version, topic, bytes(state))
                if previous != bytes(hash_):
                    return broken(verdict, position, "the event row differs from when it was linked (edited)")
                if expect and position == expect[0] and previous.hex() != expect[1]:
                    return broken(verdict, position, "the chain differs from the copy of its head (rewritten)")
    if expect and expect[0] > head:
        return broken(verdict, expect[0], "the copied head is beyond the chain (events gone)")
    return verdict


def broken(verdict: Verdict, position: int, problem: str) -> Verdict:
    verdict.broken_at, verdict.problem = position, problem
    return verdict


def bound(text: str | None, db: Database, default: int, end: bool) -> int:
    """A position, or a day (the first or last position of events from that day on / up to it)."""
    if text is None:
        return default
    if text.isdigit():
        return int(text)
    day = date.fromisoformat(text)
    with psycopg.connect(db.url()) as conn:
        query = ("SELECT coalesce(max(position), 0) FROM audit_trail WHERE at < %s::date + 1" if end else
                 "SELECT coalesce(min(position), %s) FROM audit_trail WHERE at >= %s::date")
        args = (day,) if end else (default, day)
        return int(one(conn, query, *args)[0])


def export(db: Database, out: IO[str], start: str | None, stop: str | None) -> int:
    """Events `start`..`stop` (positions or days) as JSON lines with their links and the
    link before the first, for `scripts/verify-audit`; answer the lines written."""
    first, last = bound(start, db, 1, end=False), bound(stop, db, 2**62, end=True)
    written = 0
    with psycopg.connect(db.url()) as conn:
        before = conn.execute("SELECT hash FROM audit_trail WHERE position < %s ORDER BY position DESC LIMIT 1",
                              (first,)).fetchone()
        previous = bytes(before[0]).hex() if before else GENESIS.hex()
        for position, oid, version, topic, state, hash_, linked, present in rows(conn, first - 1, last):
            if not (linked and present):
                continue  # `verify` names such a position; the export holds what is linked
            out.write(json.dumps({"position": position, "originator_id": str(oid), "version": version,
                                  "topic": topic, "state": base64.b64encode(bytes(state)).decode(),
                                  "previous": previous, "hash": bytes(hash_).hex()}) + "\n")
            previous = bytes(hash_).hex()
            written += 1
    return written
