"""Shift commands: OpenShift, MoveCash, CloseShift, and a register's invoice series."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.load import Aggregates, find_or_new, load
from oms.domain import shift as shifts
from oms.domain.shift import CashKind, Register, Shift
from oms.fields import Money, Reason, RegisterName, matching, money

Series = Annotated[str, matching(r"[A-Z0-9]{1,8}", "an invoice series prefix, e.g. R2")]


class OpenShift(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    register: RegisterName
    opening_float: Money


class MoveCash(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    kind: CashKind
    amount: Money
    reason: Reason


class CloseShift(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    counted_cash: Money


class SetRegister(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    invoice_series: Series | None = None


def register_of(app: Aggregates, name: str) -> Register:
    return find_or_new(app, Register, Register.create_id(name=name), lambda: Register(name=name))


def own_shift(app: Aggregates, shift_id: UUID, actor: str, every_shift: bool) -> Shift:
    """The shift whose drawer `actor` works (`Shift.check_drawer`)."""
    shift = load(app, Shift, shift_id, "shift")
    shift.check_drawer(actor, every_shift)
    return shift


def open_shift(app: Aggregates, actor: str, cmd: OpenShift) -> Written[Shift]:
    register = register_of(app, cmd.register)
    shift = shifts.open_shift(register, money(cmd.opening_float), actor, actor)
    return saved(app, shift, shift, register)


def move_cash(app: Aggregates, actor: str, shift_id: UUID, cmd: MoveCash, every_shift: bool = False,
              ) -> Written[Shift]:
    shift = own_shift(app, shift_id, actor, every_shift)
    shift.move_cash(cmd.kind, money(cmd.amount), cmd.reason, actor)
    return saved(app, shift, shift)


def close_shift(app: Aggregates, actor: str, shift_id: UUID, cmd: CloseShift, every_shift: bool = False,
                ) -> Written[Shift]:
    shift = own_shift(app, shift_id, actor, every_shift)
    register = register_of(app, shift.register)
    shifts.close_shift(shift, register, money(cmd.counted_cash), actor)
    return saved(app, shift, shift, register)


def set_register(app: Aggregates, actor: str, name: str, cmd: SetRegister) -> Written[Register]:
    register = register_of(app, name)
    register.set_series(cmd.invoice_series, actor)
    return saved(app, register, register)
