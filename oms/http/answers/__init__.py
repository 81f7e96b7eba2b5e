"""The JSON shapes the API answers with, for the OpenAPI document (`@schema(answer=...)`).

Each read is rendered twice, by Python from an aggregate (writes, time travel: `oms/http/render.py`)
and by PostgreSQL from the read tables (`queries`); tests decode both renderings into
these Structs, which forbid unknown fields, so the two cannot drift apart unnoticed.
Fields with a default are not in every answer (a write adds `position`; a list row
of orders adds `customer_name` and `item_count`; `cost` only for those who may see it).

One module per area; this package names every shape, so a route reads `answers.Order`.
"""

from oms.http.answers.audit import AuditEntry
from oms.http.answers.back_office import CategoryTotal, Customer, Expense, ExpenseTotals, Salesman, Vendor
from oms.http.answers.base import (
    Answer,
    ChainHead,
    Document,
    Health,
    History,
    HistoryEvent,
    MoneyText,
    Page,
    Ready,
    SetAside,
    Stamped,
)
from oms.http.answers.orders import Order, OrderLine, ParkedSale, Payment, Refund, RefundLine
from oms.http.answers.products import Category, Product, StockDiscrepancy, StockEntry, StockEntryLine, StockMovement
from oms.http.answers.settings import Hours, PickupSlots, PickupTime, Services, Settings, Store, TaxRate
from oms.http.answers.shifts import CashMovement, Register, Shift, ShiftReport
from oms.http.answers.users import Me, Role, Session, Tokens, User

__all__ = [
    "Answer", "AuditEntry", "CashMovement", "Category", "CategoryTotal", "ChainHead", "Customer", "Document",
    "Expense", "ExpenseTotals", "Health", "History", "HistoryEvent", "Hours", "Me", "MoneyText", "Order",
    "OrderLine", "Page", "ParkedSale", "Payment", "PickupSlots", "PickupTime", "Product", "Ready", "Refund",
    "RefundLine", "Register", "Role", "Salesman", "Services", "Session", "SetAside", "Settings", "Shift",
    "ShiftReport", "Stamped", "StockDiscrepancy", "StockEntry", "StockEntryLine", "StockMovement", "Store",
    "TaxRate", "Tokens", "User", "Vendor"
]
