"""Users, roles and the admin roster: the rules, without I/O."""

import pytest

from oms.domain.errors import AlreadyActive, AlreadyInactive, BuiltinRole, Duplicate, NotFound
from oms.domain.user import AdminRoster, LastAdmin, User, change_role, check_role_exists, new_role


def user(role: str = "cashier") -> User:
    return User(username="u", password_hash="x", role=role, email=None, full_name=None, actor="t")


def test_built_in_roles_cannot_be_created_or_changed() -> None:
    with pytest.raises(BuiltinRole):
        new_role("Admin", [], None, "t")
    with pytest.raises(BuiltinRole):
        change_role(None, "cashier", ["orders.read"], "t")


def test_a_custom_role_is_created_once_and_changed_only_if_it_exists() -> None:
    baker = new_role("baker", ["orders.read"], None, "t")
    with pytest.raises(Duplicate):
        new_role("baker", [], baker, "t")
    with pytest.raises(NotFound):
        change_role(None, "pastry", [], "t")
    assert change_role(baker, "baker", ["products.read"], "t").permissions == ["products.read"]


def test_a_user_role_must_be_built_in_or_exist() -> None:
    check_role_exists("viewer", None)
    check_role_exists("baker", new_role("baker", [], None, "t"))
    with pytest.raises(NotFound):
        check_role_exists("baker", None)


def test_deactivating_twice_or_reactivating_an_active_user_names_the_state() -> None:
    cashier = user()
    with pytest.raises(AlreadyActive):
        cashier.reactivate("t")
    cashier.deactivate("t")
    with pytest.raises(AlreadyInactive):
        cashier.deactivate("t")


def test_the_last_active_admin_cannot_leave_the_roster() -> None:
    roster, admin = AdminRoster(), user("admin")
    roster.track(admin)
    admin.deactivate("t")
    with pytest.raises(LastAdmin):
        roster.track(admin)
