"""A guest fills a basket, signs up and orders in the shop; the order appears on the staff's board
in another browser without a reload; the customer sees it move on live, and cancels it."""

import re
import uuid

from playwright.sync_api import expect

from tests.ui.conftest import DESKTOP, go, log_in, shoot


def drag(page, source, target) -> None:
    """Drag as a hand does: press on the ticket, move to the column in steps, let go."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 40, steps=8)
    page.mouse.up()


def test_a_shop_order_reaches_the_board_live_and_the_customer_follows_it(browser, site) -> None:
    board = log_in(browser, site, "employee")
    board.get_by_role("link", name="Order board").click()
    placed_column = board.get_by_role("region", name="New orders")
    expect(placed_column).to_be_visible()

    shop = browser.new_context(base_url=site, viewport=DESKTOP).new_page()
    shop.goto("/")  # a guest browses and fills a basket first
    shop.get_by_role("button", name=re.compile(r"^Add Baguette,")).click()
    shop.get_by_role("button", name=re.compile(r"^Add Baguette,")).click()
    go(shop, "Create an account")
    name = f"ann{uuid.uuid4().hex[:6]}"
    shop.get_by_label("Full name").fill("Ann Baker")
    shop.get_by_label("Email").fill(f"{name}@example.com")
    shop.get_by_label("Username").fill(name)
    shop.get_by_label(re.compile("^Password")).fill("a long enough passphrase")
    shop.get_by_role("button", name="Sign up").click()
    expect(shop.get_by_role("heading", name="Order for pickup or delivery")).to_be_visible()
    expect(shop.get_by_label("Quantity of Baguette")).to_have_text("2")  # the guest's basket came along
    shop.get_by_role("button", name=re.compile(r"^Add Lemon tart,")).click()
    shop.get_by_role("radio", name="Delivery").check()
    expect(shop.get_by_role("button", name="Place order · 14.40")).to_be_visible()  # and 3.50 to deliver
    shop.get_by_role("radio", name="Pickup").check()
    shop.get_by_label(re.compile("^Note")).fill("Ring twice")
    slot = shop.get_by_label("Pickup time")
    expect(slot.locator("option")).not_to_have_count(1)  # the coming slots are offered
    slot.select_option(index=2)
    shoot(shop, "shop-desktop-light")
    shop.get_by_role("button", name=re.compile(r"^Place order · 10\.90$")).click()  # 6.40 + 4.50, tax included

    mine = shop.get_by_role("listitem", name=re.compile(r"^Order "))
    expect(mine).to_have_count(1)
    expect(mine.locator("[aria-current=step]")).to_have_text("New")
    number = mine.locator("strong").inner_text()

    ticket = placed_column.get_by_role("button", name=re.compile(f"^Order {number},"))
    expect(ticket).to_be_visible()  # no reload: the live feed brought it
    expect(ticket).to_contain_text("2\u00d7 Baguette, 1\u00d7 Lemon tart")  # 2x Baguette, 1x Lemon tart
    expect(ticket).to_contain_text("New")
    expect(ticket).to_contain_text("Due ")
    expect(mine.locator(".pickup")).to_contain_text("Pickup ")
    shoot(board, "board-desktop-light")
    ticket.click()
    expect(board.get_by_role("region", name="Accepted orders")
           .get_by_role("button", name=re.compile(f"^Order {number},"))).to_be_visible()

    expect(mine.locator("[aria-current=step]")).to_have_text("Accepted")  # live, no reload
    board.wait_for_load_state("networkidle")  # the board has re-read its columns: no ticket moves under the drag
    drag(board, board.get_by_role("region", name="Accepted orders").get_by_role(
        "button", name=re.compile(f"^Order {number},")), board.get_by_role("region", name="Ready orders"))
    expect(board.get_by_role("region", name="Ready orders")
           .get_by_role("button", name=re.compile(f"^Order {number},"))).to_be_visible()
    expect(mine.locator("[aria-current=step]")).to_have_text("Ready")
    board.get_by_role("link", name="Pickup screen").click()
    expect(board.get_by_role("region", name="Ready for pickup")).to_contain_text(number)
    shoot(board, "ready-screen-desktop-light")
    shoot(shop, "my-orders-desktop-light")
    shop.get_by_role("button", name=f"Cancel order {number}").click()
    expect(mine.locator(".steps")).to_have_text("Cancelled")
    expect(board.get_by_role("region", name="Ready for pickup")).not_to_contain_text(number)  # live
