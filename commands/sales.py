"""POS sale command: RecordSale (catalog lines by id or barcode, quick-sell lines,
discounts, split tender)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.customers import customer_of
from commands.load import Aggregates, find, load
from commands.orders import numbers
from commands.settings import settings_of
from commands.shifts import own_shift
from oms.domain import selling
from oms.domain.claim import Claim, claim_id
from oms.domain.customer import put_on_account
from oms.domain.errors import NotFound
from oms.domain.order import Order, PaymentMethod
from oms.domain.product import Product
from oms.domain.salesman import Salesman
from oms.fields import Barcode, Instant, Money, Name, Percent, Quantity, money

QUICK = ("name", "price", "tax_rate")
ONE_KIND_OF_LINE = {"oneOf": [  # what `SaleLine.item` reads, said in the document
    {"required": ["product_id"], "not": {"anyOf": [{"required": [f]} for f in ("barcode", *QUICK)]}},
    {"required": ["barcode"], "not": {"anyOf": [{"required": [f]} for f in ("product_id", *QUICK)]}},
    {"required": list(QUICK), "not": {"anyOf": [{"required": [f]} for f in ("product_id", "barcode")]}},
]}


class PercentOff(msgspec.Struct, forbid_unknown_fields=True, frozen=True, tag_field="kind", tag="percent"):
    value: Percent


class AmountOff(msgspec.Struct, forbid_unknown_fields=True, frozen=True, tag_field="kind", tag="amount"):
    value: Money


Discount = PercentOff | AmountOff


class SaleLine(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    """A catalog line (`product_id` or `barcode`) or a quick-sell line (`name`, `price`, `tax_rate`)."""

    quantity: Quantity
    product_id: UUID | msgspec.UnsetType = msgspec.UNSET
    barcode: Barcode | msgspec.UnsetType = msgspec.UNSET
    name: Name | msgspec.UnsetType = msgspec.UNSET
    price: Money | msgspec.UnsetType = msgspec.UNSET
    tax_rate: Percent | msgspec.UnsetType = msgspec.UNSET
    discount: Discount | None = None

    def __post_init__(self) -> None:
        unset = msgspec.UNSET
        quick = (self.name is not unset, self.price is not unset, self.tax_rate is not unset)
        kinds = (self.product_id is not unset) + (self.barcode is not unset) + all(quick)
        if kinds != 1 or any(quick) != all(quick):
            raise ValueError("a line is product_id, or barcode, or name with price and tax_rate")


OneSaleLine = Annotated[SaleLine, msgspec.Meta(extra_json_schema=ONE_KIND_OF_LINE)]


class Tender(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    method: PaymentMethod
    amount: Money


class RecordSale(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    shift_id: UUID
    items: Annotated[list[OneSaleLine], msgspec.Meta(min_length=1, max_length=200)]
    payments: Annotated[list[Tender], msgspec.Meta(min_length=1, max_length=10)]
    discount: Discount | None = None
    customer_id: UUID | None = None
    salesman_id: UUID | None = None
    sold_at: Instant | None = None
    approval: Annotated[str, msgspec.Meta(max_length=2000)] | None = None  # a manager's (POST /pos/discount-approvals)


def discount_of(given: Discount | None) -> selling.Discount | None:
    if given is None:
        return None
    kind: selling.DiscountKind = "percent" if isinstance(given, PercentOff) else "amount"
    return selling.Discount(kind, Decimal(given.value) if kind == "percent" else money(given.value))


def product_of(app: Aggregates, line: SaleLine) -> Product:
    if isinstance(line.product_id, UUID):
        return load(app, Product, line.product_id, "product")
    owner = find(app, claim_id("barcode", str(line.barcode)))
    if not isinstance(owner, Claim) or owner.owner_id is None:
        raise NotFound(f"no product has barcode {line.barcode}")
    return load(app, Product, owner.owner_id, "product")


def item_of(app: Aggregates, line: SaleLine, loaded: dict[UUID, Product]) -> selling.SaleItem:
    """A line as the domain sells it; lines of one product share one copy of it (`loaded`),
    so they share its stock."""
    discount = discount_of(line.discount)
    if line.product_id is msgspec.UNSET and line.barcode is msgspec.UNSET:
        return selling.SaleItem(quantity=line.quantity, name=str(line.name), price=money(str(line.price)),
                                tax_rate=Decimal(str(line.tax_rate)), discount=discount)
    product = product_of(app, line)
    return selling.SaleItem(quantity=line.quantity, product=loaded.setdefault(product.id, product), discount=discount)


def record_sale(app: Aggregates, actor: str, role: str, cmd: RecordSale, store_series: str,
                every_shift: bool = False, approver: tuple[str, str] | None = None) -> Written[Order]:
    """Sell on an open shift (the drawer rule: `Shift.check_drawer`); the invoice number comes from
    the series its register had when the shift opened (or the store's). `approver`: the
    manager (id, role) whose approval lets the discount go beyond the seller's limit."""
    shift = own_shift(app, cmd.shift_id, actor, every_shift)
    customer = customer_of(app, cmd.customer_id) if cmd.customer_id is not None else None
    if cmd.salesman_id is not None:
        load(app, Salesman, cmd.salesman_id, "salesman").check_not_archived()
    loaded: dict[UUID, Product] = {}
    items = [item_of(app, line, loaded) for line in cmd.items]
    sequence = numbers(app, shift.series or store_series)
    order = selling.sell(
        number=sequence.next_number(), shift=shift, items=items, discount=discount_of(cmd.discount),
        payments=[(p.method, money(p.amount)) for p in cmd.payments],
        customer_id=customer.order_ref if customer else None,
        salesman_id=str(cmd.salesman_id) if cmd.salesman_id else None,
        role=role, actor=actor, sold_at=cmd.sold_at, settings=settings_of(app), now=datetime.now(UTC),
        approver=approver,
    )
    on_account = sum((t["amount"] for t in order.payments if t["method"] == "account"), Decimal("0.00"))
    if on_account:
        put_on_account(customer, order.id, on_account, actor)
    return saved(app, order, order, sequence, shift, *loaded.values(), *([customer] if customer else []))
