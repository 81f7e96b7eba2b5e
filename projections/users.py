"""Directory: the `users` and `roles` read tables (custom roles; built-in ones live in code)."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection
from psycopg import sql

from oms.domain.user import PROFILE_FIELDS, Role, User, erased_profile
from projections.view import View, stamp


class UsersView(View):
    tables = ("users", "roles")
    columns = frozenset({*PROFILE_FIELDS, "username", "role", "active", "version", "updated_at"})


class Directory(Projection[UsersView]):
    name = "Directory"

    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Events this read model does not show."""

    @process_event.register
    def _(self, e: User.Registered, tracking: Tracking) -> None:
        self.view.insert(
            id=e.originator_id, username=e.username, role=e.role, email=e.email,
            full_name=e.full_name, version=e.originator_version, created_at=e.timestamp, updated_at=e.timestamp,
        )

    @process_event.register
    def _(self, e: User.ProfileUpdated, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {**e.changes, **stamp(e)})

    @process_event.register
    def _(self, e: User.RoleAssigned, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"role": e.role, **stamp(e)})

    @process_event.register
    def _(self, e: User.Deactivated, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"active": False, **stamp(e)})

    @process_event.register
    def _(self, e: User.Forgotten, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {**erased_profile(e.originator_id), **stamp(e)})

    @process_event.register
    def _(self, e: User.Reactivated, tracking: Tracking) -> None:
        self.view.update(e.originator_id, {"active": True, **stamp(e)})

    @process_event.register
    def _(self, e: User.PasswordChanged, tracking: Tracking) -> None:
        self.view.update(e.originator_id, stamp(e))

    @process_event.register
    def _(self, e: Role.Created, tracking: Tracking) -> None:
        statement = sql.SQL("INSERT INTO {} (id, name, permissions, updated_at) VALUES (%s, %s, %s, %s)"
                            " ON CONFLICT DO NOTHING").format(self.view.t("roles"))  # an array column: no unnest
        self.view.cursor().execute(statement, (e.originator_id, e.name, e.permissions, e.timestamp))

    @process_event.register
    def _(self, e: Role.PermissionsChanged, tracking: Tracking) -> None:
        statement = sql.SQL("UPDATE {} SET permissions = %s, updated_at = %s WHERE id = %s").format(
            self.view.t("roles"))
        self.view.cursor().execute(statement, (e.permissions, e.timestamp, e.originator_id))
