"""The Reports read model's writer: the view-writing contract (`projections.view`) and
what the projection must know as of the event it is at (`ref`): a product's cost and
category, a salesman's rate, the store's time zone. Those live in `report_refs`, so a
rebuild replaying the events sees each as it was then; a batch reads the ones its events
name in one statement and keeps them while it runs."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.projection import Projection
from psycopg import Cursor, sql

from oms.domain.order import Order
from oms.names import SETTINGS_ID
from projections.statements import pg_json
from projections.view import SetAside, View


def named_ids(event: Any) -> set[UUID]:
    """The refs an event will look up: the settings, and an order's products and salesman
    (an id that is none is left to the event's handler, which sets the event aside)."""
    ids = {SETTINGS_ID}
    if isinstance(event, Order.Placed):
        named = [line.get("product_id") for line in event.lines] + [(event.sale or {}).get("salesman_id")]
        for text in named:
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                ids.add(UUID(text))
    return ids


class ReportsView(View):
    tables = ("report_orders", "report_sales", "report_refs", "report_stock", "report_costs")
    columns = frozenset({"sold_on", "cashier"})
    upcoming: Sequence[tuple[Any, int]] = ()

    def apply(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
              position: int) -> None:
        self.upcoming = pairs
        super().apply(curs, projection, pairs, position)

    def apply_each(self, curs: Cursor[Any], projection: Projection[Any], pairs: Sequence[tuple[Any, int]],
                   position: int, set_aside: SetAside) -> None:
        self.upcoming = pairs
        super().apply_each(curs, projection, pairs, position, set_aside)

    def begin(self, curs: Cursor[Any]) -> None:
        """Start a batch (or start it again after a failed event): read the refs afresh."""
        super().begin(curs)
        ids = set().union(*(named_ids(event) for event, _ in self.upcoming)) if self.upcoming else {SETTINGS_ID}
        self.refs: dict[UUID, dict[str, Any]] = {id_: {} for id_ in ids}
        query = self.statement(("refs", self.suffix), lambda: sql.SQL(
            "SELECT id, data FROM {} WHERE id = ANY(%s)").format(self.t("report_refs")))
        for row in curs.execute(query, (list(ids),)).fetchall():
            self.refs[row["id"]] = row["data"]

    def ref(self, id_: UUID) -> dict[str, Any]:
        if id_ not in self.refs:
            query = self.statement(("ref", self.suffix), lambda: sql.SQL(
                "SELECT data FROM {} WHERE id = %s").format(self.t("report_refs")))
            row = self.cursor().execute(query, (id_,)).fetchone()
            self.refs[id_] = row["data"] if row else {}
        return self.refs[id_]

    def set_ref(self, id_: UUID, **data: Any) -> None:
        self.refs[id_] = {**self.ref(id_), **data}
        query = self.statement(("set_ref", self.suffix), lambda: sql.SQL(
            "INSERT INTO {} AS t (id, data) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET data = excluded.data"
        ).format(self.t("report_refs")))
        self.cursor().execute(query, (id_, pg_json(self.refs[id_])))

    def set_cost(self, product_id: UUID, day: Any, cost: Any) -> None:
        """A product's cost at the end of `day` (the last change that day)."""
        query = self.statement(("cost", self.suffix), lambda: sql.SQL(
            "INSERT INTO {} AS t (product_id, day, cost) VALUES (%s, %s, %s::numeric)"
            " ON CONFLICT (product_id, day) DO UPDATE SET cost = excluded.cost").format(self.t("report_costs")))
        self.cursor().execute(query, (product_id, day, cost))

    def order(self, id_: UUID) -> dict[str, Any] | None:
        query = self.statement(("order", self.suffix), lambda: sql.SQL(
            "SELECT * FROM {} WHERE id = %s").format(self.t("report_orders")))
        return self.cursor().execute(query, (id_,)).fetchone()
