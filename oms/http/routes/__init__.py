"""One RouteTableDef per resource; `ROUTES` lists them for the app factory."""

from oms.http.routes import auth, health, live, orders, products, users

ROUTES = (health.routes, auth.routes, users.routes, products.routes, orders.routes, live.routes)
