"""Product pictures: uploaded with PUT (a raw image body, or a multipart form's file),
served by name for a year (a name is its content's hash), from where they are kept
(`oms.http.pictures`: the data directory or an S3-compatible bucket)."""

from __future__ import annotations

import asyncio
import functools
from typing import Literal

import msgspec
from aiohttp import web

from commands.products import set_image
from oms.domain.errors import NotFound
from oms.fields import ImageName
from oms.http import answers
from oms.http.codec import path_param, query, uuid_param
from oms.http.images import FORMATS, MEDIA, reencoded, resized, upload
from oms.http.keys import BUS, CONFIG
from oms.http.openapi import schema
from oms.http.permissions import PUBLIC, actor_of, requires
from oms.http.pictures import PICTURES, Pictures
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


class ImageSize(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    w: Literal[160, 320, 640] | None = None


@functools.lru_cache(maxsize=512)  # a picture never changes under its name: its sizes may be kept
def resized_kept(pictures: Pictures, name: str, width: int) -> bytes | None:
    data = pictures.read(name)
    return None if data is None else resized(data, width)


def sized(pictures: Pictures, name: str, width: int | None) -> bytes | None:
    return pictures.read(name) if width is None else resized_kept(pictures, name, width)


@routes.get("/api/v1/images/{name}")
@requires(PUBLIC)
@schema(query=ImageSize, answer={media: {"schema": BINARY} for media in FORMATS}, path={"name": ImageName})
async def get_image(request: web.Request) -> web.StreamResponse:
    """A product picture; `w`: at most that wide (for a page's srcset: the size it is shown)"""
    name, width = path_param(request, "name", ImageName), query(request, ImageSize).w
    etag = f'"{name.split(".")[0]}{f"-{width}" if width else ""}"'
    if request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers={"ETag": etag, "Cache-Control": YEAR})
    data = await asyncio.to_thread(sized, request.app[PICTURES], name, width)
    if data is None:
        raise NotFound("image not found")
    return web.Response(body=data, headers={"ETag": etag, "Cache-Control": YEAR,
                                            "Content-Type": MEDIA[name.rsplit(".", 1)[1]]})
