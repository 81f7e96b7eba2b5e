"""/products: catalog and stock."""

from __future__ import annotations

from typing import Any

import msgspec
from aiohttp import web

from commands.products import (
    AdjustStock,
    CreateProduct,
    UpdateProduct,
    adjust_stock,
    archive_product,
    create_product,
    update_product,
)
from oms.domain.product import Product
from oms.fields import Barcode
from oms.http import answers
from oms.http.cache import cached
from oms.http.codec import ok, path_param, query, read, uuid_param
from oms.http.keys import BUS, POOL
from oms.http.openapi import schema
from oms.http.permissions import PUBLIC, actor_of, can, requires
from oms.http.reading import ReadAt, aggregate_at, caught_up, found
from oms.http.render import answer, product_json
from queries.paging import Fresh, Page, whole
from queries.products import (
    ProductFilter,
    categories,
    get_product,
    get_product_by_barcode,
    list_discrepancies,
    list_products,
)

routes = web.RouteTableDef()
PURCHASE = ("cost", "vendor_id")  # what the shop pays and to whom: for those allowed to see the cost


def shown(request: web.Request, product: dict[str, Any]) -> dict[str, Any]:
    """The purchase cost and vendor are for those allowed to see them."""
    return product if can(request, "products.cost") else {k: v for k, v in product.items() if k not in PURCHASE}


@routes.get("/api/v1/categories")
@requires(PUBLIC)  # the shop's sections and the catalog's filter
@schema(query=Fresh, answer=answers.Page[answers.Category])
async def list_categories(request: web.Request) -> web.Response:
    """The catalog's categories, with how many products each has"""
    min_position = query(request, Fresh).min_position
    await caught_up(request, min_position)

    async def listed() -> dict[str, Any]:
        items = await categories(request.app[POOL])
        return whole(items)

    return await cached(request, "catalog", "categories", min_position, listed)


@routes.get("/api/v1/products")
@requires(PUBLIC)  # the shop window: guests browse before they sign up (cost only with products.cost)
@schema(query=ProductFilter, answer=answers.Page[answers.Product])
async def list_(request: web.Request) -> web.Response:
    f, cost = query(request, ProductFilter), can(request, "products.cost")
    await caught_up(request, f.min_position)
    if f.q or f.format != "json":  # searches are too varied to keep; files are streamed
        return ok(await list_products(request.app[POOL], f, cost))
    page = msgspec.json.encode(msgspec.structs.replace(f, min_position=None)).decode()
    return await cached(request, "catalog", f"{page}|cost={cost}", f.min_position,
                        lambda: list_products(request.app[POOL], f, cost))


@routes.post("/api/v1/products")
@requires("products.write")
@schema(body=CreateProduct, answer=answers.Product, status=201)
async def create(request: web.Request) -> web.Response:
    cmd = await read(request, CreateProduct)
    result = await request.app[BUS].run(create_product, actor_of(request), cmd)
    return answer(result, product_json, status=201)


@routes.get("/api/v1/products/by-barcode/{code}")
@requires("products.read")
@schema(query=Fresh, answer=answers.Product, path={"code": Barcode})
async def by_barcode(request: web.Request) -> web.Response:
    at = query(request, Fresh)
    await caught_up(request, at.min_position)
    return found(await get_product_by_barcode(request.app[POOL], path_param(request, "code", Barcode),
                                              can(request, "products.cost")), "product")


@routes.get("/api/v1/stock-discrepancies")
@requires("stock.adjust")
@schema(query=Page, answer=answers.Page[answers.StockDiscrepancy])
async def discrepancies(request: web.Request) -> web.Response:
    """Offline sales that took more than the server knew was available: units to count."""
    f = query(request, Page)
    await caught_up(request, f.min_position)
    return ok(await list_discrepancies(request.app[POOL], f))


@routes.get("/api/v1/products/{id}")
@requires("products.read")
@schema(query=ReadAt, answer=answers.Product)
async def get(request: web.Request) -> web.Response:
    product_id, at = uuid_param(request), query(request, ReadAt)
    if at.version or at.as_of:
        return ok(shown(request, product_json(await aggregate_at(request, Product, product_id, "product", at))))
    await caught_up(request, at.min_position)
    return found(await get_product(request.app[POOL], product_id, can(request, "products.cost")), "product")


@routes.patch("/api/v1/products/{id}")
@requires("products.write")
@schema(body=UpdateProduct, answer=answers.Product)
async def update(request: web.Request) -> web.Response:
    product_id, cmd = uuid_param(request), await read(request, UpdateProduct)
    result = await request.app[BUS].run(update_product, actor_of(request), product_id, cmd)
    return answer(result, product_json)


@routes.delete("/api/v1/products/{id}")
@requires("products.write")
@schema(answer=answers.Product)
async def archive(request: web.Request) -> web.Response:
    result = await request.app[BUS].run(archive_product, actor_of(request), uuid_param(request))
    return answer(result, product_json)


@routes.post("/api/v1/products/{id}/stock-adjustments")
@requires("stock.adjust")
@schema(body=AdjustStock, answer=answers.Product, status=201)
async def adjust(request: web.Request) -> web.Response:
    product_id, cmd = uuid_param(request), await read(request, AdjustStock)
    result = await request.app[BUS].run(adjust_stock, actor_of(request), product_id, cmd)
    return answer(result, product_json, status=201)
