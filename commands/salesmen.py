"""Salesman commands: CreateSalesman, UpdateSalesman (edit and archive: `commands.records`)."""

from __future__ import annotations

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates
from commands.records import partial, values
from oms.domain.salesman import Salesman
from oms.fields import Name, Percent


class CreateSalesman(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: Name
    commission_rate: Percent = "0"


UpdateSalesman = partial(CreateSalesman, "UpdateSalesman")


def create_salesman(app: Aggregates, actor: str, cmd: CreateSalesman) -> Written[Salesman]:
    salesman = Salesman(**values(cmd), actor=actor)
    return saved(app, salesman, salesman)
