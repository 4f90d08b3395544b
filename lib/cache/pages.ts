import "server-only";
import { randomUUID } from "node:crypto";
import { sessionTokenFromCookies } from "@/lib/auth/actor";
import { PublicReadCache, readPublic } from "@/lib/cache/public-reads";
import { getDb } from "@/lib/db";

// Whole pages and public JSON reads for anonymous readers, served by the proxy (proxy.ts) from
// memory. An answer is made once by the app itself (the proxy asks this same server for it), kept
// under the token of lib/cache/public-reads.ts, and served again with a fresh CSP nonce put in
// place of the one it was rendered with. See docs/decisions/0024-cached-public-reads.md.

/** Marks the proxy's own request for a page, which must be rendered, not served from memory. */
const RENDER_HEADER = "x-factcheck-render";
/** Known only to this process: a request from outside cannot pass for the proxy's own. */
const RENDER_KEY = randomUUID();

/** The published, public pages: lists, a claim, a person, a source, a question, search. */
const PUBLIC_PAGE =
  /^\/(?:|claims|claims\/(?!new$)[^/]+|people|people\/[^/]+|sources|sources\/(?!import$)[^/]+|questions|questions\/(?!new$)[^/]+|search)$/;

/**
 * The API's public reads (lib/api/respond.ts respondRead): the lists, a claim, a person, a source,
 * a question, search. Not the checks a form makes while a member types (similar claims, people
 * named in a text): each keystroke is another address, which would only crowd out the pages.
 */
const PUBLIC_READ =
  /^\/api\/(?:claims|claims\/(?!similar$)[^/]+|people|people\/(?!named-in$)[^/]+|sources|sources\/[^/]+|questions|questions\/[^/]+|questions\/[^/]+\/matrix|search)$/;

/** Headers that describe one transfer, not the page. */
const TRANSFER_HEADERS = new Set([
  "connection",
  "content-encoding",
  "content-length",
  "date",
  "keep-alive",
  "set-cookie",
  "transfer-encoding",
]);

/** A page or a JSON read as the app answered it; `nonce`: the CSP nonce it was made with, if any. */
type CachedPage = { body: string; nonce: string | null; etag: string | null; headers: [string, string][] };

/**
 * A page the app answered with something not to keep (a redirect, a 404, a cookie): passed on as it
 * is, to every reader who waited for it (so its body is read once, into memory).
 */
class UncachedAnswer extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: ArrayBuffer,
  ) {
    super("not cached");
  }
}

const pages = new PublicReadCache();

/**
 * Whether a request is an anonymous reader loading a public page as a document (not the router's
 * RSC requests, not a server action, not the proxy's own request for the page) or one of the API's
 * public reads.
 */
export function isCacheablePageRequest(request: Request): boolean {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  const page = PUBLIC_PAGE.test(url.pathname);
  if ((!page && !PUBLIC_READ.test(url.pathname)) || url.searchParams.has("_rsc")) return false;
  const headers = request.headers;
  if (headers.has("rsc") || headers.has("next-action") || headers.has("next-router-prefetch")) return false;
  if (headers.get(RENDER_HEADER) === RENDER_KEY) return false;
  return sessionTokenFromCookies(headers.get("cookie")) === undefined;
}

async function renderPage(request: Request, port: number, json: boolean): Promise<CachedPage> {
  const url = new URL(request.url);
  const headers = new Headers({ [RENDER_HEADER]: RENDER_KEY, accept: json ? "application/json" : "text/html" });
  // Rendered for the same host (part of the key). Nothing else of the reader's request is passed on:
  // a page kept for everyone must not depend on what one reader sent (X-Forwarded-*, languages).
  const host = request.headers.get("host");
  if (host) headers.set("host", host);
  const response = await fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
    headers,
    redirect: "manual",
  });
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? null;
  const type = response.headers.get("content-type") ?? "";
  const expected = json ? type.startsWith("application/json") : type.startsWith("text/html") && nonce !== null;
  if (response.status !== 200 || !expected || response.headers.has("set-cookie")) {
    throw new UncachedAnswer(response.status, response.headers, await response.arrayBuffer());
  }
  const kept: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (!TRANSFER_HEADERS.has(name)) kept.push([name, value]);
  });
  return { body: await response.text(), nonce, etag: response.headers.get("etag"), headers: kept };
}

/**
 * The page from memory when the database has not changed since it was rendered, else rendered
 * now and kept; with a new nonce either way. `nonce` is the one the proxy made for this request.
 */
export async function servePage(request: Request, port: number, nonce: string): Promise<Response> {
  const url = new URL(request.url);
  const json = PUBLIC_READ.test(url.pathname);
  const key = [json ? "read" : "page", request.headers.get("host") ?? "", url.pathname + url.search];
  let page: CachedPage;
  try {
    page = await readPublic(getDb(), null, key, () => renderPage(request, port, json), pages);
  } catch (error) {
    if (!(error instanceof UncachedAnswer)) throw error;
    // Passed on as the app answered, less what described the transfer to the proxy (the body is decoded).
    const headers = new Headers(error.headers);
    for (const name of ["connection", "content-encoding", "content-length", "keep-alive", "transfer-encoding"]) {
      headers.delete(name);
    }
    // A body with a null-body status (a 304, a 204) is not allowed, even an empty one.
    const body = [101, 204, 205, 304].includes(error.status) ? null : error.body;
    return new Response(body, { status: error.status, headers });
  }
  const fresh = (text: string) => (page.nonce ? text.replaceAll(page.nonce, nonce) : text);
  const headers = new Headers();
  for (const [name, value] of page.headers) headers.set(name, fresh(value));
  // A reader's copy that still holds (as lib/api/respond.ts answers it): 304, no body.
  const wanted = request.headers.get("if-none-match");
  if (page.etag && wanted?.split(",").some((tag) => tag.trim() === page.etag || tag.trim() === "*")) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(json ? page.body : fresh(page.body), { status: 200, headers });
}
