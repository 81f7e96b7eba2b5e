"""BackOffice: the records the back office keeps (`vendors`, `salesmen`, `customers`,
`expenses`, one table each, a row per record) and `stock_entries`.

A record's Created, Updated and Archived events are handled alike for every record
class (`TABLES`); a customer's account events move its balance."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from oms.domain.customer import CUSTOMER_FIELDS, ERASED_FIELDS, Customer
from oms.domain.expense import EXPENSE_FIELDS, Expense
from oms.domain.record import Record
from oms.domain.salesman import SALESMAN_FIELDS, Salesman
from oms.domain.stock_entry import StockEntry, total_of
from oms.domain.vendor import VENDOR_FIELDS, Vendor
from projections.statements import pg_json
from projections.view import View, row_values, stamp

TABLES: dict[type[Record], str] = {Vendor: "vendors", Salesman: "salesmen", Customer: "customers", Expense: "expenses"}
EVENTS = {getattr(cls, verb): (verb, table) for cls, table in TABLES.items()
          for verb in ("Created", "Updated", "Archived")}
class BackOfficeView(View):
    tables = ("vendors", "salesmen", "customers", "expenses", "stock_entries")
    columns = frozenset({*VENDOR_FIELDS, *SALESMAN_FIELDS, *CUSTOMER_FIELDS, *EXPENSE_FIELDS, "archived", "version",
                         "updated_at"})


class BackOffice(Projection[BackOfficeView]):
    name = "BackOffice"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    def record(self, e: Any, tracking: Tracking) -> None:
        """A record's Created, Updated or Archived event (registered for each in `EVENTS`)."""
        verb, table = EVENTS[type(e)]
        if verb == "Created":
            fields = row_values({k: v for k, v in e.__dict__.items() if k in self.view.columns or k == "user_id"})
            self.view.insert(table, id=e.originator_id, **fields, version=e.originator_version,
                             created_at=e.timestamp, updated_at=e.timestamp)
        elif verb == "Updated":
            changes = row_values(e.changes)
            self.view.update(e.originator_id, {**changes, **stamp(e)}, table=table)
        else:
            self.view.update(e.originator_id, {"archived": True, **stamp(e)}, table=table)

    @process_event.register
    def _(self, e: Customer.Charged, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"balance": e.amount}, table="customers")

    @process_event.register
    def _(self, e: Customer.Credited, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"balance": -e.amount}, table="customers")

    @process_event.register
    def _(self, e: Customer.PaymentReceived, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e), {"balance": -e.amount}, table="customers")

    @process_event.register
    def _(self, e: Customer.Forgotten, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {**ERASED_FIELDS, "archived": True, **stamp(e)}, table="customers")

    @process_event.register
    def _(self, e: StockEntry.Created, tracking: Tracking) -> None:
        lines = [{**line, "unit_cost": str(line["unit_cost"])} for line in e.lines]
        self.view.insert("stock_entries", id=e.originator_id, vendor_id=UUID(e.vendor_id),
                         vendor_name=e.vendor_name, note=e.note,
                         lines=pg_json(lines), total=total_of(e.lines), actor=e.actor, created_at=e.timestamp)


for _event in EVENTS:
    vars(BackOffice)["process_event"].register(_event, BackOffice.record)
