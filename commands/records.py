"""What every back-office record's commands share: an edit command made from the create
command (every field optional; null clears an optional one), command values turned into
domain values by their field type (Money → Decimal to the cent, Percent → Decimal, ids →
text), and the edit and archive handlers."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any, TypeVar, Union, get_args
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates, load
from oms.domain.record import Record
from oms.fields import Money, Percent, money

R = TypeVar("R", bound=Record)


def partial(create: type[msgspec.Struct], name: str) -> type[msgspec.Struct]:
    """The edit command of a create command: the same fields, each optional."""
    fields = [(f.encode_name, Union[f.type, msgspec.UnsetType], msgspec.UNSET)  # noqa: UP007 - a runtime type
              for f in msgspec.structs.fields(create)]
    return msgspec.defstruct(name, fields, forbid_unknown_fields=True, frozen=True, omit_defaults=True,
                             module=create.__module__)


@cache
def converters(struct: type[msgspec.Struct]) -> dict[str, Any]:
    """Per field, what turns its decoded value into the domain's."""
    found: dict[str, Any] = {}
    for f in msgspec.structs.fields(struct):
        types = get_args(f.type) if get_args(f.type) and not hasattr(f.type, "__metadata__") else (f.type,)
        if Money in types:
            found[f.name] = money
        elif Percent in types:
            found[f.name] = Decimal
        elif UUID in types:
            found[f.name] = str
    return found


def values(cmd: msgspec.Struct) -> dict[str, Any]:
    """The fields the command sets, as domain values (None stays None)."""
    convert = converters(type(cmd))
    given = {k: v for k, v in msgspec.structs.asdict(cmd).items() if v is not msgspec.UNSET}
    return {k: (convert[k](v) if v is not None and k in convert else v) for k, v in given.items()}


def edit(app: Aggregates, actor: str, cls: type[R], record_id: UUID, cmd: msgspec.Struct) -> Written[R]:
    record = load(app, cls, record_id, cls.kind)
    record.update(values(cmd), actor)
    return saved(app, record, record)


def archive(app: Aggregates, actor: str, cls: type[R], record_id: UUID) -> Written[R]:
    record = load(app, cls, record_id, cls.kind)
    record.archive(actor)
    return saved(app, record, record)
