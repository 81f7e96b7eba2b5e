"""Each role logs in through the form, lands where its day starts and sees the menus its
permissions allow: the selling screens apart, the back office in groups."""

import re

from playwright.sync_api import expect

from tests.ui.conftest import PHONE, log_in, shoot

SELLING = ["Till", "Shift", "Order board", "Pickup screen"]
MENUS = {  # (landing, selling screens, {group: screens})
    "admin": ("/dashboard", SELLING, {"Sales": ["Orders", "Custom orders"], "Catalog & stock": ["Catalog", "Stock"],
              "Customers & suppliers": ["Customers", "Vendors", "Salesmen"],
              "Reports": ["Dashboard", "Reports", "Expenses", "Audit"], "Admin": ["Users", "Settings"]}),
    "employee": ("/board", SELLING, {"Sales": ["Orders", "Custom orders"], "Catalog & stock": ["Catalog", "Stock"],
                 "Customers & suppliers": ["Customers", "Vendors", "Salesmen"],
                 "Reports": ["Dashboard", "Reports", "Expenses"]}),
    "cashier": ("/pos", ["Till", "Shift"], {"Sales": ["Orders", "Custom orders"],
                "Customers & suppliers": ["Customers", "Salesmen"], "Reports": ["Reports"]}),
    "viewer": ("/dashboard", [], {"Sales": ["Orders"], "Catalog & stock": ["Catalog"],
               "Customers & suppliers": ["Customers", "Vendors", "Salesmen"],
               "Reports": ["Dashboard", "Reports", "Expenses", "Audit"]}),
    "customer": ("/shop", ["Shop", "My orders"], {}),
}


def test_each_role_lands_where_its_day_starts_and_sees_its_menu(browser, site) -> None:
    for role, (landing, selling, grouped) in MENUS.items():
        page = log_in(browser, site, role)
        expect(page).to_have_url(re.compile(f"{landing}$"))
        expect(page.locator(".brand")).to_have_text("Bäckerei Morgenrot")  # the store's name, not "OMS"
        nav = page.get_by_role("navigation", name="Main")
        expect(nav.locator(":scope > a")).to_have_text(selling)
        expect(nav.locator("summary")).to_have_text(list(grouped))
        for group, screens in grouped.items():
            nav.locator("summary", has_text=group).click()
            expect(nav.locator("details[open] .menu a")).to_have_text(screens)
            nav.locator("summary", has_text=group).click()
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


def test_on_a_phone_every_screen_of_the_role_is_in_the_menu(browser, site) -> None:
    page = log_in(browser, site, "admin", viewport=PHONE)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()  # the menu opens from its button, the page keeps the width
    page.get_by_role("button", name="Menu").click()
    expect(nav).to_be_visible()
    shoot(page, "menu-phone-light")
    for group, screens in (("Reports", ("Reports", "Audit")), ("Customers & suppliers", ("Customers", "Salesmen"))):
        nav.locator("summary", has_text=group).click()  # one group open at a time
        for screen in screens:
            link = nav.get_by_role("link", name=screen, exact=True)
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], screen
    nav.get_by_role("link", name="Salesmen", exact=True).click()
    expect(page.get_by_role("heading", name="Salesmen")).to_be_visible()
    expect(nav).to_be_hidden()  # closed again once a screen is chosen
    page.context.close()
