"""New aggregate ids: random version-4 UUIDs, never repeated, not even across a fork."""

import os
import uuid

from oms.domain.ids import random_uuid


def test_ids_are_random_version_4_uuids_and_never_repeat() -> None:
    ids = [random_uuid() for _ in range(20_000)]  # many refills of the pool
    assert len(set(ids)) == len(ids)
    assert all(i.version == 4 and i.variant == uuid.RFC_4122 for i in ids)


def test_a_forked_child_does_not_repeat_its_parents_next_ids() -> None:
    random_uuid()  # the pool holds the parent's next ids
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: send its next id and leave
        os.write(write, random_uuid().bytes)
        os._exit(0)
    os.waitpid(pid, 0)
    child = uuid.UUID(bytes=os.read(read, 16))
    assert child != random_uuid()
