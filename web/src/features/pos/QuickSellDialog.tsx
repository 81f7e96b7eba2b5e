import { type FormEvent, useState } from "react";
import { Dialog } from "../../ui/Dialog";
import { Field } from "../../ui/Field";
import type { CartLine } from "../../lib/cart";

let quickCount = 0;

export function QuickSellDialog({ open, onClose, onAdd }: {
  open: boolean; onClose: () => void; onAdd: (line: CartLine) => void;
}) {
  const [name, setName] = useState("");
  const [unitPrice, setUnitPrice] = useState("");
  const [taxRate, setTaxRate] = useState("7");
  const priceOk = /^\d{1,7}(\.\d{1,2})?$/.test(unitPrice);
  const rateOk = /^(100|\d{1,2})(\.\d{1,3})?$/.test(taxRate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !priceOk || !rateOk) return;
    onAdd({ key: `quick:${++quickCount}`, name: name.trim(), price: unitPrice, taxRate, quantity: 1 });
    setName("");
    setUnitPrice("");
  };
  return (
    <Dialog title="Quick sell" open={open} onClose={onClose}>
      <form onSubmit={submit}>
        <Field id="quick-name" label="Item" required value={name} onChange={(e) => setName(e.target.value)} data-autofocus />
        <Field id="quick-price" label="Price" inputMode="decimal" required value={unitPrice}
          error={unitPrice && !priceOk ? "An amount like 2.50" : undefined} onChange={(e) => setUnitPrice(e.target.value)} />
        <Field id="quick-tax" label="Tax rate (%)" inputMode="decimal" required value={taxRate}
          error={!rateOk ? "0 to 100" : undefined} onChange={(e) => setTaxRate(e.target.value)} />
        <button type="submit" className="primary">Add to sale</button>
      </form>
    </Dialog>
  );
}
