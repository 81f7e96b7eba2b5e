"""Expense commands: CreateExpense, UpdateExpense (archive: `commands.records`). A named
vendor must exist."""

from __future__ import annotations

from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates, load
from commands.records import edit, partial, values
from oms.domain.expense import Expense
from oms.domain.vendor import Vendor
from oms.fields import Day, Money, Name, Text


class CreateExpense(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    category: Name
    amount: Money
    date: Day
    note: Text | None = None
    vendor_id: UUID | None = None


UpdateExpense = partial(CreateExpense, "UpdateExpense")


def check_vendor(app: Aggregates, cmd: msgspec.Struct) -> None:
    vendor_id = getattr(cmd, "vendor_id", None)
    if isinstance(vendor_id, UUID):
        load(app, Vendor, vendor_id, "vendor")


def create_expense(app: Aggregates, actor: str, cmd: CreateExpense) -> Written[Expense]:
    check_vendor(app, cmd)
    expense = Expense(**values(cmd), actor=actor)
    return saved(app, expense, expense)


def update_expense(app: Aggregates, actor: str, expense_id: UUID, cmd: msgspec.Struct) -> Written[Expense]:
    check_vendor(app, cmd)
    return edit(app, actor, Expense, expense_id, cmd)
