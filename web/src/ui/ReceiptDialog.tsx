// The receipt as the server renders it (80 mm), shown in a frame and printed with the
// browser's print; a reprint is marked DUPLICATE and audited by the server.
import { useRef, useState } from "react";
import type { Order } from "../api/client";
import { Dialog } from "./Dialog";

export function ReceiptDialog({ order, onClose }: { order: Order | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [duplicate, setDuplicate] = useState(false);
  const src = order ? `/api/v1/orders/${order.id}/receipt${duplicate ? "?duplicate=true" : ""}` : "";
  const print = () => frame.current?.contentWindow?.print();
  const close = () => {
    setDuplicate(false);
    onClose();
  };
  return (
    <Dialog title={order ? `Receipt ${order.invoice_number ?? order.number}` : "Receipt"} open={order !== null}
      onClose={close}>
      {order && (
        <>
          {order.change_due && order.change_due !== "0.00" && (
            <p className="change" role="status">Change due: <strong>{order.change_due}</strong></p>
          )}
          <iframe ref={frame} key={src} src={src} title="Receipt" className="receipt" />
          <div className="actions">
            <button type="button" onClick={print}>Print</button>
            <button type="button" onClick={() => setDuplicate(true)} disabled={duplicate}>Reprint (duplicate)</button>
            <button type="button" className="primary" onClick={close} data-autofocus>New sale</button>
          </div>
        </>
      )}
    </Dialog>
  );
}
