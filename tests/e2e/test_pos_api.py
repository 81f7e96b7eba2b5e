"""The cashier's day over HTTP: shifts that are the cashier's own, refusals that write
nothing, idempotent and offline sales, invoice numbers from two API processes."""

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime

import msgspec
import pytest

from oms.http import answers
from oms.http.app import create_app
from tests.support.http import API, bearer, error_of, new_product, post, shift_opened_at, user_with_role


async def open_shift(client, register="front", headers=None):
    return await post(client, "/shifts", {"register": register, "opening_float": "50.00"}, 201, headers=headers)


def cash_sale(shift, product, quantity=1, paid="100.00", **fields):
    return {"shift_id": shift["id"], "items": [{"product_id": product["id"], "quantity": quantity}],
            "payments": [{"method": "cash", "amount": paid}], **fields}


async def test_the_drawer_rule_a_cashier_works_their_own_drawer_a_manager_every_one(client) -> None:
    _, anna = await user_with_role(client, "cashier")
    _, ben = await user_with_role(client, "cashier")
    shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}", bearer(anna))
    bread = await new_product(client, stock=10)
    sold = await post(client, "/pos/sales", cash_sale(shift, bread, 2), 201, headers=bearer(anna))
    assert sold["change_due"] == "95.00"
    online = await post(client, "/orders", {"items": [{"product_id": bread["id"], "quantity": 1}]}, 201)
    cash_refund = {"lines": [{"product_id": bread["id"], "quantity": 1}], "reason": "stale", "tender": "cash",
                   "shift_id": shift["id"]}
    payment = {"method": "cash", "amount": "2.50", "shift_id": shift["id"]}
    moves = ((f"/shifts/{shift['id']}/cash-movements", {"kind": "in", "amount": "1.00", "reason": "change"}),
             ("/pos/sales", cash_sale(shift, bread)), (f"/orders/{sold['id']}/refunds", cash_refund),
             (f"/orders/{online['id']}/payments", payment))
    for path, body in moves:  # another cashier: there is no such shift
        await error_of(await client.post(API + path, json=body, headers=bearer(ben)), 404)
    await error_of(await client.get(f"{API}/shifts/{shift['id']}", headers=bearer(ben)), 404)
    listed = await (await client.get(f"{API}/shifts", headers=bearer(ben))).json()
    assert shift["id"] not in [s["id"] for s in listed["items"]]
    await error_of(await client.post(f"{API}/shifts/{shift['id']}/close", json={"counted_cash": "50.00"},
                                     headers=bearer(ben)), 404)
    for path, body in moves:  # the admin manages every shift: each one of them, into Anna's drawer
        await post(client, path, body, 201)
    report = (await (await client.get(f"{API}/shifts/{shift['id']}")).json())["report"]
    assert report["expected_cash"] == "58.50"  # 50 + Anna's 5.00 + 1.00 in + 2.50 sold - 2.50 refunded + 2.50 paid
    closed = await post(client, f"/shifts/{shift['id']}/close", {"counted_cash": "58.00"}, 200)
    assert (closed["report"]["expected_cash"], closed["report"]["variance"]) == ("58.50", "-0.50")


async def test_refused_sales_refunds_and_closes_write_nothing(client) -> None:
    bread = await new_product(client, price="4.00", stock=5)
    _, cashier = await user_with_role(client, "cashier")
    as_cashier = bearer(cashier)
    shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}", as_cashier)
    sold = await post(client, "/pos/sales", cash_sale(shift, bread, 2), 201, headers=as_cashier)
    refusals = [
        ("/pos/sales", {**cash_sale(shift, bread), "discount": {"kind": "percent", "value": "15"}}, "discount_limit"),
        ("/pos/sales", {**cash_sale(shift, bread), "payments": [{"method": "card", "amount": "4.01"}]},
         "tender_exceeds_due"),
        ("/pos/sales", cash_sale(shift, bread, 1, "3.99"), "payment_short"),
        ("/pos/sales", cash_sale(shift, bread, 4), "insufficient_stock"),
        (f"/orders/{sold['id']}/refunds", {"lines": [{"product_id": bread["id"], "quantity": 3}], "reason": "x",
                                           "shift_id": shift["id"]}, "refund_exceeds_sale"),
        (f"/shifts/{shift['id']}/cash-movements", {"kind": "out", "amount": "58.01", "reason": "bank"},
         "insufficient_cash"),
    ]
    for path, body, code in refusals:
        assert (await error_of(await client.post(API + path, json=body, headers=as_cashier), 409))["code"] == code
    await post(client, f"/shifts/{shift['id']}/close", {"counted_cash": "58.00"}, 200, headers=as_cashier)
    for path, body in ((f"/shifts/{shift['id']}/close", {"counted_cash": "58.00"}),
                       ("/pos/sales", cash_sale(shift, bread))):
        refused = await error_of(await client.post(API + path, json=body, headers=as_cashier), 409)
        assert refused["code"] == "shift_closed"
    after = await (await client.get(f"{API}/shifts/{shift['id']}")).json()
    assert (after["report"]["sales_count"], after["report"]["refunds_count"], after["version"]) == (1, 0, 3)
    product = await (await client.get(f"{API}/products/{bread['id']}",
                                      params={"min_position": sold["position"]})).json()
    assert product["stock"] == 3


async def test_the_same_sale_sent_twice_at_once_is_one_sale(client) -> None:
    bread = await new_product(client, stock=10)
    shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}")
    body, key = cash_sale(shift, bread), {"Idempotency-Key": str(uuid.uuid4())}
    answers = await asyncio.gather(*(client.post(f"{API}/pos/sales", json=body, headers=key) for _ in range(2)))
    statuses = Counter(r.status for r in answers)
    assert statuses[201] >= 1 and set(statuses) <= {201, 409}  # the second waits, or hears "in progress"
    replay = await client.post(f"{API}/pos/sales", json=body, headers=key)
    assert replay.status == 201 and replay.headers["Idempotent-Replayed"] == "true"
    other = await client.post(f"{API}/pos/sales", json=cash_sale(shift, bread, 2), headers=key)
    assert (await error_of(other, 409))["code"] == "idempotency_key_reused"
    report = (await (await client.get(f"{API}/shifts/{shift['id']}")).json())["report"]
    assert report["sales_count"] == 1


async def test_an_offline_sale_beyond_stock_is_recorded_and_listed_for_counting(client) -> None:
    bread = await new_product(client, stock=1)
    shift = await shift_opened_at(client, "2026-11-24T06:00:00Z", f"r-{uuid.uuid4().hex[:6]}")
    await error_of(await client.post(f"{API}/pos/sales", json=cash_sale(shift, bread, 3)), 409)
    sold = await post(client, "/pos/sales", cash_sale(shift, bread, 3, sold_at="2026-11-24T07:00:00Z"), 201)
    assert sold["sold_at"] == "2026-11-24T07:00:00Z"
    listed = await (await client.get(f"{API}/stock-discrepancies", params={"min_position": sold["position"]})).json()
    mine = [d for d in listed["items"] if d["order_id"] == sold["id"]]
    assert [(d["quantity"], d["shortfall"]) for d in mine] == [(3, 2)]
    product = await (await client.get(f"{API}/products/{bread['id']}")).json()
    assert product["stock"] == 0


async def test_invoice_numbers_from_two_api_processes_have_no_gap(config, db, aiohttp_client, client) -> None:
    second = await aiohttp_client(create_app(config, db, run_projectors=False))
    second.session.headers.update({"Authorization": client.session.headers["Authorization"]})
    bread = await new_product(client, stock=1000)
    await client.put(f"{API}/registers/twin", json={"invoice_series": "TW"})
    shift = await open_shift(client, "twin")
    answers = await asyncio.gather(*((client if i % 2 else second).post(f"{API}/pos/sales",
                                                                       json=cash_sale(shift, bread))
                                     for i in range(100)))
    assert Counter(r.status for r in answers) == {201: 100}
    numbers = sorted([(await r.json())["invoice_number"] for r in answers])
    assert numbers == [f"TW-{n:06d}" for n in range(1, 101)]


async def test_a_parked_cart_waits_on_its_register_reserving_nothing(client) -> None:
    bread = await new_product(client, stock=2)
    register = f"r-{uuid.uuid4().hex[:6]}"
    cart = {"items": [{"product_id": bread["id"], "quantity": 2, "discount": {"kind": "percent", "value": "5"}},
                      {"name": "Candle", "price": "0.50", "tax_rate": "19", "quantity": 1}],
            "discount": {"kind": "amount", "value": "0.10"}}
    parked = msgspec.convert(await post(client, "/pos/parked", {"register": register, "note": "table 4", **cart}, 201),
                             answers.ParkedSale)
    assert parked.cart == cart
    waiting = await (await client.get(f"{API}/pos/parked", params={"register": register,
                                                                     "min_position": parked.position})).json()
    listed = msgspec.convert(waiting, answers.Page[answers.ParkedSale]).items
    assert listed == [msgspec.structs.replace(parked, position=None)]  # both renderings agree
    elsewhere = await (await client.get(f"{API}/pos/parked", params={"register": "other"})).json()
    assert elsewhere["items"] == []
    product = await (await client.get(f"{API}/products/{bread['id']}")).json()
    assert product["available"] == 2
    taken = await client.delete(f"{API}/pos/parked/{parked.id}")
    assert taken.status == 200 and (await taken.json())["taken"] is True
    assert (await error_of(await client.delete(f"{API}/pos/parked/{parked.id}"), 409))["code"] == "invalid_transition"
    at = (await taken.json())["position"]
    after = await (await client.get(f"{API}/pos/parked", params={"register": register, "min_position": at})).json()
    assert after["items"] == []


@pytest.mark.parametrize("sold_at", ["1999-12-31T10:00:00Z", "2999-01-01T10:00:00Z", "0001-01-01T00:00:00Z",
                                     "9999-12-31T23:59:59Z", "2026-11-24T05:00:00Z", "2026-11-24T08:00:00"])
async def test_an_offline_sale_happened_during_its_shift_with_a_zone(client, sold_at) -> None:
    bread = await new_product(client, stock=5)
    shift = await shift_opened_at(client, "2026-11-24T06:00:00Z", f"r-{uuid.uuid4().hex[:6]}")
    refused = await client.post(f"{API}/pos/sales", json=cash_sale(shift, bread, 1, sold_at=sold_at))
    error = await error_of(refused, 400 if sold_at.endswith("00") else 409)
    assert error["code"] in ("validation_error", "sold_at_outside_shift")
    report = (await (await client.get(f"{API}/shifts/{shift['id']}")).json())["report"]
    assert report["sales_count"] == 0


async def test_a_sale_stamped_now_is_checked_like_any_other(client) -> None:
    bread = await new_product(client, stock=1)
    shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}")
    now = datetime.now(UTC).isoformat()
    short = await client.post(f"{API}/pos/sales", json=cash_sale(shift, bread, 3, sold_at=now))
    assert (await error_of(short, 409))["code"] == "insufficient_stock"
    await client.delete(f"{API}/products/{bread['id']}")
    archived = await client.post(f"{API}/pos/sales", json=cash_sale(shift, bread, 1, sold_at=now))
    assert (await error_of(archived, 409))["code"] == "product_archived"


async def test_a_manager_approves_a_discount_over_the_cashiers_limit_at_the_till(client) -> None:
    bread = await new_product(client, stock=5, price="10.00", tax_rate="0")
    _, token = await user_with_role(client, "cashier")
    manager, _ = await user_with_role(client, "employee")
    shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}", headers=bearer(token))
    me = await (await client.get(f"{API}/auth/me", headers=bearer(token))).json()
    assert me["discount_limit"] == "10"  # what the till checks as the discount is entered
    sale = {**cash_sale(shift, bread, 1, paid="10.00"), "discount": {"kind": "percent", "value": "20"}}
    over = await client.post(f"{API}/pos/sales", json=sale, headers=bearer(token))
    assert (await error_of(over, 409))["code"] == "discount_limit"
    wrong = await client.post(f"{API}/pos/discount-approvals", headers=bearer(token),
                              json={"username": manager["username"], "password": "not it"})
    assert (await error_of(wrong, 403))["code"] == "wrong_password"
    yes = await post(client, "/pos/discount-approvals", {"username": manager["username"],
                                                         "password": "a long enough passphrase"}, 201,
                     headers=bearer(token))
    assert yes["limit_percent"] == "25"
    sold = await post(client, "/pos/sales", {**sale, "approval": yes["approval"]}, 201, headers=bearer(token))
    assert sold["total"] == "8.00"
    history = await (await client.get(f"{API}/orders/{sold['id']}/history")).json()
    assert history["items"][0]["data"]["sale"]["discount_approved_by"] == manager["id"]
    audit = await (await client.get(f"{API}/audit", params={"entity_id": sold["id"],
                                                            "min_position": str(sold["position"])})).json()
    assert "approved by" in audit["items"][0]["summary"]
    _, other = await user_with_role(client, "cashier")
    other_shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}", headers=bearer(other))
    stolen = await client.post(f"{API}/pos/sales", headers=bearer(other), json={
        **sale, "shift_id": other_shift["id"], "approval": yes["approval"]})
    assert (await error_of(stolen, 403))["code"] == "approval_invalid"  # given to one cashier only


async def test_the_z_report_is_a_file_with_every_figure_and_each_cash_movement(client) -> None:
    import io

    from pypdf import PdfReader

    shift = await open_shift(client, f"r-{uuid.uuid4().hex[:6]}")
    await post(client, f"/shifts/{shift['id']}/cash-movements", {"kind": "out", "amount": "20.00", "reason": "bank"},
               201)
    await post(client, f"/shifts/{shift['id']}/close", {"counted_cash": "30.00"}, 200)
    pdf = await client.get(f"{API}/shifts/{shift['id']}/report")
    assert pdf.status == 200 and pdf.content_type == "application/pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(await pdf.read())).pages)
    for shown in ("Z report", "expected cash 30.00", "variance 0.00", "cash out 20.00 bank", "opening float 50.00"):
        assert shown in text, shown
    csv = await (await client.get(f"{API}/shifts/{shift['id']}/report", params={"format": "csv"})).text()
    assert "cash out,20.00,bank" in csv
