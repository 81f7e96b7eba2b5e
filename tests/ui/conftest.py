"""Browser tests: the built web UI served by a real `oms serve --demo` (its own database),
driven by Playwright through Debian's chromium. Screenshots go to var/screenshots/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from psycopg import sql

from tests.conftest import drop
from tests.support.processes import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 820, "height": 1180}  # a tablet upright at the counter
PASSWORDS = {role: f"{role}-demo" for role in ("admin", "employee", "cashier", "viewer", "customer")}


@pytest.fixture(scope="session")
def site(server, template, tmp_path_factory) -> Iterator[str]:
    """The whole system with the bakery's demo data, as `make run` starts it."""
    assert (ROOT / "web/dist/index.html").is_file(), "build the UI first: make web"
    db = server.with_dbname(f"oms_ui_{uuid.uuid4().hex[:12]}")
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(db.dbname), sql.Identifier(template.dbname)))
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db.url(), "OMS_PORT": str(port),
           "OMS_DATA_DIR": str(tmp_path_factory.mktemp("ui-data")), "OMS_BCRYPT_ROUNDS": "4",
           "OMS_RATE_LIMIT_ANONYMOUS": "100000/minute", "OMS_RATE_LIMIT_USER": "100000/minute",
           "OMS_LOGIN_LIMIT": "100000/minute"}  # every test logs in from 127.0.0.1
    process = subprocess.Popen([sys.executable, "-m", "oms", "serve", "--demo"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield serving(process, f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=30)
        drop(server, db.dbname)


def serving(process: subprocess.Popen[bytes], base: str) -> str:
    for _ in range(300):
        assert process.poll() is None, "oms serve died"
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return base
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("oms serve never became ready")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Per module: sync Playwright runs its own event loop in this thread while it is open,
    and the async tests of other modules need the thread's loop back."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def log_in(browser: Browser, site: str, role: str, *, viewport: dict[str, int] = DESKTOP,
           dark: bool = False, **context: Any) -> Page:
    """A new browser (own cookies) with `role` logged in through the login form."""
    page = browser.new_context(base_url=site, viewport=viewport, color_scheme="dark" if dark else "light",
                               **context).new_page()
    page.goto("/login")
    page.get_by_label("Username").fill(role)
    page.get_by_label("Password").fill(PASSWORDS[role])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/(login)?$"))  # on to where the role's day starts
    return page


def go(page: Page, screen: str) -> None:
    """Open a screen from the main menu as a user does: on a phone the Menu button first,
    then the screen's group when it is in one."""
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=screen, exact=True)
    if not link.is_visible():
        nav.locator("details", has=page.locator(f"a:text-is('{screen}')")).locator("summary").click()
    link.click()


def open_till(page: Page, prefix: str = "till") -> str:
    """Open a shift on a register of its own, from the till's form; answer the register."""
    go(page, "Till")
    register = f"{prefix}-{uuid.uuid4().hex[:6]}"
    page.get_by_label(re.compile("^Register")).fill(register)
    page.get_by_role("button", name="Open shift").click()
    expect(page.get_by_label("Search or scan")).to_be_visible()
    return register


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def new_customer(page: Page, name: str, **fields: str) -> None:
    """On the Customers screen, add a customer through its form (fields by label)."""
    go(page, "Customers")
    page.get_by_role("button", name="New customer").click()
    form = page.get_by_role("dialog", name="New customer")
    form.get_by_label("Full name").fill(name)
    for label, value in fields.items():
        form.get_by_label(label.replace("_", " ").capitalize()).fill(value)
    form.get_by_role("button", name="Create").click()
    expect(page.locator(".notice")).to_have_text(f"Created {name}.")
