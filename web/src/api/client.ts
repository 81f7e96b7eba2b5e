// The one way the UI talks to the API: typed by the server's own OpenAPI document
// (src/api/schema.d.ts is generated from it by `npm run types`, never written by hand).
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Me = Schemas["Me"];
export type Product = Schemas["Product"];
export type Order = Schemas["Order"];
export type Shift = Schemas["Shift"];

/** An error answer of the API: `code` as API.md lists them, `details` per field or rule. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const api = createClient<paths, "application/json">({
  baseUrl: globalThis.location?.origin ?? "",
  credentials: "same-origin",
  // Cookie-authenticated writes must carry it (API.md: the session's CSRF guard).
  headers: { "X-Requested-With": "XMLHttpRequest" },
});

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The answer's data, or an ApiError carrying the API's code and message. */
export async function must<T>(call: Promise<Answer<T>>): Promise<T> {
  let result: Answer<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, "offline", "The server cannot be reached.");
  }
  if (result.response.ok) return result.data as T;
  const body = result.error as { error?: { code: string; message: string; details?: Record<string, unknown> } };
  const error = body?.error;
  throw new ApiError(
    result.response.status,
    error?.code ?? "http_" + result.response.status,
    error?.message ?? result.response.statusText,
    error?.details ?? {},
  );
}

/** A fresh idempotency key: a retried write is then recorded once. */
export function newKey(): string {
  return crypto.randomUUID();
}
