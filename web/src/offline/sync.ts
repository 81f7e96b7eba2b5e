// Sending queued sales once the network is back, oldest first. A sale the server refuses
// (a shift closed meanwhile, a discount over the limit) is flagged for the cashier and
// the rest go on. A network failure, a server that is down, busy or still finishing an
// earlier attempt with the same key (after a crash, until its lease lapses), or a sign-in
// that expired, stops the round: the sale is sent again, with its key, next time.
import { api, ApiError, must } from "../api/client";
import { enqueue, queued, type QueuedSale, remove } from "./store";

type Listener = () => void;
const listeners = new Set<Listener>();
let running: Promise<void> | null = null;

export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function changed(): void {
  for (const listener of listeners) listener();
}

export async function send(sale: QueuedSale): Promise<"sent" | "flagged" | "offline"> {
  try {
    await must(api.POST("/api/v1/pos/sales", { body: sale.body as never, headers: { "Idempotency-Key": sale.key } }));
    await remove(sale.key);
    return "sent";
  } catch (e) {
    if (!(e instanceof ApiError) || later(e)) return "offline";
    await enqueue({ ...sale, flagged: { code: e.code, message: e.message } });
    return "flagged";
  }
}

/** An answer that says nothing of the sale itself: send it again later. */
function later(e: ApiError): boolean {
  return e.status === 0 || e.status >= 500 || [401, 408, 429].includes(e.status)
    || e.code === "idempotency_key_in_progress";
}

/** One round over the queue; rounds never overlap. */
export function flush(): Promise<void> {
  running ??= (async () => {
    try {
      for (const sale of await queued()) {
        if (sale.flagged) continue;
        const outcome = await send(sale);
        changed();
        if (outcome === "offline") break;
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Flush whenever the browser says it is online again, and every few seconds. */
export function startSync(every = 5000): () => void {
  const online = () => void flush();
  window.addEventListener("online", online);
  const timer = setInterval(online, every);
  void flush();
  return () => {
    window.removeEventListener("online", online);
    clearInterval(timer);
  };
}
