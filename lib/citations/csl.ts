// A source as CSL-JSON (https://citationstyles.org), the data citation-js turns into BibTeX and RIS
// (lib/citations/format.ts), and the pinpoint of a cited passage as a CSL locator. Pure: no database.
import type { CitationDto } from "@/lib/sources/citation";
import { foldText } from "@/lib/text/fold";

export type CslName = { family?: string; given?: string; literal?: string };
export type CslDate = { "date-parts": [number[]] };
export type CslType = "webpage" | "article" | "book" | "manuscript" | "document";

/** The fields of a CSL-JSON item this app fills (csl-data.json). */
export type CslItem = {
  id: string;
  type: CslType;
  title: string;
  author?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  publisher?: string;
  URL?: string;
  language?: string;
  note?: string;
};

/** The CSL locator labels a pinpoint is read as (csl-citation.json's `label`). */
export type CslLabel =
  | "page"
  | "paragraph"
  | "chapter"
  | "section"
  | "folio"
  | "line"
  | "note"
  | "volume"
  | "column"
  | "figure"
  | "part"
  | "book";

export type CslLocator = { locator: string; label?: CslLabel };

const CSL_TYPES: Record<string, CslType> = {
  web_page: "webpage",
  article: "article",
  book: "book",
  // CSL's type for archival and other unpublished documents.
  archive_document: "manuscript",
  other: "document",
};

/**
 * One line of plain text. Metadata comes from imports and forms; a line break in a title would end
 * a RIS field and start a forged one ("TI  - x\nER  - \nTY  - …"), and other control characters
 * have no business in a reference.
 */
export function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A URL as it is safe to write into any format: normalised by the URL parser (which percent-encodes
 * spaces and most reserved characters in the path) and with braces and backslashes percent-encoded
 * too, since a lone brace in a BibTeX `url` field unbalances the entry. Not a URL: left out.
 */
export function safeUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return url.href.replace(/[{}\\\s]/g, (char) => encodeURIComponent(char));
  } catch {
    return undefined;
  }
}

// Lower-case words that belong to a surname ("van Gogh", "de la Cruz").
const PARTICLES = new Set([
  "van",
  "von",
  "de",
  "der",
  "den",
  "du",
  "da",
  "di",
  "del",
  "della",
  "la",
  "le",
  "ten",
  "ter",
]);
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/**
 * A stored author name as CSL: "Knight, Amy" and "Amy Knight" become family "Knight", given "Amy";
 * anything that does not look like a person's name (one word, more than five, or words that are not
 * capitalised, such as "Wikipedia contributors") stays whole as a literal, so an organisation is
 * never cut in two.
 */
export function cslName(name: string): CslName {
  const clean = oneLine(name);
  const comma = clean.indexOf(",");
  if (comma > 0) {
    const family = clean.slice(0, comma).trim();
    const given = clean.slice(comma + 1).trim();
    if (family && given && !given.includes(",")) return { family, given };
    return { literal: clean };
  }
  const words = clean.split(" ");
  if (words.length < 2 || words.length > 5) return { literal: clean };
  let familyStart = words.length - 1;
  while (familyStart > 1 && PARTICLES.has(words[familyStart - 1]!)) familyStart--;
  const given = words.slice(0, familyStart);
  const family = words.slice(familyStart);
  if (!given.every((word) => NAME_WORD.test(word)) || !NAME_WORD.test(family[family.length - 1]!)) {
    return { literal: clean };
  }
  return { family: family.join(" "), given: given.join(" ") };
}

/** "1988", "1988-05", "1988-05-30" as CSL date parts. */
export function cslDate(value: string | null | undefined): CslDate | undefined {
  const match = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value) : null;
  if (!match) return undefined;
  return { "date-parts": [match.slice(1).filter(Boolean).map(Number)] };
}

const STOP_WORDS = new Set(["the", "a", "an", "of", "on", "in", "and", "to", "for", "who"]);
const asciiWord = (word: string) => foldText(word).replace(/[^a-z0-9]/g, "");
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A citation key in the usual shape, first author's surname + year + first word of the title
 * ("Knight2000Killed"), in ASCII letters and digits so every BibTeX tool accepts it; "source" when
 * nothing Latin is left (a Cyrillic author and title).
 */
export function citationKey(item: Pick<CslItem, "author" | "issued" | "title">): string {
  const first = item.author?.[0];
  const surname = (first?.family ?? first?.literal ?? "").split(" ").pop() ?? "";
  const year = item.issued?.["date-parts"][0][0];
  const word = foldText(item.title)
    .split(" ")
    .find((candidate) => candidate.length > 2 && !STOP_WORDS.has(candidate));
  const key = `${capitalised(asciiWord(surname))}${year ?? ""}${capitalised(asciiWord(word ?? ""))}`;
  return /[A-Za-z]/.test(key) ? key : `source${key}`;
}

/** A source's reference as a CSL-JSON item; `id` is its citation key. */
export function sourceToCsl(source: CitationDto & { language?: string | null }): CslItem {
  const authors = source.authors.map(cslName).filter((name) => name.literal !== "");
  const base = {
    type: CSL_TYPES[source.kind] ?? "document",
    title: oneLine(source.title) || "Untitled",
    ...(authors.length ? { author: authors } : {}),
  };
  const issued = cslDate(source.publishedDate);
  const accessed = cslDate(source.accessedDate);
  const publisher = source.publisher ? oneLine(source.publisher) : "";
  const url = safeUrl(source.url);
  return {
    id: citationKey({ ...base, issued }),
    ...base,
    ...(issued ? { issued } : {}),
    ...(accessed ? { accessed } : {}),
    ...(publisher ? { publisher } : {}),
    ...(url ? { URL: url } : {}),
    ...(source.language ? { language: source.language } : {}),
  };
}

// How people write pinpoints, and the CSL label each means. The number (or roman numeral) after the
// word is the locator: "p. 12", "pp. 12–14", "para 4", "ch. III", "§ 2", "fol. 12v".
const PINPOINT_LABELS: [RegExp, CslLabel][] = [
  [/^(?:pp?|pg|pgs|pages?)\b\.?/i, "page"],
  [/^(?:paras?|paragraphs?|¶¶?)(?:\b\.?|(?=\s|\d))/i, "paragraph"],
  [/^(?:ch|chap|chapters?)\b\.?/i, "chapter"],
  [/^(?:secs?|sections?|§§?)(?:\b\.?|(?=\s|\d))/i, "section"],
  [/^(?:fols?|folios?|ff?)\b\.?/i, "folio"],
  [/^(?:ll?|lines?)\b\.?/i, "line"],
  [/^(?:nn?|notes?|fn|footnotes?)\b\.?/i, "note"],
  [/^(?:vols?|volumes?)\b\.?/i, "volume"],
  [/^(?:cols?|columns?)\b\.?/i, "column"],
  [/^(?:figs?|figures?)\b\.?/i, "figure"],
  [/^(?:pts?|parts?)\b\.?/i, "part"],
  [/^(?:bk|books?)\b\.?/i, "book"],
];
// What may follow the label: numbers, roman numerals and ranges or lists of them ("12–14", "iv, 3", "12v").
const LOCATOR = /^(?:[0-9]+[a-z]?|[ivxlcdm]+|[IVXLCDM]+)(?:\s*[-–—,&/]\s*(?:[0-9]+[a-z]?|[ivxlcdm]+|[IVXLCDM]+))*$/;

/**
 * A cited passage's pinpoint as a CSL locator: the evidence's own pinpoint when it has one ("p. 12"
 * → page 12; a bare number is a page, as in print; text that names no known unit stays the locator
 * with no label), else the number of the paragraph the passage is in (1-based).
 */
export function pinpointLocator(
  pinpoint: string | null | undefined,
  paragraphNumber: number | null,
): CslLocator | null {
  const text = pinpoint ? oneLine(pinpoint) : "";
  if (text) {
    if (LOCATOR.test(text)) return { locator: text, label: "page" };
    for (const [pattern, label] of PINPOINT_LABELS) {
      const match = pattern.exec(text);
      if (!match) continue;
      const rest = text.slice(match[0].length).trim();
      if (LOCATOR.test(rest)) return { locator: rest, label };
    }
    return { locator: text };
  }
  return paragraphNumber === null ? null : { locator: String(paragraphNumber), label: "paragraph" };
}

const LABEL_WORDS: Record<CslLabel, string> = {
  page: "p.",
  paragraph: "para.",
  chapter: "ch.",
  section: "sec.",
  folio: "fol.",
  line: "l.",
  note: "n.",
  volume: "vol.",
  column: "col.",
  figure: "fig.",
  part: "pt.",
  book: "bk.",
};

/** "para. 4", "p. 12", or the pinpoint as written: for the note of a BibTeX or RIS entry. */
export function locatorText(locator: CslLocator): string {
  return locator.label ? `${LABEL_WORDS[locator.label]} ${locator.locator}` : locator.locator;
}
