"""A cashier's sale in the browser: open a shift, tap and scan products, split the payment
between card and cash, get the change and the receipt; the API has it once, as shown."""

import re
import uuid
from decimal import Decimal

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in, open_till, shoot

CROISSANT_BARCODE = "4006381333979"


def test_a_cashier_sells_three_items_with_split_payment_and_prints_the_receipt(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    register = f"till-{uuid.uuid4().hex[:6]}"
    page.get_by_role("link", name="Till").click()
    page.get_by_label(re.compile("^Register")).fill(register)
    page.get_by_label("Opening float").fill("150.00")
    page.get_by_role("button", name="Open shift").click()

    page.get_by_role("button", name=re.compile(r"^Sourdough loaf,")).click()
    page.get_by_role("button", name=re.compile(r"^Caffe latte,")).click()
    page.get_by_role("button", name=re.compile(r"^Caffe latte,")).click()
    page.get_by_role("heading", name="Sale").click()  # focus off any field: the scanner types anywhere
    page.keyboard.type(CROISSANT_BARCODE, delay=5)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Added Butter croissant")).to_be_visible()
    expect(page.get_by_label("Quantity of Caffe latte")).to_have_text("2")
    # 6.50 + 2.60 at 7 %, 2 x 3.60 at 19 %, tax included: 16.30 (0.60 and 1.15 of it tax)
    expect(page.get_by_test_id("cart-total")).to_have_text("16.30")
    shoot(page, "pos-cart-desktop-light")

    page.get_by_role("button", name="Pay 16.30").click()
    dialog = page.get_by_role("dialog", name="Payment")
    for key in "5":
        dialog.get_by_role("button", name=key, exact=True).click()
    dialog.get_by_role("button", name="Card").click()
    dialog.get_by_label(re.compile("^Amount")).fill("20")
    dialog.get_by_role("button", name="Cash").click()
    expect(dialog.get_by_test_id("left-to-pay")).to_have_text("0.00")
    expect(dialog.get_by_test_id("change-due")).to_have_text("8.70")
    shoot(page, "pos-payment-desktop-light")
    dialog.get_by_role("button", name="Complete sale").click()

    receipt = page.get_by_role("dialog", name=re.compile("^Receipt"))
    expect(receipt.get_by_role("status")).to_have_text("Change due: 8.70")
    frame = page.frame_locator("iframe[title=Receipt]")
    expect(frame.get_by_text("Butter croissant")).to_be_visible()
    expect(frame.get_by_text("16.30").first).to_be_visible()
    page.evaluate("""() => { const w = document.querySelector("iframe[title=Receipt]").contentWindow;
                             w.print = () => { window.printed = true; }; }""")  # the browser's print dialog
    receipt.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("() => window.printed === true")
    shoot(page, "pos-receipt-desktop-light")
    receipt.get_by_role("button", name="New sale").click()
    expect(page.get_by_test_id("cart-total")).to_have_text("0.00")

    shifts = page.request.get("/api/v1/shifts", params={"register": register, "status": "open"}).json()["items"]
    orders = page.request.get("/api/v1/orders", params={"shift_id": shifts[0]["id"]}).json()["items"]
    assert len(orders) == 1
    order = page.request.get(f"/api/v1/orders/{orders[0]['id']}").json()
    assert order["total"] == "16.30" and order["change_due"] == "8.70"
    assert {p["method"]: Decimal(p["amount"]) for p in order["payments"]} == \
        {"card": Decimal("5.00"), "cash": Decimal("11.30")}
    assert sorted((i["name"], i["quantity"]) for i in order["items"]) == \
        [("Butter croissant", 1), ("Caffe latte", 2), ("Sourdough loaf", 1)]


def test_a_cashier_refunds_part_of_a_sale_found_by_its_invoice_number(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page)
    for _ in range(2):
        page.get_by_role("button", name=re.compile(r"^Chocolate eclair,")).click()
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    page.get_by_role("dialog", name="Payment").get_by_role("button", name="Card").click()
    page.get_by_role("button", name="Complete sale").click()
    heading = page.get_by_role("dialog", name=re.compile("^Receipt")).get_by_role("heading").inner_text()
    invoice = heading.removeprefix("Receipt ")
    page.get_by_role("button", name="New sale").click()

    go(page, "Orders")
    page.get_by_label("Order or invoice number").fill(invoice)
    row = page.get_by_role("row").filter(has_text=invoice)
    expect(row).to_have_count(1)
    row.get_by_role("button", name=re.compile("^Refund")).click()
    dialog = page.get_by_role("dialog", name="Refund")
    dialog.get_by_label("Units of Chocolate eclair to refund").fill("1")
    dialog.get_by_label("Reason").fill("dropped on the floor")
    shoot(page, "refund-desktop-light")
    dialog.get_by_role("button", name="Refund 3.90 (1 item)").click()  # half of the line of 7.80
    expect(page.get_by_role("status").filter(has_text="Refunded")).to_contain_text("3.90 refunded")
    expect(row.get_by_role("cell", name="3.90")).to_be_visible()
    order_id = page.request.get("/api/v1/orders", params={"q": invoice}).json()["items"][0]["id"]
    order = page.request.get(f"/api/v1/orders/{order_id}").json()
    assert order["refunded"] == "3.90" and order["refunds"][0]["tenders"] == {"card": "3.90"}
