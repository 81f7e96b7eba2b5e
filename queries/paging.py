"""API.md paging: ?page=1&per_page=50 (max 200), answered as {items, page, per_page, total}."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec


class Page(msgspec.Struct, frozen=True, forbid_unknown_fields=False):
    page: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)] = 1
    per_page: Annotated[int, msgspec.Meta(ge=1, le=200)] = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paged(items: list[Any], page: Page, total: int) -> dict[str, Any]:
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": total}
