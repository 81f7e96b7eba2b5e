"""Receipts, as printable HTML (80 mm roll, printed by the browser) and as PDF (reportlab).

Both are drawn from one list of rows (`rows`), so they cannot say different things.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from oms.http.render import percent

Row = tuple[str, str, str]  # kind, left, right
WIDTH, MARGIN = 80 * mm, 4 * mm
BARCODE_MM = 14
SIZES = {"title": 13.0, "total": 11.0, "mark": 11.0}
CSS = (
    "body{margin:0;background:#fff;color:#000}"
    ".receipt{width:72mm;padding:4mm;font:12px/1.35 'DejaVu Sans',sans-serif}"
    "p{display:flex;justify-content:space-between;gap:2mm;margin:0;white-space:pre-wrap}"
    ".title{justify-content:center;font-weight:bold;font-size:16px}.text{justify-content:center;text-align:center}"
    ".mark{justify-content:center;font-weight:bold;border:2px solid #000;margin:1mm 0}"
    ".rule{border-top:1px dashed #000;margin:1.5mm 0}.total{font-weight:bold;font-size:14px}"
    ".sub{padding-left:3mm}"
)
# printed heights; other rows 4.3 mm a line
ROW_MM = {"title": 6.0, "mark": 6.5, "total": 5.2, "rule": 3.5, "barcode": BARCODE_MM}
CHARS_PER_LINE = 40  # 72 mm of 12 px text, about
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONTS = threading.Lock()


@dataclass(frozen=True)
class Printed:
    receipt: dict[str, Any]
    store: dict[str, str]  # name, address, header, footer, currency
    cashier: str
    at: str  # local time, formatted
    duplicate: bool


def amount(value: Decimal) -> str:
    return f"{value:.2f}"


def rows(p: Printed) -> list[Row]:
    r = p.receipt
    out: list[Row] = [("title", p.store["name"], "")]
    out += [("text", text, "") for text in (p.store["address"], p.store["header"]) if text]
    if p.duplicate:
        out.append(("mark", "DUPLICATE", ""))
    out += [("line", f"Invoice {r['number']}", ""), ("line", p.at, r["register"] or ""),
            ("line", f"Cashier: {p.cashier}", ""), ("rule", "", "")]
    for line in r["lines"]:
        out.append(("line", f"{line['quantity']} x {line['name']}", amount(line["total"])))
        if line["quantity"] > 1:
            out.append(("sub", f"@ {amount(line['unit_price'])}", ""))
        if line["discount"]:
            out.append(("sub", "discount", f"-{amount(line['discount'])}"))
    out.append(("rule", "", ""))
    if r["discount"]:
        out.append(("line", "Discounts", f"-{amount(r['discount'])}"))
    total: Row = ("total", f"TOTAL {p.store.get('currency', '')}".strip(), amount(r["total"]))
    if r["prices_include_tax"]:  # the lines include tax: the total, then the tax inside it per rate
        out.append(total)
        out += [("sub", f"incl. tax {percent(t['rate'])}% of {amount(t['net'] + t['tax'])}", amount(t["tax"]))
                for t in r["taxes"]]
    else:
        out.append(("line", "Net", amount(r["subtotal"])))
        out += [("sub", f"Tax {percent(t['rate'])}% on {amount(t['net'])}", amount(t["tax"])) for t in r["taxes"]]
        out.append(total)
    out += [("line", p_["method"].title(), amount(p_["amount"])) for p_ in r["payments"]]
    if r["change_due"]:
        out.append(("line", "Change", amount(r["change_due"])))
    out += [("line", f"Refunded: {refund['reason']}", f"-{amount(refund['amount'])}") for refund in r["refunds"]]
    if p.store["footer"]:
        out += [("rule", "", ""), ("text", p.store["footer"], "")]
    return [*out, ("barcode", r["number"], "")]  # scanned at the till to find the sale again


def page_css(printed: list[Row]) -> str:
    """The page: 80 mm wide and as long as the receipt (the roll is cut after it), so the
    browser prints one page whatever its default paper."""
    lines = sum(ROW_MM.get(kind, 4.3) * max(1, -(-(len(left) + len(right) + 2) // CHARS_PER_LINE))
                for kind, left, right in printed)
    return f"@page{{size:80mm {round(lines + 18)}mm;margin:0}}" + CSS


def csp(style: str) -> str:
    """This page's policy: nothing but its one style, named by hash, and its barcode image."""
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; frame-ancestors 'self'"


def barcode(value: str) -> Drawing:
    """Code 128 of `value` (the invoice number: what a scanner types back)."""
    drawing: Drawing = createBarcodeDrawing(  # type: ignore[no-untyped-call]
        "Code128", value=value, barHeight=10 * mm, barWidth=0.3 * mm, humanReadable=False)
    return drawing


def barcode_img(value: str) -> str:
    svg = base64.b64encode(renderSVG.drawToString(barcode(value)).encode()).decode()
    return f'<img alt="barcode of {html.escape(value)}" src="data:image/svg+xml;base64,{svg}">'



def to_html(p: Printed) -> tuple[str, str]:
    """The page and its Content-Security-Policy."""
    printed = rows(p)
    style = page_css(printed)
    body = "".join(
        '<p class="rule"></p>' if kind == "rule" else
        f'<p class="text">{barcode_img(left)}</p>' if kind == "barcode" else
        f'<p class="{kind}"><span>{html.escape(left)}</span>'
        + (f"<span>{html.escape(right)}</span>" if right else "") + "</p>"
        for kind, left, right in printed)
    title = html.escape(f"Receipt {p.receipt['number']}" + (" (duplicate)" if p.duplicate else ""))
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<style>{style}</style></head><body><main class="receipt">{body}</main></body></html>')
    return page, csp(style)


def fonts() -> tuple[str, str]:
    """DejaVu (most scripts) when the machine has it, else the PDF standard Helvetica."""
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    with FONTS:  # receipts are drawn in threads: one registers, the others wait for both fonts
        if "DejaVuSans-Bold" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


def to_pdf(p: Printed) -> bytes:
    regular, bold = fonts()
    inner = WIDTH - 2 * MARGIN
    laid: list[tuple[str, list[str], str, str, float]] = []  # kind, left lines, right, font, size
    for kind, left, right in rows(p):
        font, size = (bold if kind in SIZES else regular), SIZES.get(kind, 8.5)
        room = inner - (pdfmetrics.stringWidth(right, font, size) + 2 * mm if right else 0)
        laid.append((kind, simpleSplit(left, font, size, room) or [""], right, font, size))
    height = 2 * MARGIN + sum(4 * mm if kind == "rule" else BARCODE_MM * mm if kind == "barcode"
                              else len(lines) * size * 1.3
                              for kind, lines, _, _, size in laid)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(WIDTH, height), pageCompression=1)
    page.setTitle(f"Receipt {p.receipt['number']}")
    y = height - MARGIN
    for kind, lines, right, font, size in laid:
        if kind == "barcode":
            drawing = barcode(lines[0])
            y -= BARCODE_MM * mm
            renderPDF.draw(drawing, page, (WIDTH - drawing.width) / 2, y + 2 * mm)
            continue
        if kind == "rule":
            page.setDash(2, 2)
            page.line(MARGIN, y - 2 * mm, WIDTH - MARGIN, y - 2 * mm)
            y -= 4 * mm
            continue
        page.setFont(font, size)
        for number, text in enumerate(lines):
            y -= size * 1.3
            if kind in ("title", "text", "mark"):
                page.drawCentredString(WIDTH / 2, y + size * 0.3, text)
            else:
                page.drawString(MARGIN + (3 * mm if kind == "sub" else 0), y + size * 0.3, text)
            if number == 0 and right:
                page.drawRightString(WIDTH - MARGIN, y + size * 0.3, right)
    page.showPage()
    page.save()
    return out.getvalue()
