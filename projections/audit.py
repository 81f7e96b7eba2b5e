"""Audit: the `audit_trail` table, one row per stored event in notification order, each
chained to the one before by a hash (`oms.chain.link`), with its actor, entity and a
readable summary for the auditor's list.

It reads the stored rows themselves (not decoded events), every topic, from the last
chained position to the batch's end, so no event is skipped, whatever the other read
models handle or could not read; a row that cannot be summarised is still chained.
The runner hands it the rows it has just read (`stored`) when they cover that range;
otherwise (a rebuild, a view behind the others) it reads them again."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from functools import singledispatchmethod
from typing import Any

import msgspec
from eventsourcing.persistence import Notification
from eventsourcing.projection import Projection
from psycopg import Cursor, sql

from oms.chain import GENESIS, link
from oms.names import EVENTS_TABLE
from oms.personal import PREFIX
from projections.view import SetAside, View

CRITICAL = {"Order.Refunded", "Order.ReceiptReprinted", "Product.StockAdjusted", "Product.StockCounted",
            "User.RoleAssigned", "User.Deactivated", "User.PasswordChanged", "Role.PermissionsChanged",
            "Role.Created", "Settings.Changed", "Shift.Closed", "Shift.CashMoved", "Customer.Forgotten",
            "User.Forgotten", "User.LoginFailed", "User.TokensRevoked"}
SHOWN = ("number", "status", "method", "amount", "quantity", "delta", "counted", "reason", "register", "name",
         "sku", "username", "role", "counted_cash", "opening_float", "kind")
DISCOUNT_CRITICAL = Decimal(10)  # percent of a sale's subtotal


def plain(value: Any) -> Any:
    """A transcoded value ({"_type_": "decimal_str", "_data_": "4.50"}) as its data."""
    if isinstance(value, dict) and "_data_" in value:
        return plain(value["_data_"])
    return value


def shown(value: Any) -> bool:
    """Whether a value goes in a summary: not empty, and not someone's personal data (sealed
    with their key, `oms.personal`: a summary is not erased when they are forgotten)."""
    return value not in (None, "", [], {}) and not (isinstance(value, str) and value.startswith(PREFIX))


def describe(kind: str, state: dict[str, Any]) -> tuple[str, bool]:
    """The summary an auditor reads, and whether the action is critical."""
    fields = {k: plain(state[k]) for k in SHOWN if k in state and shown(plain(state[k]))}
    if kind.endswith(".Updated") or kind.endswith(".Changed"):
        changes = plain(state.get("changes")) or {}
        fields = {k: plain(v) for k, v in changes.items() if shown(plain(v))} if isinstance(changes, dict) else fields
    if kind == "Order.Refunded":
        refund = plain(state.get("refund")) or {}
        fields = {"amount": plain(refund.get("amount")), "reason": refund.get("reason")}
    sale = plain(state.get("sale")) if kind == "Order.Placed" else None
    critical = kind in CRITICAL or (kind == "Product.Updated" and "price" in fields)
    if isinstance(sale, dict) and Decimal(str(plain(sale.get("discount")) or 0)) != 0:
        lines = plain(state.get("lines")) or []
        net = sum((Decimal(str(plain(line.get("net", 0)))) for line in lines), Decimal(0))
        given = Decimal(str(plain(sale["discount"])))
        fields["discount"] = str(given)
        if sale.get("discount_approved_by"):
            fields["approved by"] = sale["discount_approved_by"]
        critical = critical or (net + given > 0 and given * 100 >= DISCOUNT_CRITICAL * (net + given))
    text = ", ".join(f"{k} {json.dumps(v, ensure_ascii=False, default=str)[:80]}" for k, v in fields.items())
    return kind.replace(".", " ") + (f": {text}" if text else ""), critical


def readable(state: bytes) -> dict[str, Any]:
    """A stored state as the JSON object it should be (anything else: empty). msgspec
    reads it several times faster; what only the standard library reads (NaN) falls back."""
    try:
        decoded = msgspec.json.decode(state)
    except msgspec.DecodeError:
        try:
            decoded = json.loads(state)
        except ValueError:
            return {}
    return decoded if isinstance(decoded, dict) else {}


def when(state: dict[str, Any]) -> datetime:
    """The event's time (an unreadable row: the epoch, so it still has a place)."""
    try:
        return datetime.fromisoformat(str(plain(state["timestamp"])))
    except (KeyError, ValueError):
        return datetime.fromtimestamp(0, UTC)


class AuditView(View):
    tables = ("audit_trail",)
    key = "position"
    columns = frozenset()

    def apply(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
              position: int) -> None:
        self.begin(curs)
        self.chain(position)
        self.end(position)

    def apply_each(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
                   position: int, set_aside: SetAside) -> None:
        self.apply(curs, projection, pairs, position)  # one link after another: nothing to set aside

    def chain(self, last: int) -> None:
        """Link every stored event after the last linked one, up to `last`."""
        assert self.curs is not None
        head = self.curs.execute(self.statement(("head", self.suffix), lambda: sql.SQL(
            "SELECT position, hash FROM {} ORDER BY position DESC LIMIT 1").format(self.t()))).fetchone()
        previous, after = (bytes(head["hash"]), head["position"]) if head else (GENESIS, 0)
        for row in self.stored_rows(after, last):
            state = bytes(row.state)
            previous = link(previous, row.id, row.originator_id, row.originator_version, row.topic, state)
            kind = row.topic.rsplit(":", 1)[-1]
            decoded = readable(state)
            summary, critical = describe(kind, decoded)
            self.insert(position=row.id, at=when(decoded), type=kind, entity=kind.split(".", 1)[0].lower(),
                        entity_id=row.originator_id, version=row.originator_version,
                        actor=plain(decoded.get("actor")), summary=summary, critical=critical, hash=previous)

    def stored_rows(self, after: int, last: int) -> Sequence[Notification]:
        """The stored rows after `after` up to `last`: the runner's, if they are all of them."""
        start, stored = self.stored
        if stored and start <= after + 1 and stored[-1].id == last:
            return [row for row in stored if row.id > after]
        assert self.curs is not None
        found = self.curs.execute(sql.SQL(
            "SELECT notification_id, originator_id, originator_version, topic, state FROM {}"
            " WHERE notification_id > %s AND notification_id <= %s ORDER BY notification_id").format(
            sql.Identifier(EVENTS_TABLE)), (after, last)).fetchall()
        return [Notification(id=r["notification_id"], originator_id=r["originator_id"],
                             originator_version=r["originator_version"], topic=r["topic"], state=bytes(r["state"]))
                for r in found]


class Audit(Projection[AuditView]):
    name = "Audit"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Any) -> None:
        """No decoded event is needed: the view links the stored rows itself (`AuditView.chain`)."""
