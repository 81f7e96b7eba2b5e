"""Product pictures: uploaded with PUT (a raw image body, or a multipart form's file),
served by name for a year (a name is its content's hash), from where they are kept
(`oms.http.pictures`: the data directory or an S3-compatible bucket)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from commands.products import set_image
from oms.domain.errors import NotFound
from oms.fields import ImageName
from oms.http import answers
from oms.http.codec import path_param, uuid_param
from oms.http.images import FORMATS, MEDIA, reencoded, upload
from oms.http.keys import BUS, CONFIG
from oms.http.openapi import schema
from oms.http.permissions import PUBLIC, actor_of, requires
from oms.http.pictures import PICTURES
from oms.http.render import answer, product_json

routes = web.RouteTableDef()
BINARY = {"type": "string", "format": "binary"}
UPLOAD = {**{media: BINARY for media in FORMATS},
          "multipart/form-data": {"type": "object", "properties": {"image": BINARY}, "required": ["image"]}}
YEAR = "public, max-age=31536000, immutable"


@routes.put("/api/v1/products/{id}/image")
@requires("products.write")
@schema(body=UPLOAD, answer=answers.Product)
async def put_image(request: web.Request) -> web.Response:
    """Give a product its picture: JPEG, PNG or WebP, checked and re-encoded"""
    product_id = uuid_param(request)
    data, media_type = await upload(request, request.app[CONFIG].image_max_bytes)
    image, extension = await asyncio.to_thread(reencoded, data, media_type)
    name = await asyncio.to_thread(request.app[PICTURES].keep, image, extension)
    return answer(await request.app[BUS].run(set_image, actor_of(request), product_id, name), product_json)


@routes.get("/api/v1/images/{name}")
@requires(PUBLIC)
@schema(answer={media: {"schema": BINARY} for media in FORMATS}, path={"name": ImageName})
async def get_image(request: web.Request) -> web.StreamResponse:
    """A product picture"""
    name = path_param(request, "name", ImageName)
    etag = f'"{name.split(".")[0]}"'
    if request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers={"ETag": etag, "Cache-Control": YEAR})
    data = await asyncio.to_thread(request.app[PICTURES].read, name)
    if data is None:
        raise NotFound("image not found")
    return web.Response(body=data, headers={"ETag": etag, "Cache-Control": YEAR,
                                            "Content-Type": MEDIA[name.rsplit(".", 1)[1]]})
