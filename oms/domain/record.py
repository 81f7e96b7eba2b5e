"""A record the back office keeps (product, vendor, salesman, customer, expense): made with
its fields, edited, archived. Nothing is ever deleted: an archived record keeps its
history and stays readable, it only leaves the lists and can no longer change.

The verbs live here; each record class declares its own events from the appliers below
(`_update = event("Updated")(set_fields)`), so every event is stored under its own
class's topic (`oms.domain.vendor:Vendor.Updated`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from oms.domain.base import Aggregate
from oms.domain.errors import AlreadyArchived, RecordArchived


def set_fields(self: Any, changes: dict[str, Any], actor: str) -> None:
    for key, value in changes.items():
        setattr(self, key, value)


def set_archived(self: Any, actor: str) -> None:
    self.archived = True


class Record(Aggregate):
    kind: ClassVar[str]  # "vendor": in messages and error details (vendor_id)
    editable: ClassVar[tuple[str, ...]]
    archived = False

    if TYPE_CHECKING:  # each record class declares these as its own events (see the module's docstring)
        def _update(self, changes: dict[str, Any], actor: str) -> None: ...

        def _archive(self, actor: str) -> None: ...

    def update(self, changes: dict[str, Any], actor: str) -> None:
        """Record the fields that differ from what is kept (nothing if none does)."""
        self.check_not_archived()
        unknown = set(changes) - set(self.editable)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        changed = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if changed:
            self._update(changes=changed, actor=actor)

    def archive(self, actor: str) -> None:
        if self.archived:
            raise AlreadyArchived(f"the {self.kind} is already archived", **{f"{self.kind}_id": str(self.id)})
        self._archive(actor=actor)

    def check_not_archived(self) -> None:
        if self.archived:
            raise RecordArchived(f"the {self.kind} is archived", **{f"{self.kind}_id": str(self.id)})
