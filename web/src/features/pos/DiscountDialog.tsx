import { type FormEvent, useState } from "react";
import { Dialog } from "../../ui/Dialog";
import type { Discount } from "./cart";

export function DiscountDialog({ open, title, current, onClose, onApply }: {
  open: boolean; title: string; current?: Discount; onClose: () => void; onApply: (d: Discount | undefined) => void;
}) {
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <DiscountForm current={current} onApply={onApply} />
    </Dialog>
  );
}

function DiscountForm({ current, onApply }: { current?: Discount; onApply: (d: Discount | undefined) => void }) {
  const [kind, setKind] = useState<Discount["kind"]>(current?.kind ?? "percent");
  const [value, setValue] = useState(current?.value ?? "");
  const valid = kind === "percent" ? /^(100(\.0{1,3})?|\d{1,2}(\.\d{1,3})?)$/.test(value) : /^\d{1,7}(\.\d{1,2})?$/.test(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onApply({ kind, value });
  };
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>Kind</legend>
        <label><input type="radio" name="kind" checked={kind === "percent"} onChange={() => setKind("percent")} /> Percent</label>
        <label><input type="radio" name="kind" checked={kind === "amount"} onChange={() => setKind("amount")} /> Amount</label>
      </fieldset>
      <label htmlFor="discount-value">{kind === "percent" ? "Percent off" : "Amount off"}</label>
      <input id="discount-value" inputMode="decimal" data-autofocus value={value} onChange={(e) => setValue(e.target.value)} />
      {value && !valid && <p className="error">{kind === "percent" ? "0 to 100" : "An amount like 1.50"}</p>}
      <div className="actions">
        {current && <button type="button" onClick={() => onApply(undefined)}>Remove discount</button>}
        <button type="submit" className="primary" disabled={!valid}>Apply</button>
      </div>
    </form>
  );
}
