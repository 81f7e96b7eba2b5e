"""JSON shapes of aggregates in write responses and single-object reads (API.md)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from oms.domain.order import Order
from oms.domain.product import Product
from oms.domain.user import Role, User


def percent(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def product_json(p: Product) -> dict[str, Any]:
    return {
        "id": p.id, "sku": p.sku, "name": p.name, "price": p.price, "cost": p.cost,
        "barcode": p.barcode, "category": p.category, "brand": p.brand, "tax_rate": percent(p.tax_rate),
        "stock": p.stock, "reserved": p.reserved, "available": p.available, "archived": p.archived,
        "version": p.version, "created_at": p.created_on, "updated_at": p.modified_on,
    }


def order_json(o: Order) -> dict[str, Any]:
    return {
        "id": o.id, "number": o.number, "status": o.status, "payment_status": o.payment_status,
        "channel": o.channel, "customer_id": o.customer_id, "fulfilment": o.fulfilment, "note": o.note,
        "items": [
            {**line, "tax_rate": percent(line["tax_rate"]), "total": Decimal(line["net"]) + Decimal(line["tax"])}
            for line in o.lines
        ],
        "subtotal": o.subtotal, "tax": o.tax, "total": o.total, "paid": o.paid,
        "balance_due": o.balance_due, "payments": o.payments,
        "version": o.version, "created_at": o.created_on, "updated_at": o.modified_on,
    }


def written(data: dict[str, Any], position: int | None) -> dict[str, Any]:
    return {**data, "position": position}


def user_json(u: User) -> dict[str, Any]:
    return {
        "id": u.id, "username": u.username, "role": u.role, "email": u.email, "full_name": u.full_name,
        "active": u.active, "version": u.version, "created_at": u.created_on, "updated_at": u.modified_on,
    }


def role_json(r: Role) -> dict[str, Any]:
    return {"name": r.name, "permissions": r.permissions, "builtin": False, "version": r.version}
