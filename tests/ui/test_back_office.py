"""The back office in the browser: an employee adds a customer (a refusal is shown at its
field), finds them, takes a payment on an account, and a viewer only reads."""

import re
import uuid

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in, new_customer


def test_an_employee_adds_a_customer_and_takes_a_payment_on_account(browser, site) -> None:
    page = log_in(browser, site, "employee")
    go(page, "Customers")
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    name = f"Nadia {uuid.uuid4().hex[:6]}"
    page.get_by_role("button", name="New customer").click()
    dialog = page.get_by_role("dialog", name="New customer")
    expect(dialog.get_by_label("Full name")).to_be_focused()
    dialog.get_by_label("Full name").fill(name)
    dialog.get_by_label("Email").fill("not an email")
    dialog.get_by_role("button", name="Create").click()
    expect(dialog.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(dialog.locator("#customers-email-error")).to_be_visible()
    dialog.get_by_label("Email").fill("nadia@example.com")
    dialog.get_by_label("Credit limit").fill("50")
    dialog.get_by_role("button", name="Create").click()
    expect(page.locator(".notice")).to_have_text(f"Created {name}.")
    page.get_by_label("Search customers").fill(name)
    expect(page.get_by_role("row")).to_have_count(2)
    expect(page.get_by_role("row").nth(1)).to_contain_text("50.00")

    page.get_by_label("Search customers").fill("Café du Coin")
    page.get_by_role("button", name=re.compile("^Take a payment from Café du Coin")).click()
    payment = page.get_by_role("dialog", name="Payment on account")
    payment.get_by_label("Amount").fill("10.00")
    payment.get_by_label("Paid by").select_option("card")
    payment.get_by_role("button", name="Take payment").click()
    expect(page.locator(".notice")).to_contain_text("Payment taken: Café du Coin now owes")
    page.get_by_role("button", name="Orders of Café du Coin").click()
    orders = page.get_by_role("dialog", name="Orders of Café du Coin")
    expect(orders.get_by_role("row").nth(1)).to_contain_text("B-")  # the standing order staff placed for it
    expect(page.get_by_role("button", name=re.compile("^Forget"))).to_have_count(0)  # an admin's decision
    page.context.close()


def test_an_admin_forgets_a_customer_who_asked(browser, site) -> None:
    page = log_in(browser, site, "admin")
    name = f"Otto {uuid.uuid4().hex[:6]}"
    new_customer(page, name, email="otto@example.com")
    page.get_by_label("Search customers").fill(name)
    expect(page.get_by_role("row")).to_have_count(2)
    page.get_by_role("button", name=f"Forget {name}").click()
    confirm = page.get_by_role("dialog", name="Forget this customer")
    expect(confirm).to_contain_text("cannot be undone")
    confirm.get_by_role("button", name=f"Forget {name}").click()
    expect(page.locator(".notice")).to_have_text("Forgotten: the customer now reads [erased].")
    expect(page.get_by_role("row")).to_have_count(1)  # the heading row: nobody of that name any more
    page.context.close()


def test_a_viewer_reads_vendors_but_cannot_change_them(browser, site) -> None:
    page = log_in(browser, site, "viewer")
    go(page, "Vendors")
    expect(page.get_by_role("row", name=re.compile("Moulin Dupont"))).to_be_visible()
    expect(page.get_by_role("button", name="New vendor")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Edit"))).to_have_count(0)
    page.context.close()


def test_an_employee_adds_a_product_and_gives_it_a_picture(browser, site, tmp_path) -> None:
    from PIL import Image

    picture = tmp_path / "eclair.png"
    Image.new("RGB", (64, 48), (120, 70, 40)).save(picture)
    page = log_in(browser, site, "employee")
    go(page, "Catalog")
    page.get_by_role("button", name="New product").click()
    dialog = page.get_by_role("dialog", name="New product")
    sku = f"ECL-{uuid.uuid4().hex[:6]}"
    for label, value in (("Name", "Coffee eclair"), ("SKU", sku), ("Category", "Pastry"), ("Price", "3.90"),
                         ("Cost", "1.10"), ("Tax rate (%)", "7")):
        dialog.get_by_label(label, exact=True).fill(value)
    dialog.get_by_label("Vendor").select_option(label="Moulin Dupont")
    dialog.get_by_role("button", name="Create").click()
    expect(page.locator(".notice")).to_have_text("Created Coffee eclair.")
    page.get_by_label("Search catalog").fill(sku)
    page.get_by_role("button", name="Edit Coffee eclair").click()
    expect(page.get_by_role("dialog", name="Edit product").get_by_label("Vendor")).to_have_value(
        re.compile("^[0-9a-f-]{36}$"))  # the vendor it was given
    page.get_by_role("dialog", name="Edit product").get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Movements of Coffee eclair").click()
    moves = page.get_by_role("dialog", name="Movements of Coffee eclair")
    expect(moves.get_by_role("row").nth(1)).to_contain_text("created")
    moves.get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Picture of Coffee eclair").click()
    upload = page.get_by_role("dialog", name="Product picture")
    upload.get_by_label("A JPEG, PNG or WebP picture").set_input_files(str(picture))
    expect(upload.get_by_role("img", name="Picture of Coffee eclair")).to_be_visible()  # the preview
    upload.get_by_role("button", name="Upload").click()
    expect(page.locator(".notice")).to_have_text("New picture for Coffee eclair.")
    page.context.close()


def test_the_catalog_pages_through_its_products(browser, site) -> None:
    page = log_in(browser, site, "viewer")
    go(page, "Catalog")
    expect(page.get_by_role("row")).to_have_count(26)  # a header and a page of 25
    expect(page.get_by_text(re.compile(r"^Page 1 of \d+ \(\d+\)$"))).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text(re.compile(r"^Page 2 of "))).to_be_visible()
    expect(page.get_by_role("row").nth(1)).not_to_have_text("Almond croissant")
    page.get_by_label("Category").select_option("Drinks")
    expect(page.get_by_text(re.compile(r"^Page 1 of 1 \(\d+\)$"))).to_be_visible()  # back to the first page
    rows = page.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Drinks")
    assert all("Drinks" in text for text in rows.all_inner_texts()[1:])
    page.context.close()
