"""Expense: money the shop spent (rent, flour, repairs), by category and day."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventsourcing.domain import event

from oms.domain.record import Record, set_archived, set_fields

EXPENSE_FIELDS = ("category", "amount", "date", "note", "vendor_id")


class Expense(Record):
    kind = "expense"
    editable = EXPENSE_FIELDS

    @event("Created")
    def __init__(self, category: str, amount: Decimal, date: date, note: str | None, vendor_id: str | None,
                 actor: str) -> None:
        self.category, self.amount, self.date, self.note, self.vendor_id = category, amount, date, note, vendor_id
        self.archived = False

    _update = event("Updated")(set_fields)
    _archive = event("Archived")(set_archived)
