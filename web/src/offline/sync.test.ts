// The offline queue against a fake network (fetch) and an in-memory IndexedDB.
import "fake-indexeddb/auto";
import { beforeAll, describe, expect, it, vi } from "vitest";

type Answer = { status: number; body?: unknown } | "offline";
const answers: Answer[] = [];
const sent: { key: string | null; body: unknown }[] = [];

vi.stubGlobal("location", { origin: "http://till.test" });
vi.stubGlobal("fetch", async (request: Request) => {
  const next = answers.shift() ?? "offline";
  if (next === "offline") throw new TypeError("Failed to fetch");
  sent.push({ key: request.headers.get("Idempotency-Key"), body: await request.json() });
  return new Response(JSON.stringify(next.body ?? {}), { status: next.status,
    headers: { "Content-Type": "application/json" } });
});

let store: typeof import("./store");
let sync: typeof import("./sync");
beforeAll(async () => {
  store = await import("./store");
  sync = await import("./sync");
});

const sale = (key: string, at: string) => ({ key, body: { shift_id: "s", sold_at: at }, total: "1.00", queuedAt: at });

describe("the offline queue", () => {
  it("keeps sales while offline and sends them oldest first with their keys", async () => {
    await store.enqueue(sale("b", "2026-12-02T10:01:00Z"));
    await store.enqueue(sale("a", "2026-12-02T10:00:00Z"));
    await sync.flush(); // offline: nothing goes, nothing is lost
    expect((await store.queued()).map((s) => s.key)).toEqual(["a", "b"]);

    answers.push({ status: 201 }, { status: 409, body: { error: { code: "shift_closed", message: "closed" } } });
    await sync.flush();
    expect(sent.map((s) => s.key)).toEqual(["a", "b"]);
    const left = await store.queued();
    expect(left.map((s) => [s.key, s.flagged?.code])).toEqual([["b", "shift_closed"]]); // shown to the cashier
  });

  it("stops a round at a network failure and goes on from there next time", async () => {
    await store.remove("b");
    sent.length = 0;
    await store.enqueue(sale("c", "2026-12-02T11:00:00Z"));
    await store.enqueue(sale("d", "2026-12-02T11:01:00Z"));
    answers.push({ status: 201 }, "offline");
    await sync.flush();
    expect((await store.queued()).map((s) => s.key)).toEqual(["d"]);
    answers.push({ status: 201 });
    await sync.flush();
    expect(await store.queued()).toEqual([]);
    expect(sent.map((s) => s.key)).toEqual(["c", "d"]);
  });

  it("sends a sale again, with its key, while an earlier attempt still holds it or the server is down", async () => {
    sent.length = 0;
    await store.enqueue(sale("e", "2026-12-02T12:00:00Z"));
    const busy = { status: 409, body: { error: { code: "idempotency_key_in_progress", message: "running" } } };
    for (const answer of [busy, { status: 503 }, { status: 401 }]) {
      answers.push(answer);
      await sync.flush();
      expect((await store.queued()).map((s) => [s.key, s.flagged])).toEqual([["e", undefined]]);
    }
    answers.push({ status: 201 });
    await sync.flush();
    expect(await store.queued()).toEqual([]);
    expect(sent.map((s) => s.key)).toEqual(["e", "e", "e", "e"]);
  });
});
