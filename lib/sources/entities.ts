import { decodeHTMLStrict } from "entities";

// Named references such as "&rsquo;" or the malformed "&rsquos" (no semicolon) that scraped
// pages carry, and numeric references with or without their semicolon.
const REFERENCE = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}))(;?)/g;

// Entities that scrapers often leave without their semicolon, glued to the next word
// ("&rsquos", "&ldquothe"). Only these (and the HTML legacy names browsers accept) are
// decoded as a prefix, so "&language" or "&lang=en" in a URL stays as written.
const PREFIX_DECODABLE = new Set([
  "rsquo",
  "lsquo",
  "rdquo",
  "ldquo",
  "sbquo",
  "bdquo",
  "laquo",
  "raquo",
  "lsaquo",
  "rsaquo",
  "hellip",
  "mdash",
  "ndash",
  "nbsp",
  "thinsp",
  "ensp",
  "emsp",
  "shy",
  "bull",
  "middot",
  "prime",
  "Prime",
  "quot",
  "apos",
  "amp",
  "lt",
  "gt",
  "deg",
  "copy",
  "reg",
  "trade",
  "sect",
  "para",
]);

function decodeNamed(name: string): string | undefined {
  const reference = `&${name};`;
  const decoded = decodeHTMLStrict(reference);
  return decoded === reference ? undefined : decoded;
}

/**
 * Decodes HTML character references. A named reference without its semicolon is decoded
 * when the whole name is known ("&hellip" before a space or quote), or when a known
 * typographic entity is glued to the following letters ("&rsquos" -> "’s"), longest name
 * first. Text that merely contains an ampersand ("Texas A & M", "AT&T") is left as it is.
 */
export function decodeEntities(input: string): string {
  if (!input.includes("&")) return input;
  return input.replace(
    REFERENCE,
    (
      match,
      decimal: string | undefined,
      hex: string | undefined,
      name: string | undefined,
      semicolon: string,
      offset: number,
      whole: string,
    ) => {
      if (decimal !== undefined || hex !== undefined) {
        return decodeHTMLStrict(`&${decimal !== undefined ? `#${decimal}` : `#x${hex}`};`);
      }
      const fullName = name!;
      if (semicolon) return decodeNamed(fullName) ?? match;
      // "&lang=en" and "&copy=1" are query strings, not references.
      if (whole[offset + match.length] === "=") return match;
      const exact = decodeNamed(fullName);
      if (exact !== undefined) return exact;
      for (let length = fullName.length - 1; length >= 2; length--) {
        const candidate = fullName.slice(0, length);
        if (!PREFIX_DECODABLE.has(candidate)) continue;
        const decoded = decodeNamed(candidate);
        if (decoded !== undefined) return decoded + fullName.slice(length);
      }
      return match;
    },
  );
}
