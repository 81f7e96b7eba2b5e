"""Tax is worked out per rate on the document, so however a basket is rung up (a line of
ten, or ten lines of one) its total and its tax per rate stay the same, each rate's tax is
that rate of its lines' total, and the lines add up to it."""

from collections import defaultdict
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from oms.domain.money import allocate, cents, tax_in, tax_on
from oms.domain.selling import SaleItem, price_lines

RATES = [Decimal(r) for r in ("0", "5.5", "7", "10", "19", "20")]
goods = st.tuples(st.integers(1, 2000).map(lambda c: Decimal(c) / 100), st.sampled_from(RATES), st.integers(1, 12))


def items(basket, split):
    """The basket's goods as lines: each good on one line, or one line per unit."""
    return [SaleItem(quantity=1 if split else q, name=f"g{n}", price=price, tax_rate=rate)
            for n, (price, rate, q) in enumerate(basket) for _ in range(q if split else 1)]


def per_rate(lines):
    taxes, bases = defaultdict(Decimal), defaultdict(Decimal)
    for line in lines:
        taxes[line["tax_rate"]] += line["tax"]
        bases[line["tax_rate"]] += line["net"]
    return dict(taxes), dict(bases)


@given(st.lists(goods, min_size=1, max_size=12), st.booleans())
def test_splitting_or_merging_lines_changes_neither_total_nor_tax_per_rate(basket, gross) -> None:
    merged, split = (price_lines(items(basket, s), None, gross) for s in (False, True))
    assert per_rate(merged)[0] == per_rate(split)[0]
    assert sum(line["net"] + line["tax"] for line in merged) == sum(line["net"] + line["tax"] for line in split)
    for lines in (merged, split):
        taxes, nets = per_rate(lines)
        for rate, tax in taxes.items():  # each rate's tax is that rate of its lines' total
            assert tax == (tax_in(nets[rate] + tax, rate) if gross else tax_on(nets[rate], rate))


def test_three_rolls_at_7_percent_pay_the_7_percent_of_their_total() -> None:
    lines = price_lines([SaleItem(quantity=1, name="Roll", price=Decimal("0.35"), tax_rate=Decimal(7))] * 3, None)
    assert sum(line["tax"] for line in lines) == Decimal("0.07")
    assert [line["tax"] for line in lines] == [Decimal("0.03"), Decimal("0.02"), Decimal("0.02")]


@given(st.integers(0, 10**6).map(lambda c: Decimal(c) / 100),
       st.lists(st.integers(0, 10**5).map(lambda c: Decimal(c) / 100), min_size=1, max_size=30))
def test_an_allocation_adds_up_and_each_share_is_within_a_cent(total, weights) -> None:
    shares = allocate(total, weights)
    whole = sum(weights)
    if not whole:
        assert shares == [Decimal("0.00")] * len(weights)
        return
    assert sum(shares) == total
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - total * weight / whole) < Decimal("0.01")
        assert share == cents(share)
