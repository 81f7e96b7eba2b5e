"""The audit trail's entries."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from oms.http.answers.base import Answer


class AuditEntry(Answer, frozen=True):
    position: int
    at: datetime
    type: str  # Order.Refunded
    entity: str  # order
    entity_id: UUID
    version: int
    actor: str | None  # a user id, or a process (`setup`, `baker`)
    actor_name: str | None  # the user's name, when the actor is a user
    summary: str
    critical: bool  # refunds, discounts of 10 % or more, stock adjustments and counts, price and role changes, ...
    hash: str  # this event's chain link (hex SHA-256)

