// Next.js proxy (formerly middleware): runs before every page, API route and server action.
// It gives each request a fresh CSP nonce and sets the security headers (lib/security/headers.ts).
// Next.js reads the nonce from the request's Content-Security-Policy header and puts it on the
// scripts it renders, which is why every page renders dynamically (the root layout is
// force-dynamic): a prerendered page would carry no nonce and its scripts would be blocked.
import { type NextRequest, NextResponse } from "next/server";
import { isCacheablePageRequest, servePage } from "@/lib/cache/pages";
import { getEnv } from "@/lib/env";
import { createNonce, securityHeaders } from "@/lib/security/headers";

export async function proxy(request: NextRequest): Promise<Response> {
  const env = getEnv();
  const nonce = createNonce();
  // An anonymous reader's public page: from memory while nothing has changed (lib/cache/pages.ts).
  if (env.NODE_ENV === "production" && isCacheablePageRequest(request)) {
    try {
      return await servePage(request, env.PORT, nonce);
    } catch (error) {
      // The page is then rendered as if there were no cache (the app was started on another port…).
      console.error(`Page cache: ${(error as Error).message}`);
    }
  }
  // The public URL says how the site is served (required in production); without one (next dev,
  // tests) the request does.
  const https = env.NEXTAUTH_URL
    ? env.NEXTAUTH_URL.startsWith("https://")
    : request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const headers = securityHeaders({ nonce, https, dev: env.NODE_ENV === "development" });

  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's static files (hashed, served as they are) and the favicon.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
