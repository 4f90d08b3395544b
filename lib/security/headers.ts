// The security headers of every response (proxy.ts sets them). Pure, so tests can read them.

export type SecurityHeaderOptions = {
  /** This request's nonce: Next.js puts it on its own scripts and inline styles. */
  nonce: string;
  /** Served over https: HSTS is sent and http subresources are upgraded. */
  https: boolean;
  /** next dev: React's dev build needs eval, and dev tools inject styles without the nonce. */
  dev: boolean;
};

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy. Scripts run only with this request's nonce (Next.js adds it to
 * every script it renders); 'strict-dynamic' lets those load the chunks they import. Style
 * sheets and <style> elements need the site or the nonce too.
 *
 * Style attributes are allowed ('unsafe-inline' in style-src-attr only): React renders style
 * props as attributes, and the vote histogram sets each bar's height that way
 * (components/claims/VoteSummary.tsx). A style attribute cannot run script, and cannot read the
 * page the way an injected <style> sheet with attribute selectors can; what it could load (a
 * background image, a font) is still held to 'self' by img-src and font-src. Browsers without
 * style-src-attr fall back to style-src and drop the attributes (bars of equal height), no more.
 */
export function contentSecurityPolicy({ nonce, https, dev }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on a plain-http installation it would send the page's own requests to https.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every security header of a response, CSP included. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // For browsers older than frame-ancestors.
    "X-Frame-Options": "DENY",
    // Browsers ignore HSTS received over http; it is not sent there, so a plain-http LAN install stays reachable.
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
