// Forgetting a customer at their request: their name, contact details and addresses are
// erased for good (the server destroys the key they were sealed with); their purchases stay.
import { type FormEvent, useState } from "react";
import { api, must } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import type { Row } from "./areas";

type Forgotten = Row & { position?: number | null };

export function ForgetDialog({ customer, onClose, onDone }: {
  customer: Row | null; onClose: () => void; onDone: (forgotten: Forgotten) => void;
}) {
  const [failure, setFailure] = useState("");
  const name = String(customer?.full_name ?? "");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFailure("");
    try {
      onDone((await must(api.POST("/api/v1/customers/{id}/forget", { params: { path: { id: customer!.id } } }))
      ) as unknown as Forgotten);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog title="Forget this customer" open={customer !== null} onClose={() => { setFailure(""); onClose(); }}>
      <form onSubmit={submit}>
        <p>{name}&apos;s name, email, phone and addresses will be erased for good, also from the history,
          and the account they signed in with is closed. Their orders and payments stay in the reports.</p>
        <p>This cannot be undone.</p>
        {failure && <p className="error" role="alert">{failure}</p>}
        <button type="submit" className="danger">Forget {name}</button>
      </form>
    </Dialog>
  );
}
