"""The JSON shapes the API answers with, for the OpenAPI document (`@schema(answer=...)`).

Each read is rendered twice, by Python from an aggregate (writes, time travel: `views`)
and by PostgreSQL from the read tables (`queries`); tests decode both renderings into
these Structs, which forbid unknown fields, so the two cannot drift apart unnoticed.
Fields with a default are not in every answer (a write adds `position`; a list row
of orders adds `customer_name` and `item_count`; `cost` only for those who may see it).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar
from uuid import UUID

import msgspec

T = TypeVar("T")
MoneyText = str  # "4.50"


class Answer(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class ChainHead(Answer, frozen=True):
    position: int  # the newest event linked
    hash: str | None  # its link (hex): a copy kept elsewhere vouches for every event up to it
    behind: int  # events stored and not linked yet


class Product(Answer, frozen=True):
    id: UUID
    sku: str
    name: str
    price: MoneyText
    barcode: str | None
    category: str
    brand: str | None
    tax_rate: str
    stock: int
    reserved: int
    available: int
    archived: bool
    image_url: str | None  # the product's picture (GET, cached for a year: a new picture has a new URL)
    version: int
    created_at: datetime
    updated_at: datetime
    cost: MoneyText | None = None
    vendor_id: UUID | None = None  # who supplies it: with the cost, for those who may see it
    position: int | None = None


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


class ShiftReport(Answer, frozen=True):
    kind: Literal["X", "Z"]
    sales_count: int
    sales_total: MoneyText
    tax: MoneyText
    discounts: MoneyText
    sales_by_tender: dict[str, MoneyText]
    refunds_count: int
    refunds_total: MoneyText
    refunds_by_tender: dict[str, MoneyText]
    cash_in: MoneyText
    cash_out: MoneyText
    opening_float: MoneyText
    expected_cash: MoneyText
    counted_cash: MoneyText | None
    variance: MoneyText | None


class CashMovement(Answer, frozen=True):
    kind: Literal["in", "out"]
    amount: MoneyText
    reason: str
    actor: str


class Shift(Answer, frozen=True):
    id: UUID
    register: str
    cashier: str
    status: Literal["open", "closed"]
    opening_float: MoneyText
    version: int
    opened_at: datetime
    updated_at: datetime
    report: ShiftReport | None = None
    movements: list[CashMovement] | None = None
    cashier_name: str | None = None  # shown by name where it is known
    sales_count: int | None = None
    sales_total: MoneyText | None = None
    refunds_total: MoneyText | None = None
    counted_cash: MoneyText | None = None
    closed_at: datetime | None = None
    chain: ChainHead | None = None  # closing: the audit chain's head then (the Z report prints it)
    position: int | None = None


class Register(Answer, frozen=True):
    name: str
    invoice_series: str | None
    shift_id: UUID | None
    version: int
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


class StockDiscrepancy(Answer, frozen=True):
    order_id: UUID
    product_id: UUID
    product_name: str
    quantity: int
    shortfall: int
    actor: str
    at: datetime


class Stamped(Answer, frozen=True, kw_only=True):
    """What every back-office record carries besides its own fields."""

    id: UUID
    archived: bool
    version: int
    created_at: datetime
    updated_at: datetime
    position: int | None = None


class Vendor(Stamped, frozen=True, kw_only=True):
    name: str
    contact: str | None
    email: str | None
    phone: str | None
    address: str | None


class Salesman(Stamped, frozen=True, kw_only=True):
    name: str
    commission_rate: str


class Customer(Stamped, frozen=True, kw_only=True):
    full_name: str
    email: str | None
    phone: str | None
    billing_address: str | None
    delivery_address: str | None
    credit_limit: MoneyText
    balance: MoneyText  # what the customer owes on account (negative: what the shop owes them)
    user_id: UUID | None  # their own login, when they signed up


class Expense(Stamped, frozen=True, kw_only=True):
    category: str
    amount: MoneyText
    date: date
    note: str | None
    vendor_id: UUID | None


class CategoryTotal(Answer, frozen=True):
    category: str
    total: MoneyText
    count: int


class ExpenseTotals(Answer, frozen=True):
    total: MoneyText
    categories: list[CategoryTotal]


class StockEntryLine(Answer, frozen=True):
    product_id: UUID
    name: str
    quantity: int
    unit_cost: MoneyText


class StockEntry(Answer, frozen=True):
    id: UUID
    vendor_id: UUID
    vendor_name: str  # as it was when the goods came
    note: str | None
    lines: list[StockEntryLine]
    total: MoneyText
    actor: str
    created_at: datetime
    position: int | None = None


class StockMovement(Answer, frozen=True):
    version: int
    delta: int
    level: int  # stock on hand after this movement
    cause: Literal["created", "adjusted", "received", "counted", "sold", "handed_over", "returned"]
    reason: str | None
    reference: UUID | None  # the order or stock entry
    actor: str
    at: datetime


class Hours(Answer, frozen=True):
    opens: str  # "07:00", store time
    closes: str


class Services(Answer, frozen=True):
    online_orders: bool
    delivery: bool
    quick_sell: bool
    custom_orders: bool


class PickupSlots(Answer, frozen=True):
    minutes: int
    capacity: int  # orders a slot takes


class PickupTime(Answer, frozen=True):
    starts: datetime
    ends: datetime
    free: int  # places left in the slot


class TaxRate(Answer, frozen=True):
    name: str
    rate: str  # percent


class Store(Answer, frozen=True):
    store_name: str
    address: str
    timezone: str
    services: Services
    delivery_minimum: MoneyText
    delivery_fee: MoneyText  # added to an online order that is delivered
    delivery_tax_rate: str  # percent, on the delivery fee
    out_of_hours: Literal["refuse", "next_opening"]  # an online order for a closed, full or past time
    store_hours: dict[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"], list[Hours]]  # none: open all day
    closed_days: list[date]
    pickup_slots: PickupSlots
    default_theme: Literal["light", "dark", "system"]
    deposit_on_cancel: Literal["keep", "refund"]  # a cancelled custom order's deposit
    prices_include_tax: bool  # shelf prices include tax
    currency: str  # ISO 4217
    tax_rates: list[TaxRate]  # the rates products and quick sales may have (none listed: any)


class Settings(Store, frozen=True, kw_only=True):
    receipt_header: str
    receipt_footer: str
    discount_limits: dict[str, str]  # percent of a sale's subtotal a role may take off
    low_stock_level: int  # the dashboard lists products with at most this many available
    version: int
    position: int | None = None


class Category(Answer, frozen=True):
    name: str
    products: int  # not archived


class AuditEntry(Answer, frozen=True):
    position: int
    at: datetime
    type: str  # Order.Refunded
    entity: str  # order
    entity_id: UUID
    version: int
    actor: str | None  # a user id, or a process (`setup`, `baker`)
    actor_name: str | None  # the user's name, when the actor is a user
    summary: str
    critical: bool  # refunds, discounts of 10 % or more, stock adjustments and counts, price and role changes, ...
    hash: str  # this event's chain link (hex SHA-256)


class User(Answer, frozen=True):
    id: UUID
    username: str
    role: str
    email: str | None
    full_name: str | None
    active: bool
    version: int
    created_at: datetime
    updated_at: datetime
    position: int | None = None


class Me(Answer, frozen=True):
    id: UUID
    username: str
    role: str
    permissions: list[str]
    discount_limit: str | None = None  # percent of a sale the role may take off without a manager
    email: str | None = None
    full_name: str | None = None
    active: bool | None = None
    version: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    position: int | None = None


class Session(Answer, frozen=True):
    user: Me | None  # null for a guest


class Tokens(Answer, frozen=True):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int
    user: Me


class Role(Answer, frozen=True):
    name: str
    permissions: list[str]
    builtin: bool
    version: int | None = None
    position: int | None = None


class Page(Answer, Generic[T], frozen=True):
    items: list[T]
    page: int
    per_page: int
    total: int
    total_estimated: bool  # more than 1,000 match: `total` is PostgreSQL's estimate


class HistoryEvent(Answer, frozen=True):
    type: str
    at: datetime
    actor: str | None
    version: int
    data: dict[str, Any]


class History(Answer, frozen=True):
    items: list[HistoryEvent]


class Health(Answer, frozen=True):
    status: Literal["ok"]


class SetAside(Answer, frozen=True):
    projection: str
    position: int
    topic: str
    error: str
    set_aside_at: datetime


class Ready(Answer, frozen=True):
    status: Literal["ready", "catching_up"]
    head: int
    projected: int
    lag: int
    set_aside: int
    set_aside_latest: list[SetAside]


class Document(msgspec.Struct, frozen=True):
    """The OpenAPI document itself."""

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
    components: dict[str, Any]
