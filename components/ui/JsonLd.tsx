import { serializeJsonLd } from "@/lib/claimreview/build";

/**
 * Structured data for search engines and other readers of the page. A script of this type is data:
 * browsers never run it, so the page's CSP (which runs scripts only with the request's nonce) does not
 * apply and no nonce is needed. serializeJsonLd escapes "<", so nothing inside can close the element.
 */
export function JsonLd({ data }: { data: object }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON, escaped by serializeJsonLd so it cannot end the script element
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
