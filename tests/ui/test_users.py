"""An admin manages the staff: a refused password shown at its field, a new user, a
role changed, a user deactivated and reactivated, a password reset, a custom role."""

import re
import uuid

from playwright.sync_api import expect

from tests.ui.conftest import go, log_in


def test_an_admin_manages_users_and_roles(browser, site) -> None:
    page = log_in(browser, site, "admin")
    go(page, "Users")
    expect(page.get_by_role("row", name=re.compile("^cashier"))).to_be_visible()
    name = f"lea-{uuid.uuid4().hex[:6]}"
    form = page.get_by_role("form", name="New user")
    form.get_by_label("Username").fill(name)
    form.get_by_label("Password").fill("short")
    form.get_by_label("Role").select_option("cashier")  # no role until one is chosen
    form.get_by_role("button", name="Create user").click()
    expect(form.locator("#new-password-error")).to_be_visible()  # the policy's refusal, at its field
    form.get_by_label("Password").fill("a long enough passphrase")
    form.get_by_label("Role").select_option("cashier")
    form.get_by_role("button", name="Create user").click()
    expect(page.locator(".notice")).to_have_text(f"{name} created (cashier).")
    page.get_by_label("Search users").fill(name)
    page.get_by_label(f"Role of {name}").select_option("employee")
    expect(page.locator(".notice")).to_have_text(f"{name}: now employee.")
    page.get_by_role("button", name=f"Deactivate {name}").click()
    expect(page.get_by_role("button", name=f"Reactivate {name}")).to_be_visible()
    page.get_by_role("button", name=f"Reactivate {name}").click()
    expect(page.get_by_role("button", name=f"Deactivate {name}")).to_be_visible()
    page.get_by_role("button", name=f"Reset the password of {name}").click()
    page.get_by_role("textbox", name="New password").fill("another long passphrase")
    page.get_by_role("button", name="Reset password").click()
    expect(page.locator(".notice")).to_contain_text("password reset")

    role = f"baker{uuid.uuid4().hex[:4]}"
    page.get_by_role("button", name="New role").click()
    dialog = page.get_by_role("dialog", name="New role")
    dialog.get_by_label("Name").fill(role)
    dialog.get_by_label("products.read", exact=True).check()
    dialog.get_by_label("stock.adjust", exact=True).check()
    dialog.get_by_role("button", name="Save role").click()
    expect(page.locator(".notice")).to_have_text(f"Role {role} saved (2 permissions).")
    expect(page.get_by_role("button", name=f"Edit {role}")).to_be_visible()
    page.context.close()
