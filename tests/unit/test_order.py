from decimal import Decimal

import pytest

from oms.domain.errors import InsufficientStock, InvalidTransition, PaymentRefused, ProductArchived
from oms.domain.order import OrderNumbers
from oms.domain.ordering import place as place_order
from tests.unit.factories import product


def order_of(*items, number="B-000001", paid=True, fulfilment=None):
    order = place_order(number=number, channel="online", items=list(items), actor="tester", fulfilment=fulfilment)
    if paid:
        order.record_payment("card", order.total, "tester")
    return order


def test_placing_an_order_reserves_every_line() -> None:
    bread, cake = product(stock=5, name="bread"), product(stock=3, name="cake")
    order = order_of((bread, 2), (cake, 3), paid=False)
    assert (bread.reserved, cake.reserved) == (2, 3)
    assert order.status == "placed" and order.payment_status == "pending"


def test_an_order_short_on_one_line_reserves_nothing_and_names_the_short_line() -> None:
    bread, cake = product(stock=5, name="bread"), product(stock=1, name="cake")
    with pytest.raises(InsufficientStock) as err:
        order_of((bread, 2), (cake, 3))
    assert (bread.reserved, cake.reserved) == (0, 0)
    assert err.value.details["lines"] == [{"product_id": str(cake.id), "requested": 3, "available": 1}]


def test_repeated_lines_of_one_product_are_checked_together() -> None:
    bread = product(stock=3)
    with pytest.raises(InsufficientStock):
        order_of((bread, 2), (bread, 2))
    order = order_of((bread, 1), (bread, 2))
    assert [line["quantity"] for line in order.lines] == [3] and bread.reserved == 3


def test_an_archived_product_cannot_be_ordered() -> None:
    bread = product()
    bread.archive("a")
    with pytest.raises(ProductArchived):
        order_of((bread, 1))


def test_totals_are_net_plus_tax_rounded_half_up_per_line() -> None:
    order = order_of((product(price="2.50", tax_rate="7"), 3), (product(price="0.99", tax_rate="19", name="x"), 1))
    # 7.50 * 7% = 0.525 → 0.53 ; 0.99 * 19% = 0.1881 → 0.19
    assert (order.subtotal, order.tax, order.total) == (Decimal("8.49"), Decimal("0.72"), Decimal("9.21"))


@pytest.mark.parametrize("path", [
    ["confirmed", "picked", "shipped", "delivered"],
    ["cancelled"], ["confirmed", "cancelled"], ["confirmed", "picked", "cancelled"],
])
def test_allowed_lifecycles(path: list[str]) -> None:
    order = order_of((product(), 1))
    for status in path:
        order.change_status(status, None, "a")
    assert order.status == path[-1]


@pytest.mark.parametrize(("path", "refused"), [
    ([], "shipped"), ([], "picked"), ([], "delivered"), ([], "placed"),
    (["confirmed", "picked", "shipped"], "cancelled"),
    (["confirmed", "picked", "shipped", "delivered"], "cancelled"),
    (["cancelled"], "confirmed"), (["cancelled"], "cancelled"), (["confirmed"], "confirmed"),
])
def test_other_transitions_are_refused(path: list[str], refused: str) -> None:
    order = order_of((product(), 1))
    for status in path:
        order.change_status(status, None, "a")
    with pytest.raises(InvalidTransition):
        order.change_status(refused, None, "a")
    assert order.status == (path[-1] if path else "placed")


def test_paying_in_full_marks_the_order_paid() -> None:
    order = order_of((product(price="2.50", tax_rate="0"), 2), paid=False)
    order.record_payment("cash", Decimal("3.00"), "a")
    assert order.payment_status == "pending" and order.balance_due == Decimal("2.00")
    order.record_payment("card", Decimal("2.00"), "a")
    assert order.payment_status == "paid" and order.balance_due == 0


def test_overpaying_is_refused() -> None:
    order = order_of((product(price="2.50", tax_rate="0"), 1))
    with pytest.raises(PaymentRefused):
        order.record_payment("cash", Decimal("2.51"), "a")


def test_a_cancelled_order_takes_no_payment() -> None:
    order = order_of((product(), 1))
    order.change_status("cancelled", None, "a")
    with pytest.raises(PaymentRefused):
        order.record_payment("cash", Decimal("1.00"), "a")


def test_order_numbers_are_consecutive() -> None:
    numbers = OrderNumbers(prefix="B")
    assert [numbers.next_number() for _ in range(3)] == ["B-000001", "B-000002", "B-000003"]


def test_a_customer_placing_an_order_gets_it_for_themselves_and_online() -> None:
    order = place_order(number="B-1", channel="pos", items=[(product(), 1)], customer_id="someone-else",
                        actor="c-1", by_customer="c-1")
    assert (order.customer_id, order.channel) == ("c-1", "online")


@pytest.mark.parametrize(("status", "stock", "reserved"), [("cancelled", 10, 0), ("shipped", 8, 0)])
def test_cancelling_releases_and_shipping_hands_over_the_stock(status, stock, reserved) -> None:
    from oms.domain.ordering import move, moves_stock

    bread = product(stock=10)
    order = order_of((bread, 2))
    for step in (["confirmed", "picked"] if status == "shipped" else []):
        move(order, step, None, {}, "a")
    assert moves_stock(order, status) and not moves_stock(order, "confirmed")
    move(order, status, None, {str(bread.id): bread}, "a")
    assert (order.status, bread.stock, bread.reserved) == (status, stock, reserved)


@pytest.mark.parametrize(("amount", "code"), [("0.00", "amount_not_positive"), ("99.00", "overpayment")])
def test_each_refused_payment_names_its_rule(amount, code) -> None:
    order = order_of((product(), 1), paid=False)
    with pytest.raises(PaymentRefused) as refused:
        order.record_payment("cash", Decimal(amount), "a")
    assert refused.value.code == code


def test_an_order_larger_than_the_books_can_hold_is_refused_and_reserves_nothing() -> None:
    from oms.domain.errors import OrderTooLarge

    gold = product(price="999999999.99", tax_rate="0", stock=100)
    with pytest.raises(OrderTooLarge):
        order_of((gold, 11))
    assert gold.reserved == 0
    assert order_of((gold, 10)).total == Decimal("9999999999.90")


def test_an_order_with_money_due_is_not_handed_over() -> None:
    from oms.domain.errors import PaymentDue

    bread = product(stock=5, price="2.00", tax_rate="0")
    order = order_of((bread, 2), paid=False)
    for step in ("confirmed", "picked"):
        order.change_status(step, None, "a")
    for handing_over in ("shipped", "delivered"):
        with pytest.raises(PaymentDue) as due:
            order.change_status(handing_over, None, "a")
        assert due.value.details["balance_due"] == "4.00"
    order.record_payment("cash", Decimal("4.00"), "a")
    order.change_status("delivered", None, "a")  # a pickup, collected once ready
    assert order.status == "delivered"


def test_a_delivery_leaves_the_shop_before_it_is_delivered() -> None:
    order = order_of((product(), 1), fulfilment="delivery")
    for step in ("confirmed", "picked"):
        order.change_status(step, None, "a")
    with pytest.raises(InvalidTransition):
        order.change_status("delivered", None, "a")
    order.change_status("shipped", None, "a")
    order.change_status("delivered", None, "a")


@pytest.mark.parametrize(("steps", "back_to", "stock", "reserved"), [
    (["confirmed"], "placed", 10, 2),
    (["confirmed", "picked", "delivered"], "picked", 10, 2),  # a collection taken back: goods held again
    (["confirmed", "picked", "shipped"], "picked", 10, 2),
])
def test_a_mistaken_step_is_taken_back_and_its_goods_held_again(steps, back_to, stock, reserved) -> None:
    from oms.domain.ordering import move, undo

    bread = product(stock=10)
    order = order_of((bread, 2))
    for step in steps:
        move(order, step, None, {str(bread.id): bread}, "a")
    undo(order, "tapped by mistake", {str(bread.id): bread}, "a")
    assert (order.status, bread.stock, bread.reserved) == (back_to, stock, reserved)
    assert type(order.pending_events[-1]).__name__ == "StatusChangeUndone"


def test_nothing_before_the_first_step_nor_a_cancellation_is_taken_back() -> None:
    from oms.domain.errors import NothingToUndo
    from oms.domain.ordering import move, undo

    bread = product(stock=10)
    fresh, cancelled = order_of((bread, 1)), order_of((bread, 1), number="B-2")
    move(cancelled, "cancelled", None, {str(bread.id): bread}, "a")
    for order in (fresh, cancelled):
        with pytest.raises(NothingToUndo):
            undo(order, "oops", {str(bread.id): bread}, "a")
