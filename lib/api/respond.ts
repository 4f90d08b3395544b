import { AppError, isAppError } from "@/lib/errors";

export type ApiErrorBody = { error: { code: string; message: string; field?: string } };

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const body: ApiErrorBody = {
      error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
    };
    return jsonResponse(body, error.status);
  }
  console.error(error);
  return jsonResponse({ error: { code: "INTERNAL", message: "Something went wrong on the server." } }, 500);
}

/** Runs a handler body, turning AppErrors into JSON errors with their HTTP status. */
export async function respond<T>(
  work: () => Promise<T>,
  status: number | ((result: T) => number) = 200,
): Promise<Response> {
  try {
    const result = await work();
    return jsonResponse(result, typeof status === "function" ? status(result) : status);
  } catch (error) {
    return errorResponse(error);
  }
}

const ALLOWED = /^[A-Za-z0-9_-]{1,64}$/;

/** Path parameters are ids or slugs; anything else cannot name a record. */
export function pathParam(value: string, name: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    throw new AppError("INVALID", `${name}: is not valid URL encoding`, { field: name });
  }
  if (!ALLOWED.test(decoded) && !/^[\p{L}\p{N}-]{1,80}$/u.test(decoded)) {
    throw new AppError("INVALID", `${name}: must be an id or slug`, { field: name });
  }
  return decoded;
}

/** Query parameters as a plain object; a parameter given twice is refused rather than guessed. */
export function queryParams(request: Request, allowed: readonly string[]): Record<string, string> {
  const url = new URL(request.url);
  const result: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!allowed.includes(key)) {
      throw new AppError("INVALID", `${key}: unknown parameter; allowed: ${allowed.join(", ")}`, { field: key });
    }
    if (key in result) throw new AppError("INVALID", `${key}: given more than once`, { field: key });
    result[key] = value;
  }
  return result;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The JSON object a write request sends. Requiring application/json also keeps other sites
 * from posting with a visitor's cookie: a cross-site form cannot send it, and a cross-site
 * fetch that does needs a CORS preflight this API never grants.
 */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "body: send JSON with Content-Type: application/json", {
      field: "body",
    });
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError("TOO_LARGE", "body: larger than 1 MB", { field: "body" });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("INVALID", "body: is not valid JSON", { field: "body" });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("INVALID", "body: must be a JSON object", { field: "body" });
  }
  return value as Record<string, unknown>;
}
