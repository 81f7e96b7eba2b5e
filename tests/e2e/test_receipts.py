"""Receipts: what the customer takes home, as HTML for the till's printer and as PDF."""

import asyncio
import re
import uuid

import msgspec

from tests.support.http import API, bearer, customer_token, error_of, new_product, post


async def sale(client, **fields):
    bread = await new_product(client, name="Pain de campagne", price="4.20", tax_rate="7")
    candle = {"name": "Bougie «Joyeux anniversaire»", "price": "1.50", "tax_rate": "19", "quantity": 2}
    shift = await post(client, "/shifts", {"register": f"r-{uuid.uuid4().hex[:8]}", "opening_float": "20.00"}, 201)
    return await post(client, "/pos/sales", {
        "shift_id": shift["id"], "items": [{"product_id": bread["id"], "quantity": 2,
                                            "discount": {"kind": "amount", "value": "0.40"}}, candle],
        "payments": [{"method": "card", "amount": "5.00"}, {"method": "cash", "amount": "20.00"}], **fields}, 201)


async def test_the_receipt_lists_lines_taxes_tenders_and_change(client) -> None:
    sold = await sale(client)
    response = await client.get(f"{API}/orders/{sold['id']}/receipt")
    assert response.status == 200 and response.content_type == "text/html"
    page = await response.text()
    # 2 x 4.20 - 0.40 = 8.00 net, 7 %: 0.56; 2 x 1.50 = 3.00 net, 19 %: 0.57; total 12.13; change 12.87
    for text in (f"Invoice {sold['invoice_number']}", "Pain de campagne", "-0.40", "Tax 7% on 8.00", "0.56",
                 "Tax 19% on 3.00", "0.57", "TOTAL", "12.13", "Card", "5.00", "Cash", "20.00", "Change", "12.87",
                 "Bougie «Joyeux anniversaire»", "Thank you!"):
        assert text in page, text
    assert "DUPLICATE" not in page
    assert "style-src 'sha256-" in response.headers["Content-Security-Policy"]
    # its invoice number as a Code 128 barcode: the till finds the sale by scanning it
    assert f'alt="barcode of {sold["invoice_number"]}" src="data:image/svg+xml;base64,' in page
    assert "img-src data:" in response.headers["Content-Security-Policy"]
    pdf = await client.get(f"{API}/orders/{sold['id']}/receipt", params={"format": "pdf"})
    body = await pdf.read()
    assert pdf.content_type == "application/pdf" and body.startswith(b"%PDF-")
    assert f"Receipt {sold['invoice_number']}".encode() in body  # the document's title


async def test_a_reprint_says_duplicate_and_is_kept_in_the_history(client) -> None:
    sold = await sale(client)
    page = await (await client.get(f"{API}/orders/{sold['id']}/receipt", params={"duplicate": "true"})).text()
    assert "DUPLICATE" in page
    history = await (await client.get(f"{API}/orders/{sold['id']}/history")).json()
    assert [e["type"] for e in history["items"]][-1] == "OrderReceiptReprinted"


async def test_customers_get_their_own_receipts_only_and_cannot_reprint(client) -> None:
    ann = await customer_token(client, "ann-receipt")
    me = await (await client.get(f"{API}/auth/me", headers=bearer(ann))).json()
    mine = await sale(client, customer_id=me["id"])
    theirs = await sale(client)
    assert (await client.get(f"{API}/orders/{mine['id']}/receipt", headers=bearer(ann))).status == 200
    await error_of(await client.get(f"{API}/orders/{theirs['id']}/receipt", headers=bearer(ann)), 404)
    await error_of(await client.get(f"{API}/orders/{mine['id']}/receipt", params={"duplicate": "1"},
                                    headers=bearer(ann)), 403)
    assert msgspec.json.decode(await (await client.get(f"{API}/orders/{mine['id']}/history")).read())


async def test_the_html_receipt_prints_on_one_80_mm_page_in_chromium(client, tmp_path) -> None:
    sold = await sale(client)
    page = tmp_path / "receipt.html"
    page.write_text(await (await client.get(f"{API}/orders/{sold['id']}/receipt")).text())
    printed = tmp_path / "receipt.pdf"
    done = await asyncio.create_subprocess_exec(
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        f"--print-to-pdf={printed}", page.as_uri(),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    assert await done.wait() == 0
    boxes = re.findall(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", printed.read_bytes())
    assert len(boxes) == 1  # one page, whatever the browser's default paper
    width_mm = float(boxes[0][0]) / 72 * 25.4
    assert abs(width_mm - 80) < 0.5, width_mm


async def receipt_lines(client, prices_include_tax: bool) -> str:
    assert (await client.patch(f"{API}/settings", json={"prices_include_tax": prices_include_tax})).status == 200
    croissant = await new_product(client, name="Butter croissant", price="2.60", tax_rate="7")
    shift = await post(client, "/shifts", {"register": f"r-{uuid.uuid4().hex[:8]}", "opening_float": "0"}, 201)
    sold = await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [
        {"product_id": croissant["id"], "quantity": 2}], "payments": [{"method": "cash", "amount": "10.00"}]}, 201)
    page = await (await client.get(f"{API}/orders/{sold['id']}/receipt")).text()
    return " ".join(re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1]).split())


async def test_a_receipt_line_shows_its_price_and_its_amount_of_the_same_kind(client) -> None:
    net = await receipt_lines(client, False)
    assert "2 x Butter croissant 5.20 @ 2.60" in net  # both without tax
    assert "Net 5.20 Tax 7% on 5.20 0.36 TOTAL EUR 5.56" in net
    gross = await receipt_lines(client, True)
    assert "2 x Butter croissant 5.20 @ 2.60" in gross  # both with tax, as the shelf says
    assert "TOTAL EUR 5.20 incl. tax 7% of 5.20 0.34" in gross
