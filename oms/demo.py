"""Bakery demo data, written through the same commands the API uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from commands.bus import CommandBus
from commands.order_status import ChangeOrderStatus, change_order_status
from commands.orders import OrderItem, PlaceOrder, place_order
from commands.payments import RecordPayment, record_payment
from commands.products import CreateProduct, create_product, set_image
from commands.settings import ChangeSettings, TaxRate, change_settings
from commands.users import CreateUser, create_user
from oms.demo_back_office import seed_back_office
from oms.demo_history import DAYS, days_ago, seed_past
from oms.demo_pictures import picture
from oms.domain.errors import Duplicate
from oms.domain.order import Status
from oms.domain.product import Product
from oms.domain.roles import BUILTIN_ROLES
from oms.http.pictures import Pictures
from oms.store import clock_at

ACTOR = "demo"
# A German bakery: shelf prices include tax (7 % on food, 19 % on drinks and services).
DEMO_STORE = ChangeSettings(store_name="Bäckerei Morgenrot", address="Hauptstraße 12, 10115 Berlin",
                            timezone="Europe/Berlin", currency="EUR", prices_include_tax=True, delivery_fee="3.50",
                            delivery_tax_rate="19", tax_rates=[TaxRate(name="reduced", rate="7"),
                                                               TaxRate(name="standard", rate="19")])
DEMO_LOGINS = "Demo logins: admin, employee, cashier, viewer, customer; password <role>-demo"
PRODUCTS = [
    # sku, name, category, price, cost, stock, barcode
    ("BRD-SOUR", "Sourdough loaf", "Bread", "6.50", "2.10", 24, "4006381333931"),
    ("BRD-BAGU", "Baguette", "Bread", "3.20", "0.90", 40, "4006381333948"),
    ("BRD-RYE", "Dark rye bread", "Bread", "5.80", "1.95", 18, "4006381333955"),
    ("BRD-BRIO", "Brioche loaf", "Bread", "7.40", "2.60", 12, "4006381333962"),
    ("VIE-CROI", "Butter croissant", "Viennoiserie", "2.60", "0.70", 60, "4006381333979"),
    ("VIE-PAIN", "Pain au chocolat", "Viennoiserie", "2.90", "0.85", 48, "4006381333986"),
    ("VIE-CINN", "Cinnamon roll", "Viennoiserie", "3.40", "0.95", 36, "4006381333993"),
    ("PAS-ECLA", "Chocolate eclair", "Pastry", "3.90", "1.20", 30, "4006381334006"),
    ("PAS-TART", "Lemon tart", "Pastry", "4.50", "1.40", 20, "4006381334013"),
    ("PAS-MACA", "Macaron box (6)", "Pastry", "9.00", "3.10", 15, "4006381334020"),
    ("CAK-CARR", "Carrot cake slice", "Cakes", "4.20", "1.30", 16, "4006381334037"),
    ("CAK-CHEE", "New York cheesecake (whole)", "Cakes", "32.00", "11.50", 4, "4006381334044"),
    ("DRK-LATT", "Caffe latte", "Drinks", "3.60", "0.80", 200, "4006381334051"),
    ("BRD-CIAB", "Ciabatta", "Bread", "3.60", "1.05", 20, "4006381334068"),
    ("BRD-WHOL", "Wholemeal loaf", "Bread", "5.20", "1.60", 18, "4006381334075"),
    ("BRD-SEED", "Five-seed loaf", "Bread", "6.10", "1.90", 14, "4006381334082"),
    ("BRD-FOCA", "Rosemary focaccia", "Bread", "4.80", "1.35", 12, "4006381334099"),
    ("BRD-PRET", "Butter pretzel", "Bread", "2.20", "0.55", 40, "4006381334105"),
    ("BRD-ROLL", "Kaiser roll", "Bread", "0.90", "0.22", 80, "4006381334112"),
    ("VIE-AMAN", "Almond croissant", "Viennoiserie", "3.40", "1.05", 30, "4006381334129"),
    ("VIE-RAIS", "Pain aux raisins", "Viennoiserie", "3.10", "0.90", 28, "4006381334136"),
    ("VIE-CHAU", "Apple turnover", "Viennoiserie", "3.00", "0.85", 24, "4006381334143"),
    ("VIE-KOUI", "Kouign-amann", "Viennoiserie", "3.80", "1.10", 18, "4006381334150"),
    ("PAS-MILL", "Mille-feuille", "Pastry", "4.60", "1.45", 16, "4006381334167"),
    ("PAS-PARI", "Paris-Brest", "Pastry", "5.20", "1.70", 12, "4006381334174"),
    ("PAS-CHOU", "Chouquettes (10)", "Pastry", "3.50", "0.80", 25, "4006381334181"),
    ("PAS-CANE", "Canele", "Pastry", "2.40", "0.65", 30, "4006381334198"),
    ("PAS-MADE", "Madeleines (6)", "Pastry", "4.20", "1.10", 20, "4006381334204"),
    ("PAS-FLAN", "Flan patissier slice", "Pastry", "3.60", "0.95", 18, "4006381334211"),
    ("CAK-BLFO", "Black Forest cake (whole)", "Cakes", "34.00", "12.40", 3, "4006381334228"),
    ("CAK-OPER", "Opera cake slice", "Cakes", "4.90", "1.60", 14, "4006381334235"),
    ("CAK-TATI", "Tarte Tatin (whole)", "Cakes", "24.00", "7.80", 4, "4006381334242"),
    ("CAK-LEMO", "Lemon drizzle slice", "Cakes", "3.80", "1.10", 16, "4006381334259"),
    ("CAK-FRAI", "Fraisier (whole)", "Cakes", "36.00", "13.20", 2, "4006381334266"),
    ("DRK-ESPR", "Espresso", "Drinks", "2.20", "0.35", 300, "4006381334273"),
    ("DRK-CAPP", "Cappuccino", "Drinks", "3.40", "0.70", 250, "4006381334280"),
    ("DRK-CHOC", "Hot chocolate", "Drinks", "3.80", "0.90", 150, "4006381334297"),
    ("DRK-TEA", "Earl Grey tea", "Drinks", "2.60", "0.30", 150, "4006381334303"),
    ("DRK-ORAN", "Fresh orange juice", "Drinks", "4.20", "1.40", 40, "4006381334310"),
    ("DRK-WATR", "Sparkling water", "Drinks", "1.90", "0.40", 120, "4006381334327"),
]
TAX_RATE = {"Drinks": "19", "Cakes": "7", "Pastry": "7", "Viennoiserie": "7", "Bread": "7"}


def seed(bus: CommandBus, prefix: str, hash_password: Callable[[str], str], pictures: Pictures | None = None,
         ) -> dict[str, int]:
    """Create one user per role, the demo catalog (with drawn pictures kept in `pictures`)
    and a few orders; skip if already seeded."""
    zone = ZoneInfo(str(DEMO_STORE.timezone))
    with clock_at([days_ago(zone, DAYS + 1, time(6))]):  # the shop opened before its two weeks of past
        users = {}
        for role in BUILTIN_ROLES:
            user = CreateUser(username=role, password=f"{role}-demo", role=role,
                              email=f"{role}@demo.bakery", full_name=f"Demo {role.title()}")
            try:
                users[role] = bus.run_sync(create_user, ACTOR, user, hash_password(user.password)).value
            except Duplicate:
                return {"users": 0, "products": 0, "orders": 0, "records": 0}  # already seeded
        bus.run_sync(change_settings, ACTOR, DEMO_STORE)
        products: dict[str, Product] = {}
        for sku, name, category, price, cost, stock, barcode in PRODUCTS:
            cmd = CreateProduct(sku=sku, name=name, category=category, price=price, cost=cost,
                                stock=stock, barcode=barcode, tax_rate=TAX_RATE[category], brand="House")
            products[sku] = bus.run_sync(create_product, ACTOR, cmd).value
            if pictures is not None:
                bus.run_sync(set_image, ACTOR, products[sku].id, picture(pictures, name, category))
    past = seed_past(bus, prefix, users["cashier"].id, products, {p[0]: p[5] for p in PRODUCTS})
    customer = users["customer"].id
    baskets: list[tuple[list[tuple[str, int]], Literal["online", "pos"], UUID | None, list[Status], bool]] = [
        ([("BRD-SOUR", 1), ("VIE-CROI", 4)], "pos", None, ["confirmed", "picked", "delivered"], True),
        ([("PAS-MACA", 2), ("DRK-LATT", 2)], "online", customer, ["confirmed"], True),
        ([("CAK-CHEE", 1)], "online", customer, [], False),
        ([("BRD-BAGU", 3), ("PAS-ECLA", 2)], "online", None, ["cancelled"], False),
    ]
    for lines, channel, customer_id, steps, pay in baskets:
        items = [OrderItem(product_id=products[sku].id, quantity=q) for sku, q in lines]
        order = bus.run_sync(place_order, ACTOR, PlaceOrder(items=items, channel=channel, customer_id=customer_id,
                             fulfilment="pickup"), prefix).value
        if pay:
            bus.run_sync(record_payment, ACTOR, order.id,
                         RecordPayment(method="card", amount=str(order.total)))
        for status in steps:
            bus.run_sync(change_order_status, ACTOR, order.id, ChangeOrderStatus(status=status))
    records = seed_back_office(bus, prefix, {sku: p.id for sku, p in products.items()})
    return {"users": len(users), "products": len(products), "orders": len(baskets) + 2 + past, "records": records}
