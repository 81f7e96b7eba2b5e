"""A list or report as a PDF comes out whatever its values are: long text, ids with no
spaces, many columns, numbers of any width (the PDF export once answered 500 for a page
of customers whose notes were long)."""

from hypothesis import given, settings
from hypothesis import strategies as st

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
    widths, wraps = column_widths(columns, cells, regular, bold, 5.5)
    fitted = fit(widths, wraps)
    if fitted is not None:
        assert sum(fitted) <= PAGE_WIDTH + 0.01
        assert all(w > 7 for w in fitted)  # room for text inside the padding


def test_a_long_note_does_not_squeeze_the_id_beside_it() -> None:
    columns = ["id", "name", "notes", "balance"]
    cells = [["5c7e9acb-1db4-45a8-8bd0-0746bc44115b", "Ann Baker", "x " * 3000, "12.50"]]
    assert table_pdf("Customers", "page 1", columns, cells).startswith(b"%PDF-")
