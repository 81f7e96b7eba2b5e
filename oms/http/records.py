"""The five routes of a back-office record collection (API.md "Back office"): list with
search and paging, create, read (now, or `?as_of=`/`?version=` from the event store),
edit, and DELETE that archives. Each area states its parts once (`Area`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import msgspec
from aiohttp import web

from commands import records
from commands.bus import Written
from commands.load import Aggregates
from oms.domain.record import Record
from oms.http import answers
from oms.http.codec import ok, query, read, uuid_param
from oms.http.keys import BUS, POOL
from oms.http.openapi import schema
from oms.http.permissions import actor_of, can, requires
from oms.http.reading import ReadAt, aggregate_at, caught_up, found
from oms.http.render import answer, record_json
from queries.back_office import RecordFilter, get_record, list_records

Create = Callable[[Aggregates, str, Any], Written[Any]]
Edit = Callable[[Aggregates, str, UUID, Any], Written[Any]]


@dataclass(frozen=True)
class Area:
    name: str  # the collection: "vendors" (its path and its read table)
    record: type[Record]
    shape: type  # its answer (oms.http.answers)
    filter: type[RecordFilter]
    create: type[msgspec.Struct]
    make: Create
    update: type[msgspec.Struct]
    read: str  # permissions
    write: str
    edit: Edit | None = None  # when editing checks more than the record itself
    private: tuple[str, ...] = ()  # fields shown only to holders of `private_to` (null to others)
    private_to: str | None = None

    def hidden(self, request: web.Request) -> tuple[str, ...]:
        """The private fields the caller may not see."""
        return self.private if self.private_to and not can(request, self.private_to) else ()

    def shown(self, request: web.Request, record: Record) -> dict[str, Any]:
        """The record's answer, its private fields null for a caller who may not see them."""
        return {**record_json(record), **dict.fromkeys(self.hidden(request))}

    def edited(self, app: Aggregates, actor: str, record_id: UUID, cmd: Any) -> Written[Any]:
        if self.edit is not None:
            return self.edit(app, actor, record_id, cmd)
        return records.edit(app, actor, self.record, record_id, cmd)

    def archived(self, app: Aggregates, actor: str, record_id: UUID) -> Written[Any]:
        return records.archive(app, actor, self.record, record_id)


def record_routes(area: Area) -> web.RouteTableDef:
    routes, path, kind = web.RouteTableDef(), f"/api/v1/{area.name}", area.record.kind

    @routes.get(path)
    @requires(area.read)
    @schema(query=area.filter, answer=answers.Page[area.shape])  # type: ignore[name-defined]
    async def list_(request: web.Request) -> web.Response:
        f = query(request, area.filter)
        await caught_up(request, f.min_position)
        return ok(await list_records(request.app[POOL], area.name, f, area.hidden(request)))

    @routes.post(path)
    @requires(area.write)
    @schema(body=area.create, answer=area.shape, status=201)
    async def create(request: web.Request) -> web.Response:
        cmd = await read(request, area.create)
        return answer(await request.app[BUS].run(area.make, actor_of(request), cmd),
                      lambda r: area.shown(request, r), status=201)

    @routes.get(path + "/{id}")
    @requires(area.read)
    @schema(query=ReadAt, answer=area.shape)
    async def get(request: web.Request) -> web.Response:
        record_id, at = uuid_param(request), query(request, ReadAt)
        if at.version or at.as_of:
            return ok(area.shown(request, await aggregate_at(request, area.record, record_id, kind, at)))
        await caught_up(request, at.min_position)
        return found(await get_record(request.app[POOL], area.name, record_id, area.hidden(request)), kind)

    @routes.patch(path + "/{id}")
    @requires(area.write)
    @schema(body=area.update, answer=area.shape)
    async def update(request: web.Request) -> web.Response:
        record_id, cmd = uuid_param(request), await read(request, area.update)
        return answer(await request.app[BUS].run(area.edited, actor_of(request), record_id, cmd),
                      lambda r: area.shown(request, r))

    @routes.delete(path + "/{id}")
    @requires(area.write)
    @schema(answer=area.shape)
    async def archive(request: web.Request) -> web.Response:
        return answer(await request.app[BUS].run(area.archived, actor_of(request), uuid_param(request)),
                      lambda r: area.shown(request, r))

    list_.__doc__, create.__doc__, get.__doc__ = f"List {area.name}", f"Create a {kind}", f"One {kind}"
    update.__doc__, archive.__doc__ = f"Edit a {kind}", f"Archive a {kind} (its history is kept)"
    return routes

