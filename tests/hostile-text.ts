// Text for property tests of the parsers (issue 16): pieces every parser treats specially, in any
// order, and runs of one of them, as an attacker would paste them.
import fc from "fast-check";

// Runs are kept short here: the benchmark (npm run bench:adversarial) covers their length.
// PROPERTY_RUNS=20000 npm test -- tests/**/*.property.test.ts searches much longer for a
// counterexample; seeds are random, so every CI run also tries new inputs.
export const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS) || 250;

const PIECES = [
  // Words, names, abbreviations and initials.
  "Kirov",
  "Sergei",
  "kirov",
  "Khrouchtchev",
  "U.S.",
  "S. M. ",
  "A.",
  "Mr. ",
  "etc. ",
  "Dec. 1, ",
  "e.g. ",
  "1. ",
  "a) ",
  "not ",
  "no evidence ",
  "little doubt ",
  "While ",
  "stal*",
  // Markup.
  "[",
  "]",
  "](",
  "![",
  "(",
  ")",
  "*",
  "**",
  "_",
  "__",
  "~~",
  "`",
  "```",
  "#",
  "# ",
  ">",
  "- ",
  "===",
  "---",
  "\\",
  "https://e.org/a.",
  "http://x",
  "mailto:a@b",
  "<",
  "<a href=x>",
  "</a>",
  "<!--",
  "-->",
  "<script>",
  "</script>",
  "<p>",
  "<https:",
  // Entities.
  "&",
  "&amp;",
  "&#",
  "&#x41;",
  "&rsquo",
  "&rsquos",
  "&hellip;",
  ";",
  // Punctuation, quotes, separators.
  ".",
  "...",
  "…",
  "。",
  "?",
  "!",
  ",",
  ":",
  '"',
  "“",
  "”",
  "'",
  "’",
  "''",
  // White space of every kind.
  " ",
  "  ",
  "\t",
  "\n",
  "\n\n",
  "\r\n",
  "\r",
  "\u00A0",
  "\u2028",
  "\u2029",
  "\u0085",
  // Other scripts, marks, invisible and control characters, surrogates.
  "Ж",
  "Николаев",
  "א",
  "é",
  "e\u0301",
  "ǅ",
  "𝐀",
  "😀",
  "\uD800",
  "\uDC00",
  "\u200B",
  "\uFEFF",
  "\u00AD",
  "\u0000",
  "\u0007",
];

/** Pieces of markup, entities, abbreviations, scripts and white space in any order. */
export const hostilePieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(""));

/** One piece repeated: a run of "[", of "A. ", of "&amp;" … */
export const hostileRun = fc
  .tuple(fc.constantFrom(...PIECES, "A. ", "[a](", " **a", "&#x", "\n \n"), fc.integer({ min: 2, max: 300 }))
  .map(([piece, count]) => piece.repeat(count));

/** Any text: hostile pieces, runs, and arbitrary strings (lone surrogates included). */
export const hostileText = fc.oneof(
  { weight: 4, arbitrary: hostilePieces },
  { weight: 1, arbitrary: hostileRun },
  { weight: 1, arbitrary: fc.tuple(hostilePieces, hostileRun, hostilePieces).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
);

/** A word of plain letters. */
export const plainWord = fc.stringMatching(/^[A-Za-z]{1,10}$/);

/** Plain words joined by single spaces. */
export const plainPhrase = fc.array(plainWord, { minLength: 1, maxLength: 5 }).map((words) => words.join(" "));

/** Whether `part` can be read in `whole` in order, skipping characters of `whole` (same treats `a` as `b`). */
export function isSubsequence(
  part: string,
  whole: string,
  same: (a: string, b: string) => boolean = (a, b) => a === b,
) {
  let at = 0;
  for (let index = 0; index < part.length; index++) {
    const char = part[index]!;
    while (at < whole.length && !same(char, whole[at]!)) at++;
    if (at === whole.length) return false;
    at++;
  }
  return true;
}
