"""Accounts and roles: CreateUser, SignUp, UpdateUser, DeactivateUser, ReactivateUser,
SetPassword, UpdateProfile, CreateRole, UpdateRole. Password hashes arrive ready-made:
bcrypt runs in its own threads, never in a command worker."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from commands.bus import Written, saved
from commands.claims import claim
from commands.customers import signed_up
from commands.load import Aggregates, find, find_or_new, load
from commands.records import values
from oms.domain.user import TOKEN_REUSED, AdminRoster, Role, User, change_role, check_role_exists, new_role, role_id
from oms.fields import Email, Name, line, matching

Username = Annotated[str, matching(r"[A-Za-z0-9._@-]{3,64}")]
Password = Annotated[str, msgspec.Meta(min_length=8, max_length=128)]
RoleName = Annotated[str, matching(r"[a-z][a-z0-9_-]{1,39}")]
Permission = Annotated[str, line(1, 64)]  # which exist is the domain's rule (409)
Permissions = Annotated[list[Permission], msgspec.Meta(max_length=64)]


class CreateUser(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    username: Username
    password: Password
    role: RoleName
    email: Email | None = None
    full_name: Name | None = None


class SignUp(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    username: Username
    password: Password
    email: Email
    full_name: Name


class UpdateUser(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    role: RoleName | msgspec.UnsetType = msgspec.UNSET
    email: Email | msgspec.UnsetType | None = msgspec.UNSET
    full_name: Name | msgspec.UnsetType | None = msgspec.UNSET


class UpdateProfile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    email: Email | msgspec.UnsetType | None = msgspec.UNSET
    full_name: Name | msgspec.UnsetType | None = msgspec.UNSET


class ResetPassword(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    new_password: Password


class ChangeOwnPassword(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    current_password: Annotated[str, msgspec.Meta(max_length=128)]
    new_password: Password


class CreateRole(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: RoleName
    permissions: Permissions


class UpdateRole(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    permissions: Permissions


def roster(app: Aggregates) -> AdminRoster:
    return find_or_new(app, AdminRoster, AdminRoster.create_id(), AdminRoster)


def custom_role(app: Aggregates, name: str) -> Role | None:
    found = find(app, role_id(name))
    return found if isinstance(found, Role) else None


def register(app: Aggregates, actor: str, username: str, password_hash: str, role: str,
             email: str | None, full_name: str | None) -> Written[User]:
    check_role_exists(role, custom_role(app, role))
    user = User(username=username, password_hash=password_hash, role=role, email=email,
                full_name=full_name, actor=actor)
    name_claim = claim(app, "username", username, user.id)
    admins = roster(app)
    admins.track(user)
    customers = [signed_up(user)] if role == "customer" else []
    return saved(app, user, user, name_claim, admins, *customers)


def create_user(app: Aggregates, actor: str, cmd: CreateUser, password_hash: str) -> Written[User]:
    return register(app, actor, cmd.username, password_hash, cmd.role, cmd.email, cmd.full_name)


def sign_up(app: Aggregates, actor: str, cmd: SignUp, password_hash: str) -> Written[User]:
    return register(app, actor, cmd.username, password_hash, "customer", cmd.email, cmd.full_name)


def update_user(app: Aggregates, actor: str, user_id: UUID, cmd: UpdateUser) -> Written[User]:
    user = load(app, User, user_id, "user")
    changes = values(cmd)
    role = changes.pop("role", None)
    user.update_profile(changes, actor)
    admins = roster(app)
    if isinstance(role, str):
        check_role_exists(role, custom_role(app, role))
        user.assign_role(role, actor)
        admins.track(user)
    return saved(app, user, user, admins)


def update_profile(app: Aggregates, actor: str, user_id: UUID, cmd: UpdateProfile) -> Written[User]:
    user = load(app, User, user_id, "user")
    user.update_profile(values(cmd), actor)
    return saved(app, user, user)


def set_active(app: Aggregates, actor: str, user_id: UUID, active: bool) -> Written[User]:
    user = load(app, User, user_id, "user")
    (user.reactivate if active else user.deactivate)(actor)
    admins = roster(app)
    admins.track(user)
    return saved(app, user, user, admins)


def deactivate_user(app: Aggregates, actor: str, user_id: UUID) -> Written[User]:
    return set_active(app, actor, user_id, active=False)


def reactivate_user(app: Aggregates, actor: str, user_id: UUID) -> Written[User]:
    return set_active(app, actor, user_id, active=True)


def set_password(app: Aggregates, actor: str, user_id: UUID, password_hash: str) -> Written[User]:
    user = load(app, User, user_id, "user")
    user.change_password(password_hash, actor)
    return saved(app, user, user)


def create_role(app: Aggregates, actor: str, cmd: CreateRole) -> Written[Role]:
    role = new_role(cmd.name, cmd.permissions, custom_role(app, cmd.name), actor)
    return saved(app, role, role)


def update_role(app: Aggregates, actor: str, name: str, cmd: UpdateRole) -> Written[Role]:
    role = change_role(custom_role(app, name), name, cmd.permissions, actor)
    return saved(app, role, role)


# Actors of what no signed-in user did: a sign-in attempt, the server's own security decisions.
ANONYMOUS, SYSTEM = "anonymous", "system"


def record_failed_login(app: Aggregates, actor: str, user_id: UUID, reason: str, remote: str | None) -> Written[User]:
    user = load(app, User, user_id, "user")
    user.login_failed(reason, remote, actor)
    return saved(app, user, user)


def record_token_reuse(app: Aggregates, actor: str, user_id: UUID, family_id: UUID) -> Written[User]:
    user = load(app, User, user_id, "user")
    user.tokens_revoked(str(family_id), TOKEN_REUSED, actor)
    return saved(app, user, user)
