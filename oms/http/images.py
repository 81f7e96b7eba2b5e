"""Product images: an upload is read up to its limit, checked to be the JPEG, PNG or WebP
it claims, re-encoded with Pillow in the same format (no metadata, at most 1600 px a
side), and kept (`oms.http.pictures`) named by the SHA-256 of the result, so a name is
its content: served for a year, with that hash as its ETag.

Memory stays bounded: the size a file declares is read from its header and refused past
`MAX_PIXELS` before anything is decoded (a small file may declare 8900 x 8900), a JPEG
is decoded at the smallest scale that still covers 1600 px, and `DECODING` pictures
are decoded at a time per process."""

from __future__ import annotations

import io
import threading
from collections.abc import Awaitable, Callable

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError
from PIL import Image, UnidentifiedImageError

from oms.http.errors import ApiError, validation_error

FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MEDIA = {ext: media for media, fmt in FORMATS.items() for f, ext in EXTENSIONS.items() if f == fmt}
UNTYPED = ("application/octet-stream", "")
LARGEST = 1600  # pixels a side, after re-encoding
MAX_PIXELS = 30_000_000  # a 6000 x 5000 photograph; beyond, refused before decoding
DECODING = 2
decoders = threading.BoundedSemaphore(DECODING)


async def upload(request: web.Request, limit: int) -> tuple[bytes, str]:
    """The image's bytes and its declared type, from a raw body with an image content
    type or from the first file of a multipart form; past `limit` bytes a 413."""
    if request.content_type == "multipart/form-data":
        try:
            return await first_file(request, limit)
        except (ValueError, AssertionError, KeyError, UnicodeDecodeError, HttpProcessingError):  # malformed parts
            raise validation_error("the multipart form cannot be read", "$") from None
    return await bounded(request.content.read, limit), request.content_type


async def first_file(request: web.Request, limit: int) -> tuple[bytes, str]:
    async for part in await request.multipart():
        if isinstance(part, BodyPartReader) and part.filename:
            return await bounded(part.read_chunk, limit), part.headers.get("Content-Type", "")
    raise validation_error("the form has no file", "image")


async def bounded(read: Callable[[int], Awaitable[bytes]], limit: int) -> bytes:
    data = bytearray()
    while True:
        chunk = await read(65536)
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > limit:
            raise ApiError(413, "payload_too_large", f"an image is at most {limit} bytes", limit=limit)


def reencoded(data: bytes, media_type: str) -> tuple[bytes, str]:
    """The image re-encoded in its own format, and that format's file extension; a 400
    when it is not an image of the type it claims (a form's file sent as
    application/octet-stream claims none: any of the three will do)."""
    detect = media_type in UNTYPED
    expected = FORMATS.get(media_type)
    if expected is None and not detect:
        raise ApiError(415, "unsupported_media_type", "an image is JPEG, PNG or WebP",
                       accepted=sorted(FORMATS))
    Image.MAX_IMAGE_PIXELS = None  # checked here, with the size named, rather than by Pillow's warning
    try:
        with Image.open(io.BytesIO(data)) as probe:
            found = probe.format
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ApiError(413, "image_too_large", f"a picture has at most {MAX_PIXELS} pixels",
                               width=width, height=height, max_pixels=MAX_PIXELS)
            probe.verify()
        with decoders, Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft(image.mode, (LARGEST, LARGEST))  # decoded at 1/2, 1/4 or 1/8 scale
            image.load()
            expected = found if detect and found in EXTENSIONS else expected
            if found != expected or expected is None:
                raise validation_error(f"the file is not {media_type or 'an image'} (it is {found or 'unknown'})",
                                       "image")
            image.thumbnail((LARGEST, LARGEST))
            picture: Image.Image = image
            if expected == "JPEG" and image.mode not in ("RGB", "L"):
                picture = image.convert("RGB")
            out = io.BytesIO()
            picture.save(out, format=expected, **({"quality": 85} if expected != "PNG" else {"optimize": True}))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise validation_error(f"the file is not a readable {media_type or 'image'}", "image") from None
    return out.getvalue(), EXTENSIONS[expected]


def resized(data: bytes, width: int) -> bytes:
    """A kept picture at most `width` pixels wide, in its own format (as small as it is if narrower)."""
    with decoders, Image.open(io.BytesIO(data)) as image:
        if image.width <= width:
            return data
        fmt = image.format or "PNG"
        image.thumbnail((width, width * 4))
        out = io.BytesIO()
        image.save(out, format=fmt, **({"quality": 80} if fmt != "PNG" else {"optimize": True}))
        return out.getvalue()
