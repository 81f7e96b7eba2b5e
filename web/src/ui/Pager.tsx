// Previous / next over a list the API pages (API.md paging): "Page 2 of 7 (160)"; past
// 1,000 matches the API estimates the total: "Page 2 of about 240 (about 12,000)".
type Counted = { total: number; total_estimated: boolean };

export function Pager({ page, perPage, list, onPage, label = "Pages" }: {
  page: number; perPage: number; list: Counted | undefined; onPage: (page: number) => void; label?: string;
}) {
  const total = list?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const about = list?.total_estimated ? "about " : "";
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>Previous</button>
      <span>Page {page} of {about}{pages} ({about}{total.toLocaleString()})</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}
