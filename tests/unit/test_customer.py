"""Customer accounts on the domain alone: charges stay within the credit limit, a payment
never exceeds what is owed, and an account tender needs the order's customer."""

import uuid
from decimal import Decimal

import pytest

from oms.domain.customer import Customer, put_on_account
from oms.domain.errors import (
    AmountNotPositive,
    BalanceOutstanding,
    CreditLimitExceeded,
    CustomerRequired,
    Overpayment,
)


def cafe(limit: str = "50.00") -> Customer:
    return Customer(full_name="Café du Coin", email=None, phone=None, billing_address=None, delivery_address=None,
                    credit_limit=Decimal(limit), actor="t")


def test_charges_stay_within_the_credit_limit_and_payments_within_the_balance() -> None:
    account = cafe()
    order = uuid.uuid4()
    account.charge(order, Decimal("30.00"), "t")
    with pytest.raises(CreditLimitExceeded):
        account.charge(order, Decimal("20.01"), "t")
    account.credit(order, Decimal("5.00"), "t")  # a refund of an account sale
    with pytest.raises(Overpayment):
        account.receive_payment("cash", Decimal("25.01"), "t")
    account.receive_payment("cash", Decimal("25.00"), "t")
    assert account.balance == Decimal("0.00")
    with pytest.raises(AmountNotPositive):
        account.charge(order, Decimal("0"), "t")


def test_an_account_tender_needs_the_customer_and_a_balance_keeps_them_from_being_forgotten() -> None:
    with pytest.raises(CustomerRequired):
        put_on_account(None, uuid.uuid4(), Decimal("1.00"), "t")
    account = cafe()
    put_on_account(account, uuid.uuid4(), Decimal("1.00"), "t")
    with pytest.raises(BalanceOutstanding):
        account.forget("t")
    account.receive_payment("card", Decimal("1.00"), "t")
    account.forget("t")
    assert account.forgotten and account.archived and account.full_name != "Café du Coin"
