// Previous / next over a list the API pages (API.md paging): "Page 2 of 7 (160)".
export function Pager({ page, perPage, total, onPage, label = "Pages" }: {
  page: number; perPage: number; total: number | undefined; onPage: (page: number) => void; label?: string;
}) {
  const pages = Math.max(1, Math.ceil((total ?? 0) / perPage));
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</button>
      <span>Page {page} of {pages} ({total ?? 0})</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}
