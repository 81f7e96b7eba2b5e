"""One RouteTableDef per resource; `ROUTES` lists them for the app factory."""

from oms.http.routes import health, orders, products

ROUTES = (health.routes, products.routes, orders.routes)
