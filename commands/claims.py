"""Taking a unique key (SKU, barcode, username) for an aggregate."""

from __future__ import annotations

from uuid import UUID

from commands.load import Aggregates, find
from oms.domain.claim import Claim, claim_id
from oms.domain.errors import Duplicate


def claim(app: Aggregates, kind: str, key: str, owner: UUID) -> Claim:
    """Claim `key` for `owner`, or raise Duplicate (code `duplicate_<kind>`)."""
    existing = find(app, claim_id(kind, key))
    if isinstance(existing, Claim):
        if existing.owner_id not in (None, owner):
            raise Duplicate(kind, f"{kind} {key} is already taken", field=kind)
        if existing.owner_id is None:
            existing.reassign(owner)
        return existing
    return Claim(kind=kind, key=key, owner_id=owner)
