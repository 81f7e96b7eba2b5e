"""Vendor commands: CreateVendor, UpdateVendor (edit and archive: `commands.records`)."""

from __future__ import annotations

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates
from commands.records import partial, values
from oms.domain.vendor import Vendor
from oms.fields import Email, Line, Name, Phone, Text


class CreateVendor(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: Name
    contact: Line | None = None
    email: Email | None = None
    phone: Phone | None = None
    address: Text | None = None


UpdateVendor = partial(CreateVendor, "UpdateVendor")


def create_vendor(app: Aggregates, actor: str, cmd: CreateVendor) -> Written[Vendor]:
    vendor = Vendor(**values(cmd), actor=actor)
    return saved(app, vendor, vendor)
