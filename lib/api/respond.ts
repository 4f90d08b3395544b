import { createHash } from "node:crypto";
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

// The session cookie, whole or split in chunks (next-auth.session-token.0, .1…) as next-auth sends a long one.
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=/;

/**
 * A public read: JSON with a validator, so a browser, reverse proxy or CDN can keep a copy and ask
 * whether it still holds ("If-None-Match": 304 Not Modified, no body). Always revalidated
 * ("no-cache"), so nobody is served a copy older than the last acknowledged write; "public" for
 * anonymous readers, "private" for a member, whose answer may differ (drafts, own votes).
 */
export async function respondRead<T>(request: Request, work: () => Promise<T>): Promise<Response> {
  let body: string;
  try {
    body = JSON.stringify(await work());
  } catch (error) {
    return errorResponse(error);
  }
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const member = SESSION_COOKIE.test(request.headers.get("cookie") ?? "");
  const headers = {
    "content-type": JSON_HEADERS["content-type"],
    "cache-control": member ? "private, no-cache" : "public, no-cache",
    etag,
    vary: "Cookie",
  };
  const wanted = request.headers.get("if-none-match");
  if (wanted?.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers });
}

/** A response body that is not the API's JSON: an export, a feed, a page, a file. */
export type BodyResult = {
  body: string | Uint8Array | ReadableStream<Uint8Array>;
  contentType: string;
  /** Offered as the name to save it under (Content-Disposition), in ASCII. */
  filename?: string;
  /** no-store unless said otherwise. */
  cacheControl?: string;
};

/** Runs a handler body that answers with something else than JSON; errors are still JSON errors. */
export async function respondBody(work: () => Promise<BodyResult>, status = 200): Promise<Response> {
  try {
    const result = await work();
    const headers: Record<string, string> = {
      "content-type": result.contentType,
      "cache-control": result.cacheControl ?? "no-store",
    };
    if (result.filename) {
      headers["content-disposition"] = `inline; filename="${result.filename.replace(/[^A-Za-z0-9._-]+/g, "-")}"`;
    }
    return new Response(result.body as BodyInit, { status, headers });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * JSON Lines (one JSON value per line) read from an async iterable as the client reads the
 * response: each value is made when the stream is pulled, so memory holds what the source holds
 * (a page of rows), not the whole feed. A client that goes away stops the source.
 */
export function jsonLinesStream(values: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const iterator = values[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      } catch (error) {
        console.error(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
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
      const known = allowed.length ? `allowed: ${allowed.join(", ")}` : "this endpoint takes none";
      throw new AppError("INVALID", `${key}: unknown parameter; ${known}`, { field: key });
    }
    if (key in result) throw new AppError("INVALID", `${key}: given more than once`, { field: key });
    result[key] = value;
  }
  return result;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A request's body as bytes, read as a stream and abandoned as soon as it passes `maxBytes`
 * (a declared Content-Length over it is refused before reading anything), so no client can make
 * the server hold more than the limit, whatever it sends or claims to send.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError("TOO_LARGE", `body: larger than ${Math.round(maxBytes / 1024)} KB`, { field: "body" });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A request's body as UTF-8 text, read with the byte limit of readBodyBytes. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readBodyBytes(request, maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("INVALID", "body: is not valid UTF-8", { field: "body" });
  }
}

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
  const text = await readBodyText(request, MAX_BODY_BYTES);
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
