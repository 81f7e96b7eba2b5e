"""Shifts: the `shifts` read table behind shift lists (who, which register, open or
closed, running sales and refunds). Reports come from the shift's events (`shift_report`)."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from oms.domain.shift import Shift
from projections.view import View, stamp


class ShiftsView(View):
    tables = ("shifts",)
    columns = frozenset({"status", "counted_cash", "closed_at", "version", "updated_at"})


class Shifts(Projection[ShiftsView]):
    name = "Shifts"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    @process_event.register
    def _(self, e: Shift.Opened, tracking: Tracking) -> None:
        self.view.insert(id=e.originator_id, register=e.register, cashier=e.cashier, status="open",
                         opening_float=e.opening_float, version=e.originator_version, opened_at=e.timestamp,
                         updated_at=e.timestamp)

    @process_event.register
    def _(self, e: Shift.CashMoved, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e))

    @process_event.register
    def _(self, e: Shift.SaleRecorded, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"sales_count": 1, "sales_total": e.sale["total"]})

    @process_event.register
    def _(self, e: Shift.RefundRecorded, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"refunds_total": e.refund["amount"]})

    @process_event.register
    def _(self, e: Shift.Closed, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"status": "closed", "counted_cash": e.counted_cash,
                                           "closed_at": e.timestamp, **stamp(e)})
