"""Product pictures kept in an S3-compatible bucket (OMS_S3_BUCKET): uploaded, checked and
re-encoded as ever, stored once under their content's name in the bucket (nothing on the
local disk), and served from it with their type and ETag. The bucket is moto's
S3-compatible server, spoken to over HTTP as any S3 endpoint."""

import io
from pathlib import Path

import boto3
import msgspec
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

from tests.support.http import API, new_product
from tests.support.processes import free_port

BUCKET = "oms-pictures"


@pytest.fixture(scope="module")
def endpoint():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def config(config, endpoint, monkeypatch):
    for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"),
                        ("AWS_DEFAULT_REGION", "eu-west-3")):
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-3")
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"})
    return msgspec.structs.replace(config, s3_bucket=BUCKET, s3_endpoint=endpoint, s3_region="eu-west-3")


def png(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


async def test_a_picture_goes_to_the_bucket_and_is_served_from_it(client, config, endpoint) -> None:
    tart = await new_product(client, name="Lemon tart")
    put = await client.put(f"{API}/products/{tart['id']}/image", data=png((250, 220, 60)),
                           headers={"Content-Type": "image/png"})
    assert put.status == 200, await put.text()
    url = (await put.json())["image_url"]
    name = url.rsplit("/", 1)[1]
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-3")
    kept = s3.get_object(Bucket=BUCKET, Key=f"images/{name}")
    assert kept["ContentType"] == "image/png"
    assert not (Path(config.data_dir) / "images").exists()  # nothing on this machine's disk

    served = await client.get(url)
    assert served.status == 200 and served.content_type == "image/png"
    assert await served.read() == kept["Body"].read()
    etag = served.headers["ETag"]
    assert (await client.get(url, headers={"If-None-Match": etag})).status == 304
    assert (await client.get(f"{API}/images/{'0' * 64}.png")).status == 404

    again = await client.put(f"{API}/products/{tart['id']}/image", data=png((250, 220, 60)),
                             headers={"Content-Type": "image/png"})
    assert (await again.json())["image_url"] == url  # the same picture: the same object, kept once
    assert s3.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 1
