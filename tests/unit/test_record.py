"""A back-office record on the domain alone (a vendor stands for them all): only editable
fields change, only what differs is recorded, and an archived record no longer changes."""

import pytest

from oms.domain.errors import AlreadyArchived, RecordArchived
from oms.domain.vendor import Vendor


def mill() -> Vendor:
    vendor = Vendor(name="Moulin", contact=None, email=None, phone=None, address=None, actor="t")
    vendor.collect_events()
    return vendor


def test_an_update_records_what_differs_of_the_editable_fields() -> None:
    vendor = mill()
    vendor.update({"name": "Moulin"}, "t")
    assert vendor.collect_events() == []
    vendor.update({"name": "Moulin du Lac"}, "t")
    assert [e.changes for e in vendor.collect_events()] == [{"name": "Moulin du Lac"}]
    with pytest.raises(ValueError, match="not editable"):
        vendor.update({"archived": False}, "t")


def test_an_archived_record_is_archived_once_and_changes_no_more() -> None:
    vendor = mill()
    vendor.archive("t")
    with pytest.raises(AlreadyArchived):
        vendor.archive("t")
    with pytest.raises(RecordArchived):
        vendor.update({"name": "Moulin"}, "t")
