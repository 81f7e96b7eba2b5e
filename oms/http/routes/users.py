"""/users and /roles: accounts, roles and permissions (admins)."""

from __future__ import annotations

from aiohttp import web

from commands.users import (
    CreateRole,
    CreateUser,
    ResetPassword,
    RoleName,
    UpdateRole,
    UpdateUser,
    create_role,
    create_user,
    deactivate_user,
    reactivate_user,
    set_password,
    update_role,
    update_user,
)
from oms.auth import refresh
from oms.domain.roles import BUILTIN_ROLES, grantable
from oms.domain.user import User
from oms.history import read_history
from oms.http import answers
from oms.http.codec import ok, path_param, query, read, uuid_param
from oms.http.errors import policy
from oms.http.keys import BUS, HASHER, POOL, PRINCIPALS, STORE
from oms.http.openapi import schema
from oms.http.permissions import actor_of, requires
from oms.http.reading import caught_up, found
from oms.http.render import answer, role_json, user_json
from queries.paging import Fresh, whole
from queries.users import UserFilter, custom_roles, get_user, list_users

routes = web.RouteTableDef()


@routes.get("/api/v1/users")
@requires("users.manage")
@schema(query=UserFilter, answer=answers.Page[answers.User])
async def list_(request: web.Request) -> web.Response:
    f = query(request, UserFilter)
    await caught_up(request, f.min_position)
    return ok(await list_users(request.app[POOL], f))


@routes.post("/api/v1/users")
@requires("users.manage")
@schema(body=CreateUser, answer=answers.User, status=201)
async def create(request: web.Request) -> web.Response:
    cmd = await read(request, CreateUser)
    policy(cmd.password, cmd.username)
    password_hash = await request.app[HASHER].hash(cmd.password)
    result = await request.app[BUS].run(create_user, actor_of(request), cmd, password_hash)
    return answer(result, user_json, status=201)


@routes.get("/api/v1/users/{id}")
@requires("users.manage")
@schema(query=Fresh, answer=answers.User)
async def get(request: web.Request) -> web.Response:
    user_id, fresh = uuid_param(request), query(request, Fresh)
    await caught_up(request, fresh.min_position)
    return found(await get_user(request.app[POOL], user_id), "user")


@routes.get("/api/v1/users/{id}/history")
@requires("users.manage")
@schema(answer=answers.History)
async def user_history(request: web.Request) -> web.Response:
    events = await read_history(request.app[STORE], User, uuid_param(request), "user")
    for event in events:
        event["data"].pop("password_hash", None)
    return ok({"items": events})


@routes.patch("/api/v1/users/{id}")
@requires("users.manage")
@schema(body=UpdateUser, answer=answers.User)
async def update(request: web.Request) -> web.Response:
    user_id, cmd = uuid_param(request), await read(request, UpdateUser)
    result = await request.app[BUS].run(update_user, actor_of(request), user_id, cmd)
    request.app[PRINCIPALS].forget(user_id)
    return answer(result, user_json)


@routes.post("/api/v1/users/{id}/deactivate")
@requires("users.manage")
@schema(answer=answers.User)
async def deactivate(request: web.Request) -> web.Response:
    user_id = uuid_param(request)
    result = await request.app[BUS].run(deactivate_user, actor_of(request), user_id)
    await refresh.revoke_user(request.app[POOL], user_id, "deactivated")
    request.app[PRINCIPALS].forget(user_id)
    return answer(result, user_json)


@routes.post("/api/v1/users/{id}/reactivate")
@requires("users.manage")
@schema(answer=answers.User)
async def reactivate(request: web.Request) -> web.Response:
    result = await request.app[BUS].run(reactivate_user, actor_of(request), uuid_param(request))
    request.app[PRINCIPALS].forget(result.value.id)
    return answer(result, user_json)


@routes.post("/api/v1/users/{id}/password")
@requires("users.manage")
@schema(body=ResetPassword, answer=answers.User)
async def reset_password(request: web.Request) -> web.Response:
    user_id, cmd = uuid_param(request), await read(request, ResetPassword)
    policy(cmd.new_password, None)
    password_hash = await request.app[HASHER].hash(cmd.new_password)
    result = await request.app[BUS].run(set_password, actor_of(request), user_id, password_hash)
    await refresh.revoke_user(request.app[POOL], user_id, "password reset")
    request.app[PRINCIPALS].forget(user_id)
    return answer(result, user_json)


@routes.get("/api/v1/roles")
@requires("roles.manage")
@schema(query=Fresh, answer=answers.Page[answers.Role])
async def list_roles(request: web.Request) -> web.Response:
    fresh = query(request, Fresh)
    await caught_up(request, fresh.min_position)
    builtin = [{"name": n, "permissions": sorted(p), "builtin": True} for n, p in BUILTIN_ROLES.items()]
    items = builtin + await custom_roles(request.app[POOL])
    return ok(whole(items))


@routes.get("/api/v1/permissions")
@requires("roles.manage")
@schema(answer=answers.Page[str])
async def list_permissions(request: web.Request) -> web.Response:
    items = list(grantable())
    return ok(whole(items))


@routes.post("/api/v1/roles")
@requires("roles.manage")
@schema(body=CreateRole, answer=answers.Role, status=201)
async def create_role_(request: web.Request) -> web.Response:
    result = await request.app[BUS].run(create_role, actor_of(request), await read(request, CreateRole))
    return answer(result, role_json, status=201)


@routes.patch("/api/v1/roles/{name}")
@requires("roles.manage")
@schema(body=UpdateRole, answer=answers.Role, path={"name": RoleName})
async def update_role_(request: web.Request) -> web.Response:
    name, cmd = path_param(request, "name", RoleName), await read(request, UpdateRole)
    result = await request.app[BUS].run(update_role, actor_of(request), name, cmd)
    request.app[PRINCIPALS].forget()
    return answer(result, role_json)
