"""The audit chain's one rule: each stored event's link is SHA-256 over the previous
link, its position, aggregate id, version, topic and stored state (docs/audit.md).
`scripts/verify-audit` says the same in the standard library alone, for auditors."""

from __future__ import annotations

import hashlib
from uuid import UUID

GENESIS = bytes(32)  # the link before the first event


def link(previous: bytes, position: int, originator_id: UUID | str, version: int, topic: str, state: bytes) -> bytes:
    digest = hashlib.sha256(previous)
    for part in (str(position), str(originator_id), str(version), topic):
        encoded = part.encode()
        digest.update(len(encoded).to_bytes(4, "big") + encoded)
    digest.update(len(state).to_bytes(4, "big") + state)
    return digest.digest()
