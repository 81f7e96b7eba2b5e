"""Every screen, light and dark, phone, tablet and desktop: no serious or critical axe-core
violation, and a screenshot in var/screenshots/ to look at."""

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.ui.conftest import DESKTOP, PHONE, TABLET, go, log_in, shoot

AXE = Axe()
LISTS = ("catalog", "customers", "vendors", "salesmen", "expenses", "custom-orders", "reports", "audit", "users")


def accessible(page: Page, screen: str) -> None:
    violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert not violations, f"{screen}: " + "; ".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", ["phone", "tablet", "desktop"])
def test_every_screen(browser, site, width, dark) -> None:
    viewport = {"phone": PHONE, "tablet": TABLET, "desktop": DESKTOP}[width]
    mode = f"{width}-{'dark' if dark else 'light'}"
    login = browser.new_context(base_url=site, viewport=viewport, color_scheme="dark" if dark else "light").new_page()
    login.goto("/")
    expect(login.get_by_role("heading", name="Order for pickup or delivery")).to_be_visible()
    login.get_by_role("button", name=re.compile(r"^Add Baguette,")).click()
    accessible(login, "guest shop")
    shoot(login, f"guest-shop-{mode}")
    login.get_by_role("link", name="Log in to order").click()
    expect(login.get_by_label("Username")).to_be_visible()
    accessible(login, "login")
    shoot(login, f"login-{mode}")
    login.get_by_role("link", name="Create an account").click()
    expect(login.get_by_role("heading", name="Create your account")).to_be_visible()
    accessible(login, "sign-up")
    shoot(login, f"signup-{mode}")
    login.context.close()

    customer = log_in(browser, site, "customer", viewport=viewport, dark=dark)
    expect(customer.get_by_role("heading", name="Order for pickup or delivery")).to_be_visible()
    customer.get_by_role("button", name=re.compile(r"^Add Pain au chocolat,")).click()
    accessible(customer, "shop")
    shoot(customer, f"shop-{mode}")
    go(customer, "My orders")
    expect(customer.get_by_role("heading", name="My orders")).to_be_visible()
    expect(customer.get_by_role("listitem", name=re.compile("^Order ")).first).to_be_visible()
    accessible(customer, "my orders")
    shoot(customer, f"my-orders-{mode}")
    customer.context.close()

    page = log_in(browser, site, "admin", viewport=viewport, dark=dark)
    page.goto("/pos")
    expect(page.get_by_role("heading", name="Open a shift")).to_be_visible()
    accessible(page, "open shift")
    shoot(page, f"shift-open-{mode}")
    page.get_by_label(re.compile("^Register")).fill(f"screens-{uuid.uuid4().hex[:6]}")
    page.get_by_role("button", name="Open shift").click()
    page.get_by_role("button", name=re.compile(r"^Butter croissant,")).click()
    page.get_by_role("button", name=re.compile(r"^Lemon tart,")).click()
    accessible(page, "till")
    shoot(page, f"pos-{mode}")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    accessible(page, "payment")
    shoot(page, f"payment-{mode}")
    page.get_by_role("dialog", name="Payment").get_by_role("button", name="Cash").click()
    page.get_by_role("button", name="Complete sale").click()
    expect(page.frame_locator("iframe[title=Receipt]").get_by_text("Lemon tart")).to_be_visible()
    accessible(page, "receipt")
    shoot(page, f"receipt-{mode}")
    page.get_by_role("button", name="New sale").click()

    for link, screen, ready in (("Shift", "shift", "X report"), ("Dashboard", "dashboard", "Today, "),
                                ("Order board", "board", "Order board"), ("Reports", "reports", "Reports"),
                                ("Orders", "orders", "Orders"), ("Custom orders", "custom-orders", "Custom orders"),
                                ("Catalog", "catalog", "Catalog"), ("Stock", "stock", "Stock"),
                                ("Customers", "customers", "Customers"),
                                ("Vendors", "vendors", "Vendors"), ("Salesmen", "salesmen", "Salesmen"),
                                ("Expenses", "expenses", "Expenses"), ("Audit", "audit", "Audit trail"),
                                ("Users", "users", "Users and roles"),
                                ("Settings", "settings", "Settings")):
        go(page, link)
        expect(page.get_by_role("heading", name=re.compile(f"^{ready}")).first).to_be_visible()
        if screen in LISTS:
            expect(page.get_by_role("row").nth(1)).to_be_visible()  # the demo's records are listed
        if screen == "dashboard":
            expect(page.locator(".recharts-bar-rectangle").first).to_be_visible()  # the charts drew
        accessible(page, screen)
        shoot(page, f"{screen}-{mode}")
    go(page, "Pickup screen")
    expect(page.get_by_role("heading", name="Ready for pickup")).to_be_visible()
    accessible(page, "pickup screen")
    shoot(page, f"ready-screen-{mode}")
    page.context.close()
