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
  return words
    .map((word, index) =>
      nameWordKey(word, { partial: options.lastWordIsPrefix === true && index === words.length - 1 }),
    )
    .join(" ");
}

/** The words of a text with their positions, each with its search key (for highlighting). */
export function keyedWords(text: string): { start: number; end: number; key: string }[] {
  const words: { start: number; end: number; key: string }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}’']+/gu)) {
    const key = searchText(match[0]);
    if (key) words.push({ start: match.index, end: match.index + match[0].length, key });
  }
  return words;
}
