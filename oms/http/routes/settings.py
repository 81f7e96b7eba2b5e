"""/settings (admin) and /store (what anyone may know of the shop: name, hours, services)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from typing import Annotated, Any

from aiohttp import web
from msgspec import Meta

from commands.settings import ChangeSettings, change_settings, settings_of
from oms.domain.settings import Settings
from oms.http import answers
from oms.http.cache import cached
from oms.http.codec import ok, query, read
from oms.http.keys import BUS, POOL, STORE
from oms.http.openapi import schema
from oms.http.permissions import PUBLIC, actor_of, requires
from oms.http.reading import ReadAt, aggregate_at, caught_up
from oms.http.render import answer
from oms.names import SETTINGS_ID
from queries.orders import pickups_between
from queries.paging import Fresh
from queries.positions import head

routes = web.RouteTableDef()
PUBLIC_SETTINGS = ("store_name", "address", "timezone", "services", "delivery_minimum", "delivery_fee",
                   "delivery_tax_rate", "out_of_hours", "store_hours",
                   "closed_days", "pickup_slots", "default_theme", "deposit_on_cancel", "prices_include_tax",
                   "currency", "tax_rates")


def settings_json(s: Settings) -> dict[str, Any]:
    return {**{name: s[name] for name in answers.Settings.__struct_fields__ if name not in ("version", "position")},
            "version": s.version}


async def current(request: web.Request) -> Settings:
    return await asyncio.to_thread(settings_of, request.app[STORE], True)


@routes.get("/api/v1/settings")
@requires("settings.manage")
@schema(query=ReadAt, answer=answers.Settings)
async def get(request: web.Request) -> web.Response:
    """The shop's settings (as they were, with `as_of` or `version`)"""
    at = query(request, ReadAt)
    if at.version or at.as_of:
        return ok(settings_json(await aggregate_at(request, Settings, SETTINGS_ID, "settings", at)))
    return ok(settings_json(await current(request)))


@routes.patch("/api/v1/settings")
@requires("settings.manage")
@schema(body=ChangeSettings, answer=answers.Settings)
async def change(request: web.Request) -> web.Response:
    """Change some settings (nested ones change only the parts given); each change is an event"""
    cmd = await read(request, ChangeSettings)
    return answer(await request.app[BUS].run(change_settings, actor_of(request), cmd), settings_json)


class Upcoming(Fresh, frozen=True, forbid_unknown_fields=True):
    days: Annotated[int, Meta(ge=1, le=14)] = 3


@routes.get("/api/v1/pickup-slots")
@requires(PUBLIC)
@schema(query=Upcoming, answer=list[answers.PickupTime])
async def pickup_slots(request: web.Request) -> web.Response:
    """The coming pickup (or delivery) slots in opening hours, with the places left in each"""
    upcoming, settings = query(request, Upcoming), await current(request)
    await caught_up(request, upcoming.min_position)
    starts, step = settings.upcoming_slots(datetime.now(UTC), upcoming.days), settings.slot_length()
    if not starts:
        return ok([])
    booked = Counter(settings.slot_of(settings.local(at)) for at in
                     await pickups_between(request.app[POOL], starts[0], starts[-1] + step))
    capacity = int(settings["pickup_slots"]["capacity"])
    return ok([{"starts": s, "ends": s + step, "free": max(capacity - booked[s], 0)} for s in starts])


@routes.get("/api/v1/store")
@requires(PUBLIC)
@schema(query=Fresh, answer=answers.Store)
async def store(request: web.Request) -> web.Response:
    """What anyone may know of the shop: its name, address, hours, services and pickup slots
    (read from the store itself: `min_position` needs no wait)"""
    async def public() -> dict[str, Any]:
        settings = await current(request)
        return {name: settings[name] for name in PUBLIC_SETTINGS}

    return await cached(request, "store", "", query(request, Fresh).min_position, public,
                        basis=lambda: head(request.app[POOL]))
