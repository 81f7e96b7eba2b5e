"""An employee receives a delivery, adjusts for waste, counts a shelf and reads a product's movements."""

import re

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in


def test_an_employee_receives_counts_and_reads_the_movements(browser, site) -> None:
    page = log_in(browser, site, "employee")
    go(page, "Stock")
    receive = page.get_by_role("form", name="Receive a delivery")
    receive.get_by_label("Vendor").select_option(label="Moulin Dupont")
    receive.get_by_label("Product 1").select_option(label="Baguette")
    receive.get_by_label("Units").fill("12")
    receive.get_by_label("Unit cost").fill("0.95")
    receive.get_by_label(re.compile("^Note")).fill("slip 4711")
    receive.get_by_role("button", name="Receive").click()
    expect(page.locator(".notice")).to_have_text("Received from Moulin Dupont: 1 lines, 11.40.")

    adjust = page.get_by_role("form", name="Adjust stock")
    adjust.get_by_label("Product").select_option(label="Baguette")
    adjust.get_by_label(re.compile("^Units")).fill("-2")
    adjust.get_by_label("Reason").select_option("waste")
    adjust.get_by_label("Details").fill("dropped tray")
    adjust.get_by_role("button", name="Adjust").click()
    expect(page.locator(".notice")).to_contain_text("Baguette:")
    expect(page.locator(".notice")).to_contain_text("after waste: dropped tray.")

    sheet = page.get_by_role("form", name="Counting sheet")
    sheet.get_by_label("Category").select_option("Bread")
    sheet.get_by_label("Counted Baguette").fill("77")
    sheet.get_by_role("button", name="Set the counted levels").click()
    expect(page.locator(".notice")).to_have_text("Counted Bread: 1 levels set.")
    sheet.get_by_role("button", name="Movements of Baguette").click()
    movements = page.get_by_role("dialog", name="Movements of Baguette")
    expect(movements.get_by_role("row").nth(1)).to_contain_text("counted")
    expect(movements.get_by_role("row").nth(1)).to_contain_text("77")
    expect(movements.get_by_role("row", name=re.compile("received"))).to_have_count(2)  # the demo's and this one
    expect(movements.get_by_role("row", name=re.compile("waste: dropped tray"))).to_have_count(1)
    page.context.close()
