"""The event store's msgspec transcoder writes exactly the bytes the library's JSON
transcoder writes, and reads any stored state to exactly what the library reads (or
fails with the same error): events stored before and after it are one format."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.persistence import JSONTranscoder
from hypothesis import given
from hypothesis import strategies as st

from oms.store import OMS
from oms.transcoder import FastTranscoder


def transcoders() -> tuple[JSONTranscoder, FastTranscoder]:
    library, fast = JSONTranscoder(), FastTranscoder()
    for transcoder in (library, fast):
        OMS.register_transcodings(OMS.__new__(OMS), transcoder)
    return library, fast


LIBRARY, FAST = transcoders()
KEY = st.text(max_size=8) | st.integers(-5, 5) | st.booleans()  # the library writes int and bool keys as text
VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20)
    | st.floats(allow_nan=False) | st.decimals(allow_nan=False, places=2)
    | st.uuids() | st.datetimes() | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(KEY, inner, max_size=4),
    max_leaves=25,
)


def outcome(call: Any, *args: Any) -> Any:
    try:
        return "ok", call(*args)
    except Exception as exc:  # noqa: BLE001 - the error's kind is what is compared
        return "error", type(exc)


@given(VALUE)
def test_writes_the_bytes_the_library_writes_and_reads_them_back_alike(value: Any) -> None:
    stored = LIBRARY.encode({"value": value})
    assert FAST.encode({"value": value}) == stored
    assert FAST.decode(stored) == LIBRARY.decode(stored)


@given(st.binary(max_size=40) | st.text(max_size=40).map(str.encode))
def test_reads_any_bytes_as_the_library_does(data: bytes) -> None:
    assert outcome(FAST.decode, data) == outcome(LIBRARY.decode, data)


@pytest.mark.parametrize("data", [
    b'{"a":NaN}', b'{"a":1e400}', b'{"a":"\\ud800"}', b'{"_type_":"nope","_data_":1}', b'{"a":1,"a":2}',
    b'[{"_type_":"decimal_str","_data_":"1.50"},{"_type_":"uuid_hex","_data_":"00000000000000000000000000000001"}]',
    b'{"_type_":"decimal_str","_data_":"1.50","x":1}', b'"\xff"', b'{"a":[1.5,{"b":2.25}]}', b'12345678901234567890123',
])
def test_reads_the_edges_as_the_library_does(data: bytes) -> None:
    assert outcome(FAST.decode, data) == outcome(LIBRARY.decode, data)


@pytest.mark.parametrize("value", ["x\ud800y", {1.5: "float key"}, {None: 1}, object()])
def test_what_it_cannot_write_fails_as_the_library_fails(value: Any) -> None:
    assert outcome(FAST.encode, value) == outcome(LIBRARY.encode, value)
