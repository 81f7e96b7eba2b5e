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

const FIELD_NAMES: Record<string, string> = { $: "The form" };

/** A field's name as people write it: `new_password` is "New password". */
function fieldName(field: string): string {
  const last = field.replace(/\[\d+\]/g, "").split(".").pop() ?? field;
  return FIELD_NAMES[last] ?? (last.charAt(0).toUpperCase() + last.slice(1).replaceAll("_", " "));
}

/** A validator's message ("Expected `str` of length >= 8") as a sentence for the user. */
export function sentence(message: string, field?: unknown): string {
  const name = typeof field === "string" ? fieldName(field) : "This";
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/length >= (\d+)/, (m) => `${name} needs at least ${m[1]} characters.`],
    [/length <= (\d+)/, (m) => `${name} takes at most ${m[1]} characters.`],
    [/missing required field `([^`]+)`/, (m) => `${fieldName(m[1])} is required.`],
    [/Object contains unknown field/, () => `${name} is not something this form takes.`],
    [/matching regex|matching pattern/, () => `${name} is not in the expected form.`],
    [/Expected `(int|float|decimal)`|>= |<= /, () => `${name} needs a number in the allowed range.`],
    [/Expected `(str|array|object|bool)`/, () => `${name} has the wrong kind of value.`],
    [/Invalid enum value/, () => `${name} is not one of the choices.`],
  ];
  for (const [pattern, say] of rules) {
    const found = message.match(pattern);
    if (found) return say(found);
  }
  return message;
}

/** The answer's data, or an ApiError carrying the API's code and message (a validator's
 * message turned into a sentence naming the field). */
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
  const code = error?.code ?? "http_" + result.response.status;
  const message = error?.message ?? result.response.statusText;
  throw new ApiError(result.response.status, code,
    code === "validation_error" ? sentence(message, error?.details?.field) : message, error?.details ?? {});
}

/** A fresh idempotency key: a retried write is then recorded once. */
export function newKey(): string {
  return crypto.randomUUID();
}
