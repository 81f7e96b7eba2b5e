"""StockEntry: goods received from a vendor. It raises its products' stock and moves their
cost (`Product.receive`), and is read-only once made: a mistake is corrected by a new entry
or an adjustment, so the history shows both."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import StockEntryTooLarge
from oms.domain.product import Product
from oms.domain.vendor import Vendor

MAX_ENTRY_TOTAL = Decimal("999999999999.99")  # the most a stock entry's total column (numeric(14,2)) holds


class StockEntry(Aggregate):
    @event("Created")
    def __init__(self, vendor_id: str, vendor_name: str, lines: list[dict[str, Any]], note: str | None,
                 actor: str) -> None:
        """`vendor_name`: the vendor's name when the goods came (the entry shows it ever after)."""
        self.vendor_id, self.vendor_name, self.lines, self.note, self.actor = vendor_id, vendor_name, lines, note, actor

    @property
    def total(self) -> Decimal:
        return total_of(self.lines)


def total_of(lines: Sequence[dict[str, Any]]) -> Decimal:
    """What a stock entry's goods cost: units times unit cost, summed."""
    return sum((line["quantity"] * line["unit_cost"] for line in lines), Decimal("0.00"))


def receive(vendor: Vendor, lines: Sequence[tuple[Product, int, Decimal]], note: str | None, actor: str) -> StockEntry:
    """Receive each line's units at its unit cost; all of them or none."""
    vendor.check_not_archived()
    total = total_of([{"quantity": quantity, "unit_cost": unit_cost} for _, quantity, unit_cost in lines])
    if total > MAX_ENTRY_TOTAL:
        raise StockEntryTooLarge(f"a stock entry's goods cost at most {MAX_ENTRY_TOTAL}", total=str(total))
    entry = StockEntry(vendor_id=str(vendor.id), vendor_name=vendor.name, note=note, actor=actor, lines=[
        {"product_id": str(product.id), "name": product.name, "quantity": quantity, "unit_cost": unit_cost}
        for product, quantity, unit_cost in lines])
    for product, quantity, unit_cost in lines:
        product.receive(entry.id, quantity, unit_cost, actor)
    return entry
