"""Pickup slots on the domain alone: a slot takes orders up to its capacity, a release
frees a place once, and a slot's id is its start."""

import uuid

import pytest

from oms.domain.errors import SlotFull
from oms.domain.pickup import PickupSlot


def test_a_slot_takes_orders_up_to_its_capacity_and_a_release_frees_one_place() -> None:
    slot = PickupSlot(starts="2026-12-08T16:30:00+00:00", actor="t")
    first, second = uuid.uuid4(), uuid.uuid4()
    slot.book(first, 2, "t")
    slot.book(second, 2, "t")
    with pytest.raises(SlotFull):
        slot.book(uuid.uuid4(), 2, "t")
    slot.release(first, "t")
    slot.release(first, "t")  # twice: nothing more to free
    assert slot.orders == [str(second)] and slot.has_room(2)


def test_a_slot_is_named_by_its_start() -> None:
    starts = "2026-12-08T16:30:00+00:00"
    assert PickupSlot(starts=starts, actor="t").id == PickupSlot.create_id(starts=starts)
