"""ParkedSale: an unfinished sale put aside on a register, to be resumed on it later (by
any terminal of that register). It holds the cart as the till sent it and reserves nothing."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import InvalidTransition


class ParkedSale(Aggregate):
    @event("Parked")
    def __init__(self, *, register: str, cart: dict[str, Any], note: str | None, actor: str) -> None:
        self.register = register
        self.cart = cart
        self.note = note
        self.parked_by = actor
        self.taken = False

    def take(self, actor: str) -> None:
        """Resumed (or dropped) at the till: it leaves the register's list."""
        if self.taken:
            raise InvalidTransition("the parked sale was already taken", parked_id=str(self.id))
        self._take(actor=actor)

    @event("Taken")
    def _take(self, actor: str) -> None:
        self.taken = True
