"""Each role logs in through the form and sees the menus its permissions allow."""

from playwright.sync_api import expect

from tests.ui.conftest import log_in

BACK_OFFICE = ["Customers", "Vendors", "Salesmen", "Expenses", "Reports"]
MENUS = {
    "admin": ["Till", "Shift", "Dashboard", "Order board", "Orders", "Pickup screen", "Custom orders", "Catalog",
              "Stock", *BACK_OFFICE, "Audit", "Users", "Settings"],
    "employee": ["Till", "Shift", "Dashboard", "Order board", "Orders", "Pickup screen", "Custom orders", "Catalog",
                 "Stock", *BACK_OFFICE],
    "cashier": ["Till", "Shift", "Orders", "Custom orders", "Customers", "Salesmen", "Reports"],
    "viewer": ["Dashboard", "Orders", "Catalog", *BACK_OFFICE, "Audit"],
    "customer": ["Shop", "My orders"],
}


def test_each_role_sees_its_menu(browser, site) -> None:
    for role, menu in MENUS.items():
        page = log_in(browser, site, role)
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link")).to_have_text(menu)
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_label("Username")).to_be_visible()
        page.context.close()


def test_a_wrong_password_is_said_at_the_form(browser, site) -> None:
    page = browser.new_context(base_url=site).new_page()
    page.goto("/pos")
    page.get_by_label("Username").fill("cashier")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong username or password.")
    page.context.close()
