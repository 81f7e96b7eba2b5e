"""Money arithmetic: Decimal, two places, half-up rounding, as shops and tax offices do."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tax_on(net: Decimal, rate_percent: Decimal) -> Decimal:
    """Tax on a net amount at a percentage rate, rounded to cents."""
    return cents(net * rate_percent / Decimal(100))
