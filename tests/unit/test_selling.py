"""A POS sale and its refund on the domain alone: a sale is paid, handed over and in the
drawer at once, change given from cash; a refund takes goods back to the shelf, its cash
out of a drawer, an account sale's money back onto the account."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from oms.domain import refunding, selling
from oms.domain.customer import Customer
from oms.domain.errors import InsufficientCash, TenderExceedsDue
from oms.domain.settings import Settings
from oms.domain.shift import Register, open_shift
from tests.unit.factories import product

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def sale(shift, bread, payments, quantity=2, customer_id=None):
    return selling.sell(number="B-000001", shift=shift, items=[selling.SaleItem(quantity=quantity, product=bread)],
                        discount=None, payments=payments, customer_id=customer_id, salesman_id=None, role="cashier",
                        actor="anna", sold_at=None, settings=Settings(values={}, actor="t"), now=NOW)


def test_a_sale_is_paid_handed_over_and_in_the_drawer_change_given_from_cash() -> None:
    shift = open_shift(Register(name="front"), Decimal("20.00"), "anna", "anna")
    bread = product(stock=5, price="2.50")  # two: 5.00 and 7 % tax on the total, 5.35
    order = sale(shift, bread, [("cash", Decimal("10.00"))])
    assert (order.status, order.payment_status, order.sale["change_due"]) == ("delivered", "paid", Decimal("4.65"))
    assert (bread.stock, bread.reserved, shift.expected_cash) == (3, 0, Decimal("25.35"))
    with pytest.raises(TenderExceedsDue):
        sale(shift, bread, [("card", Decimal("9.00"))])  # a card never pays more than is due


def test_a_refund_restocks_pays_cash_from_a_drawer_and_credits_an_account() -> None:
    shift = open_shift(Register(name="front"), Decimal("0.00"), "anna", "anna")
    bread = product(stock=5, price="2.50")
    paid_cash = sale(shift, bread, [("cash", Decimal("5.35"))])
    record = refunding.refund(paid_cash, {1: 1}, tender="original", reason="stale", restock=True, shift=shift,
                              products={str(bread.id): bread}, customer=None, actor="anna")
    assert (record["amount"], bread.stock, shift.expected_cash) == (Decimal("2.68"), 4, Decimal("2.67"))
    with pytest.raises(InsufficientCash):  # the drawer holds what is left of the sale, no more
        shift.move_cash("out", Decimal("2.68"), "bank", "anna")
    cafe = Customer(full_name="Café", email=None, phone=None, billing_address=None, delivery_address=None,
                    credit_limit=Decimal("100.00"), actor="t")
    on_account = sale(shift, bread, [("account", Decimal("5.35"))], customer_id=cafe.order_ref)
    cafe.charge(on_account.id, Decimal("5.35"), "anna")
    refunding.refund(on_account, {1: 2}, tender="original", reason="wrong order", restock=False, shift=None,
                     products={}, customer=cafe, actor="anna")
    assert cafe.balance == Decimal("0.00")
