"""An admin changes the shop's settings in the browser; a refusal is shown at its field."""

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in


def test_an_admin_changes_the_receipt_footer_and_a_bad_time_zone_is_refused(browser, site) -> None:
    page = log_in(browser, site, "admin")
    go(page, "Settings")
    footer = page.get_by_label("Receipt footer")
    before = footer.input_value()
    try:
        footer.fill("Merci, à demain !")
        page.get_by_role("button", name="Save settings").click()
        expect(page.locator(".notice")).to_contain_text("Saved")
        preview = page.frame_locator("iframe[title='Receipt preview']")  # the last sale's receipt, as now printed
        expect(preview.get_by_text("Merci, à demain !")).to_be_visible()
        page.reload()
        expect(page.get_by_label("Receipt footer")).to_have_value("Merci, à demain !")
        page.get_by_label("Time zone (e.g. Europe/Paris)").fill("Mars/Olympus")
        page.get_by_role("button", name="Save settings").click()
        expect(page.locator("#timezone-error")).to_contain_text("unknown time zone")
        expect(page.get_by_label("Time zone (e.g. Europe/Paris)")).to_have_attribute("aria-invalid", "true")
    finally:
        page.request.patch(f"{site}/api/v1/settings", data={"receipt_footer": before},
                           headers={"X-Requested-With": "XMLHttpRequest"})
        page.context.close()
