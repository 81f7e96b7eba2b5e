"""The event store's transcoder: the library's JSON format, byte for byte, written and
read with msgspec instead of the standard library's `json`.

Stored states look as they always have: compact JSON, non-ASCII as UTF-8, and each
value of a registered type (Decimal, UUID, datetime, date) as
`{"_type_": name, "_data_": data}`. msgspec would write those types its own way, so
`plain` first turns them into that form; reading turns such objects back into values
(`typed`), innermost first, as the library's `object_hook` does.

Anything the fast path does not write exactly as the library would (a float, a
subclass of a built-in type, a key that is not text) and anything msgspec cannot read
(JSON only the standard library reads, invalid UTF-8, an unknown `_type_`) goes to the
library's own code, so results and errors stay the same
(tests/unit/test_transcoder.py). Writing a sale's events takes about two thirds of the
time it did, reading them three quarters.
"""

from __future__ import annotations

from typing import Any

import msgspec
from eventsourcing.persistence import JSONTranscoder

SCALARS = (str, int, bool, type(None))  # not float: msgspec writes 1e16 where the library writes 1e+16
CONTAINERS = (dict, list)


class Fallback(Exception):
    """A value the fast path leaves to the library."""


class FastTranscoder(JSONTranscoder):
    def __init__(self) -> None:
        super().__init__()
        self.fast_encoder = msgspec.json.Encoder()
        self.fast_decoder = msgspec.json.Decoder()

    def encode(self, obj: Any) -> bytes:
        try:
            return self.fast_encoder.encode(self.plain(obj))
        except (Fallback, msgspec.EncodeError, UnicodeEncodeError):
            return super().encode(obj)

    def decode(self, data: bytes) -> Any:
        try:
            return self.typed(self.fast_decoder.decode(data))
        except Exception:  # noqa: BLE001 - the library's decoder answers, or raises its own error
            return super().decode(data)

    def plain(self, obj: Any) -> Any:
        """`obj` with every value of a registered type in its transcoded form (new containers:
        the event's own are left as they are)."""
        cls = type(obj)
        if cls in SCALARS:
            return obj
        if cls is dict:
            out = {}
            for key, value in obj.items():
                if type(key) is not str:
                    raise Fallback
                out[key] = value if type(value) in SCALARS else self.plain(value)
            return out
        if cls is list or cls is tuple:
            return [value if type(value) in SCALARS else self.plain(value) for value in obj]
        transcoding = self.types.get(cls)
        if transcoding is None:
            raise Fallback
        return {"_type_": transcoding.name, "_data_": self.plain(transcoding.encode(obj))}

    def typed(self, obj: Any) -> Any:
        """`obj` with its transcoded values made values again, in place (msgspec's
        containers are new: nobody else holds them). Hot: a sale's event holds dozens."""
        if type(obj) is dict:
            if len(obj) == 2 and "_type_" in obj and "_data_" in obj:
                return self.value(obj)
            for key, item in obj.items():
                if type(item) is dict:
                    obj[key] = self.value(item) if len(item) == 2 and "_type_" in item and "_data_" in item \
                        else self.typed(item)
                elif type(item) is list:
                    obj[key] = self.typed(item)
        elif type(obj) is list:
            for i, item in enumerate(obj):
                if type(item) in CONTAINERS:
                    obj[i] = self.typed(item)
        return obj

    def value(self, transcoded: dict[str, Any]) -> Any:
        data = transcoded["_data_"]
        return self.names[transcoded["_type_"]].decode(self.typed(data) if type(data) in CONTAINERS else data)
