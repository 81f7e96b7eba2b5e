// What the till keeps on the device for working offline (IndexedDB): sales waiting to be
// sent, each with its idempotency key (so a sale sent twice is recorded once), and the
// last catalog it saw.
import { type DBSchema, type IDBPDatabase, openDB } from "idb";

export type QueuedSale = {
  key: string; // the Idempotency-Key it is sent with
  body: Record<string, unknown>; // POST /pos/sales as it will be sent, sold_at included
  total: string;
  queuedAt: string;
  flagged?: { code: string; message: string }; // the server refused it: the cashier must see to it
};

interface Till extends DBSchema {
  sales: { key: string; value: QueuedSale; indexes: { queuedAt: string } };
  kept: { key: string; value: unknown };
}

let db: Promise<IDBPDatabase<Till>> | null = null;

function open(): Promise<IDBPDatabase<Till>> {
  db ??= openDB<Till>("oms-till", 1, {
    upgrade(database) {
      database.createObjectStore("sales", { keyPath: "key" }).createIndex("queuedAt", "queuedAt");
      database.createObjectStore("kept");
    },
  });
  return db;
}

export async function enqueue(sale: QueuedSale): Promise<void> {
  await (await open()).put("sales", sale);
}

/** Every queued sale, oldest first (they are sent in the order they were made). */
export async function queued(): Promise<QueuedSale[]> {
  return (await open()).getAllFromIndex("sales", "queuedAt");
}

export async function remove(key: string): Promise<void> {
  await (await open()).delete("sales", key);
}

export async function keep(name: string, value: unknown): Promise<void> {
  await (await open()).put("kept", value, name);
}

export async function kept<T>(name: string): Promise<T | undefined> {
  return (await (await open()).get("kept", name)) as T | undefined;
}
