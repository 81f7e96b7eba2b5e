// A customer's orders (their own and those staff placed for them), paged by the API,
// with their balance and credit limit above.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import { Pager } from "../../ui/Pager";
import type { Row } from "./areas";

const PER_PAGE = 10;

export function CustomerOrders({ customer, onClose }: { customer: Row | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const orders = useQuery({
    queryKey: ["customer-orders", customer?.id, page], enabled: customer !== null,
    queryFn: () => must(api.GET("/api/v1/orders", { params: { query: {
      customer_id: String(customer?.id), page, per_page: PER_PAGE } } })),
  });
  const name = String(customer?.full_name ?? "");
  return (
    <Dialog title={`Orders of ${name}`} open={customer !== null} onClose={() => { setPage(1); onClose(); }} wide>
      <p>Owes {String(customer?.balance ?? "0.00")} of a credit limit of {String(customer?.credit_limit ?? "0.00")}.</p>
      {orders.data?.total === 0 ? <p className="muted">No orders yet.</p> : (
        <div className="table-scroll" role="region" aria-label={`Orders of ${name}`} tabIndex={0}>
          <table className="records">
            <thead><tr><th>Number</th><th>Placed</th><th>Status</th><th>Payment</th><th>Total</th><th>Items</th></tr></thead>
            <tbody>{orders.data?.items.map((o) => (
              <tr key={o.id}><td>{o.number}</td><td>{new Date(o.created_at).toLocaleString()}</td><td>{o.status}</td>
                <td>{o.payment_status}</td><td>{o.total}</td>
                <td>{o.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}</td></tr>))}</tbody>
          </table>
        </div>)}
      <Pager page={page} perPage={PER_PAGE} list={orders.data} onPage={setPage} label="Pages of orders" />
    </Dialog>
  );
}
