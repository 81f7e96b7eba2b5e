"""The browser UI: the files `vite build` wrote to web/dist, served at `/`.

Hashed files under /assets/ never change, so browsers keep them for a year; index.html,
the service worker and the manifest are revalidated on every load, so a new build
reaches every screen at its next load. Any other path that is not the API's gets
index.html: the app routes it in the browser (a reload of /pos works).
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from oms.http.errors import ApiError
from oms.http.openapi import undocumented
from oms.http.permissions import PUBLIC, requires

DIST = Path(__file__).resolve().parents[3] / "web" / "dist"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
routes = web.RouteTableDef()


def served(path: Path, cache: str) -> web.FileResponse:
    return web.FileResponse(path, headers={"Cache-Control": cache})


@routes.get("/assets/{name}")
@requires(PUBLIC)
@undocumented
async def asset(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    path = DIST / "assets" / name
    if "/" in name or name.startswith(".") or not path.is_file():
        raise ApiError(404, "not_found", "no such file")
    return served(path, IMMUTABLE)


@routes.get("/{tail:(?!api/).*}")
@requires(PUBLIC)
@undocumented
async def app_page(request: web.Request) -> web.StreamResponse:
    """A file at the top of the build (sw.js, manifest, icons), else the app's page."""
    tail = request.match_info["tail"]
    top = DIST / tail
    if tail and "/" not in tail and not tail.startswith(".") and top.is_file():
        return served(top, REVALIDATE)
    index = DIST / "index.html"
    if not index.is_file():
        raise ApiError(404, "not_found", "the web UI is not built: run `make run` (or npm run build in web/)")
    return served(index, REVALIDATE)
