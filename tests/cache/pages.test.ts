// Which requests the proxy may answer from its memory of whole pages (lib/cache/pages.ts). The
// pages themselves are checked end to end by the browser flow tests/e2e/instances.flow.ts.
import { describe, expect, it } from "vitest";
import { isCacheablePageRequest } from "@/lib/cache/pages";

const request = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  new Request(`http://localhost:3000${path}`, { method, headers });

describe("isCacheablePageRequest", () => {
  it.each([
    "/",
    "/claims",
    "/claims?page=2&sort=contested",
    "/claims/stalin-ordered-kirovs-murder",
    "/people",
    "/people/nikolai-yezhov",
    "/sources",
    "/sources/cmabc",
    "/questions",
    "/questions/who-was-behind-kirovs-murder",
    "/search?q=Jeschow",
    // The API's public reads (JSON, lib/api/respond.ts respondRead).
    "/api/claims",
    "/api/claims?page=2&q=Kirov",
    "/api/claims/cmabc",
    "/api/people",
    "/api/people/nikolai-yezhov",
    "/api/sources",
    "/api/sources/cmabc",
    "/api/questions",
    "/api/questions/who-was-behind-kirovs-murder",
    "/api/questions/who-was-behind-kirovs-murder/matrix",
    "/api/search?q=Stalin",
  ])("takes an anonymous reader's %s", (path) => {
    expect(isCacheablePageRequest(request(path))).toBe(true);
    // Cookies other than a session's (a sign-in form's CSRF cookie) leave the reader anonymous.
    expect(isCacheablePageRequest(request(path, { cookie: "next-auth.csrf-token=abc" }))).toBe(true);
  });

  it.each([
    "/claims/new",
    "/claims/stalin-ordered-kirovs-murder/edit",
    "/claims/stalin-ordered-kirovs-murder/history",
    "/claims/stalin-ordered-kirovs-murder/evidence/new",
    "/sources/import",
    "/questions/new",
    "/review",
    "/account",
    "/signin",
    "/admin/users",
    "/api/health",
    "/api/auth/session",
    "/api/openapi.json",
    "/api/claims/cmabc/suggestions",
    "/api/claims/cmabc/relations",
    "/api/claims/cmabc/history",
    "/api/sources/cmabc/citation",
    "/api/no-such-endpoint",
    "/api/claims/similar?text=Stalin%20ordered",
    "/api/people/named-in?text=Kirov",
  ])("leaves %s to the app", (path) => {
    expect(isCacheablePageRequest(request(path))).toBe(false);
  });

  it("keys hostile addresses apart without letting them reach other pages", () => {
    // Script and huge queries on a public page are that page's own entry (the app answers them as it would).
    expect(isCacheablePageRequest(request("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"))).toBe(true);
    expect(isCacheablePageRequest(request(`/claims?q=${"x".repeat(10_000)}`))).toBe(true);
    // Paths that only look public stay with the app: deeper paths, encoded slashes, dot segments resolved first.
    expect(isCacheablePageRequest(request("/claims/a/b"))).toBe(false);
    expect(isCacheablePageRequest(request("/claims/x/../../admin/users"))).toBe(false);
    expect(isCacheablePageRequest(request("/claims%2F..%2Fadmin"))).toBe(false);
  });

  it("leaves members, the router's requests, server actions and other methods to the app", () => {
    const claim = "/claims/stalin-ordered-kirovs-murder";
    expect(isCacheablePageRequest(request(claim, { cookie: "next-auth.session-token=eyJ" }))).toBe(false);
    expect(isCacheablePageRequest(request(claim, { cookie: "__Secure-next-auth.session-token.0=eyJ" }))).toBe(false);
    expect(isCacheablePageRequest(request(claim, { rsc: "1" }))).toBe(false);
    expect(isCacheablePageRequest(request(`${claim}?_rsc=abc`))).toBe(false);
    expect(isCacheablePageRequest(request(claim, { "next-router-prefetch": "1" }))).toBe(false);
    expect(isCacheablePageRequest(request(claim, { "next-action": "abc" }, "POST"))).toBe(false);
    expect(isCacheablePageRequest(request(claim, {}, "HEAD"))).toBe(false);
    // A request claiming to be the proxy's own, with a guessed key, is an ordinary reader's.
    expect(isCacheablePageRequest(request(claim, { "x-factcheck-render": "guess" }))).toBe(true);
  });
});
