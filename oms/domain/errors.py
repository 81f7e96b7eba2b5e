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


class ProductArchived(DomainError):
    code = "product_archived"


class Duplicate(DomainError):
    """A unique key (SKU, barcode, username, role name) is taken: code `duplicate_<kind>`."""

    def __init__(self, kind: str, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        self.code = f"duplicate_{kind}"


class PaymentRefused(DomainError):
    code = "payment_refused"


class ConcurrentUpdate(DomainError):
    """Raised by the command layer when retries on version conflicts run out."""

    code = "concurrent_update"
