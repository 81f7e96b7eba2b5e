"""The demo bakery's back office: its vendors, a salesman, customers (one buying on
account), a delivery received and the month's first expenses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from commands.bus import CommandBus
from commands.custom_orders import TakeCustomOrder, take_custom_order
from commands.customers import CreateCustomer, create_customer
from commands.expenses import CreateExpense, create_expense
from commands.orders import OrderItem, PlaceOrder, place_order
from commands.payments import RecordPayment, record_payment
from commands.salesmen import CreateSalesman, create_salesman
from commands.stock import EntryLine, ReceiveStock, receive_stock
from commands.vendors import CreateVendor, create_vendor

ACTOR = "demo"


def seed_back_office(bus: CommandBus, prefix: str, products: Mapping[str, UUID]) -> int:
    """Answer how many records it made."""
    mill = bus.run_sync(create_vendor, ACTOR, CreateVendor(
        name="Moulin Dupont", contact="Anne Dupont", email="orders@moulin-dupont.example",
        phone="+33 1 23 45 67 89", address="12 Rue du Moulin, Lyon")).value
    dairy = bus.run_sync(create_vendor, ACTOR, CreateVendor(name="Green Meadow Dairy", phone="+33 4 56 78 90 12")).value
    bus.run_sync(create_salesman, ACTOR, CreateSalesman(name="Sam Fournier", commission_rate="3"))
    cafe = bus.run_sync(create_customer, ACTOR, CreateCustomer(
        full_name="Café du Coin", email="bonjour@cafeducoin.example", phone="+33 4 11 22 33 44",
        billing_address="3 Place Bellecour, Lyon", delivery_address="3 Place Bellecour, Lyon",
        credit_limit="300.00")).value
    bus.run_sync(create_customer, ACTOR, CreateCustomer(full_name="Marie Laurent", phone="+33 6 12 34 56 78"))
    standing = bus.run_sync(place_order, ACTOR, PlaceOrder(items=[
        OrderItem(product_id=products["BRD-BAGU"], quantity=10),
        OrderItem(product_id=products["VIE-CROI"], quantity=20)], channel="online", customer_id=cafe.id,
        fulfilment="delivery", note="Standing order, 7:00"), prefix).value
    bus.run_sync(record_payment, ACTOR, standing.id, RecordPayment(method="account", amount=str(standing.total)))
    bus.run_sync(receive_stock, ACTOR, ReceiveStock(vendor_id=mill.id, note="Weekly flour delivery", lines=[
        EntryLine(product_id=products["BRD-SOUR"], quantity=12, unit_cost="2.20"),
        EntryLine(product_id=products["BRD-BAGU"], quantity=30, unit_cost="0.95")]))
    due = (datetime.now(UTC) + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    bus.run_sync(take_custom_order, ACTOR, TakeCustomOrder(
        customer_id=cafe.id, specification="Birthday cake for 20, chocolate and raspberry\n'Joyeux anniversaire Paul'",
        price="68.00", tax_rate="7", due_at=due, deposit="20.00", deposit_method="card"), prefix)
    today = date.today()
    for category, amount, ago, vendor in (("Rent", "1450.00", 20, None), ("Ingredients", "186.40", 2, dairy.id),
                                          ("Utilities", "212.75", 5, None)):
        expense = CreateExpense(category=category, amount=amount, date=today - timedelta(days=ago), vendor_id=vendor)
        bus.run_sync(create_expense, ACTOR, expense)
    return 10
