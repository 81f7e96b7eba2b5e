"""Random sequences of place / confirm / ship / cancel / adjust / receive / count never break
the stock rules."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

from eventsourcing.application import Application
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from oms.domain.errors import DomainError
from oms.domain.order import OPEN, Order
from oms.domain.ordering import move
from oms.domain.ordering import place as place_order
from tests.unit.factories import product

INITIAL = (5, 3, 8)


class StockMachine(RuleBasedStateMachine):
    orders = Bundle("orders")

    def __init__(self) -> None:
        super().__init__()
        self.app = Application(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.products = [product(stock=s, name=f"p{i}") for i, s in enumerate(INITIAL)]
        self.app.save(*self.products)
        self.adjusted = [0] * len(INITIAL)
        self.handed_over = [0] * len(INITIAL)
        self.all_orders: list[Order] = []

    def save(self, *aggregates: object) -> None:
        self.app.save(*aggregates)

    @rule(target=orders, lines=st.lists(
        st.tuples(st.integers(0, len(INITIAL) - 1), st.integers(1, 6)), min_size=1, max_size=4))
    def place(self, lines: list[tuple[int, int]]) -> Order | None:
        before = [p.reserved for p in self.products]
        try:
            order = place_order(number="B-1", channel="online", actor="t",
                                items=[(self.products[i], q) for i, q in lines])
        except DomainError:
            assert [p.reserved for p in self.products] == before  # all or nothing
            return None
        order.record_payment("card", order.total, "t")  # paid: handing over is the stock rule tested here
        self.save(order, *self.products)
        self.all_orders.append(order)
        return order

    @rule(order=orders, status=st.sampled_from(["confirmed", "picked", "delivered"]))
    def advance(self, order: Order | None, status: str) -> None:
        if order is None:
            return
        handing_over = order.hands_over(status)  # a pickup collected from "picked"
        held = [p.reservations.get(str(order.id), 0) for p in self.products]
        try:
            move(order, status, None, {str(p.id): p for p in self.products}, "t")
        except DomainError:
            return
        if handing_over:
            self.handed_over = [n + h for n, h in zip(self.handed_over, held, strict=True)]
        self.save(order, *self.products)

    @rule(order=consumes(orders))
    def cancel(self, order: Order | None) -> None:
        if order is None or order.status not in OPEN:
            return
        move(order, "cancelled", None, {str(p.id): p for p in self.products}, "t")
        self.save(order, *self.products)

    @rule(order=orders)
    def ship(self, order: Order | None) -> None:
        if order is None or order.status != "picked":
            return
        for i, p in enumerate(self.products):
            self.handed_over[i] += p.reservations.get(str(order.id), 0)
        move(order, "shipped", None, {str(p.id): p for p in self.products}, "t")
        self.save(order, *self.products)

    @rule(index=st.integers(0, len(INITIAL) - 1), delta=st.integers(-6, 6).filter(bool))
    def adjust(self, index: int, delta: int) -> None:
        try:
            self.products[index].adjust_stock(delta, "count", "t")
        except DomainError:
            return
        self.adjusted[index] += delta
        self.save(self.products[index])

    @rule(index=st.integers(0, len(INITIAL) - 1), quantity=st.integers(1, 6),
          unit_cost=st.decimals("0.01", "9.99", places=2))
    def receive(self, index: int, quantity: int, unit_cost: Decimal) -> None:
        p = self.products[index]
        before = p.stock * p.cost + quantity * unit_cost
        p.receive(uuid4(), quantity, unit_cost, "t")
        assert abs(p.stock * p.cost - before) <= p.stock * Decimal("0.005")  # the average, to the cent
        self.adjusted[index] += quantity
        self.save(p)

    @rule(index=st.integers(0, len(INITIAL) - 1), counted=st.integers(0, 12))
    def count(self, index: int, counted: int) -> None:
        p = self.products[index]
        before = p.stock
        try:
            p.count(counted, "count", "t")
        except DomainError:
            assert counted < p.reserved
            return
        self.adjusted[index] += counted - before
        self.save(p)

    @invariant()
    def available_is_never_negative(self) -> None:
        assert all(p.stock - p.reserved >= 0 for p in self.products)

    @invariant()
    def stock_is_initial_plus_adjustments_minus_handed_over(self) -> None:
        for i, p in enumerate(self.products):
            assert p.stock == INITIAL[i] + self.adjusted[i] - self.handed_over[i]

    @invariant()
    def reserved_is_the_units_of_open_orders(self) -> None:
        for p in self.products:
            units = sum(o.quantities().get(str(p.id), 0) for o in self.all_orders if o.status in OPEN)
            assert p.reserved == units == sum(p.reservations.values())

    @invariant()
    def replaying_the_events_gives_the_same_stock(self) -> None:
        for p in self.products:
            replayed = self.app.repository.get(p.id)
            assert (replayed.stock, replayed.reservations) == (p.stock, p.reservations)


StockMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
test_stock_rules_hold_for_any_sequence = StockMachine.TestCase
