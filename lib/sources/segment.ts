import type { TextSpan } from "./selectors";

export type Segments = { paragraphs: TextSpan[]; sentences: TextSpan[] };

// Titles and other abbreviations after which a capitalised word still continues the sentence.
const ALWAYS_CONTINUES = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "sr",
  "jr",
  "gen",
  "col",
  "lt",
  "capt",
  "sgt",
  "maj",
  "adm",
  "rev",
  "hon",
  "gov",
  "sen",
  "rep",
  "pres",
  "messrs",
  "mme",
  "mlle",
  "fr",
  "br",
  "cf",
  "vs",
  "viz",
  "no",
  "nos",
  "vol",
  "vols",
  "pp",
  "ed",
  "eds",
  "fig",
  "ch",
  "art",
  "sec",
]);
// Abbreviations that may also close a sentence: they continue it only before a lower-case
// word or a number ("Dec. 1, 1934", "etc. and").
const CONTINUES_BEFORE_LOWER = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "etc",
  "approx",
  "ca",
  "c",
  "p",
  "e.g",
  "i.e",
  "al",
  "inc",
  "ltd",
  "co",
  "corp",
  "dept",
  "univ",
]);

const LIST_ITEM_START = /^(?:[-*•–—]|\d{1,3}[.)]|[a-z][.)]|\([0-9a-z]{1,3}\))\s/;

// A line that ends a sentence followed by one that starts a new one.
const SENTENCE_END_LINE_BREAK = /(?<=[.!?:…]["'”’)\]]?)\n(?=["“‘(]?[\p{Lu}\p{N}])/gu;

/**
 * Paragraphs are blocks separated by a blank line. A text with no blank line at all (some
 * scrapers drop them) is split where a line ends a sentence and the next starts one.
 */
export function splitParagraphs(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const hasBlankLines = /\n[ \t]*\n/.test(text);
  const separator = hasBlankLines ? /\n[ \t]*\n\s*/g : SENTENCE_END_LINE_BREAK;
  let start = 0;
  for (const match of text.matchAll(separator)) {
    pushTrimmed(text, start, match.index, spans);
    start = match.index + match[0].length;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, into: TextSpan[]) {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}

function lastWord(segment: string): string {
  const match = /(\S+)\s*$/.exec(segment);
  return match ? match[1]! : "";
}

/** Whether the sentence break after `before` (whose next text is `after`) is an abbreviation, not an end. */
function isFalseBreak(before: string, after: string): boolean {
  // "1." or "a)" opening a list item is a marker, not a sentence.
  if (/^\s*(\d{1,3}|[a-zA-Z])[.)]\s*$/.test(before)) return true;
  const word = lastWord(before);
  if (!word.endsWith(".")) return false;
  const bare = word.replace(/^[("'“‘[]+/, "").slice(0, -1);
  if (bare === "") return false;
  // Initials ("S. M. Kirov") and dotted acronyms ("U.S.", "U.S.S.R.").
  if (/^\p{Lu}$/u.test(bare) || /^(\p{L}\.)+\p{L}$/u.test(bare)) return true;
  const lower = bare.toLowerCase();
  if (ALWAYS_CONTINUES.has(lower)) return true;
  if (CONTINUES_BEFORE_LOWER.has(lower)) {
    const next = after.trimStart()[0] ?? "";
    return /[\p{Ll}\p{N},;:]/u.test(next);
  }
  return false;
}

const segmenters = new Map<string, Intl.Segmenter>();
function sentenceSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    let locale = "en";
    try {
      locale = Intl.Segmenter.supportedLocalesOf([language])[0] ?? "en";
    } catch {
      locale = "en";
    }
    segmenter = new Intl.Segmenter(locale, { granularity: "sentence" });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/**
 * Splits one paragraph into sentences. A line break inside a paragraph is a soft wrap
 * (scraped pages break lines in mid-sentence) unless the next line starts a list item.
 * The segmenter sees the paragraph with soft wraps turned into spaces, which keeps every
 * offset identical to the source text.
 */
export function splitSentences(text: string, paragraph: TextSpan, language = "en"): TextSpan[] {
  const body = text.slice(paragraph.start, paragraph.end);
  const hardBreaks = new Set<number>();
  let softened = "";
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (char === "\n") {
      if (LIST_ITEM_START.test(body.slice(index + 1, index + 12))) hardBreaks.add(index + 1);
      softened += " ";
    } else {
      softened += char;
    }
  }

  const boundaries: number[] = [];
  for (const { index } of sentenceSegmenter(language).segment(softened)) {
    if (index > 0) boundaries.push(index);
  }
  for (const hard of hardBreaks) boundaries.push(hard);
  const sorted = [...new Set(boundaries)].sort((a, b) => a - b);

  const spans: TextSpan[] = [];
  let start = 0;
  for (const boundary of sorted) {
    const isHard = hardBreaks.has(boundary);
    if (!isHard && isFalseBreak(body.slice(start, boundary), body.slice(boundary))) continue;
    pushTrimmed(body, start, boundary, spans);
    start = boundary;
  }
  pushTrimmed(body, start, body.length, spans);
  return spans.map((span) => ({ start: span.start + paragraph.start, end: span.end + paragraph.start }));
}

export function segmentText(text: string, language = "en"): Segments {
  const paragraphs = splitParagraphs(text);
  const sentences = paragraphs.flatMap((paragraph) => splitSentences(text, paragraph, language));
  return { paragraphs, sentences };
}
