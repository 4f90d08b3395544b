// Where to go after signing in. Pure: the sign-in page and next-auth's redirect callback share it.

/** Stands in for the site when no public URL is configured; only paths on it are kept. */
const PLACEHOLDER_ORIGIN = "http://callback.invalid";

/**
 * The path on this site a sign-in may return to, or "/" for anything else.
 *
 * Parsed the way a browser parses it, so the tricks a prefix check misses are caught: a
 * backslash is a slash (`/\evil.example`), tabs and newlines vanish (`/%09/evil.example`
 * arrives decoded as `/\t/evil.example`), and dot segments collapse (`/.//evil.example`).
 * An absolute URL is kept only when it has the site's own origin (`publicUrl`, NEXTAUTH_URL).
 * What comes back is always a path starting with a single "/", re-serialized by the parser.
 */
export function safeCallbackPath(requested: string | null | undefined, publicUrl?: string | null): string {
  if (!requested) return "/";
  let base: URL;
  try {
    base = new URL(publicUrl || PLACEHOLDER_ORIGIN);
  } catch {
    base = new URL(PLACEHOLDER_ORIGIN);
  }
  let target: URL;
  try {
    target = new URL(requested, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin || target.username || target.password) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "//host" or "/\host" would leave the site when used as a relative link.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  return path;
}
