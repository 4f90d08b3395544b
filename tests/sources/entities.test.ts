import { describe, expect, it } from "vitest";
import { decodeEntities } from "@/lib/sources/entities";

describe("decodeEntities", () => {
  it("decodes well-formed named and numeric references", () => {
    expect(decodeEntities("Kirov&rsquo;s &ldquo;friend&rdquo; &amp; &#8212; &#x2019; &eacute;")).toBe(
      "Kirov’s “friend” & — ’ é",
    );
  });

  it("decodes the malformed references scraped pages carry, with no semicolon", () => {
    expect(decodeEntities("Charon&rsquos Chronicles")).toBe("Charon’s Chronicles");
    expect(decodeEntities("&ldquothe terrorist act&rdquo")).toBe("“the terrorist act”");
    expect(decodeEntities("he&rsquod just been fired")).toBe("he’d just been fired");
    expect(decodeEntities("would&rsquove happened&hellip&rdquo")).toBe("would’ve happened…”");
    expect(decodeEntities("1934&mdashthe purge")).toBe("1934—the purge");
  });

  it("leaves ampersands that are not references alone", () => {
    expect(decodeEntities("U.S. News & World Report")).toBe("U.S. News & World Report");
    expect(decodeEntities("Texas A & M, AT&T, R&D")).toBe("Texas A & M, AT&T, R&D");
    expect(decodeEntities("https://example.org/?q=1&lang=en&copy=2")).toBe("https://example.org/?q=1&lang=en&copy=2");
    expect(decodeEntities("&notanentity; &zzz")).toBe("&notanentity; &zzz");
  });

  it("decodes once: an escaped reference stays a reference", () => {
    expect(decodeEntities("&amp;rsquo;")).toBe("&rsquo;");
  });
});
