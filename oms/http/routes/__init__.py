"""One RouteTableDef per resource; `ROUTES` lists them for the app factory."""

from oms.http.routes import auth, health, live, orders, parked, products, receipts, sales, shifts, users, web

ROUTES = (health.routes, auth.routes, users.routes, products.routes, orders.routes, receipts.routes, shifts.routes,
          sales.routes, parked.routes, live.routes,
          web.routes)  # last: its catch-all page must not shadow a route
