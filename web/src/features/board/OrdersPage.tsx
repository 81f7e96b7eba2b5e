// Orders: look one up by its number or invoice number (typed or scanned from a receipt),
// see it, reprint its receipt.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Me, must, type Order } from "../../api/client";
import { ReceiptDialog } from "../pos/ReceiptDialog";

export default function OrdersPage(_: { me: Me }) {
  const [q, setQ] = useState("");
  const [shown, setShown] = useState<Order | null>(null);
  const orders = useQuery({
    queryKey: ["orders", q],
    queryFn: () => must(api.GET("/api/v1/orders", { params: { query: { per_page: 50, ...(q ? { q } : {}) } } })),
  });
  return (
    <section className="panel wide">
      <h1>Orders</h1>
      <div role="search" className="search">
        <label htmlFor="order-search">Order or invoice number</label>
        <input id="order-search" value={q} data-scanner="true" onChange={(e) => setQ(e.target.value.trim())} />
      </div>
      <table className="orders">
        <thead><tr><th>Number</th><th>Invoice</th><th>Channel</th><th>Status</th><th>Total</th><th>Placed</th><th /></tr></thead>
        <tbody>
          {orders.data?.items.map((o) => (
            <tr key={o.id}>
              <td>{o.number}</td><td>{o.invoice_number ?? ""}</td><td>{o.channel}</td><td>{o.status}</td>
              <td>{o.total}</td><td>{new Date(o.created_at).toLocaleString()}</td>
              <td>{o.channel === "pos" && <button type="button" onClick={() => setShown(o)}
                aria-label={`Receipt of ${o.number}`}>Receipt</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReceiptDialog order={shown} onClose={() => setShown(null)} />
    </section>
  );
}
