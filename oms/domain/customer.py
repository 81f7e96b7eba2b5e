"""Customer: contact details, addresses, and an account the shop lets them buy on.

The balance is what the customer owes: charges to the account raise it, payments lower
it. A charge that would take it past the credit limit is refused. A customer who signed
up has a record made from their user (`customer_id_of`); their own orders name their user id,
and reads of a customer's orders take both, so staff see one history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from oms.domain.errors import AmountNotPositive, BalanceOutstanding, CreditLimitExceeded, CustomerRequired, Overpayment
from oms.domain.ids import random_uuid
from oms.domain.record import Record, set_archived, set_fields

CUSTOMER_FIELDS = ("full_name", "email", "phone", "billing_address", "delivery_address", "credit_limit")
ZERO = Decimal("0.00")
ERASED_NAME = "[erased]"
# What a forgotten customer's personal fields read as (their aggregate and the read model).
ERASED_FIELDS: dict[str, str | None] = {"full_name": ERASED_NAME, "email": None, "phone": None,
                                        "billing_address": None, "delivery_address": None}
SIGNED_UP = UUID("5d0b3c1e-7f41-4b8e-9a57-0c2f6e8d4a11")  # namespace of signed-up customers' record ids


class Customer(Record):
    kind = "customer"
    editable = CUSTOMER_FIELDS

    @event("Created")
    def __init__(self, full_name: str, email: str | None, phone: str | None, billing_address: str | None,
                 delivery_address: str | None, credit_limit: Decimal, actor: str, user_id: str | None = None) -> None:
        self.full_name, self.email, self.phone = full_name, email, phone
        self.billing_address, self.delivery_address = billing_address, delivery_address
        self.credit_limit, self.user_id = credit_limit, user_id
        self.balance = ZERO
        self.archived = self.forgotten = False

    @classmethod
    def create_id(cls, *_: Any, user_id: str | None = None, **__: Any) -> UUID:
        """A customer who signed up has an id made from their user's; one the staff added a new one."""
        return customer_id_of(UUID(user_id)) if user_id else random_uuid()

    @property
    def order_ref(self) -> str:
        """What an order names as its customer: a signed-up customer's user id (their own
        orders do, and they see the orders that name it), else the record's id."""
        return self.user_id or str(self.id)

    _update = event("Updated")(set_fields)
    _archive = event("Archived")(set_archived)

    def forget(self, actor: str) -> None:
        """Erase who the customer is (their events' personal fields become unreadable:
        `oms.personal`); what they bought and paid stays. Not while they owe anything."""
        if self.balance != ZERO:
            raise BalanceOutstanding("the customer's account still has a balance", customer_id=str(self.id),
                                     balance=str(self.balance))
        if not self.forgotten:
            self._forget(user_id=self.user_id, actor=actor)

    @event("Forgotten")
    def _forget(self, user_id: str | None, actor: str) -> None:
        for field, value in ERASED_FIELDS.items():
            setattr(self, field, value)
        self.archived = self.forgotten = True

    def charge(self, order_id: UUID, amount: Decimal, actor: str) -> None:
        """Put `amount` of an order on the account, within the credit limit."""
        self.check_not_archived()
        positive(amount)
        if self.balance + amount > self.credit_limit:
            raise CreditLimitExceeded(
                "the charge would take the account past its credit limit", customer_id=str(self.id),
                balance=str(self.balance), credit_limit=str(self.credit_limit), amount=str(amount))
        self._charge(order_id=str(order_id), amount=amount, actor=actor)

    @event("Charged")
    def _charge(self, order_id: str, amount: Decimal, actor: str) -> None:
        self.balance += amount

    def credit(self, order_id: UUID, amount: Decimal, actor: str) -> None:
        """Give back on the account what a refund of an account sale returns."""
        positive(amount)
        self._credit(order_id=str(order_id), amount=amount, actor=actor)

    @event("Credited")
    def _credit(self, order_id: str, amount: Decimal, actor: str) -> None:
        self.balance -= amount

    def receive_payment(self, method: str, amount: Decimal, actor: str) -> None:
        """The customer pays off (part of) what they owe; never more than that."""
        positive(amount)
        if amount > self.balance:
            raise Overpayment("the payment is more than the account owes", customer_id=str(self.id),
                              balance=str(self.balance), amount=str(amount))
        self._receive_payment(method=method, amount=amount, actor=actor)

    @event("PaymentReceived")
    def _receive_payment(self, method: str, amount: Decimal, actor: str) -> None:
        self.balance -= amount


def customer_id_of(user_id: UUID) -> UUID:
    """The id of a signed-up customer's record (their orders name their user id)."""
    return uuid5(SIGNED_UP, str(user_id))


def put_on_account(customer: Customer | None, order_id: UUID, amount: Decimal, actor: str) -> None:
    """What an order's `account` tender comes to is charged to the order's customer."""
    if customer is None:
        raise CustomerRequired("a payment on account needs the order's customer (customer_id)")
    customer.charge(order_id, amount, actor)


def positive(amount: Decimal) -> None:
    if amount <= 0:
        raise AmountNotPositive("an amount must be positive", amount=str(amount))
