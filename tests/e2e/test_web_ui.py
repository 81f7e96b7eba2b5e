"""The web UI is served at / by the API's own process (after `make web`): the page for
any client-side route, hashed assets cached for good and sent compressed, nothing else
of the disk, and the API's own 404s untouched."""

from oms.http.routes.web import DIST
from tests.support.http import API


async def test_the_page_and_its_assets(anon) -> None:
    for path in ("/", "/pos", "/board", "/my-orders"):
        page = await anon.get(path)
        assert page.status == 200 and page.content_type == "text/html", path
        assert page.headers["Cache-Control"] == "no-cache"
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
        assert '<div id="root">' in await page.text()
    script = next(p.name for p in (DIST / "assets").glob("index-*.js"))
    asset = await anon.get(f"/assets/{script}", headers={"Accept-Encoding": "gzip"})
    assert asset.status == 200 and "immutable" in asset.headers["Cache-Control"]
    assert asset.headers["Content-Encoding"] == "gzip"  # its .gz, made at build (.br too)
    worker = await anon.get("/sw.js")
    assert worker.status == 200 and worker.headers["Cache-Control"] == "no-cache"


async def test_nothing_else_is_served(anon) -> None:
    for path in ("/assets/no-such.js", "/assets/..%2F..%2Fpackage.json", "/assets/.hidden"):
        assert (await anon.get(path)).status == 404, path
    missing = await anon.get(f"{API}/no-such-thing")
    assert missing.status == 404 and (await missing.json())["error"]["code"] == "not_found"
    assert (await anon.get("/package.json")).content_type == "text/html"  # the page, not the file
