"""A list or report as a PDF comes out whatever its values are: long text, ids with no
spaces, many columns, numbers of any width (the PDF export once answered 500 for a page
of customers whose notes were long)."""

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from oms.http.exports import cell, filename, pdf, text
from oms.http.receipts import fonts
from oms.http.tables import PAGE_WIDTH, column_widths, fit, table_pdf

VALUE = st.one_of(st.text(max_size=400), st.uuids().map(str), st.decimals(-10**9, 10**9, places=2).map(str))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 14).flatmap(lambda n: st.tuples(
    st.lists(st.text(min_size=1, max_size=30), min_size=n, max_size=n),
    st.lists(st.lists(VALUE, min_size=n, max_size=n), max_size=12))))
def test_any_table_comes_out_as_a_pdf_within_the_page(table) -> None:
    columns, cells = table
    assert table_pdf("Customers", "page 1", columns, cells).startswith(b"%PDF-")
    regular, bold = fonts()
    measured = column_widths(columns, cells, regular, bold, 5.5)
    fitted = fit(measured)
    if fitted is not None:
        assert sum(fitted) <= PAGE_WIDTH + 0.01
        assert all(w >= floor > 7 for w, floor in zip(fitted, measured.floors, strict=True))  # a header word whole


def test_a_long_note_does_not_squeeze_the_id_beside_it() -> None:
    columns = ["id", "name", "notes", "balance"]
    cells = [["5c7e9acb-1db4-45a8-8bd0-0746bc44115b", "Ann Baker", "x " * 3000, "12.50"]]
    assert table_pdf("Customers", "page 1", columns, cells).startswith(b"%PDF-")


def test_a_header_word_is_never_broken_and_a_pdf_shows_text_unquoted() -> None:
    assert (cell("+33 4 11"), text("+33 4 11")) == ("'+33 4 11", "+33 4 11")  # quoted in CSV only
    named = filename("Bäckerei Morgenrot", "customers", "2026-12-08", "pdf")
    assert named == "backerei-morgenrot-customers-2026-12-08.pdf"
    regular, bold = fonts()
    columns = ["id", "full name", "email", "phone", "billing address", "delivery address", "credit limit",
               "balance", "user id", "archived", "version", "created at", "updated at"]
    row = ["9d2a9bdd-96e8-4c64-aaa7-1d26bdfee5db", "Café du Coin", "bonjour@cafeducoin.example", "+33 4 11 22 33 44",
           "3 Place Bellecour, Lyon", "3 Place Bellecour, Lyon", "300.00", "87.50", "", "False", "2",
           "2026-12-08T00:13:02.508290Z", "2026-12-08T00:13:02.514330Z"]
    for size in (8.0, 5.5):
        widths = fit(column_widths(columns, [row], regular, bold, size)) or []
        assert widths[columns.index("archived")] >= stringWidth("archived", bold, size) + 7
    assert pdf("Customers", "", columns, [row]).startswith(b"%PDF-")
