"""Claim: makes a key (a SKU, a barcode) unique across aggregates.

Its id is derived from the key, so two concurrent claims of one key collide on
version 1 in the event store and only one is saved.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate


def claim_id(kind: str, key: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"oms:{kind}:{key.casefold()}")


class Claim(Aggregate):
    @event("Created")
    def __init__(self, *, kind: str, key: str, owner_id: UUID) -> None:
        self.kind = kind
        self.key = key
        self.owner_id: UUID | None = owner_id

    @classmethod
    def create_id(cls, *, kind: str, key: str, owner_id: UUID) -> UUID:
        return claim_id(kind, key)

    @event("Released")
    def release(self) -> None:
        self.owner_id = None

    @event("Reassigned")
    def reassign(self, owner_id: UUID) -> None:
        self.owner_id = owner_id
