import { isWhiteSpace } from "@/lib/text/scan";
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

/** text[start, end) without white space at either end, if anything is left, moved by `offset`. */
function pushTrimmed(text: string, start: number, end: number, into: TextSpan[], offset = 0) {
  while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) into.push({ start: start + offset, end: end + offset });
}

// Characters that may open a word before an abbreviation: "(S. M. Kirov", "“U.S.".
const WORD_OPENERS = new Set(["(", '"', "'", "“", "‘", "["]);
const LETTER = /^\p{L}$/u;
const UPPER_CASE_LETTER = /^\p{Lu}$/u;
const LIST_MARKER = /^(?:\d{1,3}|[a-zA-Z])[.)]$/;
const MARKER_END = new Set([".", ")"]);
// Lower-casing never shortens a string, so a longer word is none of the abbreviations.
const LONGEST_ABBREVIATION = Math.max(...[...ALWAYS_CONTINUES, ...CONTINUES_BEFORE_LOWER].map((word) => word.length));

type Word = TextSpan & { alone: boolean };

/**
 * Answers questions about the text before candidate sentence breaks, asked in increasing order.
 * Between two real breaks the text grows with every false one ("A. A. A. …"), so nothing here
 * reads it again: the words are read once, left to right, and a dotted acronym is checked only
 * in what it has gained since the last break.
 */
class TextBeforeBreaks {
  private readonly text: string;
  private read = 0;
  // The run of non-space characters being read (-1: none), and the end of the run before it.
  private runStart = -1;
  private runPreviousEnd = -1;
  private lastRun = { start: -1, end: -1, previousEnd: -1 };
  // The word start `openersFrom` has its leading quotes and brackets end at `openersEnd`.
  private openersFrom = -1;
  private openersEnd = -1;
  // From `acronymFrom`, the text alternates letter, dot, letter… up to `acronymEnd`.
  private acronymFrom = -1;
  private acronymEnd = -1;
  private acronymFirstDot = -1;
  private acronymExpectsLetter = true;
  // From `spaceFrom`, only white space up to `spaceEnd`.
  private spaceFrom = -1;
  private spaceEnd = -1;
  // The answer of lastWord, one object rewritten for each break (a text may have a break every
  // other character).
  private readonly word: Word = { start: 0, end: 0, alone: false };

  constructor(text: string) {
    this.text = text;
  }

  /** The last word of text[from, to), and whether only white space precedes it there (until the next call). */
  lastWord(from: number, to: number): Word | undefined {
    for (; this.read < to; this.read++) {
      if (isWhiteSpace(this.text.charCodeAt(this.read))) {
        if (this.runStart !== -1) {
          this.lastRun = { start: this.runStart, end: this.read, previousEnd: this.runPreviousEnd };
          this.runStart = -1;
        }
      } else if (this.runStart === -1) {
        this.runStart = this.read;
        this.runPreviousEnd = this.lastRun.end;
      }
    }
    const reading = this.runStart !== -1;
    const start = reading ? this.runStart : this.lastRun.start;
    const end = reading ? to : this.lastRun.end;
    const previousEnd = reading ? this.runPreviousEnd : this.lastRun.previousEnd;
    if (start === -1 || end <= from) return undefined;
    this.word.start = Math.max(start, from);
    this.word.end = end;
    this.word.alone = start <= from || previousEnd <= from;
    return this.word;
  }

  /** Where the word starting at `from` begins once its opening quotes and brackets are skipped. */
  afterOpeners(from: number): number {
    if (from !== this.openersFrom) {
      this.openersFrom = from;
      this.openersEnd = from;
      while (this.openersEnd < this.text.length && WORD_OPENERS.has(this.text[this.openersEnd]!)) this.openersEnd++;
    }
    return this.openersEnd;
  }

  /** Whether text[from, to) is letters joined by single dots ("U.S", "S.S.S.R"), however long. */
  isDottedAcronym(from: number, to: number): boolean {
    if (from !== this.acronymFrom) {
      this.acronymFrom = from;
      this.acronymEnd = from;
      this.acronymFirstDot = -1;
      this.acronymExpectsLetter = true;
    }
    while (this.acronymEnd < to) {
      if (this.acronymExpectsLetter) {
        const letter = String.fromCodePoint(this.text.codePointAt(this.acronymEnd)!);
        if (!LETTER.test(letter)) break;
        this.acronymEnd += letter.length;
      } else {
        if (this.text[this.acronymEnd] !== ".") break;
        if (this.acronymFirstDot === -1) this.acronymFirstDot = this.acronymEnd;
        this.acronymEnd++;
      }
      this.acronymExpectsLetter = !this.acronymExpectsLetter;
    }
    return (
      this.acronymEnd >= to && this.text[to - 1] !== "." && this.acronymFirstDot !== -1 && this.acronymFirstDot < to
    );
  }

  /** The first character at or after `from` that is not white space ("" at the end). */
  nextVisible(from: number): string {
    if (from < this.spaceFrom || from > this.spaceEnd) {
      this.spaceFrom = from;
      this.spaceEnd = from;
    }
    while (this.spaceEnd < this.text.length && isWhiteSpace(this.text.charCodeAt(this.spaceEnd))) this.spaceEnd++;
    return this.text[this.spaceEnd] ?? "";
  }
}

/** Whether the sentence break at `boundary` (the sentence so far starting at `start`) is an abbreviation, not an end. */
function isFalseBreak(before: TextBeforeBreaks, text: string, start: number, boundary: number): boolean {
  const word = before.lastWord(start, boundary);
  if (word === undefined) return false;
  // "1." or "a)" opening a list item is a marker, not a sentence.
  if (
    word.alone &&
    word.end - word.start <= 4 &&
    MARKER_END.has(text[word.end - 1]!) &&
    LIST_MARKER.test(text.slice(word.start, word.end))
  )
    return true;
  if (text[word.end - 1] !== ".") return false;
  const bareStart = Math.min(before.afterOpeners(word.start), word.end - 1);
  const bareEnd = word.end - 1;
  if (bareStart === bareEnd) return false;
  // Initials ("S. M. Kirov") and dotted acronyms ("U.S.", "U.S.S.R.").
  if (bareEnd - bareStart <= 2 && UPPER_CASE_LETTER.test(text.slice(bareStart, bareEnd))) return true;
  if (before.isDottedAcronym(bareStart, bareEnd)) return true;
  if (bareEnd - bareStart > LONGEST_ABBREVIATION) return false;
  const lower = text.slice(bareStart, bareEnd).toLowerCase();
  if (ALWAYS_CONTINUES.has(lower)) return true;
  if (CONTINUES_BEFORE_LOWER.has(lower)) return /[\p{Ll}\p{N},;:]/u.test(before.nextVisible(boundary));
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

// Intl.Segmenter (V8, Node 20) spends time in proportion to the whole string on every sentence it
// returns: one paragraph of 150,000 characters in short sentences took 7 s, four times that 90 s.
// So it reads windows of the paragraph. Whether a sentence ends can depend on what follows ("etc.
// 1934 and" goes on before a lower-case word, however many digits come first), but the segmenter's
// rules look no further than the next letter, sentence terminator or paragraph separator. A break
// found in a window is kept when another break follows it there (a terminator or separator lies
// between), or when a letter, a full stop or a separator follows it with room to spare for the
// combining marks that may belong to it. Reading resumes at the last break kept, a sentence start,
// where the segmenter depends on nothing before it; a window with no break to keep is read again
// twice as long. Checked against reading the whole paragraph, on random and hostile text, with
// windows of 40 characters and no room. The cost per sentence is lowest for windows of 512 to
// 1,024 characters (4,096 costs about twice as much).
const SEGMENTER_WINDOW = 1024;
const SETTLING_ROOM = 128;
const SETTLES_A_BREAK = /[\p{L}.!?\u0085\u2028\u2029]/u;

/** Where the segmenter starts each sentence after the first, read window by window. */
function segmenterBreaks(text: string, segmenter: Intl.Segmenter): number[] {
  const breaks: number[] = [];
  let start = 0;
  let size = SEGMENTER_WINDOW;
  while (start < text.length) {
    const end = Math.min(text.length, start + size);
    const firstFound = breaks.length;
    for (const { index } of segmenter.segment(text.slice(start, end))) {
      if (index > 0) breaks.push(start + index);
    }
    if (end === text.length) break;
    // Every break found but the last has another after it; the last stays only if settled.
    if (breaks.length > firstFound) {
      const last = breaks[breaks.length - 1]!;
      let settling = end - SETTLING_ROOM - 1;
      while (settling >= last && !SETTLES_A_BREAK.test(text[settling]!)) settling--;
      if (settling < last) breaks.length--;
    }
    if (breaks.length === firstFound) {
      size *= 2;
      continue;
    }
    start = breaks[breaks.length - 1]!;
    size = SEGMENTER_WINDOW;
  }
  return breaks;
}

/** Two increasing lists of breaks as one, each break once. */
function mergeBreaks(first: number[], second: number[]): number[] {
  if (second.length === 0) return first;
  const merged: number[] = [];
  let a = 0;
  let b = 0;
  while (a < first.length || b < second.length) {
    const next = b === second.length || (a < first.length && first[a]! <= second[b]!) ? first[a++]! : second[b++]!;
    if (merged.length === 0 || merged[merged.length - 1]! !== next) merged.push(next);
  }
  return merged;
}

/**
 * Splits one paragraph into sentences. A line break inside a paragraph is a soft wrap
 * (scraped pages break lines in mid-sentence) unless the next line starts a list item.
 * The segmenter sees the paragraph with soft wraps turned into spaces, which keeps every
 * offset identical to the source text.
 */
export function splitSentences(text: string, paragraph: TextSpan, language = "en"): TextSpan[] {
  const sentences: TextSpan[] = [];
  pushSentences(text, paragraph, language, sentences);
  return sentences;
}

function pushSentences(text: string, paragraph: TextSpan, language: string, spans: TextSpan[]) {
  const body = text.slice(paragraph.start, paragraph.end);
  const hardBreaks: number[] = [];
  for (let index = body.indexOf("\n"); index !== -1; index = body.indexOf("\n", index + 1)) {
    if (LIST_ITEM_START.test(body.slice(index + 1, index + 12))) hardBreaks.push(index + 1);
  }
  const softened = body.replaceAll("\n", " ");

  const sorted = mergeBreaks(segmenterBreaks(softened, sentenceSegmenter(language)), hardBreaks);
  const isHardBreak = new Set(hardBreaks);

  const before = new TextBeforeBreaks(body);
  let start = 0;
  for (const boundary of sorted) {
    const isHard = isHardBreak.has(boundary);
    if (!isHard && isFalseBreak(before, body, start, boundary)) continue;
    pushTrimmed(body, start, boundary, spans, paragraph.start);
    start = boundary;
  }
  pushTrimmed(body, start, body.length, spans, paragraph.start);
}

export function segmentText(text: string, language = "en"): Segments {
  const paragraphs = splitParagraphs(text);
  const sentences: TextSpan[] = [];
  for (const paragraph of paragraphs) pushSentences(text, paragraph, language, sentences);
  return { paragraphs, sentences };
}
