"""The owner's screens: the dashboard follows a sale made at the till as it happens; the
reports page reads a report, compares periods and downloads it; a cashier gets the daily report only."""

import re

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in, open_till


def test_the_dashboard_moves_when_the_till_sells(browser, site) -> None:
    owner = log_in(browser, site, "viewer")
    expect(owner.get_by_role("heading", name=re.compile("^Today, "))).to_be_visible()  # the viewer's home
    counted = owner.get_by_label("Today's figures").locator("div", has_text="Number of sales").locator("dd")
    expect(counted).to_be_visible()
    before = int(counted.inner_text())
    expect(owner.get_by_text("Net sales, last 30 days")).to_be_visible()
    expect(owner.locator(".recharts-bar-rectangle").first).to_be_visible()  # the demo's two weeks

    till = log_in(browser, site, "cashier")
    open_till(till, "dashboard")
    till.get_by_role("button", name=re.compile(r"^Baguette,")).click()
    till.get_by_role("button", name=re.compile(r"^Pay ")).click()
    till.get_by_role("dialog", name="Payment").get_by_role("button", name="Cash").click()
    till.get_by_role("button", name="Complete sale").click()
    expect(till.get_by_role("button", name="New sale")).to_be_visible()

    expect(counted).to_have_text(str(before + 1))  # live: no reload
    till.context.close()
    owner.context.close()


def test_reports_read_compare_and_download(browser, site) -> None:
    page = log_in(browser, site, "employee")
    go(page, "Reports")
    expect(page.get_by_role("heading", name="Reports")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="This period")).to_be_visible()
    page.get_by_label("From").fill("2020-01-01")
    page.get_by_label("Group by").select_option("product")
    expect(page.get_by_role("row", name=re.compile("^Sourdough loaf"))).to_be_visible()
    csv = page.get_by_role("link", name="Download CSV")
    assert re.search(r"from=2020-01-01.*group_by=product.*format=csv", csv.get_attribute("href") or "")
    answer = page.request.get(csv.get_attribute("href") or "")
    assert answer.ok and answer.headers["content-type"].startswith("text/csv")
    assert "Sourdough loaf" in answer.text()

    page.get_by_label("Report", exact=True).select_option(label="Stock valuation")
    expect(page.get_by_role("row", name=re.compile("^Sourdough loaf"))).to_be_visible()
    page.get_by_label("Report", exact=True).select_option(label="Production list")
    expect(page.get_by_role("columnheader", name="Same weekday")).to_be_visible()
    page.context.close()


def test_a_cashier_reads_the_daily_report_only(browser, site) -> None:
    page = log_in(browser, site, "cashier")
    open_till(page, "daily")
    go(page, "Reports")
    kinds = page.get_by_label("Report", exact=True).locator("option")
    expect(kinds).to_have_text(["Daily report"])
    expect(page.get_by_role("columnheader", name="Register")).to_be_visible()
    page.context.close()
