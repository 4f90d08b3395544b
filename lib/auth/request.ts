import "server-only";
import { getEnv } from "@/lib/env";

/**
 * The client's address for rate limiting. Next.js fills X-Forwarded-For with the socket
 * address when a request has none; behind a reverse proxy (TRUST_PROXY=1) the proxy's
 * last hop is the client. Without a proxy a client could send its own header, so the
 * per-account limit, not this one, is what protects an account.
 */
export function clientAddress(forwardedFor: string | null | undefined): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = getEnv().TRUST_PROXY ? hops[hops.length - 1] : hops[0];
  return address ? address.slice(0, 64) : null;
}
