"""The base of OMS aggregates: random ids without a system call each, and cheap copies."""

from __future__ import annotations

import copy
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate as LibraryAggregate

from oms.domain.ids import random_uuid

A = TypeVar("A", bound="Aggregate")


class Aggregate(LibraryAggregate):
    """`mutable` names the attributes a verb changes in place (dicts, lists); every other
    attribute is only ever replaced. Commands decide on copies (a refused command leaves
    no trace), so a copy shares the immutable parts and copies only those, plus the
    pending events. Generic deepcopy of a product with thousands of open reservations,
    or of the order-number sequence with a batch's pending events, cost more than
    deciding the order."""

    mutable: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def create_id(cls, *_: Any, **__: Any) -> UUID:
        return random_uuid()

    def __deepcopy__(self: A, memo: dict[int, Any]) -> A:
        clone = copy.copy(self)
        for name in self.mutable:
            setattr(clone, name, copy.copy(getattr(self, name)))
        clone.__dict__["_pending_events"] = list(self.__dict__.get("_pending_events", []))
        return clone
