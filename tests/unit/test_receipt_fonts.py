"""Receipts are drawn in threads at once: the first ones must not see half-registered fonts
(the bench's receipt phase once answered 500: no afm found for 'DejaVuSans-Bold')."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from reportlab.pdfbase import pdfmetrics

from oms.http.receipts import Printed, to_pdf

RECEIPT = {"number": "B-000001", "register": "till-1", "discount": Decimal(0), "subtotal": Decimal("2.60"),
           "lines": [{"quantity": 1, "name": "Croissant", "total": Decimal("2.78"), "unit_price": Decimal("2.60"),
                      "discount": Decimal(0)}],
           "taxes": [{"rate": Decimal(7), "net": Decimal("2.60"), "tax": Decimal("0.18")}], "total": Decimal("2.78"),
           "payments": [{"method": "cash", "amount": Decimal("2.78")}], "change_due": Decimal(0), "refunds": [],
           "prices_include_tax": False}


def test_receipts_drawn_at_once_in_threads_all_come_out() -> None:
    pdfmetrics._fonts.pop("DejaVuSans-Bold", None)  # as in a fresh process
    pdfmetrics._fonts.pop("DejaVuSans", None)
    printed = Printed(RECEIPT, {"name": "Bakery", "address": "", "header": "", "footer": ""}, "Ann", "now", False)
    with ThreadPoolExecutor(16) as pool:
        pdfs = list(pool.map(lambda _: to_pdf(printed), range(64)))
    assert all(pdf.startswith(b"%PDF-") for pdf in pdfs)
