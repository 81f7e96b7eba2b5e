"""/auth: log in and out, refresh, sign up, and the caller's own profile and password."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any
from uuid import UUID

import msgspec
from aiohttp import web
from aiohttp_session import get_session, new_session

from commands.settings import settings_of
from commands.users import (
    ANONYMOUS,
    SYSTEM,
    ChangeOwnPassword,
    SignUp,
    UpdateProfile,
    record_failed_login,
    record_token_reuse,
    set_password,
    sign_up,
    update_profile,
)
from oms.auth import refresh
from oms.auth.principal import Principal, load_principal
from oms.auth.tokens import ACCESS_SECONDS
from oms.domain.user import User
from oms.fields import line
from oms.history import read_current, read_user_named
from oms.http import answers
from oms.http.access import unauthenticated
from oms.http.codec import ok, read, read_or_default
from oms.http.errors import ApiError, policy, too_many
from oms.http.idempotency import answers_with_secrets
from oms.http.keys import BUS, HASHER, LIMITER, POOL, PRINCIPALS, STORE, TOKENS
from oms.http.openapi import schema
from oms.http.permissions import AUTHENTICATED, PRINCIPAL, PUBLIC, actor_of, principal_of, requires
from oms.http.render import answer, user_json

routes = web.RouteTableDef()
Secret = Annotated[str, line(1, 256)]


class Login(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    username: Annotated[str, line(1, 64)]
    password: Annotated[str, msgspec.Meta(max_length=128)]
    session: bool = False


class RefreshToken(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    refresh_token: Secret


class Logout(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    refresh_token: Secret | None = None


def me(principal: Principal, user: dict[str, Any] | None = None) -> dict[str, Any]:
    return {**(user or {}), "id": principal.user_id, "username": principal.username, "role": principal.role,
            "permissions": sorted(principal.permissions)}


async def token_pair(request: web.Request, principal: Principal, refresh_token: str) -> dict[str, Any]:
    access = request.app[TOKENS].access(principal.user_id, principal.role, principal.family_id)
    return {"access_token": access, "refresh_token": refresh_token, "token_type": "bearer",
            "expires_in": ACCESS_SECONDS, "user": me(principal)}


@routes.post("/api/v1/auth/login")
@requires(PUBLIC)
@answers_with_secrets
@schema(body=Login, answer=answers.Tokens)
async def login(request: web.Request) -> web.Response:
    cmd = await read(request, Login)
    limiter, address = request.app[LIMITER], str(request.remote)
    too_many(await limiter.refused(address, cmd.username))
    await asyncio.sleep(await limiter.slowdown(cmd.username))
    user = await read_user_named(request.app[STORE], cmd.username)
    matched = await request.app[HASHER].verify(cmd.password, user.password_hash if user else None)
    if user is None or not matched or not user.active:
        await limiter.failed(address, cmd.username)
        if user is not None:  # kept in the audit trail; an unknown name is not (it may be a password)
            await request.app[BUS].run(record_failed_login, ANONYMOUS, user.id,
                                       "wrong password" if not matched else "inactive", request.remote)
        raise unauthenticated("invalid username or password")
    pool = request.app[POOL]
    family = await refresh.start_family(pool, user.id, "session" if cmd.session else "api")
    principal = await load_principal(pool, request.app[STORE], user.id, family)
    if principal is None:
        raise unauthenticated("invalid username or password")
    if cmd.session:
        session = await new_session(request)
        session["uid"], session["fam"] = str(user.id), str(family)
    return ok(await token_pair(request, principal, await refresh.issue(pool, family)))


@routes.post("/api/v1/auth/refresh")
@requires(PUBLIC)
@answers_with_secrets
@schema(body=RefreshToken, answer=answers.Tokens)
async def refresh_tokens(request: web.Request) -> web.Response:
    cmd = await read(request, RefreshToken)
    too_many(await request.app[LIMITER].attempt(f"refresh:ip:{request.remote}", refresh=True))
    pool = request.app[POOL]
    try:
        user_id, family, new_token = await refresh.rotate(pool, cmd.refresh_token)
    except refresh.RefreshRefused as refused:
        request.app[PRINCIPALS].forget()  # a reused token may have just ended a family
        if refused.revoked:
            await request.app[BUS].run(record_token_reuse, SYSTEM, *refused.revoked)
        raise unauthenticated("invalid refresh token") from None
    principal = await load_principal(pool, request.app[STORE], user_id, family)
    if principal is None:
        await refresh.revoke_family(pool, family, "user inactive")
        raise unauthenticated("this login has ended")
    return ok(await token_pair(request, principal, new_token))


@routes.post("/api/v1/auth/logout")
@requires(PUBLIC)
@schema(body=Logout, status=204, body_required=False)
async def logout(request: web.Request) -> web.Response:
    cmd = await read_or_default(request, Logout)
    pool = request.app[POOL]
    if cmd.refresh_token:
        family = await refresh.family_of(pool, cmd.refresh_token)
        if family:
            await refresh.revoke_family(pool, family, "logout")
    session = await get_session(request)
    if "fam" in session:
        await refresh.revoke_family(pool, UUID(session["fam"]), "logout")
    session.invalidate()
    request.app[PRINCIPALS].forget()
    return web.Response(status=204)


@routes.post("/api/v1/auth/signup")
@requires(PUBLIC)
@schema(body=SignUp, answer=answers.User, status=201)
async def signup(request: web.Request) -> web.Response:
    cmd = await read(request, SignUp)
    too_many(await request.app[LIMITER].attempt(f"signup:ip:{request.remote}"))
    policy(cmd.password, cmd.username)
    password_hash = await request.app[HASHER].hash(cmd.password)
    result = await request.app[BUS].run(sign_up, "self-signup", cmd, password_hash)
    return answer(result, user_json, status=201)


@routes.get("/api/v1/auth/me")
@requires(AUTHENTICATED)
@schema(answer=answers.Me)
async def get_me(request: web.Request) -> web.Response:
    return ok(await whoami(request, principal_of(request)))


@routes.get("/api/v1/auth/session")
@requires(PUBLIC)
@schema(answer=answers.Session)
async def signed_in(request: web.Request) -> web.Response:
    """Who is signed in on this browser, if anyone: a guest's page asks without an error"""
    principal = request.get(PRINCIPAL)
    return ok({"user": await whoami(request, principal) if principal else None})


async def whoami(request: web.Request, principal: Principal) -> dict[str, Any]:
    user = await read_current(request.app[STORE], principal.user_id)
    settings = await asyncio.to_thread(settings_of, request.app[STORE])
    limit = format(settings.discount_limit(principal.role).normalize(), "f")
    return {**me(principal, user_json(user) if isinstance(user, User) else None), "discount_limit": limit}


@routes.patch("/api/v1/auth/me")
@requires(AUTHENTICATED)
@schema(body=UpdateProfile, answer=answers.Me)
async def update_me(request: web.Request) -> web.Response:
    cmd, principal = await read(request, UpdateProfile), principal_of(request)
    result = await request.app[BUS].run(update_profile, actor_of(request), principal.user_id, cmd)
    return answer(result, lambda user: me(principal, user_json(user)))


@routes.post("/api/v1/auth/me/password")
@requires(AUTHENTICATED)
@schema(body=ChangeOwnPassword, answer=answers.Me)
async def change_my_password(request: web.Request) -> web.Response:
    cmd, principal = await read(request, ChangeOwnPassword), principal_of(request)
    too_many(await request.app[LIMITER].attempt(f"password:user:{principal.user_id}"))
    user = await read_current(request.app[STORE], principal.user_id)
    if not isinstance(user, User) or not await request.app[HASHER].verify(cmd.current_password, user.password_hash):
        raise ApiError(403, "wrong_password", "the current password is not right")
    policy(cmd.new_password, principal.username)
    password_hash = await request.app[HASHER].hash(cmd.new_password)
    result = await request.app[BUS].run(set_password, actor_of(request), principal.user_id, password_hash)
    await refresh.revoke_user(request.app[POOL], principal.user_id, "password changed", keep=principal.family_id)
    request.app[PRINCIPALS].forget(principal.user_id)
    return answer(result, lambda user: me(principal, user_json(user)))
