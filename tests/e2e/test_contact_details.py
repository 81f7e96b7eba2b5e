"""A customer's contact details (email, phone, addresses) are for the roles whose permission
says so (`customers.contact`: admin and employee), in lists, single records, answers,
exports and reports alike; cashiers and viewers still find customers by name."""

import csv
import io

import pytest

from tests.support.http import API, bearer, post, user_with_role

CONTACT = ("email", "phone", "billing_address", "delivery_address")


@pytest.fixture
async def owing(client) -> dict:
    customer = await post(client, "/customers", {
        "full_name": "Café Lumière", "email": "hello@lumiere.example", "phone": "+49 30 1234567",
        "billing_address": "Hauptstr. 1, Berlin", "delivery_address": "Hof 2, Berlin", "credit_limit": "100.00"}, 201)
    bun = await post(client, "/products", {"sku": "BUN-C", "name": "Bun", "price": "1.00", "cost": "0.30",
                                           "category": "Bread", "tax_rate": "0", "stock": 10}, 201)
    order = await post(client, "/orders", {"customer_id": customer["id"], "items": [
        {"product_id": bun["id"], "quantity": 2}]}, 201)
    paid = await post(client, f"/orders/{order['id']}/payments", {"method": "account", "amount": "2.00"}, 201)
    return {**customer, "position": paid["position"]}


async def reads(client, token, customer) -> dict[str, object]:
    def get(path, **params):
        return client.get(API + path, headers=bearer(token),
                          params={"min_position": str(customer["position"]), **params})

    listed = (await (await get("/customers", q="lumi")).json())["items"]
    one = await (await get(f"/customers/{customer['id']}")).json()
    then = await (await get(f"/customers/{customer['id']}", version="1")).json()
    exported = list(csv.DictReader(io.StringIO(await (await get("/customers", format="csv")).text())))
    seen = {"list": listed[0], "one": one, "as of version 1": then, "csv": exported[0]}
    report = await get("/reports/customer-balances")
    if report.status == 403:  # a cashier reads no reports at all
        return seen
    report_csv = await (await get("/reports/customer-balances", format="csv")).text()
    return {**seen, "report": (await report.json())["rows"][0],
            "report csv": next(csv.DictReader(io.StringIO(report_csv)))}


@pytest.mark.parametrize("role", ["cashier", "viewer"])
async def test_roles_without_the_contact_permission_see_the_customer_but_not_how_to_reach_them(
        client, owing, role) -> None:
    _, token = await user_with_role(client, role)
    for where, row in (await reads(client, token, owing)).items():
        assert row.get("full_name", row.get("label")) == "Café Lumière", where
        assert all(not row.get(field) for field in CONTACT), (where, row)


@pytest.mark.parametrize("role", ["admin", "employee"])
async def test_admins_and_employees_see_contact_details_everywhere(client, owing, role) -> None:
    _, token = await user_with_role(client, role)
    for where, row in (await reads(client, token, owing)).items():
        phone = row["phone"].removeprefix("'") if "csv" in where else row["phone"]  # quoted against formulas
        assert row["email"] == "hello@lumiere.example" and phone == "+49 30 1234567", (where, row)
