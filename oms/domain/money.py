"""Money arithmetic: Decimal, two places, half-up rounding, as shops and tax offices do."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tax_on(net: Decimal, rate_percent: Decimal) -> Decimal:
    """Tax on a net amount at a percentage rate, rounded to cents."""
    return cents(net * rate_percent / Decimal(100))


def tax_in(gross: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax inside an amount that includes it, rounded to cents."""
    return cents(gross * rate_percent / (Decimal(100) + rate_percent))


def set_tax(line: dict[str, Any], prices_include_tax: bool) -> None:
    """Finish a priced line (its `net` worked out from prices, less any `discount`): set its
    tax. With prices that include tax, what was worked out included it: the tax is the part
    the rate makes, `net` the rest, and the `discount` is counted without its tax too, so a
    line's net, discount and tax mean the same in either mode (docs/reports.md)."""
    rate = line["tax_rate"]
    if not prices_include_tax:
        line["tax"] = tax_on(line["net"], rate)
        return
    line["tax"] = tax_in(line["net"], rate)
    line["net"] -= line["tax"]
    if "discount" in line:
        line["discount"] -= tax_in(line["discount"], rate)
