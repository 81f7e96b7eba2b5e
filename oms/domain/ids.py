"""Random (version 4) UUIDs without a system call each.

`uuid.uuid4()` asks the kernel for 16 bytes every time, and the call gives up the GIL:
under load the writer thread then queues behind the event loop for the interpreter on
every new order. Reading the kernel's random bytes a few kilobytes at a time keeps
the ids just as unpredictable (the same source) at one system call per 256 ids.
"""

from __future__ import annotations

import os
import threading
from uuid import UUID

CHUNK = 16 * 256
_lock = threading.Lock()
_pool = b""
_at = 0


def random_uuid() -> UUID:
    global _pool, _at
    with _lock:
        if _at >= len(_pool):
            _pool, _at = os.urandom(CHUNK), 0
        chunk, _at = _pool[_at:_at + 16], _at + 16
    return UUID(bytes=chunk, version=4)


def _forget() -> None:
    """A forked child must not hand out its parent's next ids."""
    global _pool, _at
    _pool, _at = b"", 0


os.register_at_fork(after_in_child=_forget)
