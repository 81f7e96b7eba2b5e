// What the till reads: the whole catalog (kept current by the live feed) and the open
// shift on this device's register.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { api, ApiError, must, type Product, type Shift } from "../api/client";
import { keep, kept } from "../offline/store";
import type { LiveMessage } from "../live/feed";
import { useLive } from "../live/useLive";

const PAGE = 200; // the API's largest page

/** `read()`, kept on the device; offline, what was kept last. */
async function keptRead<T>(name: string, read: () => Promise<T>): Promise<T> {
  try {
    const value = await read();
    await keep(name, value);
    return value;
  } catch (e) {
    const last = e instanceof ApiError && e.status === 0 ? await kept<T>(name) : undefined;
    if (last === undefined) throw e;
    return last;
  }
}

export function fetchCatalog(): Promise<Product[]> {
  return keptRead("catalog", readCatalog);
}

async function readCatalog(): Promise<Product[]> {
  const all: Product[] = [];
  for (let page = 1; ; page++) {
    const answer = await must(api.GET("/api/v1/products", { params: { query: { page, per_page: PAGE } } }));
    all.push(...answer.items);
    if (all.length >= answer.total || answer.items.length === 0) return all.filter((p) => !p.archived);
  }
}

export function useCatalog() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ["catalog"], queryFn: fetchCatalog, staleTime: Infinity });
  const onLive = useCallback(
    (message: LiveMessage) => {
      if (message.type !== "stock.changed" && !message.type.startsWith("product.")) return;
      const data = message.data as Partial<Product> & { product_id?: string };
      client.setQueryData<Product[]>(["catalog"], (products) =>
        products?.map((p) =>
          p.id === data.product_id
            ? { ...p, ...(data.stock !== undefined ? { stock: data.stock, reserved: data.reserved ?? p.reserved,
                available: data.available ?? p.available } : {}), ...(data.price ? { price: data.price } : {}) }
            : p,
        ),
      );
    },
    [client],
  );
  useLive(onLive);
  return query;
}

const REGISTER_KEY = "oms.register";

/** The register this device is (kept on the device: a till stays the same till). */
export function useRegister(): [string, (name: string) => void] {
  const [register, setRegister] = useState(() => localStorage.getItem(REGISTER_KEY) ?? "till-1");
  const set = (name: string) => {
    localStorage.setItem(REGISTER_KEY, name);
    setRegister(name);
  };
  return [register, set];
}

export function useOpenShift(register: string) {
  return useQuery({
    queryKey: ["shift", register],
    // Opening and closing set this from their answers; reading the list again at once
    // could meet a read model a moment behind and take the shift away again.
    staleTime: 60_000,
    queryFn: () => keptRead(`shift:${register}`, async (): Promise<Shift | null> => {
      const page = await must(api.GET("/api/v1/shifts", { params: { query: { register, status: "open" } } }));
      return page.items[0] ?? null;
    }),
  });
}
