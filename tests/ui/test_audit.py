"""The auditor's screen: the chain's status, the critical actions on their own, an
object's history and the object as it was at one of its events."""

import re

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in


def test_a_viewer_reads_the_trail_an_objects_history_and_how_it_was(browser, site) -> None:
    admin = log_in(browser, site, "admin")
    go(admin, "Settings")
    level = admin.get_by_label("Low stock at (units available)")
    before = level.input_value()
    level.fill("4" if before != "4" else "6")
    admin.get_by_role("button", name="Save settings").click()
    expect(admin.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    admin.request.patch(f"{site}/api/v1/settings", data={"low_stock_level": int(before)},
                        headers={"X-Requested-With": "XMLHttpRequest"})  # as it was, for the other tests
    admin.context.close()

    page = log_in(browser, site, "viewer")
    go(page, "Audit")
    expect(page.get_by_role("status").filter(has_text="Chain head")).to_contain_text("every event linked")
    page.get_by_label("Critical actions only").check()
    change = page.get_by_role("row", name=re.compile("Settings.Changed.*low_stock_level")).first
    expect(change).to_be_visible()
    change.get_by_role("button", name=re.compile("^History of settings")).click()
    page.get_by_label("Critical actions only").uncheck()
    expect(page.get_by_role("row", name=re.compile("Settings.Created"))).to_be_visible()  # the first values too
    expect(page.get_by_role("button", name=re.compile("^The settings as it was"))).to_have_count(0)  # admins only
    page.get_by_role("button", name="All objects").click()
    page.get_by_label("Type").fill("Product.StockCounted")
    page.get_by_role("row", name=re.compile("Product.StockCounted.*morning bake")).first.get_by_role(
        "button", name=re.compile("^The product as it was")).click()
    dialog = page.get_by_role("dialog", name=re.compile("Product.StockCounted"))
    expect(dialog).to_contain_text("sku")  # the product read from the event store at that version
    expect(dialog).to_contain_text("stock")
    page.context.close()
