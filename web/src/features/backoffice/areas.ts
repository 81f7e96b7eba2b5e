// The back office's record areas (API.md "Back office"): their fields, list columns and
// typed API calls. One screen (RecordsPage) shows any of them.
import { api, must, type Schemas } from "../../api/client";

export type Kind = "text" | "email" | "tel" | "money" | "percent" | "date" | "textarea" | "vendor";
export type Field = { name: string; label: string; kind?: Kind; required?: boolean };
export type Row = { id: string; version: number; archived: boolean; [field: string]: unknown };
export type Page = { items: Row[]; total: number; total_estimated: boolean; page: number; per_page: number };
type Query = { q?: string; page?: number; per_page?: number; min_position?: number; category?: string };
type Body = Record<string, string | null>;

export type Area = {
  name: "customers" | "vendors" | "salesmen" | "expenses" | "products";
  title: string;
  singular: string;
  write: string; // the permission to change them
  fields: Field[];
  columns: string[]; // fields shown in the list
  list: (query: Query) => Promise<Page>;
  create: (body: Body) => Promise<Row & { position?: number | null }>;
  update: (id: string, body: Body) => Promise<Row & { position?: number | null }>;
  archive: (id: string) => Promise<Row & { position?: number | null }>;
};

type Customer = Schemas["Customer"];
type Written = Row & { position?: number | null };
const id = (value: string) => ({ params: { path: { id: value } } });

/** The four calls of a record collection; each area's fields and answers are in the
 * OpenAPI document, these calls only pass them through. */
function crud(name: Area["name"]): Pick<Area, "list" | "create" | "update" | "archive"> {
  const all = `/api/v1/${name}` as "/api/v1/vendors";
  const one = `/api/v1/${name}/{id}` as "/api/v1/vendors/{id}";
  return {
    list: async (query) => (await must(api.GET(all, { params: { query } }))) as unknown as Page,
    create: async (body) => (await must(api.POST(all, { body: body as never }))) as unknown as Written,
    update: async (key, body) => (await must(api.PATCH(one, { ...id(key), body: body as never }))) as unknown as Written,
    archive: async (key) => (await must(api.DELETE(one, id(key)))) as unknown as Written,
  };
}

export const CUSTOMERS: Area = {
  name: "customers", title: "Customers", singular: "customer", write: "customers.write",
  fields: [
    { name: "full_name", label: "Full name", required: true }, { name: "email", label: "Email", kind: "email" },
    { name: "phone", label: "Phone", kind: "tel" }, { name: "billing_address", label: "Billing address", kind: "textarea" },
    { name: "delivery_address", label: "Delivery address", kind: "textarea" },
    { name: "credit_limit", label: "Credit limit", kind: "money" },
  ],
  columns: ["full_name", "email", "phone", "credit_limit", "balance"],
  ...crud("customers"),
};

export const VENDORS: Area = {
  name: "vendors", title: "Vendors", singular: "vendor", write: "vendors.write",
  fields: [
    { name: "name", label: "Name", required: true }, { name: "contact", label: "Contact person" },
    { name: "email", label: "Email", kind: "email" }, { name: "phone", label: "Phone", kind: "tel" },
    { name: "address", label: "Address", kind: "textarea" },
  ],
  columns: ["name", "contact", "email", "phone"],
  ...crud("vendors"),
};

export const SALESMEN: Area = {
  name: "salesmen", title: "Salesmen", singular: "salesman", write: "salesmen.write",
  fields: [{ name: "name", label: "Name", required: true },
    { name: "commission_rate", label: "Commission (%)", kind: "percent" }],
  columns: ["name", "commission_rate"],
  ...crud("salesmen"),
};

export const EXPENSES: Area = {
  name: "expenses", title: "Expenses", singular: "expense", write: "expenses.write",
  fields: [
    { name: "category", label: "Category", required: true }, { name: "amount", label: "Amount", kind: "money", required: true },
    { name: "date", label: "Date", kind: "date", required: true }, { name: "note", label: "Note", kind: "textarea" },
  ],
  columns: ["date", "category", "amount", "note"],
  ...crud("expenses"),
};

export const PRODUCTS: Area = {
  name: "products", title: "Catalog", singular: "product", write: "products.write",
  fields: [
    { name: "name", label: "Name", required: true }, { name: "sku", label: "SKU", required: true },
    { name: "barcode", label: "Barcode" }, { name: "category", label: "Category", required: true },
    { name: "brand", label: "Brand" }, { name: "price", label: "Price", kind: "money", required: true },
    { name: "cost", label: "Cost", kind: "money", required: true }, { name: "tax_rate", label: "Tax rate (%)", kind: "percent" },
    { name: "vendor_id", label: "Vendor", kind: "vendor" },
  ],
  columns: ["name", "sku", "category", "price", "cost", "stock", "available"],
  ...crud("products"),
};

/** Give a product its picture (JPEG, PNG or WebP; the server checks and re-encodes it). */
export async function uploadPicture(product: string, file: File): Promise<Written> {
  return (await must(api.PUT("/api/v1/products/{id}/image", {
    ...id(product), body: file as never, bodySerializer: (body: unknown) => body as File,
    headers: { "Content-Type": file.type || "application/octet-stream" },
  }))) as unknown as Written;
}

/** A customer pays off what they owe on account. */
export async function takePayment(customer: string, method: "cash" | "card" | "other", amount: string) {
  return (await must(api.POST("/api/v1/customers/{id}/payments", { ...id(customer), body: { method, amount } }))
  ) as unknown as Written;
}

export type { Customer };
