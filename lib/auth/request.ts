import "server-only";
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

/** Request headers as next-auth (a plain object) or the Fetch API (Headers) hands them over. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined> | null | undefined;

export function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The client's address for rate limiting, or null when it is not known.
 *
 * Only behind a reverse proxy (TRUST_PROXY=1) is there an address: the last hop of
 * X-Forwarded-For, the one the proxy itself appended. Without a proxy the header is whatever the
 * client sent (Next.js fills it with the socket address only when the request has none, and
 * hands the socket to no route handler or next-auth callback), so it is not read at all: a
 * client could otherwise pick a fresh "address" for every request.
 *
 * IPv6 addresses are reduced to their /64 network, the block one subscriber usually holds.
 */
export function clientAddress(headers: HeaderSource, trustProxy: boolean = getEnv().TRUST_PROXY): string | null {
  if (!trustProxy) return null;
  const hops = (headerValue(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const last = hops[hops.length - 1];
  return last ? addressKey(last) : null;
}

/** An IPv4 address as it is, an IPv6 address as its /64 network; null for anything else. */
export function addressKey(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return isIP(mapped[1]!) === 4 ? mapped[1]! : null;
  const kind = isIP(bare);
  if (kind === 4) return bare;
  if (kind !== 6) return null;
  const [head = "", tail = ""] = bare.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = bare.includes("::") ? (tail ? tail.split(":") : []) : [];
  // An embedded IPv4 tail (::1.2.3.4) sits in the low 64 bits, which are dropped anyway.
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(Math.max(0, missing)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
