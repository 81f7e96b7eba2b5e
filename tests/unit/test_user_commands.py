"""User, role and admin-roster handlers against the in-memory application (no HTTP, no database)."""

import pytest

from commands.users import (
    CreateRole,
    CreateUser,
    SignUp,
    UpdateRole,
    UpdateUser,
    create_role,
    create_user,
    deactivate_user,
    reactivate_user,
    sign_up,
    update_role,
    update_user,
)
from oms.domain.errors import AlreadyInactive, BuiltinRole, Duplicate, NotFound
from oms.domain.user import LastAdmin
from oms.history import user_by_name
from oms.store import OMS


@pytest.fixture
def app() -> OMS:
    return OMS()  # eventsourcing's in-memory (POPO) persistence


def admin(app: OMS, name: str = "root"):
    return create_user(app, "t", CreateUser(username=name, password="x" * 8, role="admin"), "hash").value


def test_a_username_is_taken_once_whatever_its_case(app) -> None:
    admin(app, "Root")
    with pytest.raises(Duplicate) as taken:
        sign_up(app, "self", SignUp(username="root", password="x" * 8, email="r@e.cc", full_name="R"), "hash")
    assert taken.value.code == "duplicate_username"
    assert user_by_name(app, "ROOT").role == "admin"


def test_a_user_needs_a_role_that_exists(app) -> None:
    with pytest.raises(NotFound):
        create_user(app, "t", CreateUser(username="nora", password="x" * 8, role="baker"), "hash")
    create_role(app, "t", CreateRole(name="baker", permissions=["orders.read"]))
    assert create_user(app, "t", CreateUser(username="nora", password="x" * 8, role="baker"), "h").value.role == \
        "baker"


def test_sign_up_makes_a_customer(app) -> None:
    user = sign_up(app, "self", SignUp(username="cora", password="x" * 8, email="c@e.cc", full_name="C"), "h").value
    assert user.role == "customer" and user.active


def test_the_last_admin_can_be_neither_demoted_nor_deactivated(app) -> None:
    root = admin(app)
    with pytest.raises(LastAdmin):
        update_user(app, "t", root.id, UpdateUser(role="viewer"))
    with pytest.raises(LastAdmin):
        deactivate_user(app, "t", root.id)
    second = admin(app, "second")
    deactivate_user(app, "t", root.id)
    with pytest.raises(LastAdmin):
        deactivate_user(app, "t", second.id)
    assert reactivate_user(app, "t", root.id).value.active
    with pytest.raises(AlreadyInactive):
        deactivate_user(app, "t", root.id) and deactivate_user(app, "t", root.id)


def test_roles_built_in_are_fixed_and_custom_ones_change(app) -> None:
    with pytest.raises(BuiltinRole):
        create_role(app, "t", CreateRole(name="viewer", permissions=[]))
    with pytest.raises(BuiltinRole):
        update_role(app, "t", "viewer", UpdateRole(permissions=[]))
    create_role(app, "t", CreateRole(name="baker", permissions=["orders.read"]))
    with pytest.raises(Duplicate):
        create_role(app, "t", CreateRole(name="baker", permissions=[]))
    assert update_role(app, "t", "baker", UpdateRole(permissions=["products.read"])).value.permissions == \
        ["products.read"]
    with pytest.raises(NotFound):
        update_role(app, "t", "pastry", UpdateRole(permissions=[]))
