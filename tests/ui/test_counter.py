"""The counter and the board as staff use them, each numbered finding of a bakery's day:
money taken before an order leaves, reports that add up, the shop's own times, prices with
tax, a manager's approval at the till, a scanner typing into the search box, a phone, the
keyboard, and a mistaken tap taken back."""

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.ui.conftest import DESKTOP, PHONE, go, log_in, open_till, shoot

STAFF = {"X-Requested-With": "XMLHttpRequest"}
CROISSANT = "4006381333979"


def api(page: Page, method: str, path: str, body: dict | None = None) -> dict:
    response = page.request.fetch(f"/api/v1{path}", method=method, data=body, headers=STAFF)
    assert response.ok, response.text()
    return response.json()


def product(page: Page, name: str) -> dict:
    return next(p for p in api(page, "GET", "/products?per_page=200")["items"] if p["name"] == name)


def online_order(browser, site, pickup_at: str | None = None) -> dict:
    """The demo customer orders two croissants in the shop, to pay at pickup."""
    shopper = log_in(browser, site, "customer")
    croissant = product(shopper, "Butter croissant")
    order = api(shopper, "POST", "/orders", {"items": [{"product_id": croissant["id"], "quantity": 2}],
                                             **({"pickup_at": pickup_at} if pickup_at else {})})
    shopper.context.close()
    return order


def pay_by_card(page: Page) -> None:
    """In the open payment dialog: the whole amount by card, and the sale completed."""
    page.get_by_role("dialog", name="Payment").get_by_role("button", name="Card").click()
    page.get_by_role("button", name="Complete sale").click()


def ticket(page: Page, number: str):
    return page.get_by_role("button", name=re.compile(f"^Order {number},"))


def test_1_an_unpaid_order_is_paid_as_it_is_handed_over_and_orders_take_payment(browser, site) -> None:
    order = online_order(browser, site)
    board = log_in(browser, site, "employee")
    expect(board).to_have_url(re.compile("/board$"))
    for column in ("Accepted", "Ready"):
        ticket(board, order["number"]).click()
        expect(board.get_by_role("region", name=f"{column} orders")).to_contain_text(order["number"])
    card = ticket(board, order["number"])
    expect(card).to_contain_text(f"Due {order['total']}")  # unpaid, and said so on the ticket
    card.click()  # "Collected": the money comes first
    pay = board.get_by_role("dialog", name=re.compile("^Collected: take"))
    expect(pay.get_by_test_id("amount-due")).to_have_text(order["total"])
    shoot(board, "board-collect-desktop-light")
    pay.get_by_role("button", name="Card").click()
    expect(pay).to_be_hidden()
    expect(board.locator(".notice")).to_contain_text(f"{order['number']}: Collected")
    stored = api(board, "GET", f"/orders/{order['id']}")
    assert (stored["status"], stored["payment_status"]) == ("delivered", "paid")

    due = online_order(browser, site)
    go(board, "Orders")
    row = board.get_by_role("row", name=re.compile(due["number"]))
    expect(row).to_contain_text(f"Due {due['total']}")
    row.get_by_role("button", name=f"Take payment for {due['number']}").click()
    board.get_by_role("dialog", name=f"Take payment for {due['number']}").get_by_role("button", name="Other").click()
    expect(board.locator(".notice")).to_have_text(f"{due['number']}: paid.")
    shoot(board, "orders-desktop-light")
    board.context.close()


def test_2_sales_by_product_rank_by_money_and_the_daily_report_names_its_figures(browser, site) -> None:
    page = log_in(browser, site, "admin")
    go(page, "Reports")
    page.get_by_label("Group by").select_option("product")
    rows = page.locator("table.report tbody tr")
    expect(rows.first).to_be_visible()
    nets = [float(t) for t in rows.locator("td.net-sales").all_inner_texts() if t.strip()]
    assert nets and nets == sorted(nets, reverse=True), nets  # numbers, ranked as numbers
    shoot(page, "reports-by-product-desktop-light")
    go(page, "Dashboard")
    expect(page.get_by_text("Sales handed over, with tax")).to_be_visible()
    expect(page.get_by_text("Money taken in (every payment, deposits too)")).to_be_visible()
    page.context.close()


def test_3_a_pickup_time_is_the_shops_whatever_zone_the_browser_is_in(browser, site) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    tomorrow = (datetime.now(berlin) + timedelta(days=1)).replace(hour=17, minute=30, second=0, microsecond=0)
    shopper = browser.new_context(base_url=site, viewport=DESKTOP, timezone_id="UTC").new_page()
    shopper.goto("/login")
    shopper.get_by_label("Username").fill("customer")
    shopper.get_by_label("Password").fill("customer-demo")
    shopper.get_by_role("button", name="Log in").click()
    shopper.get_by_role("button", name=re.compile(r"^Add Baguette,")).click()
    slot = shopper.get_by_label("Pickup time")
    option = slot.locator("option", has_text=re.compile(r"\b05:30 PM|\b17:30")).first
    slot.select_option(option.get_attribute("value"))
    assert option.get_attribute("value") == tomorrow.isoformat() or "17:30" in option.inner_text() \
        or "05:30 PM" in option.inner_text()
    shopper.get_by_role("button", name=re.compile(r"^Place order")).click()
    expect(shopper.get_by_role("heading", name="My orders")).to_be_visible()
    expect(shopper.locator(".pickup").first).to_contain_text(re.compile(r"05:30 PM|17:30"))  # not 16:30 (UTC)
    shopper.context.close()


def test_4_shelf_prices_include_tax_and_the_receipt_keeps_one_kind(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "gross")
    page.get_by_role("button", name=re.compile(r"^Butter croissant, 2\.60,")).click()
    page.get_by_role("button", name=re.compile(r"^Butter croissant, 2\.60,")).click()
    expect(page.get_by_test_id("cart-total")).to_have_text("5.20")  # two at 2.60, tax included
    page.get_by_role("button", name=re.compile(r"^Pay 5\.20")).click()
    pay_by_card(page)
    frame = page.frame_locator("iframe[title=Receipt]")
    expect(frame.get_by_text("2 x Butter croissant")).to_be_visible()
    expect(frame.get_by_text("@ 2.60")).to_be_visible()
    expect(frame.get_by_text("incl. tax 7% of 5.20")).to_be_visible()
    page.context.close()


def test_5_a_discount_over_the_limit_is_refused_as_entered_and_a_manager_approves_it(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "disc")
    page.get_by_role("button", name=re.compile(r"^Sourdough loaf,")).click()
    page.get_by_role("button", name=re.compile("^Order discount")).click()
    dialog = page.get_by_role("dialog", name="Order discount")
    dialog.get_by_label("Percent off").fill("20")
    dialog.get_by_role("button", name="Apply").click()
    expect(dialog.get_by_role("alert")).to_contain_text("more than your 10 % limit")
    expect(page.get_by_test_id("cart-total")).to_have_text("6.50")  # not applied
    approval = dialog.get_by_role("form", name="Manager approval")
    approval.get_by_label("Manager's username").fill("employee")
    approval.get_by_label("Password").fill("employee-demo")
    approval.get_by_role("button", name="Approve").click()
    expect(dialog.get_by_text("Approved by Demo Employee up to 25 %.")).to_be_visible()
    shoot(page, "pos-discount-approval-desktop-light")
    dialog.get_by_role("button", name="Apply").click()
    expect(page.get_by_test_id("cart-total")).to_have_text("5.20")
    page.get_by_role("button", name=re.compile(r"^Pay 5\.20")).click()
    pay_by_card(page)
    expect(page.get_by_role("dialog", name=re.compile("^Receipt"))).to_be_visible()
    page.context.close()


def test_6_two_scans_into_the_search_box_add_two_and_leave_it_as_it_was(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "scan")
    search = page.get_by_label("Search or scan")
    expect(search).to_be_focused()
    for _ in range(2):
        page.keyboard.type(CROISSANT, delay=5)
        page.keyboard.press("Enter")
    expect(page.get_by_label("Quantity of Butter croissant")).to_have_text("2")
    expect(search).to_have_value("")
    search.fill("croi")
    page.keyboard.type(CROISSANT, delay=5)  # a scan while the cashier was searching
    page.keyboard.press("Enter")
    expect(page.get_by_label("Quantity of Butter croissant")).to_have_text("3")
    expect(search).to_have_value("croi")
    page.context.close()


def test_7_on_a_phone_the_total_and_pay_stay_in_reach(browser, site) -> None:
    page = log_in(browser, site, "cashier", viewport=PHONE)
    page.get_by_label(re.compile("^Register")).fill(f"phone-{uuid.uuid4().hex[:6]}")
    page.get_by_role("button", name="Open shift").click()
    page.get_by_role("button", name=re.compile(r"^Butter croissant,")).click()
    bar = page.get_by_label("Sale total")
    expect(bar.get_by_test_id("bar-total")).to_have_text("2.60")
    pay = bar.get_by_role("button", name="Pay 2.60")
    box = pay.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # on the first screen, no scrolling
    shoot(page, "pos-phone-bar-light")
    bar.get_by_role("button", name="Cart · 1 item").click()
    expect(page.get_by_label("Quantity of Butter croissant")).to_be_visible()
    shoot(page, "pos-phone-cart-light")
    pay.click()
    pay_by_card(page)
    expect(page.get_by_role("dialog", name=re.compile("^Receipt"))).to_be_visible()
    page.context.close()


def test_8_keys_pay_an_amount_typed_and_quick_cash_offers_the_next_notes(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "keys")
    page.get_by_role("button", name=re.compile(r"^Sourdough loaf,")).click()
    page.keyboard.press("+")
    expect(page.get_by_label("Quantity of Sourdough loaf")).to_have_text("2")
    page.get_by_role("heading", name="Sale").click()
    page.keyboard.press("F9")
    payment = page.get_by_role("dialog", name="Payment")
    quick = payment.get_by_role("group", name="Quick cash")
    expect(quick.get_by_role("button")).to_have_text(["Exact 13.00", "20.00", "50.00", "100.00"])
    expect(payment.get_by_label(re.compile("^Amount"))).to_be_focused()
    page.keyboard.type("20")
    page.keyboard.press("Enter")  # taken in cash, and the sale completes
    receipt = page.get_by_role("dialog", name=re.compile("^Receipt"))
    expect(receipt.get_by_role("status")).to_have_text("Change due: 7.00")
    page.context.close()


def test_9_parked_sales_refunds_the_z_report_and_forms_speak_plainly(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "park")
    page.get_by_role("button", name=re.compile(r"^Lemon tart,")).click()
    page.get_by_role("button", name="Park / resume").click()
    page.get_by_role("button", name="Park this sale").click()
    page.get_by_role("button", name="Park / resume").click()
    parked = page.get_by_role("dialog", name="Parked sales")
    expect(parked.get_by_role("listitem").first).to_contain_text("Demo Cashier")
    expect(parked.get_by_role("listitem").first).to_contain_text("1\u00d7 Lemon tart")
    expect(parked.get_by_role("listitem").first).to_contain_text("4.50")
    parked.get_by_role("button", name="Resume").first.click()
    page.get_by_role("button", name=re.compile(r"^Pay 4\.50")).click()
    pay_by_card(page)
    page.get_by_role("dialog", name=re.compile("^Receipt")).get_by_role("button", name="New sale").click()
    go(page, "Orders")
    page.get_by_role("button", name=re.compile("^Refund ")).first.click()
    refund = page.get_by_role("dialog", name="Refund")
    refund.get_by_label(re.compile("^Units of Lemon tart")).fill("1")
    refund.get_by_label("Reason").fill("dropped")
    expect(refund.get_by_role("button", name=re.compile(r"^Refund 4\.50"))).to_be_visible()  # the amount, first
    page.keyboard.press("Escape")
    go(page, "Shift")
    page.get_by_label("In", exact=True).check()
    page.get_by_label("Amount").fill("5.00")
    page.get_by_label("Reason").fill("change for the float")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("row", name=re.compile("Cash in: change for the float"))).to_be_visible()
    page.get_by_label("Counted cash").fill("155.00")
    page.get_by_role("button", name=re.compile("^Close shift")).click()
    expect(page.get_by_role("heading", name=re.compile("^Z report"))).to_be_visible()
    pdf = page.get_by_role("link", name="Download PDF")
    assert page.request.get(pdf.get_attribute("href")).headers["content-type"] == "application/pdf"
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("() => window.printed === true")
    shoot(page, "z-report-desktop-light")
    page.context.close()

    admin = log_in(browser, site, "admin")
    go(admin, "Users")
    expect(admin.get_by_label("Role", exact=True)).to_have_value("")  # chosen, never admin by default
    admin.get_by_label("Username", exact=True).fill(f"new{uuid.uuid4().hex[:6]}")
    admin.get_by_label("Password", exact=True).fill("short")
    admin.get_by_label("Role", exact=True).select_option("cashier")
    admin.get_by_role("button", name="Create user").click()
    expect(admin.get_by_label("Password", exact=True)).to_have_accessible_description(
        re.compile(r"^Password needs at least \d+ characters\.$"))
    admin.context.close()


def test_11_the_guest_shop_does_not_move_as_it_loads_and_asks_for_pictures_its_size(browser, site) -> None:
    for viewport in (DESKTOP, PHONE):
        page = browser.new_context(base_url=site, viewport=viewport).new_page()
        failed: list[str] = []
        page.on("response", lambda r, failed=failed: failed.append(r.url) if r.status >= 400 else None)
        page.add_init_script("""window.__cls = 0; new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
          }).observe({type: "layout-shift", buffered: true});""")
        page.goto("/")
        expect(page.get_by_role("button", name=re.compile(r"^Add Baguette,"))).to_be_visible()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("window.__cls") < 0.1, (viewport, page.evaluate("window.__cls"))
        assert failed == []  # no 401 for a guest, no missing picture
        image = page.locator("img.tile-image").first
        assert "?w=160 160w" in image.get_attribute("srcset") and image.get_attribute("sizes")
        page.context.close()
    robots = browser.new_context(base_url=site).request.get("/robots.txt")
    assert robots.ok and robots.text().startswith("#") and "Disallow: /api/" in robots.text()


def test_12_a_mistaken_tap_on_the_board_is_taken_back(browser, site) -> None:
    order = online_order(browser, site)
    board = log_in(browser, site, "employee")
    ticket(board, order["number"]).click()
    expect(board.locator(".notice")).to_contain_text(f"{order['number']}: Accepted")
    board.get_by_role("button", name="Undo").click()
    expect(board.get_by_role("region", name="New orders").get_by_role("button", name=re.compile(
        f"^Order {order['number']},"))).to_be_visible()
    history = api(board, "GET", f"/orders/{order['id']}/history")["items"]
    assert history[-1]["type"] == "OrderStatusChangeUndone"
    board.context.close()
