"""A table as a PDF (reportlab), landscape A4: every column the screen shows, each as wide
as its widest value so that a number never breaks across lines; the type gets smaller
(down to `SMALLEST`) before a text column has to wrap, and text wraps only at spaces."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from html import escape
from typing import Any, NamedTuple

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from oms.http.receipts import fonts

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
SIZES = (8.0, 7.0, 6.0, 5.5)
SMALLEST = SIZES[-1]
PADDING = 7.0  # points left and right of a cell's text, together
PAGE_WIDTH = landscape(A4)[0] - 20 * mm
NARROWEST = 14 * mm  # a text column is never narrower (unless its widest value is)


class Widths(NamedTuple):
    """Each column's width at a type size, whether it may wrap (text does, numbers never),
    and the least it may be narrowed to (its header's longest word, else `NARROWEST`)."""

    widths: list[float]
    wraps: list[bool]
    floors: list[float]


def column_widths(columns: Sequence[str], cells: Sequence[Sequence[str]], font: str, bold: str, size: float,
                  ) -> Widths:
    out = Widths([], [], [])
    for i, name in enumerate(columns):
        values = [line[i] for line in cells]
        words = max((stringWidth(w, bold, size) for w in name.split()), default=0) + PADDING
        widest = max((stringWidth(v[:300], font, size) for v in values), default=0)
        width = max(widest + PADDING, words, SMALLEST * 2 + PADDING)  # room for a glyph or two, even when empty
        out.widths.append(width)
        out.wraps.append(not all(NUMBER.fullmatch(v) or not v for v in values))
        out.floors.append(max(words, min(width, NARROWEST)))
    return out


def fit(columns: Widths) -> list[float] | None:
    """The widths within the page: a text column keeps at least its floor and shares what is
    left in proportion to its width; None when the numbers and those floors do not fit."""
    widths, wraps, floors = columns
    free = PAGE_WIDTH - sum(w for w, wrap in zip(widths, wraps, strict=True) if not wrap)
    text = [(w, f) for w, f, wrap in zip(widths, floors, wraps, strict=True) if wrap]
    if sum(w for w, _ in text) <= free:
        return widths
    if free < sum(f for _, f in text):
        return None
    scale = (free - sum(f for _, f in text)) / sum(w - f for w, f in text)
    return [f + (w - f) * scale if wrap else w for w, f, wrap in zip(widths, floors, wraps, strict=True)]


def table_pdf(title: str, subtitle: str, columns: Sequence[str], cells: Sequence[Sequence[str]]) -> bytes:
    regular, bold = fonts()
    heads = [c.replace("_", " ") for c in columns]
    for size in SIZES:
        measured = column_widths(heads, cells, regular, bold, size)
        fitted = fit(measured)
        if fitted is not None or size == SMALLEST:
            break
    text = ParagraphStyle("cell", fontName=regular, fontSize=size, leading=size * 1.2)
    head = ParagraphStyle("head", parent=text, fontName=bold)
    data: list[list[object]] = [[Paragraph(escape(h), head) for h in heads]]
    data += [[Paragraph(escape(v[:300]), text) if measured.wraps[i] else v for i, v in enumerate(line)]
             for line in cells]
    table = LongTable(data, repeatRows=1, colWidths=fitted or [PAGE_WIDTH / len(heads)] * len(heads))
    style: list[Any] = [("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")), ("FONT", (0, 1), (-1, -1), regular, size),
             ("LEFTPADDING", (0, 0), (-1, -1), PADDING / 2), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING / 2)]
    style += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i, wrap in enumerate(measured.wraps) if not wrap]
    table.setStyle(TableStyle(style))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=10 * mm, bottomMargin=10 * mm, title=title)
    doc.build([Paragraph(escape(title), ParagraphStyle("t", fontName=bold, fontSize=14, leading=17)),
               Paragraph(escape(subtitle), ParagraphStyle("s", fontName=regular, fontSize=9)), Spacer(1, 4 * mm),
               table])
    return out.getvalue()
