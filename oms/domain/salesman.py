"""Salesman: who a sale is credited to, for commission (a rate in percent of net sales)."""

from __future__ import annotations

from decimal import Decimal

from eventsourcing.domain import event

from oms.domain.record import Record, set_archived, set_fields

SALESMAN_FIELDS = ("name", "commission_rate")


class Salesman(Record):
    kind = "salesman"
    editable = SALESMAN_FIELDS

    @event("Created")
    def __init__(self, name: str, commission_rate: Decimal, actor: str) -> None:
        self.name, self.commission_rate = name, commission_rate
        self.archived = False

    _update = event("Updated")(set_fields)
    _archive = event("Archived")(set_archived)
