// One back-office area (customers, vendors, salesmen, expenses): search, page through,
// create, edit and archive; the API's refusals are shown at their fields.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { api, ApiError, must, type Me } from "../../api/client";
import { can } from "../../auth/permissions";
import { Dialog } from "../../ui/Dialog";
import { Pager } from "../../ui/Pager";
import type { LiveMessage } from "../../live/feed";
import { useLive } from "../../live/useLive";
import { type Area, type Field, type Row, takePayment, uploadPicture } from "./areas";
import { Movements } from "../../ui/Movements";
import { CustomerOrders } from "./CustomerOrders";
import { ForgetDialog } from "./ForgetDialog";

const HEADINGS: Record<string, string> = { balance: "Balance owed", stock: "On hand", available: "Available" };

const PER_PAGE = 25;

export default function RecordsPage({ area, me }: { area: Area; me: Me }) {
  const [q, setQ] = useState("");
  const [category, setCategory] = useState("");
  const categories = useQuery({ queryKey: ["categories"], enabled: area.name === "products",
    queryFn: () => must(api.GET("/api/v1/categories")) });
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Row | "new" | null>(null);
  const [paying, setPaying] = useState<Row | null>(null);
  const [picturing, setPicturing] = useState<Row | null>(null);
  const [history, setHistory] = useState<Row | null>(null);
  const [moves, setMoves] = useState<Row | null>(null);
  const [forgetting, setForgetting] = useState<Row | null>(null);
  const client = useQueryClient();
  useLive(useCallback((m: LiveMessage) => {  // the catalog's stock levels stay current
    if (area.name === "products" && m.type === "stock.changed") void client.invalidateQueries({ queryKey: [area.name] });
  }, [area.name, client]));
  const [minPosition, setMinPosition] = useState<number | undefined>();
  const [notice, setNotice] = useState("");
  const writes = can(me.permissions, area.write);
  const list = useQuery({
    queryKey: [area.name, q, category, page, minPosition],
    queryFn: () => area.list({ page, per_page: PER_PAGE, ...(q ? { q } : {}), ...(category ? { category } : {}),
      ...(minPosition ? { min_position: minPosition } : {}) }),
  });
  const done = (message: string, position?: number | null) => {
    setNotice(message);
    setMinPosition(position ?? undefined);
  };
  const label = (name: string) => area.fields.find((f) => f.name === name)?.label ?? name.replace("_", " ");
  return (
    <section className="panel wide">
      <h1>{area.title}</h1>
      <div className="bar">
        <div role="search" className="search">
          <label htmlFor={`${area.name}-search`}>Search {area.title.toLowerCase()}</label>
          <input id={`${area.name}-search`} value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} />
        </div>
        {area.name === "products" && <div className="field"><label htmlFor="catalog-category">Category</label>
          <select id="catalog-category" value={category} onChange={(e) => { setCategory(e.target.value); setPage(1); }}>
            <option value="">All</option>
            {categories.data?.items.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.products})</option>)}
          </select></div>}
        {writes && <button type="button" onClick={() => setEditing("new")}>New {area.singular}</button>}
      </div>
      <p role="status" className="notice">{notice}</p>
      {list.isError && <p className="error" role="alert">{String(list.error)}</p>}
      <div className="table-scroll" role="region" aria-label={`${area.title} list`} tabIndex={0}>
      <table className="records">
        <thead><tr>{area.columns.map((c) => <th key={c}>{HEADINGS[c] ?? label(c)}</th>)}
          <th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {list.data?.items.map((r) => (
            <tr key={r.id}>
              {area.columns.map((c) => <td key={c}>{String(r[c] ?? "")}</td>)}
              <td className="row-actions">
                {writes && <button type="button" onClick={() => setEditing(r)}
                  aria-label={`Edit ${String(r[area.columns[0]])}`}>Edit</button>}
                {area.name === "products" && <button type="button" onClick={() => setMoves(r)}
                  aria-label={`Movements of ${String(r.name)}`}>Movements</button>}
                {writes && area.name === "products" && <button type="button" onClick={() => setPicturing(r)}
                  aria-label={`Picture of ${String(r.name)}`}>Picture</button>}
                {area.name === "customers" && <button type="button" onClick={() => setHistory(r)}
                  aria-label={`Orders of ${String(r.full_name)}`}>Orders</button>}
                {writes && area.name === "customers" && r.balance !== "0.00" && <button type="button"
                  onClick={() => setPaying(r)} aria-label={`Take a payment from ${String(r.full_name)}`}>Payment</button>}
                {area.name === "customers" && can(me.permissions, "customers.forget") && <button type="button"
                  onClick={() => setForgetting(r)} aria-label={`Forget ${String(r.full_name)}`}>Forget</button>}
                {writes && <button type="button" aria-label={`Archive ${String(r[area.columns[0]])}`} onClick={async () => {
                  const gone = await area.archive(r.id);
                  done(`Archived ${String(r[area.columns[0]])}.`, gone.position);
                }}>Archive</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <Pager page={page} perPage={PER_PAGE} list={list.data} onPage={setPage} />
      <RecordForm area={area} record={editing} onClose={() => setEditing(null)} onDone={(saved, created) => {
        setEditing(null);
        done(`${created ? "Created" : "Saved"} ${String(saved[area.columns[0]])}.`, saved.position);
      }} />
      <PictureDialog product={picturing} onClose={() => setPicturing(null)} onDone={(saved) => {
        setPicturing(null);
        done(`New picture for ${String(saved.name)}.`, saved.position);
      }} />
      <CustomerOrders customer={history} onClose={() => setHistory(null)} />
      <Movements product={moves ? { id: moves.id, name: String(moves.name) } : null} onClose={() => setMoves(null)} />
      <ForgetDialog customer={forgetting} onClose={() => setForgetting(null)} onDone={(gone) => {
        setForgetting(null);
        done(`Forgotten: the customer now reads ${String(gone.full_name)}.`, gone.position);
      }} />
      <PaymentDialog customer={paying} onClose={() => setPaying(null)} onDone={(paid) => {
        setPaying(null);
        done(`Payment taken: ${String(paid.full_name)} now owes ${String(paid.balance)}.`, paid.position);
      }} />
    </section>
  );
}

function RecordForm({ area, record, onClose, onDone }: {
  area: Area; record: Row | "new" | null; onClose: () => void;
  onDone: (saved: Row & { position?: number | null }, created: boolean) => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState("");
  const creating = record === "new";
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: Record<string, string | null> = {};
    for (const field of area.fields) {
      const value = String(form.get(field.name) ?? "").trim();
      if (value || !creating) body[field.name] = value || (field.required ? value : null);
    }
    setErrors({});
    setFailure("");
    try {
      onDone(creating ? await area.create(body) : await area.update((record as Row).id, body), creating);
    } catch (err) {
      if (err instanceof ApiError && typeof err.details.field === "string") {
        const field = err.details.field.split(/[.[]/)[0];
        if (area.fields.some((f) => f.name === field)) {
          setErrors({ [field]: err.message });
          return;
        }
      }
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog title={creating ? `New ${area.singular}` : `Edit ${area.singular}`} open={record !== null} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {area.fields.map((field, i) => (
          <Input key={field.name} field={field} area={area.name} autoFocus={i === 0} error={errors[field.name]}
            value={record && record !== "new" ? String(record[field.name] ?? "") : ""} />
        ))}
        {failure && <p className="error" role="alert">{failure}</p>}
        <button type="submit">{creating ? "Create" : "Save"}</button>
      </form>
    </Dialog>
  );
}

const TYPES: Record<string, string> = { email: "email", tel: "tel", date: "date", money: "text", percent: "text" };

function Input({ field, area, value, error, autoFocus }: {
  field: Field; area: string; value: string; error?: string; autoFocus: boolean;
}) {
  const id = `${area}-${field.name}`;
  const common = {
    id, name: field.name, defaultValue: value, "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined, "data-autofocus": autoFocus ? true : undefined,
    required: field.required,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {field.kind === "vendor" ? <VendorSelect {...common} />
        : field.kind === "textarea" ? <textarea rows={2} {...common} />
        : <input type={TYPES[field.kind ?? ""] ?? "text"} inputMode={field.kind === "money" || field.kind === "percent"
          ? "decimal" : undefined} {...common} />}
      {error && <p id={`${id}-error`} className="error">{error}</p>}
    </div>
  );
}

/** Who supplies a product: the vendors not archived, or none. */
function VendorSelect(props: { id: string; name: string; defaultValue: string }) {
  const vendors = useQuery({ queryKey: ["vendors", "choice"],
    queryFn: () => must(api.GET("/api/v1/vendors", { params: { query: { per_page: 200 } } })) });
  return (
    <select {...props} key={vendors.data ? "loaded" : "loading"}>
      <option value="">None</option>
      {vendors.data?.items.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
    </select>
  );
}

function PaymentDialog({ customer, onClose, onDone }: {
  customer: Row | null; onClose: () => void; onDone: (paid: Row & { position?: number | null }) => void;
}) {
  const [failure, setFailure] = useState("");
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      onDone(await takePayment(customer!.id, form.get("method") as "cash" | "card" | "other",
        String(form.get("amount") ?? "")));
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog title="Payment on account" open={customer !== null} onClose={onClose}>
      <form onSubmit={submit}>
        <p>{String(customer?.full_name ?? "")} owes {String(customer?.balance ?? "")}.</p>
        <div className="field">
          <label htmlFor="payment-amount">Amount</label>
          <input id="payment-amount" name="amount" inputMode="decimal" defaultValue={String(customer?.balance ?? "")}
            data-autofocus />
        </div>
        <div className="field">
          <label htmlFor="payment-method">Paid by</label>
          <select id="payment-method" name="method" defaultValue="cash">
            <option value="cash">Cash</option><option value="card">Card</option><option value="other">Other</option>
          </select>
        </div>
        {failure && <p className="error" role="alert">{failure}</p>}
        <button type="submit">Take payment</button>
      </form>
    </Dialog>
  );
}

function PictureDialog({ product, onClose, onDone }: {
  product: Row | null; onClose: () => void; onDone: (saved: Row & { position?: number | null }) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  const [failure, setFailure] = useState("");
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]); // the old picture's memory
  const shown = preview ?? (product?.image_url as string | null | undefined);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!product || !file) return;
    setFailure("");
    try {
      onDone(await uploadPicture(product.id, file));
      setFile(null);
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Dialog title="Product picture" open={product !== null} onClose={() => { setFile(null); onClose(); }}>
      <form onSubmit={submit}>
        {shown ? <img className="picture-preview" src={shown} alt={`Picture of ${String(product?.name ?? "")}`} />
          : <p className="muted">No picture yet.</p>}
        <div className="field">
          <label htmlFor="picture-file">A JPEG, PNG or WebP picture</label>
          <input id="picture-file" type="file" accept="image/jpeg,image/png,image/webp" data-autofocus
            onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        {failure && <p className="error" role="alert">{failure}</p>}
        <button type="submit" className="primary" disabled={!file}>Upload</button>
      </form>
    </Dialog>
  );
}
