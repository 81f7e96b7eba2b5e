"""The till offline: with the network gone it goes on selling from its kept catalog, the
sales wait in IndexedDB (also across a reload, the service worker serving the app), and
once back online each is recorded exactly once."""

import re

from playwright.sync_api import Page, expect

from tests.ui.conftest import log_in, open_till, shoot


def sell(page: Page, product: str) -> None:
    page.get_by_role("button", name=re.compile(f"^{product},")).click()
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    page.get_by_role("dialog", name="Payment").get_by_role("button", name="Card").click()
    page.get_by_role("button", name="Complete sale").click()


def shift_on(page: Page, register: str) -> dict:
    """The shift on `register`, once the shift list (a read model) has it."""
    for _ in range(50):
        items = page.request.get("/api/v1/shifts", params={"register": register}).json()["items"]
        if items:
            return items[0]
        page.wait_for_timeout(100)
    raise AssertionError(f"no shift on {register}")


def test_the_till_sells_offline_and_sends_each_sale_once_when_back(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    register = open_till(page, "off")
    expect(page.get_by_test_id("connection")).to_have_text("Online")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")  # the shell is kept

    page.context.set_offline(True)
    expect(page.get_by_test_id("connection")).to_have_text("Offline")
    expect(page.get_by_text("Not live")).to_be_visible()  # the live feed says so too
    sell(page, "Baguette")
    kept = page.get_by_role("dialog", name="Sale kept offline")
    expect(kept).to_contain_text("3.20")  # the shelf price, tax included
    kept.get_by_role("button", name="New sale").click()
    sell(page, "Cinnamon roll")
    page.get_by_role("dialog", name="Sale kept offline").get_by_role("button", name="New sale").click()
    expect(page.get_by_test_id("queue")).to_have_text("2 sale(s) waiting to be sent")
    shoot(page, "pos-offline-desktop-light")

    page.reload()  # still offline: the service worker serves the app, IndexedDB keeps the queue
    expect(page.get_by_test_id("queue")).to_have_text("2 sale(s) waiting to be sent")
    expect(page.get_by_role("button", name=re.compile(r"^Dark rye bread,"))).to_be_visible()

    page.context.set_offline(False)
    expect(page.get_by_test_id("queue")).to_have_text("All sales sent", timeout=15_000)
    expect(page.get_by_text("Live", exact=True)).to_be_visible()  # reconnected at once
    shift = shift_on(page, register)
    report = page.request.get(f"/api/v1/shifts/{shift['id']}").json()["report"]
    assert report["sales_count"] == 2 and report["sales_by_tender"]["card"] == "6.60"  # 3.20 + 3.40
    for _ in range(50):  # the order list is a read model: it may be a moment behind the report
        orders = page.request.get("/api/v1/orders", params={"shift_id": shift["id"]}).json()["items"]
        if len(orders) == 2:
            break
        page.wait_for_timeout(100)
    assert sorted(o["items"][0]["name"] for o in orders) == ["Baguette", "Cinnamon roll"]


def test_a_queued_sale_the_server_refuses_is_shown_to_the_cashier(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    register = open_till(page, "off")
    expect(page.get_by_test_id("connection")).to_have_text("Online")
    shift = shift_on(page, register)

    page.context.set_offline(True)
    sell(page, "Baguette")
    page.get_by_role("dialog", name="Sale kept offline").get_by_role("button", name="New sale").click()
    closed = page.request.post(f"/api/v1/shifts/{shift['id']}/close", headers={"X-Requested-With": "XMLHttpRequest"},
                               data={"counted_cash": "100.00"})  # meanwhile, from the back office
    assert closed.status == 200, closed.text()
    page.context.set_offline(False)
    refused = page.get_by_role("status").get_by_text(re.compile("A sale of 3.20 made at .* was refused"))
    expect(refused).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("queue")).to_have_text("All sales sent")
    shoot(page, "pos-refused-desktop-light")
    page.get_by_role("button", name="Dismiss").click()
    expect(refused).to_have_count(0)
