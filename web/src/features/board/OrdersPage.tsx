// Orders: look one up by its number or invoice number (typed or scanned from a receipt),
// see what it still owes and take it, see its receipt, refund a sale.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Me, must, type Order } from "../../api/client";
import { can } from "../../auth/permissions";
import { statusName } from "../../lib/status";
import { useStoreTime } from "../../lib/time";
import { ReceiptDialog } from "../../ui/ReceiptDialog";
import { CollectDialog } from "./CollectDialog";
import { RefundDialog } from "./RefundDialog";

export default function OrdersPage({ me }: { me: Me }) {
  const [q, setQ] = useState("");
  const [shown, setShown] = useState<Order | null>(null);
  const [refunding, setRefunding] = useState<string | null>(null);
  const [minPosition, setMinPosition] = useState<number | undefined>();
  const [notice, setNotice] = useState("");
  const [paying, setPaying] = useState<Order | null>(null);
  const time = useStoreTime();
  const orders = useQuery({
    queryKey: ["orders", q, minPosition],
    queryFn: () => must(api.GET("/api/v1/orders", { params: { query: { per_page: 50, ...(q ? { q } : {}),
      ...(minPosition ? { min_position: minPosition } : {}) } } })),
  });
  const refunds = can(me.permissions, "orders.refund");
  const pays = can(me.permissions, "orders.pay");
  return (
    <section className="panel wide">
      <h1>Orders</h1>
      <div role="search" className="search">
        <label htmlFor="order-search">Order or invoice number</label>
        <input id="order-search" value={q} data-scanner="true" onChange={(e) => setQ(e.target.value.trim())} />
      </div>
      <p role="status" className="notice">{notice}</p>
      <div className="table-scroll" role="region" aria-label="Orders list" tabIndex={0}>
      <table className="orders">
        <thead><tr><th>Number</th><th>Invoice</th><th>Channel</th><th>Status</th><th className="num">Total</th>
          <th>Payment</th><th className="num">Refunded</th><th>Placed</th>
          <th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {orders.data?.items.map((o) => (
            <tr key={o.id}>
              <td>{o.number}</td><td>{o.invoice_number ?? ""}</td><td>{o.channel}</td>
              <td>{statusName(o.status, o.fulfilment)}</td><td className="num">{o.total}</td>
              <td>{o.status === "cancelled" ? "" : o.balance_due === "0.00" ? "Paid"
                : <span className="pay-mark due">Due {o.balance_due}</span>}</td>
              <td className="num">{o.refunded !== "0.00" ? o.refunded : ""}</td>
              <td>{time(o.created_at)}</td>
              <td className="row-actions">
                {pays && o.status !== "cancelled" && o.balance_due !== "0.00" && <button type="button"
                  onClick={() => setPaying(o)} aria-label={`Take payment for ${o.number}`}>Take payment</button>}
                {o.invoice_number && <button type="button" onClick={() => setShown(o)}
                  aria-label={`Receipt of ${o.number}`}>Receipt</button>}
                {o.invoice_number && refunds && o.refunded !== o.total && <button type="button"
                  onClick={() => setRefunding(o.id)} aria-label={`Refund ${o.number}`}>Refund</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <ReceiptDialog order={shown} onClose={() => setShown(null)} />
      <CollectDialog order={paying} me={me} onClose={() => setPaying(null)} onDone={(o) => {
        setPaying(null);
        setNotice(`${o.number}: ${o.payment_status === "paid" ? "paid" : `${o.balance_due} still due`}.`);
        setMinPosition(o.position ?? undefined);
      }} />
      <RefundDialog orderId={refunding} onClose={() => setRefunding(null)} onDone={(o) => {
        setRefunding(null);
        setNotice(`Refunded: ${o.number} now has ${o.refunded} refunded.`);
        setMinPosition(o.position ?? undefined);
      }} />
    </section>
  );
}
