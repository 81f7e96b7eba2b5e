"""Personal data in the event store, encrypted with a key per person (crypto-shredding).

Events are never deleted or edited (the audit chain hashes every stored row), so what a
person asked us to forget cannot be removed from them. Instead, the fields that identify
a person (`PERSONAL`) are stored encrypted (AES-GCM) with a key of their own, kept in
`personal_keys`, and forgetting them erases that key: the stored rows, their hashes and
every total stay as they were, and the fields can no longer be read by anyone. An event
whose key is gone decodes with the field's stand-in (`ERASED`): a name "[erased]", a
username "erased-<id>", anything else null.

A person is a customer record or a user (`subject`): the customer's own events, a user's,
the username a user claimed, and the note of an order that names a customer."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.utils import get_topic

from oms.domain.claim import Claim
from oms.domain.customer import ERASED_NAME, Customer
from oms.domain.order import Order
from oms.domain.user import User, erased_username

PREFIX = "pii:"  # an encrypted value: PREFIX + base64(nonce + ciphertext)
NONCE = 12


ERASED: dict[str, Callable[[UUID], Any]] = {"full_name": lambda _: ERASED_NAME, "username": erased_username,
                                             "key": erased_username}


@dataclass(frozen=True)
class Personal:
    """Which fields of an event are personal, where they are and whose they are."""

    fields: tuple[str, ...]
    within: str | None = None  # the dict of changes that holds them (an edit), else the event itself
    subject: str = "originator_id"  # the field naming the person
    only: Callable[[dict[str, Any]], bool] = lambda state: True

    def person(self, state: dict[str, Any]) -> UUID | None:
        value = state.get(self.subject)
        return UUID(str(value)) if value and self.only(state) else None


CUSTOMER = ("full_name", "email", "phone", "billing_address", "delivery_address")
SEALED: dict[type, Personal] = dict((
    (Customer.Created, Personal(CUSTOMER)),
    (Customer.Updated, Personal(CUSTOMER, within="changes")),
    (User.Registered, Personal(("username", "email", "full_name"))),
    (User.ProfileUpdated, Personal(("email", "full_name"), within="changes")),
    (User.LoginFailed, Personal(("remote",))),
    (Claim.Created, Personal(("key",), subject="owner_id", only=lambda s: s.get("kind") == "username")),
    (Order.Placed, Personal(("note",), subject="customer_id", only=lambda s: bool(s.get("note")))),
))
PERSONAL = {get_topic(cls): personal for cls, personal in SEALED.items()}  # the same, by stored topic


class KeyErased(Exception):
    """A new personal value for someone who was forgotten (the domain refuses this first)."""


class Keys:
    """The `personal_keys` table: one AES key per person, made when first needed; forgetting
    a person sets it to NULL (the row stays, so a key is never made for them again)."""

    def __init__(self, datastore: PostgresDatastore) -> None:
        self.datastore = datastore

    def key_for_writing(self, subject: UUID) -> bytes:
        with self.datastore.transaction(commit=True) as curs:
            row = curs.execute(
                "WITH made AS (INSERT INTO personal_keys (subject_id, key) VALUES (%s, %s)"
                " ON CONFLICT (subject_id) DO NOTHING RETURNING key)"
                " SELECT key FROM made UNION ALL SELECT key FROM personal_keys WHERE subject_id = %s LIMIT 1",
                (subject, AESGCM.generate_key(bit_length=256), subject)).fetchone()
        if row is None or row["key"] is None:
            raise KeyErased(f"{subject} was forgotten: nothing personal is recorded for them again")
        return bytes(row["key"])

    def key_for_reading(self, subject: UUID) -> bytes | None:
        with self.datastore.transaction() as curs:
            row = curs.execute("SELECT key FROM personal_keys WHERE subject_id = %s", (subject,)).fetchone()
        return bytes(row["key"]) if row and row["key"] is not None else None


class MemoryKeys:
    """The keys of an application kept in memory (the library's POPO persistence, in unit tests)."""

    def __init__(self) -> None:
        self.keys: dict[UUID, bytes] = {}

    def key_for_writing(self, subject: UUID) -> bytes:
        return self.keys.setdefault(subject, AESGCM.generate_key(bit_length=256))

    def key_for_reading(self, subject: UUID) -> bytes | None:
        return self.keys.get(subject)


async def erase(pool: asyncpg.Pool, people: list[UUID]) -> None:
    """Erase the people's keys (their personal fields can no longer be read), and the
    kept answers of their requests that a retry would replay (`idempotency_keys`)."""
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            "INSERT INTO personal_keys (subject_id, key, erased_at) SELECT unnest($1::uuid[]), NULL, now()"
            " ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = coalesce(personal_keys.erased_at, now())",
            people)
        await conn.execute(
            "DELETE FROM idempotency_keys WHERE principal = ANY($1::text[])"
            " OR EXISTS (SELECT FROM unnest($1::text[]) AS p WHERE position(convert_to(p, 'UTF8') IN body) > 0)",
            [str(p) for p in people])


def seal(key: bytes, subject: UUID, field: str, value: str) -> str:
    nonce = os.urandom(NONCE)
    sealed = AESGCM(key).encrypt(nonce, value.encode(), f"{subject}:{field}".encode())
    return PREFIX + base64.b64encode(nonce + sealed).decode()


def unseal(key: bytes | None, subject: UUID, field: str, value: Any) -> Any:
    if not (isinstance(value, str) and value.startswith(PREFIX)):
        return value  # recorded before encryption, or not a text
    if key is None:
        return ERASED[field](subject) if field in ERASED else None
    raw = base64.b64decode(value[len(PREFIX):])
    try:
        return AESGCM(key).decrypt(raw[:NONCE], raw[NONCE:], f"{subject}:{field}".encode()).decode()
    except InvalidTag as exc:
        raise ValueError(f"the {field} of {subject} does not decrypt with their key") from exc


def transform(state: dict[str, Any], personal: Personal, change: Callable[[str, Any], Any]) -> dict[str, Any]:
    """The state with each personal field that holds a value changed by `change(field, value)`."""
    out = dict(state)
    holder = dict(state.get(personal.within) or {}) if personal.within else out
    for field in personal.fields:
        if holder.get(field) is not None:
            holder[field] = change(field, holder[field])
    if personal.within:
        out[personal.within] = holder
    return out


def sealed_in(state: dict[str, Any], personal: Personal) -> bool:
    holder = (state.get(personal.within) or {}) if personal.within else state
    return any(isinstance(holder.get(f), str) and holder[f].startswith(PREFIX) for f in personal.fields)


class PersonalMapper(Mapper[UUID]):
    """The library's mapper, sealing personal fields on the way in and opening them on the
    way out (`keys` is set once the application has its datastore)."""

    keys: Keys | MemoryKeys

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        personal = SEALED.get(type(domain_event))
        subject = personal.person(vars(domain_event)) if personal else None
        if personal is None or subject is None:
            return super().to_stored_event(domain_event)
        key = self.keys.key_for_writing(subject)
        sealed = object.__new__(type(domain_event))
        object.__setattr__(sealed, "__dict__", transform(
            vars(domain_event), personal, lambda field, value: seal(key, subject, field, value)))
        return super().to_stored_event(sealed)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        domain_event = super().to_domain_event(stored_event)
        personal = PERSONAL.get(stored_event.topic)
        state = vars(domain_event)
        subject = personal.person(state) if personal else None
        if personal is None or subject is None or not sealed_in(state, personal):
            return domain_event
        key = self.keys.key_for_reading(subject)
        opened = transform(state, personal, lambda field, value: unseal(key, subject, field, value))
        state.update(opened)
        return domain_event
