"""A cashier takes a cake order with a cash deposit into their drawer, and the balance at pickup."""

import re
from datetime import datetime, timedelta

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in, open_till


def test_a_cashier_takes_a_cake_order_and_its_balance(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "cakes")
    go(page, "Custom orders")
    expect(page.get_by_text("Cash goes into your open shift's drawer.")).to_be_visible()
    page.get_by_role("button", name="New custom order").click()
    dialog = page.get_by_role("dialog", name="New custom order")
    dialog.get_by_label("Find the customer").fill("Marie")
    expect(dialog.get_by_label("Customer", exact=True).locator("option")).to_have_count(1)
    dialog.get_by_label("What to make").fill("Lemon tart for 8\nNo meringue")
    dialog.get_by_label("Price").fill("50")
    due = (datetime.now() + timedelta(days=2)).replace(hour=10, minute=0)
    dialog.get_by_label("Due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    dialog.get_by_label("Deposit", exact=True).fill("10")
    dialog.get_by_role("button", name="Take the order").click()
    expect(page.locator(".notice")).to_contain_text("40.00 to pay")  # 50 with its tax, less 10
    number = re.search(r"Taken: (\S+),", page.locator(".notice").inner_text()).group(1)
    row = page.get_by_role("row", name=re.compile(number))
    expect(row).to_contain_text("Lemon tart for 8")
    row.get_by_role("button", name=f"Take the balance of {number}").click()
    expect(page.locator(".notice")).to_have_text(f"{number}: balance taken, paid.")
    page.context.close()
