import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/headers";
import { proxy } from "@/proxy";

/** The header Next.js hands the page renderer (the request headers the proxy set). */
const forwardedToRenderer = (response: Response, name: string) =>
  response.headers.get(`x-middleware-request-${name.toLowerCase()}`);

describe("proxy", () => {
  it.each([
    ["a page", "http://localhost:3000/claims/stalin-ordered-kirovs-murder"],
    ["an API response", "http://localhost:3000/api/claims?page=2"],
    ["a server action", "http://localhost:3000/account"],
  ])("sets the security headers on %s", async (_what, url) => {
    const response = await proxy(new NextRequest(url, { headers: { accept: "text/html" } }));
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    // Plain http (the test environment has no NEXTAUTH_URL): no HSTS, no upgrading.
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(csp).not.toContain("upgrade-insecure-requests");
    // Next.js reads the nonce from the request's CSP to put it on its scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(forwardedToRenderer(response, "content-security-policy")).toBe(csp);
    expect(forwardedToRenderer(response, "x-nonce")).toBe(nonce);
  });

  it("gives every request its own nonce, and a client cannot choose it", async () => {
    const request = () =>
      new NextRequest("http://localhost:3000/", {
        headers: { "x-nonce": "chosen", "content-security-policy": "none" },
      });
    const first = await proxy(request());
    const second = await proxy(request());
    expect(forwardedToRenderer(first, "x-nonce")).not.toBe("chosen");
    expect(forwardedToRenderer(first, "x-nonce")).not.toBe(forwardedToRenderer(second, "x-nonce"));
    expect(first.headers.get("content-security-policy")).not.toBe(second.headers.get("content-security-policy"));
  });
});

describe("securityHeaders", () => {
  it("sends HSTS and upgrades requests only over https", () => {
    const https = securityHeaders({ nonce: "abc", https: true, dev: false });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(securityHeaders({ nonce: "abc", https: false, dev: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("allows style attributes (React style props) but no inline style sheets without the nonce", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", https: false, dev: false });
    expect(csp).toContain("style-src 'self' 'nonce-abc'");
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).not.toMatch(/style-src [^;]*'unsafe-inline'/);
  });

  it("relaxes only what next dev needs, in development", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", https: false, dev: true });
    expect(csp).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "abc", https: false, dev: false })).not.toContain("'unsafe-eval'");
  });
});
