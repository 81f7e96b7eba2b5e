"""Where product pictures are kept: a folder under the data directory, or an S3-compatible
bucket when `OMS_S3_BUCKET` is set (AWS S3, MinIO, Ceph, Cloudflare R2, ...: the endpoint
in `OMS_S3_ENDPOINT`, credentials from the usual `AWS_ACCESS_KEY_ID` /
`AWS_SECRET_ACCESS_KEY` or the machine's role). With a bucket, every API process serves
the same pictures without a shared disk.

A picture is named by the SHA-256 of its bytes, so it is written once and never changes:
keeping one already kept writes nothing. Both stores are blocking: call them in a thread."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Protocol

import boto3
from aiohttp import web
from botocore.exceptions import ClientError

from oms.config import Config

MEDIA = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
MISSING = ("404", "NoSuchKey", "NotFound")


def named(data: bytes, extension: str) -> str:
    return f"{hashlib.sha256(data).hexdigest()}.{extension}"


class Pictures(Protocol):
    def __hash__(self) -> int: ...  # sizes of its pictures are cached per store (oms.http.routes.images)

    def keep(self, data: bytes, extension: str) -> str:
        """Keep the picture (once); answer its name."""

    def read(self, name: str) -> bytes | None:
        """The picture's bytes, or None if there is none of that name."""


class Folder:
    def __init__(self, path: Path) -> None:
        self.path = path

    def keep(self, data: bytes, extension: str) -> str:
        name = named(data, extension)
        self.path.mkdir(parents=True, exist_ok=True)
        path = self.path / name
        if not path.exists():
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(path)
        return name

    def read(self, name: str) -> bytes | None:
        path = self.path / name
        return path.read_bytes() if path.is_file() else None


class Bucket:
    def __init__(self, bucket: str, endpoint: str | None = None, region: str | None = None,
                 prefix: str = "images/") -> None:
        self.bucket, self.prefix = bucket, prefix
        self.client: Any = boto3.client("s3", endpoint_url=endpoint or None, region_name=region or None)

    def keep(self, data: bytes, extension: str) -> str:
        name = named(data, extension)
        if self.read_head(name) is None:
            self.client.put_object(Bucket=self.bucket, Key=self.prefix + name, Body=data,
                                   ContentType=MEDIA[extension], CacheControl="public, max-age=31536000, immutable")
        return name

    def read_head(self, name: str) -> dict[str, Any] | None:
        try:
            head: dict[str, Any] = self.client.head_object(Bucket=self.bucket, Key=self.prefix + name)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise
        return head

    def read(self, name: str) -> bytes | None:
        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self.prefix + name)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise
        body: bytes = found["Body"].read()
        return body


def pictures_of(config: Config) -> Pictures:
    if config.s3_bucket:
        return Bucket(config.s3_bucket, config.s3_endpoint, config.s3_region)
    return Folder(Path(config.data_dir) / "images")


PICTURES = web.AppKey("pictures", Pictures)
