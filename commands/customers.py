"""Customer commands: CreateCustomer, UpdateCustomer (edit and archive: `commands.records`),
TakeAccountPayment, forgetting a customer; and finding the customer an order or sale names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates, find
from commands.records import partial, values
from oms.domain.claim import Claim, claim_id
from oms.domain.customer import Customer, customer_id_of
from oms.domain.errors import NotFound
from oms.domain.user import User
from oms.fields import Email, Money, Name, Phone, Text, money


class CreateCustomer(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    full_name: Name
    email: Email | None = None
    phone: Phone | None = None
    billing_address: Text | None = None
    delivery_address: Text | None = None
    credit_limit: Money = "0"


UpdateCustomer = partial(CreateCustomer, "UpdateCustomer")


class TakeAccountPayment(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    method: Literal["cash", "card", "other"]
    amount: Money


def signed_up(user: User) -> Customer:
    """The customer record of a customer user: the same id, their name and email."""
    return Customer(user_id=str(user.id), full_name=user.full_name or user.username, email=user.email, phone=None,
                    billing_address=None, delivery_address=None, credit_limit=Decimal("0.00"), actor=str(user.id))


def customer_of(app: Aggregates, customer_id: UUID) -> Customer:
    """The customer record, by its id or by a signed-up customer's user id; a customer
    user who signed up before records existed gets theirs now (the caller saves it)."""
    found = find(app, customer_id)
    if isinstance(found, Customer):
        return found
    if isinstance(found, User) and found.role == "customer":
        record = find(app, customer_id_of(found.id))
        return record if isinstance(record, Customer) else signed_up(found)
    raise NotFound("customer not found")


def create_customer(app: Aggregates, actor: str, cmd: CreateCustomer) -> Written[Customer]:
    customer = Customer(**values(cmd), actor=actor)
    return saved(app, customer, customer)


def take_account_payment(app: Aggregates, actor: str, customer_id: UUID, cmd: TakeAccountPayment
                         ) -> Written[Customer]:
    customer = customer_of(app, customer_id)
    customer.receive_payment(cmd.method, money(cmd.amount), actor)
    return saved(app, customer, customer)


def forget_customer(app: Aggregates, actor: str, customer_id: UUID) -> Written[tuple[Customer, *tuple[User, ...]]]:
    """Forget the customer and the user they signed up as; answers the people whose keys
    must now be erased (`oms.personal`): the customer, then that user. Again on a forgotten
    customer: nothing new is written and the same people are answered (a retry after a
    crash finishes the job)."""
    customer = customer_of(app, customer_id)
    customer.forget(actor)
    users: list[User] = []
    changed = list[Any]([customer])
    user = find(app, UUID(customer.user_id)) if customer.user_id else None
    if isinstance(user, User):
        name = find(app, claim_id("username", user.username))  # free the name: nobody signs in with it
        if isinstance(name, Claim) and name.owner_id == user.id:
            name.release()
            changed.append(name)
        user.forget(actor)
        users.append(user)
        changed.append(user)
    return saved(app, (customer, *users), *changed)
