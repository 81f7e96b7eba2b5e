"""The owner's flows across screens: a delivery raises the stock on hand; a charge beyond a
customer's credit limit is refused with the API's message; the storefront follows the
hours and services an admin sets; a report's CSV and PDF say what its screen says."""

import csv
import io
import re
import uuid
from datetime import datetime, timedelta

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.ui.conftest import go, log_in, new_customer

STAFF = {"X-Requested-With": "XMLHttpRequest"}


def test_a_delivery_raises_the_stock_on_hand(browser, site) -> None:
    page = log_in(browser, site, "employee")
    go(page, "Stock")
    sheet = page.get_by_role("form", name="Counting sheet")
    sheet.get_by_label("Category").select_option("Drinks")
    on_hand = sheet.get_by_role("row", name=re.compile("^Espresso")).get_by_role("cell").nth(1)
    before = int(on_hand.inner_text())
    receive = page.get_by_role("form", name="Receive a delivery")
    receive.get_by_label("Vendor").select_option(index=0)
    receive.get_by_label("Product 1").select_option(label="Espresso")
    receive.get_by_label("Units").fill("7")
    receive.get_by_label("Unit cost").fill("0.30")
    receive.get_by_role("button", name="Receive").click()
    expect(page.locator(".notice")).to_contain_text("1 lines, 2.10")
    expect(on_hand).to_have_text(str(before + 7))
    page.context.close()


def test_a_charge_beyond_the_credit_limit_is_refused_with_the_apis_message(browser, site) -> None:
    page = log_in(browser, site, "employee")
    name = f"Zoé {uuid.uuid4().hex[:5]}"
    new_customer(page, name, credit_limit="10.00")
    go(page, "Custom orders")
    page.get_by_role("button", name="New custom order").click()
    dialog = page.get_by_role("dialog", name="New custom order")
    dialog.get_by_label("Find the customer").fill(name)
    expect(dialog.get_by_label("Customer", exact=True).locator("option")).to_have_count(1)
    dialog.get_by_label("What to make").fill("Birthday cake")
    dialog.get_by_label("Price").fill("40")
    due = (datetime.now() + timedelta(days=2)).replace(hour=11, minute=0)
    dialog.get_by_label("Due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    dialog.get_by_label("Deposit", exact=True).fill("25")
    dialog.get_by_label("Deposit paid by").select_option("account")
    dialog.get_by_role("button", name="Take the order").click()
    expect(dialog.get_by_role("alert")).to_contain_text("credit limit")
    page.context.close()


def test_the_storefront_follows_the_hours_and_services_an_admin_sets(browser, site) -> None:
    admin = log_in(browser, site, "admin")
    before = admin.request.get(f"{site}/api/v1/settings").json()
    try:
        go(admin, "Settings")
        admin.get_by_label("Delivery", exact=True).uncheck()
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            admin.get_by_label(day, exact=True).check()
            admin.get_by_label(f"{day} opens").fill("09:00")
            admin.get_by_label(f"{day} closes").fill("10:00")
        admin.get_by_role("button", name="Save settings").click()
        expect(admin.locator(".notice")).to_contain_text("Saved")

        shop = log_in(browser, site, "customer")
        expect(shop.get_by_role("heading", name="Order for pickup or delivery")).to_be_visible()
        expect(shop.get_by_label("Delivery", exact=True)).to_have_count(0)  # the service is off
        slots = shop.get_by_label("Pickup time").locator("option")
        expect(slots.nth(1)).to_be_attached()
        assert all(re.search(r"\b09:[03]0\b", text) for text in slots.all_inner_texts()[1:])  # within the hours

        admin.get_by_label("Online orders").uncheck()
        admin.get_by_role("button", name="Save settings").click()
        expect(admin.locator(".notice")).to_contain_text("Saved")
        shop.reload()
        expect(shop.get_by_text("The shop takes no online orders at the moment.")).to_be_visible()
        shop.context.close()
    finally:
        admin.request.patch(f"{site}/api/v1/settings", headers=STAFF, data={
            "services": before["services"], "store_hours": before["store_hours"]})
        admin.context.close()


def test_a_reports_csv_and_pdf_say_what_its_screen_says(browser, site) -> None:
    page = log_in(browser, site, "viewer")
    go(page, "Reports")
    page.get_by_label("From").fill("2020-01-01")
    page.get_by_label("Group by").select_option("category")
    total = page.get_by_role("table").last.locator("tfoot td")
    expect(total.first).to_have_text("Total")
    headings = page.get_by_role("table").last.locator("thead th").all_inner_texts()
    net_sales = total.nth(headings.index("Net sales")).inner_text()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(downloading.value.path().read_text(encoding="utf-8"))))
    assert rows[-1]["key"] == "total" and rows[-1]["net_sales"] == net_sales
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download PDF").click()
    assert downloading.value.suggested_filename.endswith(".pdf")
    text = "".join(p.extract_text() for p in PdfReader(downloading.value.path()).pages)
    assert "Sales by category" in text and net_sales in text
    page.context.close()
