"""The owner's day over HTTP: the dashboard, the daily report with every shift's Z
report, the production list for tomorrow, stock movements and who owes what."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests.support.http import API, get, new_product, post, shift_opened_at


async def sell(client, shift, product, quantity, method="cash", amount=None, **extra):
    total = amount or str(Decimal(product["price"]) * quantity)
    return await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [
        {"product_id": product["id"], "quantity": quantity}], "payments": [{"method": method, "amount": total}],
        **extra}, 201)


async def test_the_dashboard_shows_today(client) -> None:
    await client.patch(f"{API}/settings", json={"low_stock_level": 3})
    bun = await new_product(client, name="Bun", price="1.00", tax_rate="0", stock=4)
    tart = await new_product(client, name="Tart", price="3.00", tax_rate="0", stock=50)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "20.00"}, 201)
    await sell(client, shift, bun, 2)
    await sell(client, shift, tart, 1, method="card")
    due = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    ann = await post(client, "/customers", {"full_name": "Ann"}, 201)
    cake = await post(client, "/custom-orders", {"customer_id": ann["id"], "specification": "Blue cake, 8 people",
                                                 "price": "30.00", "tax_rate": "0", "due_at": due}, 201)
    board = await get(client, "/reports/dashboard", min_position=cake["position"])
    assert board["sales"]["orders"] == 2 and board["sales"]["total"] == "5.00"
    assert board["sales"]["average_ticket"] == "2.50"
    assert [p["label"] for p in board["top_products"]] == ["Tart", "Bun"]
    assert [p["name"] for p in board["low_stock"]] == ["Bun"] and board["low_stock"][0]["available"] == 2
    assert [s["register"] for s in board["open_shifts"]] == ["front"]
    assert board["open_shifts"][0]["sales_total"] == "5.00"
    assert [o["number"] for o in board["custom_orders_due"]] == [cake["number"]]
    assert board["orders_by_status"] == {"delivered": 2, "placed": 1}


async def test_the_daily_report_has_each_shift_and_the_days_totals(client) -> None:
    bun = await new_product(client, name="Bun", price="1.00", tax_rate="0", stock=40)
    front = await post(client, "/shifts", {"register": "front", "opening_float": "20.00"}, 201)
    back = await post(client, "/shifts", {"register": "back", "opening_float": "10.00"}, 201)
    await sell(client, front, bun, 3)
    await sell(client, back, bun, 2, method="card")
    closed = await post(client, f"/shifts/{front['id']}/close", {"counted_cash": "22.50"}, 200)
    daily = await get(client, "/reports/daily", min_position=closed["position"])
    reports = {s["register"]: s["report"] for s in daily["shifts"]}
    assert reports["front"]["kind"] == "Z" and reports["front"]["variance"] == "-0.50"  # 23.00 expected
    assert reports["back"]["kind"] == "X" and reports["back"]["sales_total"] == "2.00"
    assert daily["totals"]["total"] == "5.00"
    assert {t["key"]: t["paid"] for t in daily["tenders"]} == {"cash": "3.00", "card": "2.00"}
    assert daily["other_sales"]["sales_count"] == 0
    csv = await client.get(f"{API}/reports/daily", params={"format": "csv"})
    lines = (await csv.text()).splitlines()
    assert lines[0].startswith("register,cashier,opened_at,kind") and lines[-2].startswith("day,")
    assert lines[-1].startswith("audit chain head,") and len(lines) == 6  # header, two shifts, others, day, chain
    assert lines[1].split(",")[1] == "root"  # the cashier by name


async def test_the_daily_report_explains_what_its_shifts_do_not_hold_and_its_pdf_keeps_every_column(client) -> None:
    import io

    from pypdf import PdfReader

    bun = await new_product(client, name="Bun", price="114.46", tax_rate="0", stock=40)
    front = await post(client, "/shifts", {"register": "front", "opening_float": "20.00"}, 201)
    await sell(client, front, bun, 1)
    online = await post(client, "/orders", {"items": [{"product_id": bun["id"], "quantity": 1}]}, 201)
    await post(client, f"/orders/{online['id']}/payments", {"method": "card", "amount": "114.46"}, 201)
    for status in ("confirmed", "picked", "delivered"):
        moved = await (await client.patch(f"{API}/orders/{online['id']}/status", json={"status": status})).json()
    await post(client, f"/shifts/{front['id']}/cash-movements", {"kind": "in", "amount": "5.00", "reason": "change"},
               201)
    closed = await post(client, f"/shifts/{front['id']}/close", {"counted_cash": "139.00"}, 200)
    daily = await get(client, "/reports/daily", min_position=max(moved["position"], closed["position"]))
    assert daily["totals"]["orders"] == 2 and daily["totals"]["total"] == "228.92"
    assert (daily["other_sales"]["sales_count"], daily["other_sales"]["sales_total"]) == (1, "114.46")
    assert sum(s["report"]["sales_count"] for s in daily["shifts"]) + daily["other_sales"]["sales_count"] == 2
    pdf = await client.get(f"{API}/reports/daily", params={"format": "pdf"})
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(await pdf.read())).pages)
    for column in ("cash in", "variance", "expected cash", "other sales", "root"):
        assert column in text, column
    assert "228.92" in text and "114.46" in text  # numbers whole, never broken over two lines


async def test_the_production_list_adds_up_orders_due_beside_past_weekdays(client) -> None:
    baguette = await new_product(client, name="Baguette", price="1.20", tax_rate="0", stock=100)
    store = await get(client, "/store")
    assert store["timezone"] == "UTC"
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    for hour, quantity in ((9, 4), (9, 2), (11, 5)):
        at = datetime(tomorrow.year, tomorrow.month, tomorrow.day, hour, tzinfo=UTC).isoformat()
        await post(client, "/orders", {"items": [{"product_id": baguette["id"], "quantity": quantity}],
                                       "pickup_at": at}, 201)
    week_ago = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 8, tzinfo=UTC) - timedelta(days=7)
    shift = await shift_opened_at(client, (week_ago - timedelta(hours=1)).isoformat())
    sold = await sell(client, shift, baguette, 6, sold_at=week_ago.isoformat())
    listing = await get(client, "/reports/production", min_position=sold["position"])
    assert listing["date"] == tomorrow.isoformat()
    row = next(r for r in listing["rows"] if r["label"] == "Baguette")
    assert (row["ordered"], row["slots"]) == (11, {"09:00": 6, "11:00": 5})
    assert row["same_weekday"] == [6, 0, 0, 0] and row["weekday_average"] == "1.5"


async def test_stock_movements_and_customer_balances(client) -> None:
    bun = await new_product(client, name="Bun", price="1.00", tax_rate="0", stock=10)
    await post(client, f"/products/{bun['id']}/stock-adjustments", {"delta": -2, "reason": "waste"}, 201)
    café = await post(client, "/customers", {"full_name": "Café", "credit_limit": "100.00"}, 201)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    sold = await sell(client, shift, bun, 3, method="account", customer_id=café["id"])
    report = await get(client, "/reports/stock-movements", product_id=bun["id"], min_position=sold["position"])
    assert report["rows"] == [{"key": bun["id"], "label": "Bun", "sku": bun["sku"], "opening": 0, "received": 0,
                               "sold": -3, "handed_over": 0, "returned": 0, "adjusted": -2, "counted": 0,
                               "created": 10, "closing": 5}]
    balances = await get(client, "/reports/customer-balances")
    assert [(r["label"], r["balance"]) for r in balances["rows"]] == [("Café", "3.00")]
    assert balances["totals"] == {"balance": "3.00"}
