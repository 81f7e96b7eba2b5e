// A discount on a line or the whole sale, refused as it is entered when it is over the
// cashier's limit; a manager then approves it on the spot with their own sign-in.
import { type FormEvent, useState } from "react";
import { api, ApiError, must } from "../../api/client";
import { Dialog } from "../../ui/Dialog";
import type { Discount } from "../../lib/cart";

export type Approval = { approval: string; approver_name: string; limit_percent: string };

export function DiscountDialog({ open, title, current, onClose, onApply, percentWith, limit, approval, onApproved }: {
  open: boolean; title: string; current?: Discount; onClose: () => void; onApply: (d: Discount | undefined) => void;
  percentWith: (d: Discount) => number; limit: number; approval: Approval | null; onApproved: (a: Approval) => void;
}) {
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <DiscountForm current={current} onApply={onApply} percentWith={percentWith} approval={approval}
        limit={approval ? Math.max(limit, Number(approval.limit_percent)) : limit} onApproved={onApproved} />
    </Dialog>
  );
}

function DiscountForm({ current, onApply, percentWith, limit, approval, onApproved }: {
  current?: Discount; onApply: (d: Discount | undefined) => void; percentWith: (d: Discount) => number;
  limit: number; approval: Approval | null; onApproved: (a: Approval) => void;
}) {
  const [kind, setKind] = useState<Discount["kind"]>(current?.kind ?? "percent");
  const [value, setValue] = useState(current?.value ?? "");
  const [over, setOver] = useState(false);
  const valid = kind === "percent" ? /^(100(\.0{1,3})?|\d{1,2}(\.\d{1,3})?)$/.test(value) : /^\d{1,7}(\.\d{1,2})?$/.test(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if (percentWith({ kind, value }) > limit + 1e-9) return setOver(true);
    onApply({ kind, value });
  };
  return (
    <>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Kind</legend>
          <label><input type="radio" name="kind" checked={kind === "percent"} onChange={() => setKind("percent")} /> Percent</label>
          <label><input type="radio" name="kind" checked={kind === "amount"} onChange={() => setKind("amount")} /> Amount</label>
        </fieldset>
        <label htmlFor="discount-value">{kind === "percent" ? "Percent off" : "Amount off"}</label>
        <input id="discount-value" inputMode="decimal" data-autofocus value={value}
          onChange={(e) => { setValue(e.target.value); setOver(false); }} />
        {value && !valid && <p className="error">{kind === "percent" ? "0 to 100" : "An amount like 1.50"}</p>}
        {approval && <p className="muted">Approved by {approval.approver_name} up to {approval.limit_percent} %.</p>}
        <div className="actions">
          {current && <button type="button" onClick={() => onApply(undefined)}>Remove discount</button>}
          <button type="submit" className="primary" disabled={!valid}>Apply</button>
        </div>
      </form>
      {over && <Approve limit={limit} onApproved={(a) => { onApproved(a); setOver(false); }} />}
    </>
  );
}

function Approve({ limit, onApproved }: { limit: number; onApproved: (a: Approval) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const approve = async (event: FormEvent) => {
    event.preventDefault();
    setError("");
    try {
      onApproved(await must(api.POST("/api/v1/pos/discount-approvals", { body: { username, password } })));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <form className="approve" onSubmit={approve} aria-label="Manager approval">
      <p className="error" role="alert">That is more than your {limit} % limit: a manager can approve it here.</p>
      <label htmlFor="approver">Manager's username</label>
      <input id="approver" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor="approver-password">Password</label>
      <input id="approver-password" type="password" autoComplete="off" value={password}
        onChange={(e) => setPassword(e.target.value)} />
      {error && <p className="error">{error}</p>}
      <button type="submit" disabled={!username || !password}>Approve</button>
    </form>
  );
}
