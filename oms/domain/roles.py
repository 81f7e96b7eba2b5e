"""Roles and their permissions. Built-in roles are fixed here; custom roles are Role aggregates."""

from __future__ import annotations

PERMISSIONS = (
    "products.read", "products.cost", "products.write", "stock.adjust",
    "orders.read", "orders.place", "orders.manage", "orders.pay", "orders.cancel",
    "users.manage", "roles.manage",
    "pos.sell", "orders.refund", "shifts.read", "shifts.manage", "registers.manage",
    "receipts.reprint", "customers.read", "customers.contact", "customers.write", "customers.forget",
    "vendors.read", "vendors.write",
    "salesmen.read", "salesmen.write", "expenses.read", "expenses.write", "stock.read", "settings.manage",
    "reports.read", "reports.daily", "audit.read",
)
OWN = ":own"  # a permission limited to the holder's own objects, e.g. "orders.read:own"

STAFF_READ = ("products.read", "orders.read", "customers.read", "salesmen.read")
BACK_OFFICE = (*STAFF_READ, "products.cost", "vendors.read", "expenses.read", "stock.read", "reports.read",
               "reports.daily")
BUILTIN_ROLES: dict[str, tuple[str, ...]] = {
    "admin": PERMISSIONS,
    "employee": (*BACK_OFFICE, "customers.contact", "products.write", "stock.adjust", "orders.place", "orders.manage",
                 "orders.pay", "orders.cancel", "pos.sell", "orders.refund", "shifts.read", "shifts.manage",
                 "receipts.reprint", "customers.write", "vendors.write", "salesmen.write", "expenses.write"),
    "cashier": (*STAFF_READ, "orders.place", "orders.pay", "orders.cancel", "pos.sell", "orders.refund",
                "shifts.read:own", "shifts.manage:own", "receipts.reprint", "reports.daily"),
    "viewer": (*BACK_OFFICE, "shifts.read", "audit.read"),
    "customer": ("products.read", "orders.read:own", "orders.place:own", "orders.cancel:own"),
}


def grantable() -> tuple[str, ...]:
    """Every permission a custom role may hold: each one, and its own-objects form."""
    return tuple(sorted({*PERMISSIONS, *(p + OWN for p in PERMISSIONS if p.startswith(("orders.", "shifts.")))}))
