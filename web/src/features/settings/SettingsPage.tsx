// The shop's settings (admin): store details and receipt texts, services, discount limits,
// opening hours and closed days, pickup slots, theme. Each save is one PATCH of what
// changed; the API's refusal is shown at its field.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, ApiError, must } from "../../api/client";

type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
const DAYS: [Day, string][] = [["mon", "Monday"], ["tue", "Tuesday"], ["wed", "Wednesday"], ["thu", "Thursday"],
  ["fri", "Friday"], ["sat", "Saturday"], ["sun", "Sunday"]];
const SERVICES = [["online_orders", "Online orders"], ["delivery", "Delivery"], ["quick_sell", "Quick sell at the till"],
  ["custom_orders", "Custom orders"]] as const;
const ROLES = ["cashier", "employee", "admin"];

export default function SettingsPage() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => must(api.GET("/api/v1/settings")) });
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [notice, setNotice] = useState("");
  if (!settings.data) return <section className="panel wide"><h1>Settings</h1><p>Loading…</p></section>;
  const s = settings.data;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const hours: Record<string, { opens: string; closes: string }[]> = {};
    for (const [day] of DAYS) {
      const opens = text(`${day}-opens`), closes = text(`${day}-closes`);
      hours[day] = form.get(`${day}-open`) && opens && closes ? [{ opens, closes }] : [];
    }
    const body = {
      store_name: text("store_name"), address: text("address"), timezone: text("timezone"),
      receipt_header: text("receipt_header"), receipt_footer: text("receipt_footer"),
      services: Object.fromEntries(SERVICES.map(([name]) => [name, form.get(name) === "on"])),
      discount_limits: Object.fromEntries(ROLES.map((role) => [role, text(`limit-${role}`) || "0"])),
      delivery_minimum: text("delivery_minimum") || "0",
      delivery_fee: text("delivery_fee") || "0", delivery_tax_rate: text("delivery_tax_rate") || "0",
      out_of_hours: text("out_of_hours"),
      store_hours: hours,
      closed_days: text("closed_days").split(/[\s,]+/).filter(Boolean),
      pickup_slots: { minutes: Number(text("slot_minutes")), capacity: Number(text("slot_capacity")) },
      default_theme: text("default_theme"), deposit_on_cancel: text("deposit_on_cancel"),
      prices_include_tax: form.get("prices_include_tax") === "on",
      currency: text("currency").toUpperCase(),
      tax_rates: taxRates(text("tax_rates")),
      low_stock_level: Number(text("low_stock_level") || "0"),
    };
    setError(null);
    setNotice("");
    try {
      const saved = await must(api.PATCH("/api/v1/settings", { body: body as never }));
      client.setQueryData(["settings"], saved);
      await client.invalidateQueries({ queryKey: ["store"] });
      setNotice(`Saved (version ${saved.version}).`);
    } catch (err) {
      setError(err instanceof ApiError ? { field: String(err.details.field ?? ""), message: err.message }
        : { field: "", message: String(err) });
    }
  };
  const at = (field: string) => (error && error.field.startsWith(field) ? error.message : undefined);
  const hoursOf = (day: Day) => (s.store_hours as Record<string, { opens: string; closes: string }[]>)[day] ?? [];
  return (
    <section className="panel wide">
      <h1>Settings</h1>
      <form onSubmit={submit} className="settings" key={s.version}>
        <fieldset>
          <legend>The shop</legend>
          <Text name="store_name" label="Store name" value={s.store_name} error={at("store_name")} />
          <Text name="address" label="Address" value={s.address} error={at("address")} />
          <Text name="timezone" label="Time zone (e.g. Europe/Paris)" value={s.timezone} error={at("timezone") ??
            (error?.message.includes("time zone") ? error.message : undefined)} />
          <Text name="receipt_header" label="Receipt header" value={s.receipt_header} error={at("receipt_header")} />
          <Text name="receipt_footer" label="Receipt footer" value={s.receipt_footer} error={at("receipt_footer")} />
          <Text name="currency" label="Currency (ISO code, e.g. EUR)" value={s.currency} error={at("currency")} />
          <Text name="tax_rates" label="Tax rates offered (e.g. reduced 7, standard 19; none: any)"
            value={s.tax_rates.map((t) => `${t.name} ${t.rate}`).join(", ")} error={at("tax_rates")} />
          <label><input type="checkbox" name="prices_include_tax" defaultChecked={s.prices_include_tax} /> Prices
            include tax</label>
          <Text name="low_stock_level" label="Low stock at (units available)" value={String(s.low_stock_level)}
            error={at("low_stock_level")} />
        </fieldset>
        <fieldset>
          <legend>Services</legend>
          {SERVICES.map(([name, label]) => (
            <label key={name}><input type="checkbox" name={name} defaultChecked={s.services[name]} /> {label}</label>
          ))}
          <Text name="delivery_minimum" label="Delivery minimum order" value={s.delivery_minimum}
            error={at("delivery_minimum")} />
          <Text name="delivery_fee" label="Delivery fee" value={s.delivery_fee} error={at("delivery_fee")} />
          <Text name="delivery_tax_rate" label="Tax on the delivery fee (%)" value={s.delivery_tax_rate}
            error={at("delivery_tax_rate")} />
          <label htmlFor="out_of_hours">An online order for a closed, full or past time</label>
          <select id="out_of_hours" name="out_of_hours" defaultValue={s.out_of_hours}>
            <option value="refuse">is refused</option><option value="next_opening">is taken for the next opening</option>
          </select>
          <label htmlFor="deposit_on_cancel">A cancelled custom order's deposit</label>
          <select id="deposit_on_cancel" name="deposit_on_cancel" defaultValue={s.deposit_on_cancel}>
            <option value="keep">is kept</option><option value="refund">is refunded</option>
          </select>
        </fieldset>
        <fieldset>
          <legend>Most a role may take off a sale (%)</legend>
          {ROLES.map((role) => (
            <Text key={role} name={`limit-${role}`} label={role} value={s.discount_limits[role] ?? "0"}
              error={at("discount_limits")} />
          ))}
        </fieldset>
        <fieldset>
          <legend>Opening hours (none ticked: always open)</legend>
          {DAYS.map(([day, label]) => (
            <div key={day} className="hours">
              <label><input type="checkbox" name={`${day}-open`} defaultChecked={hoursOf(day).length > 0} /> {label}</label>
              <label htmlFor={`${day}-opens`} className="sr-only">{label} opens</label>
              <input id={`${day}-opens`} name={`${day}-opens`} type="time" defaultValue={hoursOf(day)[0]?.opens ?? "07:00"} />
              <label htmlFor={`${day}-closes`} className="sr-only">{label} closes</label>
              <input id={`${day}-closes`} name={`${day}-closes`} type="time"
                defaultValue={hoursOf(day)[0]?.closes ?? "18:00"} />
            </div>
          ))}
          {at("store_hours") && <p className="error">{at("store_hours")}</p>}
          <Text name="closed_days" label="Closed days (2026-12-25, 2027-01-01)" value={s.closed_days.join(", ")}
            error={at("closed_days")} />
        </fieldset>
        <fieldset>
          <legend>Pickup slots</legend>
          <Text name="slot_minutes" label="Minutes a slot lasts" value={String(s.pickup_slots.minutes)}
            error={at("pickup_slots.minutes")} />
          <Text name="slot_capacity" label="Orders a slot takes" value={String(s.pickup_slots.capacity)}
            error={at("pickup_slots.capacity")} />
        </fieldset>
        <fieldset>
          <legend>Look</legend>
          <label htmlFor="default_theme">Default theme</label>
          <select id="default_theme" name="default_theme" defaultValue={s.default_theme}>
            <option value="system">The device's</option><option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </fieldset>
        {error && !error.field && <p className="error" role="alert">{error.message}</p>}
        <p className="notice" role="status">{notice}</p>
        <button type="submit" className="primary">Save settings</button>
      </form>
      <ReceiptPreview version={s.version} />
    </section>
  );
}

/** "reduced 7, standard 19" as the API takes it: a name, then a rate, for each. */
export function taxRates(text: string): { name: string; rate: string }[] {
  return text.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const cut = part.lastIndexOf(" ");
    return cut < 0 ? { name: part, rate: part } : { name: part.slice(0, cut).trim(), rate: part.slice(cut + 1) };
  });
}

/** The last sale's receipt as the saved settings print it (header, footer, store details). */
function ReceiptPreview({ version }: { version: number }) {
  const last = useQuery({ queryKey: ["orders", "last-sale"], queryFn: () => must(api.GET("/api/v1/orders",
    { params: { query: { channel: "pos", per_page: 1 } } })) });
  const sale = last.data?.items[0];
  return (
    <section aria-labelledby="receipt-preview-title">
      <h2 id="receipt-preview-title">Receipt preview</h2>
      {sale ? <iframe key={version} src={`/api/v1/orders/${sale.id}/receipt`} title="Receipt preview"
        className="receipt" />
        : <p className="muted">The receipt of the first sale will show here.</p>}
    </section>
  );
}

function Text({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} defaultValue={value} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined} />
      {error && <p id={`${name}-error`} className="error">{error}</p>}
    </div>
  );
}
