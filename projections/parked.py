"""ParkedSales: the `parked_sales` read table behind each register's list of parked carts."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any

import msgspec
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from oms.domain.parked import ParkedSale
from projections.view import View, stamp


class ParkedSalesView(View):
    tables = ("parked_sales",)
    columns = frozenset({"taken", "version", "updated_at"})


class ParkedSales(Projection[ParkedSalesView]):
    name = "ParkedSales"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    @process_event.register
    def _(self, e: ParkedSale.Parked, tracking: Tracking) -> None:
        self.view.insert(id=e.originator_id, register=e.register, cart=msgspec.json.encode(e.cart).decode(),
                         note=e.note, parked_by=e.actor, version=e.originator_version, parked_at=e.timestamp,
                         updated_at=e.timestamp)

    @process_event.register
    def _(self, e: ParkedSale.Taken, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"taken": True, **stamp(e)})
