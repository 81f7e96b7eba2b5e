"""Field types for what the edge accepts (command bodies, query strings, path parts):
one place that says what a name, a note, an amount or a code may hold.

Every pattern matches the whole value: `$(?!\\n)` ends at the true end (a bare `$`
would also accept a trailing newline), and digits are ASCII (`\\d` would take any
script's). No text type takes NUL or other control characters (C0, DEL, C1): `Line`
is one line, `Text` may also hold tabs and line breaks (notes, reasons). Lone
surrogates never get this far: the JSON decoder refuses them, and URL decoding
replaces bytes that are not UTF-8.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import msgspec

END = r"$(?!\n)"
CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # tab, LF and CR are left out
LINE_CHARS = rf"[^\t\n\r{CONTROLS}]"


def matching(pattern: str, description: str | None = None) -> msgspec.Meta:
    """A whole-value match for `pattern`."""
    return msgspec.Meta(pattern=f"^(?:{pattern}){END}", description=description)


def line(min_length: int = 0, max_length: int = 200) -> msgspec.Meta:
    return msgspec.Meta(min_length=min_length, max_length=max_length, pattern=f"^{LINE_CHARS}*{END}",
                        description="one line of text, no control characters")


Money = Annotated[str, matching(r"[0-9]{1,9}(\.[0-9]{1,2})?", "decimal string, up to 2 places")]
Percent = Annotated[str, matching(r"100(\.0{1,3})?|[0-9]{1,2}(\.[0-9]{1,3})?", "percent, 0 to 100")]
Name = Annotated[str, line(1, 200)]
Line = Annotated[str, line(0, 200)]
Text = Annotated[str, msgspec.Meta(max_length=2000, pattern=f"^[^{CONTROLS}]*{END}",
                                   description="text, may span lines; no other control characters")]
Reason = Annotated[str, msgspec.Meta(max_length=2000, pattern=f"^[^{CONTROLS}]*[^\\s{CONTROLS}][^{CONTROLS}]*{END}",
                                     description="why: text with something besides spaces")]
EMAIL_CHARS = rf"[^@\s{CONTROLS}]"
Email = Annotated[str, matching(rf"{EMAIL_CHARS}{{1,64}}@{EMAIL_CHARS}{{1,190}}\.{EMAIL_CHARS}{{2,63}}")]
Phone = Annotated[str, matching(r"\+?[0-9 ()./-]{3,32}", "a telephone number: digits, spaces, + ( ) . / -")]
ImageName = Annotated[str, matching(r"[0-9a-f]{64}\.(jpg|png|webp)", "a stored picture: its SHA-256 and type")]
Sku = Annotated[str, matching(r"[A-Za-z0-9._/-]{1,64}")]
Barcode = Annotated[str, matching(r"[A-Za-z0-9-]{1,64}")]
RegisterName = Annotated[str, matching(r"[A-Za-z0-9._-]{1,32}", "a register's name, e.g. front-1")]
Quantity = Annotated[int, msgspec.Meta(ge=1, le=100_000)]
StockLevel = Annotated[int, msgspec.Meta(ge=0, le=10_000_000)]  # the domain's MAX_STOCK (a test holds them equal)
StockDelta = Annotated[int, msgspec.Meta(ge=-10_000_000, le=10_000_000, extra_json_schema={"not": {"const": 0}})]
Instant = Annotated[datetime, msgspec.Meta(tz=True, extra_json_schema={"format": "date-time"},
                                           description="RFC 3339 date and time with its offset or Z, "
                                                       "e.g. 2026-11-24T08:00:00Z")]
Day = Annotated[date, msgspec.Meta(extra_json_schema={"format": "date"}, description="a date, e.g. 2026-11-24")]
Position = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]


def money(value: str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
