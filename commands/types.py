"""Field types shared by command Structs: validation at the edge."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import msgspec

Money = Annotated[
    str,
    msgspec.Meta(pattern=r"^\d{1,9}(\.\d{1,2})?$", description="decimal string, up to 2 places"),
]
Percent = Annotated[
    str,
    msgspec.Meta(pattern=r"^(100(\.0{1,3})?|\d{1,2}(\.\d{1,3})?)$", description="percent, 0 to 100"),
]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Text = Annotated[str, msgspec.Meta(max_length=2000)]
Sku = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9._/-]{1,64}$")]
Barcode = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9-]{1,64}$")]
Quantity = Annotated[int, msgspec.Meta(ge=1, le=100_000)]
StockLevel = Annotated[int, msgspec.Meta(ge=0, le=10_000_000)]
StockDelta = Annotated[int, msgspec.Meta(ge=-10_000_000, le=10_000_000)]


def money(value: str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
