"""Money arithmetic: Decimal, two places, half-up rounding, as shops and tax offices do."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount: Decimal) -> Decimal:
    """Round to whole cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tax_on(net: Decimal, rate_percent: Decimal) -> Decimal:
    """Tax on a net amount at a percentage rate, rounded to cents."""
    return cents(net * rate_percent / Decimal(100))


def tax_in(gross: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax inside an amount that includes it, rounded to cents."""
    return cents(gross * rate_percent / (Decimal(100) + rate_percent))


def allocate(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` shared in proportion to `weights`, in whole cents that add up to it: each
    share rounded down, the cents left over to the largest remainders (ties: the earlier)."""
    whole = sum(weights, ZERO)
    if not whole:
        return [ZERO for _ in weights]
    exact = [total * w / whole for w in weights]
    shares = [e.quantize(CENT, rounding=ROUND_DOWN) for e in exact]
    left = int((total - sum(shares, ZERO)) / CENT)
    for i in sorted(range(len(shares)), key=lambda i: (shares[i] - exact[i], i))[:left]:
        shares[i] += CENT
    return shares


def tax_lines(lines: Sequence[dict[str, Any]], prices_include_tax: bool) -> None:
    """Finish a document's priced lines (each `net` worked out from prices, less any
    `discount`): set their tax. Each rate's tax is worked out once, on the total of that
    rate's lines, as invoices under EN 16931 state it, then shared back over those lines by
    `allocate`, so the lines add up to it and a receipt's tax per rate is its rate of that
    rate's total, however the basket was rung up. With prices that include tax, what was
    worked out included it: the tax is the part the rate makes, `net` the rest, and the
    `discount` is counted without its tax too, so a line's net, discount and tax mean the
    same in either mode (docs/events.md)."""
    by_rate: dict[Decimal, list[dict[str, Any]]] = {}
    for line in lines:
        by_rate.setdefault(Decimal(line["tax_rate"]), []).append(line)
    for rate, group in by_rate.items():
        base = sum((line["net"] for line in group), ZERO)
        tax = tax_in(base, rate) if prices_include_tax else tax_on(base, rate)
        for line, share in zip(group, allocate(tax, [line["net"] for line in group]), strict=True):
            line["tax"] = share
            if prices_include_tax:
                line["net"] -= share
                if "discount" in line:
                    line["discount"] -= tax_in(line["discount"], rate)
