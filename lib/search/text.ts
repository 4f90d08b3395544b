import { nameWordKey, spellOutMarkedLetters } from "@/lib/people/names";
import { foldText } from "@/lib/text/fold";

/**
 * The form in which text is indexed and queried: folded for case, accents and punctuation,
 * then each word reduced to its spelling-independent key, so a search for "Nikolayev" finds
 * "Nikolaev" and "Николаев", "Yagoda" finds "Jagoda", and "Kadar" finds "Kádár".
 */
export function searchText(text: string, options: { lastWordIsPrefix?: boolean } = {}): string {
  return foldWords(text, new Map(), options.lastWordIsPrefix === true);
}

// A folder's memory of word keys is dropped past this many spellings: a text of millions of
// different "words" (hostile, or not prose) costs time, not unbounded memory.
const MAX_REMEMBERED_KEYS = 200_000;

/**
 * searchText for many texts (the passages of one import), keyed once for all of them: the same
 * words recur in every passage. Text is folded in pieces between spaces, tabs and line breaks,
 * each piece once: folding never joins or changes anything across those characters (they are
 * separators, neither letters nor marks, not ignored by the final-sigma rule of lower-casing, and
 * the possessive is recognised within a piece), so the result is searchText's.
 */
export function searchTextFolder(): (text: string) => string {
  const pieces = new Map<string, string>();
  const keys = new Map<string, string>();
  return (text) => {
    if (pieces.size > MAX_REMEMBERED_KEYS) pieces.clear();
    if (keys.size > MAX_REMEMBERED_KEYS) keys.clear();
    let folded = "";
    let start = 0;
    for (let index = 0; index <= text.length; index++) {
      const code = index < text.length ? text.charCodeAt(index) : 0x20;
      if (code !== 0x20 && code !== 0x0a && code !== 0x09) continue;
      if (index > start) {
        const piece = text.slice(start, index);
        let keyed = pieces.get(piece);
        if (keyed === undefined) {
          keyed = foldAsciiPiece(piece, keys) ?? foldWords(piece, keys, false);
          pieces.set(piece, keyed);
        }
        if (keyed) folded = folded === "" ? keyed : `${folded} ${keyed}`;
      }
      start = index + 1;
    }
    return folded;
  };
}

/**
 * foldWords for a piece of plain ASCII letters, digits and punctuation without apostrophes or
 * backquotes (most pieces of English prose), without its regular expressions, whose cost on a
 * short piece is mostly their start-up: lower-cased, split at anything but letters and digits,
 * each word keyed. Undefined for any other piece.
 */
function foldAsciiPiece(piece: string, keys: Map<string, string>): string | undefined {
  for (let index = 0; index < piece.length; index++) {
    const code = piece.charCodeAt(index);
    if (code >= 0x80 || code === 0x27 /* ' */ || code === 0x60 /* ` */) return undefined;
  }
  const lower = piece.toLowerCase();
  let folded = "";
  let start = 0;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) continue;
    if (index > start) {
      const word = lower.slice(start, index);
      let key = keys.get(word);
      if (key === undefined) {
        key = nameWordKey(word);
        keys.set(word, key);
      }
      if (key) folded = folded === "" ? key : `${folded} ${key}`;
    }
    start = index + 1;
  }
  return folded;
}

function foldWords(text: string, keys: Map<string, string>, lastWordIsPrefix: boolean): string {
  // The English possessive goes, so "Kirov's murder" and "Kirov’s murder" are found by "Kirov".
  const words = foldText(spellOutMarkedLetters(text).replace(/(?<=\p{L})['’]s(?![\p{L}\p{N}])/gu, ""))
    .split(" ")
    .filter(Boolean);
  // A long text repeats its words: each is keyed once. A word may key to nothing (a lone soft
  // sign "Ь"): it leaves no gap behind.
  let folded = "";
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    let key: string | undefined;
    if (lastWordIsPrefix && index === words.length - 1) key = nameWordKey(word, { partial: true });
    else {
      key = keys.get(word);
      if (key === undefined) {
        key = nameWordKey(word);
        keys.set(word, key);
      }
    }
    if (key) folded = folded === "" ? key : `${folded} ${key}`;
  }
  return folded;
}

// A word of ASCII letters and digits comes out of spelling out, possessives and folding lower-cased
// and otherwise as it was: its key skips them.
const ASCII_WORD = /^[A-Za-z0-9]+$/;

function wordKey(word: string): string {
  return ASCII_WORD.test(word) ? nameWordKey(word.toLowerCase()) : searchText(word);
}

/**
 * The words of a text with their positions, each with its search key (for highlighting). `keys`
 * remembers the key of each spelling: pass the same map to key many texts (a source's sentences).
 */
export function keyedWords(text: string, keys: Map<string, string> = new Map()): KeyedWord[] {
  return [...eachKeyedWord(text, keys)];
}

export type KeyedWord = { start: number; end: number; key: string };

/**
 * keyedWords one word at a time, for a long text read once (a 5 MB source has 840,000 words:
 * as one array they are 60 MB that outlive the scan).
 */
export function* eachKeyedWord(text: string, keys: Map<string, string> = new Map()): Generator<KeyedWord> {
  // A text repeats its words: each spelling is keyed once.
  if (keys.size > MAX_REMEMBERED_KEYS) keys.clear();
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}’']+/gu)) {
    let key = keys.get(match[0]);
    if (key === undefined) {
      key = wordKey(match[0]);
      keys.set(match[0], key);
    }
    if (key) yield { start: match.index, end: match.index + match[0].length, key };
  }
}
