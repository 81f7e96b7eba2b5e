"""/pos/parked: carts put aside on a register and taken back there (they reserve nothing)."""

from __future__ import annotations

from aiohttp import web

from commands.parked import ParkSale, park_sale, take_parked
from oms.http import answers
from oms.http.codec import ok, query, read, uuid_param
from oms.http.keys import BUS, POOL
from oms.http.openapi import schema
from oms.http.permissions import actor_of, requires
from oms.http.reading import caught_up
from oms.http.render import answer, parked_json
from queries.parked import ParkedFilter, list_parked
from queries.users import names

routes = web.RouteTableDef()


@routes.post("/api/v1/pos/parked")
@requires("pos.sell")
@schema(body=ParkSale, answer=answers.ParkedSale, status=201)
async def park(request: web.Request) -> web.Response:
    actor = actor_of(request)
    result = await request.app[BUS].run(park_sale, actor, await read(request, ParkSale))
    name = (await names(request.app[POOL], [actor])).get(actor)
    return answer(result, lambda p: {**parked_json(p), "parked_by_name": name}, status=201)


@routes.get("/api/v1/pos/parked")
@requires("pos.sell")
@schema(query=ParkedFilter, answer=answers.Page[answers.ParkedSale])
async def list_(request: web.Request) -> web.Response:
    """The carts waiting on a register (`?register=`), oldest first."""
    f = query(request, ParkedFilter)
    await caught_up(request, f.min_position)
    return ok(await list_parked(request.app[POOL], f))


@routes.delete("/api/v1/pos/parked/{id}")
@requires("pos.sell")
@schema(answer=answers.ParkedSale)
async def take(request: web.Request) -> web.Response:
    """Take a parked cart back (to resume it, or drop it): it leaves the register's list."""
    result = await request.app[BUS].run(take_parked, actor_of(request), uuid_param(request))
    return answer(result, parked_json)
