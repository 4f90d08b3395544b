import type { QueryTerm } from "./query";
import { keyedWords } from "./text";

export type Highlight = { start: number; end: number };
/** A window of a document's text; every offset is in the document's text. */
export type Snippet = { text: string; start: number; end: number; highlights: Highlight[] };

const SNIPPET_LENGTH = 280;

/** Whether a word's search key is one the query asked for (whole word, or as a prefix). */
function matcher(terms: QueryTerm[]): (key: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    term.words.forEach((word, index) => {
      if (term.prefix && index === term.words.length - 1) prefixes.push(word);
      else exact.add(word);
    });
  }
  return (key) => exact.has(key) || prefixes.some((prefix) => key.startsWith(prefix));
}

/** The words of a text that match the query, as offsets into the text. */
export function findHighlights(text: string, terms: QueryTerm[]): Highlight[] {
  const matches = matcher(terms);
  return keyedWords(text)
    .filter((word) => matches(word.key))
    .map((word) => ({ start: word.start, end: word.end }));
}

/**
 * Where a text first holds a phrase (its words' search keys, space-separated, as lib/search/query.ts
 * phraseOf gives it), word for word under the index's folding, from its first word's start to its
 * last word's end.
 */
export function findPhrase(text: string, phrase: string): Highlight | undefined {
  const wanted = phrase.split(" ").filter(Boolean);
  if (wanted.length === 0) return undefined;
  // A word may key to several ("U.S.S.R." does not, but a spelled-out letter may): each key keeps its word's span.
  const keys = keyedWords(text).flatMap((word) =>
    word.key
      .split(" ")
      .filter(Boolean)
      .map((key) => ({ key, start: word.start, end: word.end })),
  );
  for (let first = 0; first + wanted.length <= keys.length; first++) {
    if (wanted.every((key, index) => keys[first + index]!.key === key)) {
      return { start: keys[first]!.start, end: keys[first + wanted.length - 1]!.end };
    }
  }
  return undefined;
}

/**
 * The part of a text around its densest cluster of matches, cut at word boundaries, with the
 * matched words marked; around `anchor` instead when given (where the text holds the exact phrase,
 * so a snippet labelled with it shows it). Short texts come back whole.
 */
export function makeSnippet(text: string, terms: QueryTerm[], length = SNIPPET_LENGTH, anchor?: Highlight): Snippet {
  const highlights = findHighlights(text, terms);
  if (text.length <= length) return { text, start: 0, end: text.length, highlights };

  let windowStart = 0;
  if (anchor && anchor.end - anchor.start <= length * 0.8) {
    windowStart = Math.max(0, anchor.start - Math.floor(length * 0.2));
  } else if (highlights.length > 0) {
    // The window that holds the most highlights, starting a little before the first of them.
    let best = 0;
    let bestCount = 0;
    for (let first = 0, last = 0; first < highlights.length; first++) {
      while (last < highlights.length && highlights[last]!.end - highlights[first]!.start <= length * 0.8) last++;
      if (last - first > bestCount) {
        bestCount = last - first;
        best = first;
      }
    }
    windowStart = Math.max(0, highlights[best]!.start - Math.floor(length * 0.2));
  }
  let windowEnd = Math.min(text.length, windowStart + length);
  windowStart = Math.max(0, Math.min(windowStart, windowEnd - length));
  // Snap to whitespace so no word is cut in half.
  if (windowStart > 0) {
    const space = text.indexOf(" ", windowStart);
    if (space !== -1 && space - windowStart < 30) windowStart = space + 1;
  }
  if (windowEnd < text.length) {
    const space = text.lastIndexOf(" ", windowEnd);
    if (space > windowStart && windowEnd - space < 30) windowEnd = space;
  }
  return {
    text: text.slice(windowStart, windowEnd),
    start: windowStart,
    end: windowEnd,
    highlights: highlights.filter((highlight) => highlight.start >= windowStart && highlight.end <= windowEnd),
  };
}

/** The same snippet with every offset moved by `by` (a passage's snippet in its source's coordinates). */
export function shiftSnippet(snippet: Snippet, by: number): Snippet {
  return {
    text: snippet.text,
    start: snippet.start + by,
    end: snippet.end + by,
    highlights: snippet.highlights.map((highlight) => ({ start: highlight.start + by, end: highlight.end + by })),
  };
}
