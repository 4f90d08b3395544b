import { decodeEntities } from "./entities";
import { type Gloss, stripGlosses } from "./glosses";
import { type HtmlMetadata, htmlToText } from "./html";
import { markdownToText } from "./markdown";

export type SourceFormatName = "text" | "markdown" | "html";

export type CleanedSource = { text: string; metadata: HtmlMetadata; glosses: Gloss[] };

// Spaces other than the ordinary one that pages use for layout (no-break, thin, ideographic...).
const UNICODE_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width characters, the byte-order mark and soft hyphens: invisible, and they break quoting.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Control characters other than tab and line feed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Guesses the format from a file name, falling back to sniffing the content. */
export function detectFormat(content: string, fileName?: string): SourceFormatName {
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === "html" || extension === "htm" || extension === "xhtml") return "html";
  if (extension === "md" || extension === "markdown") return "markdown";
  if (extension === "txt") return "text";
  const head = content.slice(0, 2000).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /<(body|p|div|article)[\s>]/.test(head)) {
    return "html";
  }
  return "text";
}

/**
 * Normalizes whitespace and Unicode the same way for every format: NFC, one kind of line
 * break, no invisible or control characters, single spaces, no spaces at line ends, at most
 * one blank line between paragraphs. Letters of every script, and their accents, are kept.
 */
export function normalizeText(input: string): string {
  return (
    input
      .replace(/\r\n?/g, "\n")
      .normalize("NFC")
      .replace(INVISIBLE, "")
      .replaceAll("\t", " ")
      .replace(CONTROL, "")
      .replace(UNICODE_SPACES, " ")
      .replace(/ {2,}/g, " ")
      // Spaces at either end of a line; matching only where there are some keeps a text of a
      // million empty lines from being rewritten a million times for nothing.
      .replace(/ +\n *|\n +/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

/** Produces the cleaned text (the text every passage offset refers to) of an imported document. */
export function cleanSource(raw: string, format: SourceFormatName): CleanedSource {
  const unified = raw.replace(/\r\n?/g, "\n");
  if (format === "html") {
    const { text, metadata } = htmlToText(unified);
    return { ...stripGlosses(normalizeText(text)), metadata };
  }
  const plain = format === "markdown" ? markdownToText(unified) : unified;
  // Link previews pasted into the text by scrapers are not the source's words (lib/sources/glosses.ts).
  return { ...stripGlosses(normalizeText(decodeEntities(plain))), metadata: {} };
}
