// Properties of what reads search queries and marks matches (issue 16), on random and hostile text:
// word offsets cut out exactly the word keyed, snippets are exact windows of the text, queries stay
// within their bounds. How long they take on long hostile input: npm run bench:adversarial.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/search/query";
import { findHighlights, makeSnippet } from "@/lib/search/snippet";
import { keyedWords, searchText, searchTextFolder } from "@/lib/search/text";
import { hostileText, PROPERTY_RUNS, plainPhrase } from "../hostile-text";

const runs = { numRuns: PROPERTY_RUNS };
const KEYED = /^(?:\S+(?: \S+)*)?$/;

describe("keyedWords", () => {
  it("finds words in order whose offsets cut out exactly the word keyed", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        let previousEnd = 0;
        for (const word of keyedWords(text)) {
          expect(word.start).toBeGreaterThanOrEqual(previousEnd);
          expect(word.end).toBeGreaterThan(word.start);
          expect(word.end).toBeLessThanOrEqual(text.length);
          const surface = text.slice(word.start, word.end);
          expect(surface).toMatch(/^[\p{L}\p{N}\p{M}’']+$/u);
          expect(word.key).not.toBe("");
          expect(word.key).toBe(searchText(surface));
          previousEnd = word.end;
        }
      }),
      runs,
    );
  });

  it("keys text as words separated by single spaces, each word as keyedWords keys it", () => {
    fc.assert(
      fc.property(hostileText, plainPhrase, (text, phrase) => {
        expect(searchText(text)).toMatch(KEYED);
        expect(searchText(text, { lastWordIsPrefix: true })).toMatch(KEYED);
        expect(searchText(phrase).split(" ")).toEqual(keyedWords(phrase).map((word) => word.key));
      }),
      runs,
    );
  });
});

describe("searchTextFolder", () => {
  // Greek capital sigma lower-cases by what surrounds it (final ς or σ), and an apostrophe, a
  // combining accent or a no-break space joins or changes what is next to it: the folder's pieces
  // between spaces, tabs and line breaks must not change any of that.
  const sensitive = fc.constantFrom(
    "ΟΔΟΣ",
    "Σ",
    "’s",
    "'s",
    " ",
    "\n",
    "\t",
    ".",
    "’",
    "\u0301",
    "İ",
    "\u00a0",
    "\ufeff",
    "Ь",
  );
  const text = fc.array(fc.oneof(hostileText, sensitive), { maxLength: 30 }).map((parts) => parts.join(""));

  it("folds every text as searchText does, however many texts share it", () => {
    const fold = searchTextFolder();
    fc.assert(
      fc.property(text, (input) => {
        expect(fold(input)).toBe(searchText(input));
      }),
      runs,
    );
  });
});

describe("parseQuery", () => {
  it("keeps at most 16 terms of non-empty words, phrases only of several words", () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const { terms } = parseQuery(input);
        expect(terms.length).toBeLessThanOrEqual(16);
        for (const term of terms) {
          expect(term.words.length).toBeGreaterThan(0);
          for (const word of term.words) expect(word).toMatch(/^\S+$/);
          expect(term.phrase).toBe(term.words.length > 1);
          if (term.prefix) expect(input).toContain("*");
        }
      }),
      runs,
    );
  });

  it("finds the words typed, whatever surrounds them", () => {
    fc.assert(
      fc.property(plainPhrase, hostileText, (phrase, noise) => {
        const words = parseQuery(`"${phrase}" ${noise.replaceAll('"', "")}`).terms[0]?.words;
        expect(words).toEqual(searchText(phrase).split(" "));
      }),
      runs,
    );
  });
});

describe("makeSnippet", () => {
  it("is an exact window of the text, at most as long as asked, with the matches inside it", () => {
    fc.assert(
      fc.property(hostileText, plainPhrase, fc.integer({ min: 10, max: 300 }), (text, query, length) => {
        const terms = parseQuery(`${query} kirov stal*`).terms;
        const snippet = makeSnippet(text, terms, length);
        expect(snippet.start).toBeGreaterThanOrEqual(0);
        expect(snippet.end).toBeLessThanOrEqual(text.length);
        expect(snippet.text).toBe(text.slice(snippet.start, snippet.end));
        if (text.length <= length) expect(snippet.text).toBe(text);
        else expect(snippet.end - snippet.start).toBeLessThanOrEqual(length);
        const all = findHighlights(text, terms);
        expect(snippet.highlights).toEqual(
          all.filter((highlight) => highlight.start >= snippet.start && highlight.end <= snippet.end),
        );
        let previousEnd = 0;
        for (const highlight of all) {
          expect(highlight.start).toBeGreaterThanOrEqual(previousEnd);
          expect(highlight.end).toBeGreaterThan(highlight.start);
          previousEnd = highlight.end;
        }
      }),
      runs,
    );
  });

  it("marks the words asked for wherever they stand", () => {
    fc.assert(
      fc.property(hostileText, hostileText, (before, after) => {
        const text = `${before} Kirov's ${after}`;
        const at = before.length + 1;
        expect(findHighlights(text, parseQuery("kirov").terms)).toContainEqual({
          start: at,
          end: at + "Kirov's".length,
        });
      }),
      runs,
    );
  });
});
