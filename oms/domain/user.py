"""User accounts, custom roles and the roster of active admins."""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from oms.domain.base import Aggregate
from oms.domain.errors import AlreadyActive, AlreadyInactive, BuiltinRole, DomainError, Duplicate, NotFound
from oms.domain.roles import BUILTIN_ROLES, grantable

PROFILE_FIELDS = ("email", "full_name")
TOKEN_REUSED = "refresh token reused"  # noqa: S105 - why a login ended: one of its refresh tokens was used twice


class LastAdmin(DomainError):
    code = "last_admin"


class UnknownPermission(DomainError):
    code = "unknown_permission"


class UserForgotten(DomainError):
    code = "user_forgotten"


def erased_username(user_id: UUID) -> str:
    """What a forgotten user's username reads as, in their aggregate and every read."""
    return f"erased-{user_id}"


def erased_profile(user_id: UUID) -> dict[str, Any]:
    """A forgotten user's personal fields and state (their aggregate and the read model)."""
    return {"username": erased_username(user_id), "email": None, "full_name": None, "active": False}


class User(Aggregate):
    forgotten = False

    @event("Registered")
    def __init__(self, username: str, password_hash: str, role: str, email: str | None,
                 full_name: str | None, actor: str) -> None:
        self.username = username
        self.password_hash = password_hash
        self.role = role
        self.email = email
        self.full_name = full_name
        self.active = True
        self.forgotten = False

    def update_profile(self, changes: dict[str, Any], actor: str) -> None:
        if self.forgotten:
            raise UserForgotten("the user was forgotten at their request", user_id=str(self.id))
        changed = {k: v for k, v in changes.items() if k in PROFILE_FIELDS and getattr(self, k) != v}
        if changed:
            self._update_profile(changes=changed, actor=actor)

    @event("ProfileUpdated")
    def _update_profile(self, changes: dict[str, Any], actor: str) -> None:
        for key, value in changes.items():
            setattr(self, key, value)

    @event("PasswordChanged")
    def change_password(self, password_hash: str, actor: str) -> None:
        self.password_hash = password_hash

    def assign_role(self, role: str, actor: str) -> None:
        if role != self.role:
            self._assign_role(role=role, previous=self.role, actor=actor)

    @event("RoleAssigned")
    def _assign_role(self, role: str, previous: str, actor: str) -> None:
        self.role = role

    def deactivate(self, actor: str) -> None:
        if not self.active:
            raise AlreadyInactive("the user is already inactive", user_id=str(self.id))
        self._deactivate(actor=actor)

    @event("Deactivated")
    def _deactivate(self, actor: str) -> None:
        self.active = False

    def reactivate(self, actor: str) -> None:
        if self.forgotten:
            raise UserForgotten("the user was forgotten at their request", user_id=str(self.id))
        if self.active:
            raise AlreadyActive("the user is already active", user_id=str(self.id))
        self._reactivate(actor=actor)

    @event("Reactivated")
    def _reactivate(self, actor: str) -> None:
        self.active = True

    @event("LoginFailed")
    def login_failed(self, reason: str, remote: str | None, actor: str) -> None:
        """Someone tried to sign in as this user and was refused (`reason`: wrong password,
        inactive). Attempts on unknown usernames are not recorded: that would keep what was typed."""

    @event("TokensRevoked")
    def tokens_revoked(self, family_id: str, reason: str, actor: str) -> None:
        """A login (token family) was ended by the system: a refresh token used twice means it was copied."""

    def forget(self, actor: str) -> None:
        """A customer who asked to be forgotten: their name and email are erased (`oms.personal`)
        and the account is closed for good."""
        if not self.forgotten:
            self._forget(actor=actor)

    @event("Forgotten")
    def _forget(self, actor: str) -> None:
        for field, value in erased_profile(self.id).items():
            setattr(self, field, value)
        self.forgotten = True

    @property
    def is_active_admin(self) -> bool:
        return self.active and self.role == "admin"


def role_id(name: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"oms:role:{name.casefold()}")


def check_permissions(permissions: list[str]) -> None:
    unknown = sorted(set(permissions) - set(grantable()))
    if unknown:
        raise UnknownPermission("unknown permissions", permissions=unknown)


class Role(Aggregate):
    """A custom role: a name and permissions from the grantable list."""

    @classmethod
    def create_id(cls, name: str, permissions: list[str], actor: str) -> UUID:
        return role_id(name)

    @event("Created")
    def __init__(self, name: str, permissions: list[str], actor: str) -> None:
        self.name = name
        self.permissions = sorted(set(permissions))

    def grant(self, permissions: list[str], actor: str) -> None:
        check_permissions(permissions)
        if sorted(set(permissions)) != self.permissions:
            self._set_permissions(permissions=sorted(set(permissions)), actor=actor)

    @event("PermissionsChanged")
    def _set_permissions(self, permissions: list[str], actor: str) -> None:
        self.permissions = permissions


def check_not_builtin(name: str) -> None:
    if name.casefold() in BUILTIN_ROLES:
        raise BuiltinRole(f"{name} is a built-in role: built-in roles cannot change", role=name)


def new_role(name: str, permissions: list[str], existing: Role | None, actor: str) -> Role:
    check_not_builtin(name)
    if existing is not None:
        raise Duplicate("role", f"role {name} already exists", field="name")
    check_permissions(permissions)
    return Role(name=name, permissions=permissions, actor=actor)


def change_role(role: Role | None, name: str, permissions: list[str], actor: str) -> Role:
    """Grant a custom role new permissions; built-in roles cannot change."""
    check_not_builtin(name)
    if role is None:
        raise NotFound(f"role {name} not found", role=name)
    role.grant(permissions, actor)
    return role


def check_role_exists(name: str, custom: Role | None) -> None:
    """A user's role is a built-in one or a custom role that exists."""
    if name not in BUILTIN_ROLES and custom is None:
        raise NotFound(f"role {name} not found", role=name)


ROSTER_ID = uuid5(NAMESPACE_URL, "oms:admin-roster")


class AdminRoster(Aggregate):
    """The set of active admins. Saved with every change to who is an active admin, so
    two concurrent demotions cannot both pass the 'one admin must remain' rule."""

    mutable = ("admins",)

    @classmethod
    def create_id(cls) -> UUID:
        return ROSTER_ID

    @event("Started")
    def __init__(self) -> None:
        self.admins: list[str] = []

    def track(self, user: User) -> None:
        """Bring the roster in line with the user's new state, refusing to lose the last admin."""
        uid, listed = str(user.id), str(user.id) in self.admins
        if user.is_active_admin and not listed:
            self._add(user_id=uid)
        elif listed and not user.is_active_admin:
            if len(self.admins) == 1:
                raise LastAdmin("the last active admin cannot be removed or demoted", user_id=uid)
            self._remove(user_id=uid)

    @event("AdminAdded")
    def _add(self, user_id: str) -> None:
        self.admins.append(user_id)

    @event("AdminRemoved")
    def _remove(self, user_id: str) -> None:
        self.admins.remove(user_id)
