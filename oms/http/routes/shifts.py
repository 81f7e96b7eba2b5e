"""/shifts and /registers: open a shift, move cash, read its X report, close it (Z report);
a register's invoice series.

A cashier's shift permissions are for their own shifts: anyone else's answers 404.
"""

from __future__ import annotations

from typing import Literal

import msgspec
from aiohttp import web

from commands.shifts import (
    CloseShift,
    MoveCash,
    OpenShift,
    SetRegister,
    close_shift,
    move_cash,
    open_shift,
    set_register,
)
from oms.domain.errors import NotFound
from oms.domain.settings import in_zone
from oms.domain.shift import Register, Shift, shift_report
from oms.fields import RegisterName
from oms.history import read_state
from oms.http import answers
from oms.http.codec import ok, path_param, query, read, uuid_param
from oms.http.exports import report_answer
from oms.http.keys import BUS, POOL, STORE
from oms.http.openapi import schema
from oms.http.permissions import actor_of, every_shift, requires
from oms.http.reading import ReadAt, aggregate_at, caught_up
from oms.http.render import answer, register_json, shift_json
from oms.http.scopes import own_cashier
from queries.audit import chain_head
from queries.reports import store_zone
from queries.shifts import ShiftFilter, list_shifts
from queries.users import names

routes = web.RouteTableDef()


@routes.post("/api/v1/shifts")
@requires("shifts.manage")
@schema(body=OpenShift, answer=answers.Shift, status=201)
async def open_(request: web.Request) -> web.Response:
    result = await request.app[BUS].run(open_shift, actor_of(request), await read(request, OpenShift))
    return answer(result, shift_json, status=201)


@routes.get("/api/v1/shifts")
@requires("shifts.read")
@schema(query=ShiftFilter, answer=answers.Page[answers.Shift])
async def list_(request: web.Request) -> web.Response:
    f = query(request, ShiftFilter)
    await caught_up(request, f.min_position)
    return ok(await list_shifts(request.app[POOL], f, own_cashier(request)))


@routes.get("/api/v1/shifts/{id}")
@requires("shifts.read")
@schema(query=ReadAt, answer=answers.Shift)
async def get(request: web.Request) -> web.Response:
    """The shift with its report, worked out from its events (as it was, with `as_of`)."""
    shift = await aggregate_at(request, Shift, uuid_param(request), "shift", query(request, ReadAt))
    if own_cashier(request) not in (None, shift.cashier):
        raise NotFound("shift not found")
    return ok(shift_json(shift))


@routes.post("/api/v1/shifts/{id}/cash-movements")
@requires("shifts.manage")
@schema(body=MoveCash, answer=answers.Shift, status=201)
async def cash(request: web.Request) -> web.Response:
    shift_id, cmd = uuid_param(request), await read(request, MoveCash)
    result = await request.app[BUS].run(move_cash, actor_of(request), shift_id, cmd, every_shift(request))
    return answer(result, shift_json, status=201)


@routes.post("/api/v1/shifts/{id}/close")
@requires("shifts.manage")
@schema(body=CloseShift, answer=answers.Shift)
async def close(request: web.Request) -> web.Response:
    shift_id, cmd = uuid_param(request), await read(request, CloseShift)
    result = await request.app[BUS].run(close_shift, actor_of(request), shift_id, cmd, every_shift(request))
    chain = await chain_head(request.app[POOL])  # printed on the Z report: a copy of the head outside the database
    return answer(result, lambda shift: {**shift_json(shift), "chain": chain})


@routes.get("/api/v1/registers/{name}")
@requires("shifts.read")
@schema(answer=answers.Register, path={"name": RegisterName})
async def get_register(request: web.Request) -> web.Response:
    name = path_param(request, "name", RegisterName)
    return ok(register_json(await read_state(request.app[STORE], Register, Register.create_id(name=name), "register")))


@routes.put("/api/v1/registers/{name}")
@requires("registers.manage")
@schema(body=SetRegister, answer=answers.Register, path={"name": RegisterName})
async def put_register(request: web.Request) -> web.Response:
    name, cmd = path_param(request, "name", RegisterName), await read(request, SetRegister)
    return answer(await request.app[BUS].run(set_register, actor_of(request), name, cmd), register_json)


class ReportFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    format: Literal["pdf", "csv"] = "pdf"


@routes.get("/api/v1/shifts/{id}/report")
@requires("shifts.read")
@schema(query=ReportFile, answer=answers.ShiftReport)
async def report_file(request: web.Request) -> web.Response:
    """The shift's X or Z report as a file to print or keep: every figure, then each cash movement"""
    fmt = query(request, ReportFile).format
    shift = await read_state(request.app[STORE], Shift, uuid_param(request), "shift")
    if own_cashier(request) not in (None, shift.cashier):
        raise NotFound("shift not found")
    report, zone = shift_report(shift), await store_zone(request.app[POOL])
    rows = [{"figure": name.replace("_", " "), "amount": value, "reason": ""}
            for name, value in report.items() if not isinstance(value, dict) and name != "kind"]
    rows += [{"figure": f"{name.replace('_', ' ')} by {method}", "amount": amount, "reason": ""}
             for name in ("sales_by_tender", "refunds_by_tender") for method, amount in report[name].items()]
    rows += [{"figure": f"cash {m['kind']}", "amount": m["amount"], "reason": m["reason"]} for m in shift.movements]
    name = await names(request.app[POOL], [shift.cashier])
    title = f"{report['kind']} report · {shift.register} · {name.get(shift.cashier, shift.cashier)}"
    return await report_answer(request, f"{report['kind'].lower()}-report-{shift.register}", title,
                               {"day": in_zone(shift.created_on, zone.key).date()}, fmt, rows=rows, totals={})
