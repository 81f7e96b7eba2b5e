"""Every route declares the permission it needs, so access control can never forget one."""

from oms.config import load_config
from oms.database import Database
from oms.http.app import create_app
from oms.http.permissions import PERMISSIONS, PUBLIC, permission_of


def test_every_route_declares_a_known_permission() -> None:
    app = create_app(load_config({}), Database("localhost", 5432, "unused", "postgres", ""))
    routes = [r for r in app.router.routes() if r.method != "HEAD"]
    assert len(routes) >= 14
    undeclared = [f"{r.method} {r.resource.canonical}" for r in routes if permission_of(r.handler) is None]
    assert undeclared == []
    assert {permission_of(r.handler) for r in routes} <= {*PERMISSIONS, PUBLIC}
