"""Aggregates rendered as JSON, for write answers and event-store reads (API.md); the
read tables render the same shapes in SQL (`queries/`), and `oms.http.answers` holds
both to one declared shape."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from aiohttp import web

from commands.bus import Written
from oms.domain.customer import Customer
from oms.domain.order import Order, line_discount, line_total
from oms.domain.parked import ParkedSale
from oms.domain.product import Product
from oms.domain.record import Record
from oms.domain.shift import Register, Shift, shift_report
from oms.domain.stock_entry import StockEntry
from oms.domain.user import Role, User
from oms.http.codec import ok

T = TypeVar("T")


PERCENTS = ("tax_rate", "commission_rate")


def percent(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def product_json(p: Product) -> dict[str, Any]:
    return {
        "id": p.id, "sku": p.sku, "name": p.name, "price": p.price, "cost": p.cost, "vendor_id": p.vendor_id,
        "barcode": p.barcode, "category": p.category, "brand": p.brand, "tax_rate": percent(p.tax_rate),
        "stock": p.stock, "reserved": p.reserved, "available": p.available, "archived": p.archived,
        "image_url": f"/api/v1/images/{p.image}" if p.image else None,
        "version": p.version, "created_at": p.created_on, "updated_at": p.modified_on,
    }


def order_json(o: Order) -> dict[str, Any]:
    sale = o.sale or {}
    return {
        "id": o.id, "number": o.number, "status": o.status, "payment_status": o.payment_status,
        "channel": o.channel, "customer_id": o.customer_id, "fulfilment": o.fulfilment, "note": o.note,
        "items": [
            {**line, "tax_rate": percent(line["tax_rate"]), "discount": line_discount(line), "total": line_total(line)}
            for line in o.lines
        ],
        "subtotal": o.subtotal, "tax": o.tax, "total": o.total, "paid": o.paid,
        "balance_due": o.balance_due, "payments": o.payments, "refunds": o.refunds, "refunded": o.refunded,
        "discount": sum((line_discount(line) for line in o.lines), Decimal("0.00")),
        "invoice_number": sale.get("invoice_number"), "shift_id": sale.get("shift_id"),
        "register": sale.get("register"), "salesman_id": sale.get("salesman_id"),
        "pickup_at": datetime.fromisoformat(o.pickup_at) if o.pickup_at else None,
        "change_due": sale.get("change_due"), "sold_at": sale.get("sold_at"),
        "version": o.version, "created_at": o.created_on, "updated_at": o.modified_on,
    }


def shift_json(s: Shift) -> dict[str, Any]:
    return {
        "id": s.id, "register": s.register, "cashier": s.cashier, "status": s.status,
        "opening_float": s.opening_float, "version": s.version, "opened_at": s.created_on,
        "updated_at": s.modified_on, "report": shift_report(s), "movements": s.movements,
    }


def parked_json(p: ParkedSale) -> dict[str, Any]:
    return {"id": p.id, "register": p.register, "cart": p.cart, "note": p.note, "parked_by": p.parked_by,
            "taken": p.taken, "version": p.version, "parked_at": p.created_on, "updated_at": p.modified_on}


def register_json(r: Register) -> dict[str, Any]:
    return {"name": r.name, "invoice_series": r.series, "shift_id": r.shift_id, "version": r.version}


def user_json(u: User) -> dict[str, Any]:
    return {
        "id": u.id, "username": u.username, "role": u.role, "email": u.email, "full_name": u.full_name,
        "active": u.active, "version": u.version, "created_at": u.created_on, "updated_at": u.modified_on,
    }


def role_json(r: Role) -> dict[str, Any]:
    return {"name": r.name, "permissions": r.permissions, "builtin": False, "version": r.version}


def record_json(r: Record) -> dict[str, Any]:
    """A back-office record: its editable fields (percentages as written), plus a
    customer's balance and login."""
    fields = {k: getattr(r, k) for k in r.editable}
    fields.update({k: percent(fields[k]) for k in PERCENTS if k in fields})
    extra = {"balance": r.balance, "user_id": r.user_id} if isinstance(r, Customer) else {}
    return {"id": r.id, **fields, **extra, "archived": r.archived, "version": r.version,
            "created_at": r.created_on, "updated_at": r.modified_on}


def stock_entry_json(e: StockEntry) -> dict[str, Any]:
    return {"id": e.id, "vendor_id": e.vendor_id, "vendor_name": e.vendor_name, "note": e.note, "lines": e.lines,
            "total": e.total, "actor": e.actor, "created_at": e.created_on}


def answer(result: Written[T], render: Callable[[T], dict[str, Any]], status: int = 200) -> web.Response:
    """A write's answer: what it wrote, rendered, with the store position of its last event."""
    return ok({**render(result.value), "position": result.position}, status)
