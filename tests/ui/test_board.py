"""The order board: an online order placed in another browser appears without a reload,
and a tap moves it on to the next status."""

import re

from playwright.sync_api import expect

from tests.ui.conftest import log_in, shoot


def test_an_online_order_appears_live_and_moves_on(browser, site) -> None:
    board = log_in(browser, site, "employee")
    board.get_by_role("link", name="Order board").click()
    placed = board.get_by_role("region", name="placed orders")
    expect(placed).to_be_visible()
    expect(board.get_by_text("Live", exact=True)).to_be_visible()

    shopper = log_in(browser, site, "customer")
    products = shopper.request.get("/api/v1/products", params={"q": "Baguette"}).json()["items"]
    answer = shopper.request.post("/api/v1/orders", headers={"X-Requested-With": "XMLHttpRequest"}, data={
        "items": [{"product_id": products[0]["id"], "quantity": 2}], "channel": "online", "fulfilment": "pickup"})
    assert answer.status == 201, answer.text()
    number = answer.json()["number"]

    ticket = placed.get_by_role("button", name=re.compile(f"^Order {number}:"))
    expect(ticket).to_be_visible()  # no reload: the live feed brought it
    expect(ticket).to_contain_text("2× Baguette")
    expect(ticket).to_contain_text("New")  # the cue: marked until the board is left
    shoot(board, "board-desktop-light")
    ticket.click()
    confirmed = board.get_by_role("region", name="confirmed orders")
    expect(confirmed.get_by_role("button", name=re.compile(f"^Order {number}:"))).to_be_visible()
    expect(ticket).to_have_count(0)
    assert shopper.request.get(f"/api/v1/orders/{answer.json()['id']}").json()["status"] == "confirmed"
