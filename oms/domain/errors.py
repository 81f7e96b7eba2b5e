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


class StockEntryTooLarge(DomainError):
    code = "stock_entry_too_large"


class ProductArchived(DomainError):
    code = "product_archived"


class RecordArchived(DomainError):
    code = "archived"


class CreditLimitExceeded(DomainError):
    code = "credit_limit_exceeded"


class BalanceOutstanding(DomainError):
    code = "balance_outstanding"


class CustomerRequired(DomainError):
    code = "customer_required"


class ServiceDisabled(DomainError):
    code = "service_disabled"


class TaxRateNotOffered(DomainError):
    code = "tax_rate_not_offered"


class BelowDeliveryMinimum(DomainError):
    code = "below_delivery_minimum"


class StoreClosed(DomainError):
    code = "store_closed"


class DueInThePast(DomainError):
    code = "due_in_the_past"


class PaymentDue(DomainError):
    """Goods are handed over paid: what is due is taken first, or charged to an account."""

    code = "payment_due"


class NothingToUndo(DomainError):
    """Only an order's last step on the board can be taken back, and not a cancellation."""

    code = "nothing_to_undo"


class SoldOutsideShift(DomainError):
    """A sale made offline happened while its shift was open, and not after now."""

    code = "sold_at_outside_shift"


class TooFarAhead(DomainError):
    """A pickup or a custom order's due time within the years a shop plans for."""

    code = "too_far_ahead"


class SlotFull(DomainError):
    code = "slot_full"


class SlotPast(DomainError):
    code = "slot_past"


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


class ShiftNotOpen(DomainError):
    """A closed shift cannot change: no sales, cash movements, refunds, or second close."""

    code = "shift_closed"


class ShiftAlreadyOpen(DomainError):
    """One open shift per register."""

    code = "shift_already_open"


class InsufficientCash(DomainError):
    """Cash out of the drawer (a cash-out, a cash refund) beyond what the drawer holds."""

    code = "insufficient_cash"


class DiscountLimit(DomainError):
    """A sale's discounts beyond what the seller's role may give."""

    code = "discount_limit"


class TenderExceedsDue(DomainError):
    """Only cash gives change: a card or other tender cannot exceed what is left to pay."""

    code = "tender_exceeds_due"


class PaymentShort(DomainError):
    """A POS sale is paid in full when it is made."""

    code = "payment_short"


class RefundExceedsSale(DomainError):
    """More units or money back than were sold and paid for, counting earlier refunds."""

    code = "refund_exceeds_sale"


class NotHandedOver(DomainError):
    """Refunds are for goods that were handed over (an open order is cancelled instead)."""

    code = "not_handed_over"


class ShiftRequired(DomainError):
    """Cash paid out needs the refunding cashier's open shift, whose drawer it leaves."""

    code = "shift_required"
