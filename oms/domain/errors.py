"""Typed domain errors. Each names the rule that broke; `code` is the API error code."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotFound(DomainError):
    code = "not_found"


class InsufficientStock(DomainError):
    code = "insufficient_stock"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class StockLimitExceeded(DomainError):
    code = "stock_limit_exceeded"


class OrderTooLarge(DomainError):
    code = "order_too_large"


class ProductArchived(DomainError):
    code = "product_archived"


class Duplicate(DomainError):
    """A unique key (SKU, barcode, username, role name) is taken: code `duplicate_<kind>`."""

    def __init__(self, kind: str, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        self.code = f"duplicate_{kind}"


class AlreadyArchived(InvalidTransition):
    code = "already_archived"


class AlreadyActive(InvalidTransition):
    code = "already_active"


class AlreadyInactive(InvalidTransition):
    code = "already_inactive"


class BuiltinRole(DomainError):
    """Built-in roles are fixed in code: none can be created, changed or shadowed."""

    code = "builtin_role"


class PaymentRefused(DomainError):
    """A payment the order cannot take; each rule has its own code."""

    code = "payment_refused"


class OrderCancelled(PaymentRefused):
    code = "order_cancelled"


class AmountNotPositive(PaymentRefused):
    code = "amount_not_positive"


class Overpayment(PaymentRefused):
    code = "overpayment"


class ConcurrentUpdate(DomainError):
    """Raised by the command layer when retries on version conflicts run out."""

    code = "concurrent_update"
