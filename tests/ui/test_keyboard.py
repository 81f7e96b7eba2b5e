"""The till without a mouse: a whole sale by keyboard alone (Tab, Enter, typing)."""

import re
import uuid

from playwright.sync_api import Page, expect

from tests.ui.conftest import log_in


def tab_to(page: Page, name: str, most: int = 80) -> None:
    """Press Tab until the focused element is the one named `name` (as a screen reader says it)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return (e.getAttribute('aria-label') || e.textContent || '').trim(); }""")
        if re.fullmatch(name, focused):
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def test_a_sale_by_keyboard_alone(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    page.goto("/pos")
    expect(page.get_by_label(re.compile("^Register"))).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"kbd-{uuid.uuid4().hex[:6]}")
    page.keyboard.press("Enter")  # submits the form
    expect(page.get_by_label("Search or scan")).to_be_focused()
    page.keyboard.type("Sourdough")
    page.keyboard.press("Enter")  # the one match goes into the cart
    expect(page.get_by_label("Quantity of Sourdough loaf")).to_have_text("1")
    tab_to(page, r"One Sourdough loaf more")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Quantity of Sourdough loaf")).to_have_text("2")
    tab_to(page, r"Pay 13\.00 F9")  # two at 6.50, tax included
    page.keyboard.press("Enter")
    payment = page.get_by_role("dialog", name="Payment")
    expect(payment).to_be_visible()
    expect(payment.get_by_label(re.compile("^Amount"))).to_be_focused()
    page.keyboard.type("20")
    tab_to(page, "Cash")
    page.keyboard.press("Enter")
    expect(payment.get_by_test_id("change-due")).to_have_text("7.00")
    tab_to(page, "Complete sale")
    page.keyboard.press("Enter")
    receipt = page.get_by_role("dialog", name=re.compile("^Receipt"))
    expect(receipt.get_by_role("button", name="New sale")).to_be_focused()
    page.keyboard.press("Enter")
    expect(receipt).to_be_hidden()
    expect(page.get_by_label("Search or scan")).to_be_focused()  # ready for the next customer
