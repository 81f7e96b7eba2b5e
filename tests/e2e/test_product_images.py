"""Product pictures: only real JPEG, PNG or WebP images within the size limit are kept,
re-encoded; the product carries their URL and they are served with an ETag for a year."""

import io
from pathlib import Path

import msgspec
from PIL import Image

from oms.http.app import create_app
from tests.support.http import API, error_of, new_product


def picture(fmt: str, size=(40, 30), color=(200, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt)
    return out.getvalue()


def stored(config) -> list[Path]:
    folder = Path(config.data_dir) / "images"
    return sorted(folder.iterdir()) if folder.exists() else []


async def put(client, product, body: bytes, content_type: str):
    return await client.put(f"{API}/products/{product['id']}/image", data=body,
                            headers={"Content-Type": content_type})


async def test_a_real_png_is_kept_and_served_back_with_its_type_and_etag(client, config) -> None:
    bun = await new_product(client)
    response = await put(client, bun, picture("PNG"), "image/png")
    body = await response.json()
    assert response.status == 200, body
    url = body["image_url"]
    assert url.startswith("/api/v1/images/") and url.endswith(".png")
    listed = await (await client.get(f"{API}/products/{bun['id']}", params={"min_position": body["position"]})).json()
    assert listed["image_url"] == url
    served = await client.get(url)
    assert served.status == 200 and served.headers["Content-Type"] == "image/png"
    assert "immutable" in served.headers["Cache-Control"]
    assert Image.open(io.BytesIO(await served.read())).size == (40, 30)
    again = await client.get(url, headers={"If-None-Match": served.headers["ETag"]})
    assert again.status == 304
    assert [p.name for p in stored(config)] == [url.rsplit("/", 1)[1]]


async def test_a_multipart_form_works_and_a_large_picture_is_made_smaller(client) -> None:
    bun = await new_product(client)
    form = {"image": io.BytesIO(picture("JPEG", size=(3000, 1500)))}
    response = await client.put(f"{API}/products/{bun['id']}/image", data=form)
    body = await response.json()
    assert response.status == 200, body
    served = await client.get(body["image_url"])
    assert served.headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(await served.read())).size == (1600, 800)


async def test_what_is_not_the_image_it_claims_is_refused_and_nothing_is_kept(client, config) -> None:
    bun = await new_product(client)
    error = await error_of(await put(client, bun, b"\x89PNG\r\n\x1a\n" + b"not really" * 50, "image/png"), 400)
    assert error["details"]["field"] == "image"
    error = await error_of(await put(client, bun, picture("JPEG"), "image/png"), 400)  # a JPEG said to be a PNG
    assert "is not image/png" in error["message"]
    error = await error_of(await put(client, bun, b"GIF89a....", "image/gif"), 415)
    assert error["code"] == "unsupported_media_type"
    assert stored(config) == []
    product = await (await client.get(f"{API}/products/{bun['id']}", params={"min_position": bun["position"]})).json()
    assert product["image_url"] is None


async def test_a_picture_past_the_limit_is_a_413_and_nothing_is_kept(config, db, aiohttp_client) -> None:
    small = msgspec.structs.replace(config, image_max_bytes=2000)
    from tests.support.http import ADMIN, bearer, bootstrap_admin, login

    client = await aiohttp_client(create_app(small, db))
    await bootstrap_admin(client.app)
    client.session.headers.update(bearer(await login(client, *ADMIN)))
    bun = await new_product(client)
    noise = Image.effect_noise((200, 200), 80).convert("RGB")
    out = io.BytesIO()
    noise.save(out, format="PNG")
    error = await error_of(await put(client, bun, out.getvalue(), "image/png"), 413)
    assert error["code"] == "payload_too_large"
    assert stored(small) == []


async def test_a_small_file_declaring_a_huge_picture_is_refused_before_it_is_decoded(client, config, monkeypatch
                                                                                       ) -> None:
    out = io.BytesIO()
    Image.new("1", (8900, 8900)).save(out, format="PNG")  # a few hundred KB declaring 79 megapixels
    bun = await new_product(client)
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self.size))
    for _ in range(3):
        error = await error_of(await put(client, bun, out.getvalue(), "image/png"), 413)
        assert error["code"] == "image_too_large" and error["details"]["width"] == 8900
    assert decoded == [] and stored(config) == []


async def test_a_large_photograph_is_decoded_at_the_scale_it_is_kept(client) -> None:
    photo = picture("JPEG", size=(6000, 4000))
    bun = await new_product(client)
    sizes = []
    real_load = Image.Image.load

    def load(image):
        sizes.append(image.size)
        return real_load(image)

    import pytest
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Image.Image, "load", load)
        response = await put(client, bun, photo, "image/jpeg")
    assert response.status == 200
    kept = Image.open(io.BytesIO(await (await client.get((await response.json())["image_url"])).read()))
    assert max(kept.size) == 1600 and max(max(s) for s in sizes) <= 3000  # decoded at half scale or less
