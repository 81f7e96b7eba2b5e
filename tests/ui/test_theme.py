"""The store's default theme (a setting) applies until a user picks their own on the device."""

from playwright.sync_api import expect

from tests.ui.conftest import log_in


def test_the_store_default_theme_applies_until_a_user_picks_one(browser, site) -> None:
    admin = log_in(browser, site, "admin")
    guest = browser.new_context(base_url=site).new_page()
    try:
        changed = admin.request.patch(f"{site}/api/v1/settings", data={"default_theme": "dark"},
                                      headers={"X-Requested-With": "XMLHttpRequest"})
        assert changed.ok, changed.text()
        guest.goto("/")
        expect(guest.locator("html")).to_have_attribute("data-theme", "dark")
        guest.get_by_role("button", name="Light mode").click()
        expect(guest.locator("html")).to_have_attribute("data-theme", "light")
        guest.reload()
        expect(guest.locator("html")).to_have_attribute("data-theme", "light")  # the guest's own choice stays
    finally:
        admin.request.patch(f"{site}/api/v1/settings", data={"default_theme": "system"},
                            headers={"X-Requested-With": "XMLHttpRequest"})
        guest.context.close()
        admin.context.close()
