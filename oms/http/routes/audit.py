"""/audit: the audit trail (every event, filtered, paged, as CSV) and the chain's head,
for viewers and admins (docs/audit.md)."""

from __future__ import annotations

from aiohttp import web

from oms.http import answers
from oms.http.codec import ok, query
from oms.http.keys import POOL
from oms.http.openapi import schema
from oms.http.permissions import requires
from oms.http.reading import caught_up
from queries.audit import AuditFilter, chain_head, list_audit
from queries.paging import Fresh

routes = web.RouteTableDef()


@routes.get("/api/v1/audit")
@requires("audit.read")
@schema(query=AuditFilter, answer=answers.Page[answers.AuditEntry])
async def list_(request: web.Request) -> web.Response:
    """Every stored event, newest first: position, type, time, actor, entity, summary, its chain link"""
    f = query(request, AuditFilter)
    await caught_up(request, f.min_position)
    return ok(await list_audit(request.app[POOL], f))


@routes.get("/api/v1/audit/head")
@requires("audit.read")
@schema(query=Fresh, answer=answers.ChainHead)
async def head(request: web.Request) -> web.Response:
    """The chain's newest link (copy it somewhere else: it vouches for every event before it)"""
    await caught_up(request, query(request, Fresh).min_position)
    return ok(await chain_head(request.app[POOL]))
