import { nameWordKey, spellOutMarkedLetters } from "@/lib/people/names";
import { foldText } from "@/lib/text/fold";

/**
 * The form in which text is indexed and queried: folded for case, accents and punctuation,
 * then each word reduced to its spelling-independent key, so a search for "Nikolayev" finds
 * "Nikolaev" and "Николаев", "Yagoda" finds "Jagoda", and "Kadar" finds "Kádár".
 */
export function searchText(text: string, options: { lastWordIsPrefix?: boolean } = {}): string {
  // The English possessive goes, so "Kirov's murder" and "Kirov’s murder" are found by "Kirov".
  const words = foldText(spellOutMarkedLetters(text).replace(/(?<=\p{L})['’]s(?![\p{L}\p{N}])/gu, ""))
    .split(" ")
    .filter(Boolean);
  // A long text repeats its words: each is keyed once. A word may key to nothing (a lone soft
  // sign "Ь"): it leaves no gap behind.
  const keys = new Map<string, string>();
  return words
    .map((word, index) => {
      if (options.lastWordIsPrefix === true && index === words.length - 1) return nameWordKey(word, { partial: true });
      let key = keys.get(word);
      if (key === undefined) {
        key = nameWordKey(word);
        keys.set(word, key);
      }
      return key;
    })
    .filter(Boolean)
    .join(" ");
}

// A word of ASCII letters and digits comes out of spelling out, possessives and folding lower-cased
// and otherwise as it was: its key skips them.
const ASCII_WORD = /^[A-Za-z0-9]+$/;

function wordKey(word: string): string {
  return ASCII_WORD.test(word) ? nameWordKey(word.toLowerCase()) : searchText(word);
}

/** The words of a text with their positions, each with its search key (for highlighting). */
export function keyedWords(text: string): { start: number; end: number; key: string }[] {
  const words: { start: number; end: number; key: string }[] = [];
  // A text repeats its words: each spelling is keyed once.
  const keys = new Map<string, string>();
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}’']+/gu)) {
    let key = keys.get(match[0]);
    if (key === undefined) {
      key = wordKey(match[0]);
      keys.set(match[0], key);
    }
    if (key) words.push({ start: match.index, end: match.index + match[0].length, key });
  }
  return words;
}
