// A product's stock movements, newest first, paged by the API: cause, change, the level
// after it and why (the Stock screen's counting sheet and the Catalog open it).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client";
import { Dialog } from "./Dialog";
import { Pager } from "./Pager";

const PER_PAGE = 25;

export function Movements({ product, onClose }: { product: { id: string; name: string } | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ["movements", product?.id, page],
    queryFn: () => must(api.GET("/api/v1/products/{id}/stock-movements", {
      params: { path: { id: product!.id }, query: { page, per_page: PER_PAGE } } })),
    enabled: product !== null,
  });
  return (
    <Dialog title={`Movements of ${product?.name ?? ""}`} open={product !== null} wide
      onClose={() => { setPage(1); onClose(); }}>
      <div className="table-scroll" role="region" aria-label="Movements" tabIndex={0}>
        <table className="records">
          <thead><tr><th>When</th><th>What</th><th>Change</th><th>Level</th><th>Why</th></tr></thead>
          <tbody>
            {list.data?.items.map((m) => (
              <tr key={m.version}><td>{new Date(m.at).toLocaleString()}</td><td>{m.cause.replace("_", " ")}</td>
                <td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td><td>{m.level}</td><td>{m.reason ?? ""}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} perPage={PER_PAGE} list={list.data} onPage={setPage} label="Pages of movements" />
    </Dialog>
  );
}
