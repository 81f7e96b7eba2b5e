"""Vendor: who the shop buys from (the flour mill, the dairy)."""

from __future__ import annotations

from eventsourcing.domain import event

from oms.domain.record import Record, set_archived, set_fields

VENDOR_FIELDS = ("name", "contact", "email", "phone", "address")


class Vendor(Record):
    kind = "vendor"
    editable = VENDOR_FIELDS

    @event("Created")
    def __init__(self, name: str, contact: str | None, email: str | None, phone: str | None, address: str | None,
                 actor: str) -> None:
        self.name, self.contact, self.email, self.phone, self.address = name, contact, email, phone, address
        self.archived = False

    _update = event("Updated")(set_fields)
    _archive = event("Archived")(set_archived)
