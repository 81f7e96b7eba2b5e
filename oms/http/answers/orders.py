"""Orders: lines, payments, refunds; parked sales at the till."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from oms.http.answers.base import Answer, MoneyText


class OrderLine(Answer, frozen=True):
    product_id: UUID | None  # none on a quick-sell line
    sku: str | None
    name: str
    quantity: int
    unit_price: MoneyText
    tax_rate: str
    discount: MoneyText
    net: MoneyText
    tax: MoneyText
    total: MoneyText


class Payment(Answer, frozen=True):
    method: str
    amount: MoneyText


class RefundLine(Answer, frozen=True):
    line: int
    product_id: UUID | None
    quantity: int
    amount: MoneyText


class Refund(Answer, frozen=True):
    lines: list[RefundLine]
    amount: MoneyText
    tenders: dict[str, MoneyText]
    reason: str
    restock: bool
    shift_id: UUID | None


class Order(Answer, frozen=True):
    id: UUID
    number: str
    status: str
    payment_status: Literal["pending", "paid"]
    channel: str
    customer_id: UUID | None
    fulfilment: str | None
    note: str | None
    items: list[OrderLine]
    subtotal: MoneyText
    tax: MoneyText
    total: MoneyText
    paid: MoneyText
    balance_due: MoneyText
    discount: MoneyText
    refunded: MoneyText
    invoice_number: str | None  # a POS sale's: its number in its register's series
    shift_id: UUID | None
    register: str | None
    salesman_id: UUID | None  # the salesman a POS sale is credited to
    pickup_at: datetime | None  # an online order's pickup (or delivery) time
    change_due: MoneyText | None
    sold_at: datetime | None  # when an offline POS made the sale
    version: int
    created_at: datetime
    updated_at: datetime
    payments: list[Payment] | None = None
    refunds: list[Refund] | None = None
    customer_name: str | None = None
    item_count: int | None = None
    position: int | None = None


class ParkedSale(Answer, frozen=True):
    id: UUID
    register: str
    cart: dict[str, Any]  # items, discount, customer_id: as POST /pos/sales takes them
    note: str | None
    parked_by: str
    taken: bool
    version: int
    parked_at: datetime
    updated_at: datetime
    position: int | None = None
    parked_by_name: str | None = None  # who parked it, by name

