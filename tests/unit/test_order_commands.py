"""Order handlers against the in-memory application (no HTTP, no database)."""

from uuid import uuid4

import pytest

from commands.order_status import CancelOrder, ChangeOrderStatus, Payment, cancel_order, change_order_status
from commands.orders import OrderItem, PlaceOrder, place_order
from commands.payments import RecordPayment, record_payment
from commands.products import CreateProduct, create_product
from commands.users import SignUp, sign_up
from oms.domain.errors import InsufficientStock, NotFound, OrderCancelled
from oms.domain.product import Product
from oms.store import OMS


@pytest.fixture
def app() -> OMS:
    return OMS()


def bread(app: OMS, stock: int = 5) -> Product:
    cmd = CreateProduct(sku=f"B-{uuid4().hex[:6]}", name="Bread", price="3.00", cost="1.00", category="Bread",
                        stock=stock)
    return create_product(app, "t", cmd).value


def order_for(app: OMS, product: Product, quantity: int = 2, **fields):
    return place_order(app, "t", PlaceOrder(items=[OrderItem(product_id=product.id, quantity=quantity)], **fields),
                       "B").value


def test_orders_are_numbered_without_gaps_and_reserve_their_stock(app) -> None:
    loaf = bread(app)
    assert [order_for(app, loaf, 1).number for _ in range(3)] == ["B-000001", "B-000002", "B-000003"]
    assert app.repository.get(loaf.id).reserved == 3
    with pytest.raises(InsufficientStock):
        order_for(app, loaf, 3)
    assert order_for(app, loaf, 2).number == "B-000004"  # a refused order consumed no number


def test_cancelling_returns_the_stock_and_shipping_takes_it_out(app) -> None:
    loaf = bread(app)
    kept, gone = order_for(app, loaf), order_for(app, loaf)
    cancel_order(app, "t", kept.id, CancelOrder(reason="changed mind"))
    for status in ("confirmed", "picked"):
        change_order_status(app, "t", gone.id, ChangeOrderStatus(status=status))
    change_order_status(app, "t", gone.id, ChangeOrderStatus(status="shipped", payment=Payment(  # paid as it goes
        "card", str(gone.total))))
    stored = app.repository.get(loaf.id)
    assert (stored.stock, stored.reserved) == (3, 0)


def test_a_customer_ordering_gets_the_order_and_a_staff_order_needs_a_real_customer(app) -> None:
    loaf = bread(app)
    me = sign_up(app, "self", SignUp(username="cora", password="x" * 8, email="c@e.cc", full_name="C"), "h").value
    mine = place_order(app, str(me.id), PlaceOrder(items=[OrderItem(product_id=loaf.id, quantity=1)],
                                                   channel="pos"), "B", me.id).value
    assert (mine.customer_id, mine.channel) == (str(me.id), "online")
    with pytest.raises(NotFound):
        order_for(app, loaf, 1, customer_id=uuid4())
    assert order_for(app, loaf, 1, customer_id=me.id).customer_id == str(me.id)


def test_payments_mark_an_order_paid_and_a_cancelled_one_takes_none(app) -> None:
    loaf = bread(app)
    order = order_for(app, loaf)
    paid = record_payment(app, "t", order.id, RecordPayment(method="card", amount="6.00")).value
    assert paid.payment_status == "paid"
    other = order_for(app, loaf)
    cancel_order(app, "t", other.id, CancelOrder())
    with pytest.raises(OrderCancelled):
        record_payment(app, "t", other.id, RecordPayment(method="cash", amount="1.00"))
