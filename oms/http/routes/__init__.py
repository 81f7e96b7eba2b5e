"""One RouteTableDef per resource; `ROUTES` lists them for the app factory."""

from oms.http.records import record_routes
from oms.http.routes import (
    approvals,
    audit,
    auth,
    back_office,
    custom_orders,
    health,
    images,
    live,
    orders,
    parked,
    products,
    receipts,
    reports,
    sales,
    settings,
    shifts,
    stock,
    users,
    web,
)

ROUTES = (health.routes, auth.routes, users.routes, products.routes, images.routes, stock.routes, orders.routes,
          custom_orders.routes, receipts.routes, shifts.routes, sales.routes, approvals.routes, parked.routes,
          back_office.routes, settings.routes, reports.routes, audit.routes,
          *(record_routes(area) for area in back_office.AREAS), live.routes,
          web.routes)  # last: its catch-all page must not shadow a route
