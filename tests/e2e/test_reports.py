"""Reports over HTTP, each compared with figures worked out by hand for a known history:
sales made offline at chosen local times in a store west of UTC (one at 23:30, the
last half hour of its day), a discount, a refund with restocking, a salesman on
commission, an online order counted when handed over, and money on several tenders."""

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.support.http import API, get, new_product, post, shift_opened_at

ZONE = ZoneInfo("America/New_York")  # UTC-5 in January


def local(text: str) -> str:
    return datetime.fromisoformat(text).replace(tzinfo=ZONE).isoformat()


async def history(client) -> dict:
    """Two days of January sales in New York, and a refund and an online order today."""
    await client.patch(f"{API}/settings", json={"timezone": "America/New_York"})
    bread = await new_product(client, name="Bread", price="2.00", tax_rate="10", cost="0.80", category="Bread",
                              stock=100)
    cake = await new_product(client, name="Cake", price="10.00", tax_rate="20", cost="4.00", category="Cakes",
                             stock=20)
    sam = await post(client, "/salesmen", {"name": "Sam", "commission_rate": "5"}, 201)
    shift = await shift_opened_at(client, local("2026-01-10T08:00:00"), opening_float="50.00")
    late = await post(client, "/pos/sales", {  # 23:30 on the 10th in New York: 04:30 UTC on the 11th
        "shift_id": shift["id"], "sold_at": local("2026-01-10T23:30:00"), "salesman_id": sam["id"],
        "items": [{"product_id": bread["id"], "quantity": 3}], "payments": [{"method": "card", "amount": "6.60"}]}, 201)
    morning = await post(client, "/pos/sales", {
        "shift_id": shift["id"], "sold_at": local("2026-01-11T10:00:00"),
        "items": [{"product_id": cake["id"], "quantity": 1}, {"product_id": bread["id"], "quantity": 2}],
        "discount": {"kind": "percent", "value": "10"}, "payments": [{"method": "cash", "amount": "20.00"}]}, 201)
    refund = await post(client, f"/orders/{morning['id']}/refunds", {
        "lines": [{"product_id": cake["id"], "quantity": 1}], "reason": "dropped", "restock": True,
        "shift_id": shift["id"]}, 201)
    online = await post(client, "/orders", {"items": [{"product_id": cake["id"], "quantity": 2}]}, 201)
    await post(client, f"/orders/{online['id']}/payments", {"method": "card", "amount": "24.00"}, 201)
    for status in ("confirmed", "picked", "shipped"):
        response = await client.patch(f"{API}/orders/{online['id']}/status", json={"status": status})
        assert response.status == 200
        last = await response.json()
    return {"bread": bread, "cake": cake, "sam": sam, "late": late, "morning": morning, "refund": refund,
            "position": last["position"]}


async def test_sales_count_on_the_store_day_in_its_time_zone_with_discounts_refunds_and_tenders(client) -> None:
    h = await history(client)
    january = await get(client, "/reports/sales", **{"from": "2026-01-10", "to": "2026-01-11", "group_by": "day",
                                                      "min_position": h["position"]})
    days = {row["key"]: row for row in january["rows"]}
    # The 23:30 sale is the 10th's, though it is the 11th in UTC.
    tenth = days["2026-01-10"]
    assert {k: tenth[k] for k in ("orders", "units", "gross", "net", "tax", "total", "cost_of_goods")} == {
        "orders": 1, "units": 3, "gross": "6.00", "net": "6.00", "tax": "0.60", "total": "6.60",
        "cost_of_goods": "2.40"}
    # The 11th: cake 10.00 + 2 bread 4.00 = 14.00, less 10 % = 12.60 net (cake 9.00, bread 3.60);
    # tax 1.80 + 0.36 = 2.16; cost 4.00 + 1.60.
    eleventh = days["2026-01-11"]
    assert {k: eleventh[k] for k in ("orders", "units", "gross", "discount", "net", "tax", "total", "cost_of_goods",
                                     "gross_profit")} == {
        "orders": 1, "units": 3, "gross": "14.00", "discount": "1.40", "net": "12.60", "tax": "2.16",
        "total": "14.76", "cost_of_goods": "5.60", "gross_profit": "7.00"}
    assert january["totals"]["net"] == "18.60" and january["totals"]["average_ticket"] == "10.68"  # 21.36 / 2

    tenders = {r["key"]: r for r in (await get(client, "/reports/sales", **{
        "from": "2026-01-10", "to": "2026-01-11", "group_by": "tender"}))["rows"]}
    assert (tenders["card"]["paid"], tenders["cash"]["paid"]) == ("6.60", "14.76")  # cash net of the change

    products = {r["label"]: r for r in (await get(client, "/reports/sales", **{
        "from": "2026-01-10", "to": "2026-01-11", "group_by": "product"}))["rows"]}
    assert (products["Bread"]["units"], products["Bread"]["net"], products["Cake"]["net"]) == (5, "9.60", "9.00")
    salesmen = (await get(client, "/reports/commissions", **{"from": "2026-01-10", "to": "2026-01-11"}))["rows"]
    assert [(r["label"], r["net_sales"], r["commission"]) for r in salesmen] == [("Sam", "6.00", "0.30")]


async def test_a_refund_and_a_handed_over_order_count_on_their_own_day(client) -> None:
    h = await history(client)
    today = datetime.now(ZONE).date().isoformat()
    day = (await get(client, "/reports/sales", **{"from": today, "to": today, "min_position": h["position"]}))
    figures = day["totals"]
    # Today: the online order (2 cakes: net 20.00, tax 4.00, cost 8.00) and the cake's refund
    # (10.80 back: 9.00 net and 1.80 tax; the cake back in stock at its cost 4.00).
    assert {k: figures[k] for k in ("orders", "net", "tax", "refunds", "refunds_tax", "net_sales", "cost_of_goods",
                                    "gross_profit", "refunded_units")} == {
        "orders": 1, "net": "20.00", "tax": "4.00", "refunds": "10.80", "refunds_tax": "1.80", "net_sales": "11.00",
        "cost_of_goods": "4.00", "gross_profit": "7.00", "refunded_units": 1}
    tenders = {r["key"]: r for r in (await get(client, "/reports/sales", **{
        "from": today, "to": today, "group_by": "tender"}))["rows"]}
    assert (tenders["card"]["paid"], tenders["cash"]["refunds"], tenders["cash"]["taken"]) == ("24.00", "10.80",
                                                                                                 "-10.80")
    profit = await get(client, "/reports/profit", **{"from": today, "to": today, "group_by": "day"})
    assert profit["totals"] == {"net_sales": "11.00", "cost_of_goods": "4.00", "gross_profit": "7.00",
                                "expenses": "0.00", "profit": "7.00"}


async def test_the_previous_period_is_alongside(client) -> None:
    h = await history(client)
    report = await get(client, "/reports/sales", **{"from": "2026-01-11", "to": "2026-01-11",
                                                     "min_position": h["position"]})
    assert report["previous"]["from"] == report["previous"]["to"] == "2026-01-10"
    assert report["previous"]["totals"]["net"] == "6.00" and report["totals"]["net"] == "12.60"


async def test_stock_valuation_as_of_a_past_day_and_now(client) -> None:
    h = await history(client)
    now = await get(client, "/reports/stock-valuation", min_position=h["position"])
    rows = {r["label"]: r for r in now["rows"]}
    # Bread 100 - 3 - 2 = 95 at 0.80; cake 20 - 1 + 1 (restocked) - 2 = 18 at 4.00.
    assert (rows["Bread"]["stock"], rows["Bread"]["value"], rows["Cake"]["stock"], rows["Cake"]["value"]) == (
        95, "76.00", 18, "72.00")
    assert now["totals"] == {"stock": 113, "value": "148.00"}
    yesterday = (datetime.now(ZONE).date() - timedelta(days=1)).isoformat()
    before = await get(client, "/reports/stock-valuation", as_of=yesterday)
    assert before["rows"] == []  # the products were created today


async def test_reports_read_the_same_after_a_rebuild_and_a_change_of_time_zone(client) -> None:
    """A closed period keeps its figures: each event counts in the zone the store had then."""
    from oms.http.keys import CONFIG, DATABASE
    from oms.store import open_store, projector_env
    from projections.rebuild import rebuild
    from projections.report_view import ReportsView
    from projections.reports import Reports

    h = await history(client)
    params = {"from": "2026-01-01", "to": "2026-12-31", "group_by": "day", "min_position": h["position"]}
    before = await get(client, "/reports/sales", **params)
    moved = await (await client.patch(f"{API}/settings", json={"timezone": "Asia/Tokyo"})).json()
    params["min_position"] = moved["position"]
    db, config = client.app[DATABASE], client.app[CONFIG]
    store = open_store(db, config)
    try:
        await asyncio.to_thread(rebuild, store, projector_env(db, config), Reports, ReportsView, show_progress=False)
    finally:
        store.close()
    assert await get(client, "/reports/sales", **params) == before


async def test_prices_that_include_tax_report_their_net_and_tax(client) -> None:
    """A cake at 12.00 with 20 % tax inside: two, less 10 %, are 21.60 paid, of which 3.60 tax."""
    await client.patch(f"{API}/settings", json={"prices_include_tax": True})
    cake = await new_product(client, name="Cake", price="12.00", tax_rate="20", cost="5.00", stock=10)
    shift = await shift_opened_at(client, "2026-02-03T07:00:00Z")
    sale = await post(client, "/pos/sales", {
        "shift_id": shift["id"], "sold_at": "2026-02-03T10:00:00Z",
        "items": [{"product_id": cake["id"], "quantity": 2}],
        "discount": {"kind": "percent", "value": "10"}, "payments": [{"method": "card", "amount": "21.60"}]}, 201)
    assert (sale["subtotal"], sale["tax"], sale["total"], sale["discount"]) == ("18.00", "3.60", "21.60", "2.00")
    day = await get(client, "/reports/sales", **{"from": "2026-02-03", "to": "2026-02-03",
                                                 "min_position": sale["position"]})
    assert {k: day["totals"][k] for k in ("gross", "discount", "net", "tax", "total", "cost_of_goods")} == {
        "gross": "20.00", "discount": "2.00", "net": "18.00", "tax": "3.60", "total": "21.60", "cost_of_goods": "10.00"}
    online = await post(client, "/orders", {"items": [{"product_id": cake["id"], "quantity": 1}]}, 201)
    assert (online["subtotal"], online["tax"], online["total"]) == ("10.00", "2.00", "12.00")


async def test_sales_by_product_rank_by_amount_as_numbers_on_screen_and_in_the_file(client) -> None:
    roll = await new_product(client, name="Kaiser roll", price="6.30", tax_rate="0", stock=10)
    loaf = await new_product(client, name="Sourdough", price="123.18", tax_rate="0", stock=10)
    shift = await post(client, "/shifts", {"register": "rank", "opening_float": "0"}, 201)
    for product in (roll, loaf):
        paid = [{"method": "card", "amount": product["price"]}]
        sold = await post(client, "/pos/sales", {"shift_id": shift["id"], "payments": paid, "items": [
            {"product_id": product["id"], "quantity": 1}]}, 201)
    params = {"group_by": "product", "min_position": str(sold["position"])}
    report = await get(client, "/reports/sales", **params)
    assert [r["label"] for r in report["rows"]] == ["Sourdough", "Kaiser roll"]
    text = await (await client.get(f"{API}/reports/sales", params={**params, "format": "csv"})).text()
    assert [line.split(",")[1] for line in text.splitlines()[1:3]] == ["Sourdough", "Kaiser roll"]
