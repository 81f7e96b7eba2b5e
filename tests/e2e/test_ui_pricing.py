"""The till's carts, sold over HTTP: the server answers what server-sales.json says, the
file the web UI's own test (web/src/features/pos/cart.test.ts) checks the till's sums against.
So the till shows, before a sale, the figures the server will record."""

import json
import uuid
from pathlib import Path

from tests.support.http import API, post

CASES = json.loads((Path(__file__).parents[2] / "web/src/lib/server-sales.json").read_text())["cases"]


async def test_the_server_prices_each_cart_as_the_till_expects(client) -> None:
    shift = await post(client, "/shifts", {"register": f"ui-{uuid.uuid4().hex[:6]}", "opening_float": "0.00"}, 201)
    for case in CASES:
        inclusive = case.get("prices_include_tax", False)
        assert (await client.patch(f"{API}/settings", json={"prices_include_tax": inclusive})).status == 200
        cart = case["cart"]
        items = [{k: v for k, v in line.items() if k in ("name", "price", "tax_rate", "quantity", "discount")}
                 for line in cart["lines"]]
        sale = {"shift_id": shift["id"], "items": items, "payments": [{"method": "cash", "amount": "1000.00"}],
                **({"discount": cart["discount"]} if "discount" in cart else {})}
        order = await post(client, "/pos/sales", sale, 201)
        expected = case["answer"]
        assert {k: order[k] for k in ("subtotal", "tax", "total", "discount")} == \
            {k: expected[k] for k in ("subtotal", "tax", "total", "discount")}, case["name"]
        assert [{"net": i["net"], "discount": i["discount"], "tax": i["tax"]} for i in order["items"]] == \
            expected["lines"], case["name"]
