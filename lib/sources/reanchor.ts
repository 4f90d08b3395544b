// Re-anchoring cited passages when a changed text is imported as a new version of a source
// (issue 13, item 6; docs/decisions/0015-re-anchoring-citations.md).
//
// The evidence for where a passage went is the diff of the two texts, not a search for its words:
// a search finds the same words in another place (repeated lecture notes, a paragraph quoted
// twice, a copy inserted elsewhere) and would re-point the citation there silently, which is
// what annotation tools that re-anchor fuzzily get wrong. So:
//   1. Both texts are folded (white space, quote marks, dashes) and aligned once, word by word.
//   2. A quote whose words the alignment kept together moved ("same-offsets", "quote" or
//      "typography"), unless another copy of its words could as well be the cited one.
//   3. A quote the alignment kept mostly (corrected words) is followed letter by letter at its two
//      ends and proposed as "changed", with the share of characters that changed.
//   4. Otherwise its exact words elsewhere are proposed only when the text around them moved
//      with them; everything else is "not found", with the places a moderator may choose from.
import { diffArrays, diffChars, diffWords } from "diff";
import type { TextQuote, TextSpan } from "./selectors";

export type ReanchorOutcome =
  /** The same words (up to white space, quote marks and dashes: "typography"); safe to apply without review. */
  | { kind: "moved"; span: TextSpan; method: "same-offsets" | "quote" | "typography" }
  /** The words differ, or the place was not certain: a moderator must confirm. */
  | { kind: "changed"; span: TextSpan; score: number; reason: string }
  /** Kept on the old version and flagged; `candidates` are places a moderator may choose from. */
  | { kind: "not_found"; reason: string; candidates?: TextSpan[] };

export type QuoteToReanchor = { start: number; end: number; quote: TextQuote };

export type ReanchorOptions = {
  /** Edits (in words) beyond which the whole-text diff gives up for the anchored one; 0 forces it. */
  maxEditWords?: number;
  /** Time after which the whole-text diff gives up for the anchored one. */
  diffTimeoutMs?: number;
};

// A quote most of whose characters the diff saw deleted no longer exists: the issue's own
// definition. Below this share nothing is proposed, however similar some other passage is.
const MIN_PRESERVED_SHARE = 0.5;
// A changed quote is proposed only while at most this share of its characters (after folding
// typography) differ: past that it says something else, and a moderator starts from the old text.
const MAX_CHANGED_SHARE = 0.4;
// Text compared on each side of a quote when asking whether another copy of its words could as
// well be the one cited. Long enough to reach past a repeated sentence or short paragraph into
// what surrounds it; a comparison stops at the first difference, so it rarely reads all of it.
const CONTEXT_CHARS = 1000;
// A passage found only away from where the diff puts it (a moved paragraph) is proposed only if
// the text on both sides of it agrees this far, or on the two sides together the longer distance
// (a sentence that opens or closes a moved paragraph has new neighbours on one side): a moved
// paragraph carries its sentences' context, a phrase that two passages happen to share does not.
const MIN_MOVED_SIDE_CONTEXT = 16;
const MIN_MOVED_CONTEXT = 64;
// A quote whose words occur more often than this is too common for each copy to be checked; the
// diff's place is taken only when this much text on each side agrees too.
const MAX_OCCURRENCES = 64;
const STRONG_SIDE_CONTEXT = 64;
// The whole-text Myers diff is minimal and fast while the texts differ little. Its cost grows
// with the texts' length times the edits, so it gets at most this many edited words, fewer on long
// texts (MYERS_WORK / words), and this long; past that the anchored diff takes over, whose cost
// does not grow with the edits (a 4 MB text: about half a second either way on the eval).
const MAX_EDIT_WORDS = 2_000;
const MYERS_WORK = 50_000_000;
const DIFF_TIMEOUT_MS = 500;
// In the anchored diff, the stretches between unique words are diffed exactly up to this budget,
// and all of them together for at most this long.
const GAP_EDIT_WORDS = 2_000;
const ANCHORED_DIFF_MS = 3_000;
const MAX_ANCHOR_DEPTH = 8;

/**
 * Finds each quote of `oldText` again in `newText`. Pure, and linear in the texts' length apart
 * from the diff (bounded by `options`) and per-quote work around each quote.
 */
export function reanchorQuotes(
  oldText: string,
  newText: string,
  quotes: QuoteToReanchor[],
  options: ReanchorOptions = {},
): ReanchorOutcome[] {
  if (quotes.length === 0) return [];
  const before = tokenize(foldTypography(oldText), new Map());
  const vocabulary = before.vocabulary;
  const after = tokenize(foldTypography(newText), vocabulary);
  const newOfOld = alignTokens(before, after, {
    maxEditWords: options.maxEditWords ?? MAX_EDIT_WORDS,
    diffTimeoutMs: options.diffTimeoutMs ?? DIFF_TIMEOUT_MS,
  });
  const context: Context = {
    oldText,
    newText,
    before,
    after,
    newOfOld,
    ...nearestKept(newOfOld),
    oldOfNew: inverse(newOfOld, after.ids.length),
    oldWords: indexWords(before, vocabulary.size),
    newWords: indexWords(after, vocabulary.size),
    occurrences: new Map(),
  };
  return quotes.map((quote) => reanchorQuote(context, quote));
}

/** A word-by-word comparison of a quote and what replaced it, for the moderators' queue. */
export function wordDiff(before: string, after: string): { kind: "same" | "added" | "removed"; text: string }[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

// ---------------------------------------------------------------------------------------------
// Typography folding: the text a reader sees as the same. White space runs become one space,
// quote marks and apostrophes one kind each, dash runs (with the spaces around them) one hyphen,
// "…" three dots; invisible characters go. Case and letters are kept: a changed letter is a
// changed word. `rawStart[i]` is where folded character i comes from in the original.

type FoldedText = { raw: string; text: string; rawStart: Int32Array };

// What folding does with each UTF-16 code unit, looked up in one table built on first use.
const KEEP = 0;
const SPACE = 1;
const DOUBLE_QUOTE = 2;
const SINGLE_QUOTE = 3;
const DASH = 4;
const INVISIBLE = 5;
const ELLIPSIS = 6;
// Kept characters that are part of words (letters, marks, digits; surrogates, so that letters
// outside the Basic Multilingual Plane stay in their words).
const WORD_CHARACTER = 8;

let characterClasses: Uint8Array | undefined;

function classes(): Uint8Array {
  if (characterClasses) return characterClasses;
  const table = new Uint8Array(0x10000);
  const wordCharacter = /[\p{L}\p{M}\p{N}]/u;
  for (let code = 0; code < 0x10000; code++) {
    if ((code >= 0xd800 && code <= 0xdfff) || wordCharacter.test(String.fromCharCode(code))) {
      table[code] = WORD_CHARACTER;
    }
  }
  const set = (codes: number[], value: number) => {
    for (const code of codes) table[code] = value;
  };
  for (let code = 0; code <= 0x20; code++) table[code] = SPACE;
  set([0x7f, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000], SPACE);
  for (let code = 0x2000; code <= 0x200a; code++) table[code] = SPACE;
  set([0x22, 0x201c, 0x201d, 0x201e, 0x201f, 0xab, 0xbb, 0x2033, 0x301d, 0x301e, 0xff02], DOUBLE_QUOTE);
  set([0x27, 0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x60, 0xb4, 0x2039, 0x203a, 0xff07], SINGLE_QUOTE);
  set([0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d], DASH);
  set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff], INVISIBLE);
  table[0x2026] = ELLIPSIS;
  characterClasses = table;
  return table;
}

function foldTypography(raw: string): FoldedText {
  const table = classes();
  let codes = new Uint16Array(raw.length + 16);
  let rawStart = new Int32Array(raw.length + 16);
  let length = 0;
  let index = 0;
  while (index < raw.length) {
    // Only "…" makes the folded text longer than the original.
    if (length + 3 > codes.length) {
      const grownCodes = new Uint16Array(codes.length * 2);
      grownCodes.set(codes);
      codes = grownCodes;
      rawStart = grow(rawStart);
    }
    const code = raw.charCodeAt(index);
    const kind = table[code]!;
    if (kind === KEEP || kind === WORD_CHARACTER) {
      codes[length] = code;
      rawStart[length++] = index++;
    } else if (kind === SPACE) {
      codes[length] = 0x20;
      rawStart[length++] = index;
      while (index < raw.length && table[raw.charCodeAt(index)] === SPACE) index++;
    } else if (kind === DASH) {
      if (length > 0 && codes[length - 1] === 0x20) length--;
      codes[length] = 0x2d;
      rawStart[length++] = index;
      while (index < raw.length && table[raw.charCodeAt(index)] === DASH) index++;
      while (index < raw.length && table[raw.charCodeAt(index)] === SPACE) index++;
    } else if (kind === DOUBLE_QUOTE || kind === SINGLE_QUOTE) {
      codes[length] = kind === DOUBLE_QUOTE ? 0x22 : 0x27;
      rawStart[length++] = index++;
    } else if (kind === ELLIPSIS) {
      for (let dot = 0; dot < 3; dot++) {
        codes[length] = 0x2e;
        rawStart[length++] = index;
      }
      index++;
    } else {
      index++; // invisible
    }
  }
  // The code units as UTF-16 (little-endian, the byte order of every platform Node runs on): the
  // length is kept, a lone surrogate becoming one U+FFFD in both texts alike.
  const text = new TextDecoder("utf-16le").decode(codes.subarray(0, length));
  return { raw, text, rawStart: rawStart.subarray(0, length) };
}

/** The first folded character that comes from raw position `position` or later. */
function foldedIndexOf(folded: FoldedText, position: number): number {
  return lowerBound(folded.rawStart, position);
}

/** The raw span behind folded characters [start, end). */
function rawSpanOf(folded: FoldedText, start: number, end: number): TextSpan {
  const table = classes();
  let rawEnd = folded.rawStart[end - 1]!;
  const kind = table[folded.raw.charCodeAt(rawEnd)];
  if (kind === SPACE || kind === DASH) {
    while (rawEnd < folded.raw.length && table[folded.raw.charCodeAt(rawEnd)] === kind) rawEnd++;
  } else {
    rawEnd++;
  }
  return { start: folded.rawStart[start]!, end: rawEnd };
}

// ---------------------------------------------------------------------------------------------
// Words: runs of letters, marks and digits, and each other visible character on its own. Every
// distinct word gets a number shared by both texts, so the diff compares numbers.

type Tokens = {
  folded: FoldedText;
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
  vocabulary: Map<string, number>;
};

function tokenize(folded: FoldedText, vocabulary: Map<string, number>): Tokens {
  const table = classes();
  const { text } = folded;
  // Prose has a word every five or six characters; the arrays grow if not.
  const capacity = Math.max(1024, text.length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let ids = new Int32Array(capacity);
  let count = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x20) {
      index++;
      continue;
    }
    const start = index++;
    if (table[code] === WORD_CHARACTER) {
      while (index < text.length && table[text.charCodeAt(index)] === WORD_CHARACTER) index++;
    }
    const word = text.slice(start, index);
    let id = vocabulary.get(word);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(word, id);
    }
    if (count === ids.length) {
      starts = grow(starts);
      ends = grow(ends);
      ids = grow(ids);
    }
    starts[count] = start;
    ends[count] = index;
    ids[count++] = id;
  }
  return { folded, starts: starts.slice(0, count), ends: ends.slice(0, count), ids: ids.slice(0, count), vocabulary };
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

// ---------------------------------------------------------------------------------------------
// Alignment: for each old word, the new word it became (-1: deleted or rewritten).

type AlignBudget = { maxEditWords: number; diffTimeoutMs: number };

function alignTokens(before: Tokens, after: Tokens, budget: AlignBudget): Int32Array {
  const oldIds = before.ids;
  const newIds = after.ids;
  const newOfOld = new Int32Array(oldIds.length).fill(-1);
  const [o0, o1, n0, n1] = alignEnds(oldIds, 0, oldIds.length, newIds, 0, newIds.length, newOfOld);
  // Myers' cost grows with the texts' length times the edits: a long text gets fewer edits.
  const maxEditWords = Math.min(budget.maxEditWords, Math.floor(MYERS_WORK / Math.max(1, o1 - o0 + n1 - n0)));
  const exact =
    maxEditWords > 0 && diffInto(oldIds, o0, o1, newIds, n0, n1, newOfOld, maxEditWords, budget.diffTimeoutMs);
  if (!exact) alignAnchored(oldIds, o0, o1, newIds, n0, n1, newOfOld, 0, Date.now() + ANCHORED_DIFF_MS);
  slideDeletions(before, newOfOld, after.ids.length);
  slideInsertions(after, newOfOld);
  dropChanceEqualities(oldIds, newOfOld, newIds.length);
  keepChangeEdges(oldIds, newIds, newOfOld);
  return newOfOld;
}

// How far a run is slid at most: enough to reach a sentence's or paragraph's edge, and no more,
// so that a text of one word repeated does not make each run try every place.
const MAX_SLIDE = 64;

/**
 * A deleted or inserted run next to a copy of its own words can be placed in several ways with
 * the same cost: deleting "day. He left." from "day. He left. The" may keep the first full stop or
 * the second. A quote that ends with "day." is kept whole only by the first, so every such run is
 * slid to where its ends fall on the strongest boundaries (paragraph, line, sentence, word), as
 * diff-match-patch's lossless clean-up does for characters.
 */
function slideDeletions(before: Tokens, newOfOld: Int32Array, newLength: number): void {
  const ids = before.ids;
  const count = ids.length;
  let start = 0;
  while (start < count) {
    if (newOfOld[start]! >= 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < count && newOfOld[end]! < 0) end++;
    const previousTarget = start > 0 ? newOfOld[start - 1]! : -1;
    const nextTarget = end < count ? newOfOld[end]! : newLength;
    // Only a pure deletion (nothing inserted in its place) can slide.
    if (nextTarget === previousTarget + 1) {
      let left = 0;
      while (
        left < MAX_SLIDE &&
        start - left - 1 >= 0 &&
        newOfOld[start - left - 1] === previousTarget - left &&
        ids[start - left - 1] === ids[end - left - 1]
      ) {
        left++;
      }
      let right = 0;
      while (
        right < MAX_SLIDE &&
        end + right < count &&
        newOfOld[end + right] === nextTarget + right &&
        ids[start + right] === ids[end + right]
      ) {
        right++;
      }
      const shift = bestShift(before, start, end, left, right);
      if (shift < 0) {
        for (let index = start + shift; index < end; index++) newOfOld[index] = -1;
        for (let step = 0; step < -shift; step++) newOfOld[end + shift + step] = previousTarget + shift + 1 + step;
      } else if (shift > 0) {
        for (let index = start; index < end + shift; index++) newOfOld[index] = -1;
        for (let step = 0; step < shift; step++) newOfOld[start + step] = nextTarget + step;
      }
      end += shift;
    }
    start = end;
  }
}

function slideInsertions(after: Tokens, newOfOld: Int32Array): void {
  const ids = after.ids;
  const count = newOfOld.length;
  // Each gap between two old words kept one after the other (or a text's edge) where new words were inserted.
  for (let word = -1; word < count; word++) {
    if (word >= 0 && newOfOld[word]! < 0) continue;
    if (word + 1 < count && newOfOld[word + 1]! < 0) continue;
    const start = word >= 0 ? newOfOld[word]! + 1 : 0;
    const end = word + 1 < count ? newOfOld[word + 1]! : ids.length;
    if (end <= start || (word < 0 && word + 1 >= count)) continue;
    let left = 0;
    while (
      left < MAX_SLIDE &&
      word - left >= 0 &&
      newOfOld[word - left] === start - 1 - left &&
      start - left - 1 >= 0 &&
      ids[start - left - 1] === ids[end - left - 1]
    ) {
      left++;
    }
    let right = 0;
    while (
      right < MAX_SLIDE &&
      word + 1 + right < count &&
      newOfOld[word + 1 + right] === end + right &&
      end + right < ids.length &&
      ids[start + right] === ids[end + right]
    ) {
      right++;
    }
    const shift = bestShift(after, start, end, left, right);
    if (shift < 0) {
      for (let step = 0; step < -shift; step++) newOfOld[word - step] = end - 1 - step;
    } else if (shift > 0) {
      for (let step = 0; step < shift; step++) newOfOld[word + 1 + step] = start + step;
    }
  }
}

/** The shift in [-left, right] that puts both ends of the run [start, end) on the strongest boundaries. */
function bestShift(tokens: Tokens, start: number, end: number, left: number, right: number): number {
  if (left === 0 && right === 0) return 0;
  let best = 0;
  let bestScore = boundaryStrength(tokens, start) + boundaryStrength(tokens, end);
  for (let shift = -left; shift <= right; shift++) {
    if (shift === 0) continue;
    const score = boundaryStrength(tokens, start + shift) + boundaryStrength(tokens, end + shift);
    if (score > bestScore || (score === bestScore && shift < best)) {
      best = shift;
      bestScore = score;
    }
  }
  return best;
}

/** How strong the boundary before word `index` is: text edge or blank line, line break, sentence end, other punctuation, space, nothing. */
function boundaryStrength(tokens: Tokens, index: number): number {
  if (index <= 0 || index >= tokens.ids.length) return 6;
  const { raw, text, rawStart } = tokens.folded;
  const lastOfPrevious = tokens.ends[index - 1]! - 1;
  const gap = raw.slice(rawStart[lastOfPrevious]! + 1, rawStart[tokens.starts[index]!]!);
  if (/\n\s*\n/.test(gap)) return 6;
  if (gap.includes("\n")) return 5;
  const previous = text.charCodeAt(lastOfPrevious);
  const spaced = gap.length > 0;
  if (spaced && (previous === 0x2e || previous === 0x21 || previous === 0x3f)) return 4;
  if (spaced && (previous === 0x2c || previous === 0x3b || previous === 0x3a || previous === 0x29)) return 3;
  return spaced ? 2 : 0;
}

/** Aligns the common beginning and end of two ranges; returns what is left in between. */
function alignEnds(
  oldIds: Int32Array,
  o0: number,
  o1: number,
  newIds: Int32Array,
  n0: number,
  n1: number,
  newOfOld: Int32Array,
): [number, number, number, number] {
  while (o0 < o1 && n0 < n1 && oldIds[o0] === newIds[n0]) newOfOld[o0++] = n0++;
  while (o1 > o0 && n1 > n0 && oldIds[o1 - 1] === newIds[n1 - 1]) newOfOld[--o1] = --n1;
  return [o0, o1, n0, n1];
}

/** Myers' minimal diff (jsdiff) of two ranges; false when it gave up within its budget. */
function diffInto(
  oldIds: Int32Array,
  o0: number,
  o1: number,
  newIds: Int32Array,
  n0: number,
  n1: number,
  newOfOld: Int32Array,
  maxEditLength: number,
  timeout: number,
): boolean {
  if (o0 === o1 || n0 === n1) return true;
  const changes = diffArrays(Array.from(oldIds.subarray(o0, o1)), Array.from(newIds.subarray(n0, n1)), {
    maxEditLength,
    timeout,
  });
  if (!changes) return false;
  let oldIndex = o0;
  let newIndex = n0;
  for (const change of changes) {
    if (change.added) newIndex += change.count;
    else if (change.removed) oldIndex += change.count;
    else for (let step = 0; step < change.count; step++) newOfOld[oldIndex++] = newIndex++;
  }
  return true;
}

/**
 * Patience-style diff for texts too different for Myers within budget: words that occur exactly
 * once in both ranges, in the longest order-preserving chain, anchor the alignment; the stretches
 * between anchors are aligned the same way, recursively, and exactly once they are small.
 * Its cost grows with the texts' length, not with the number of edits.
 */
function alignAnchored(
  oldIds: Int32Array,
  start0: number,
  end0: number,
  newIds: Int32Array,
  start1: number,
  end1: number,
  newOfOld: Int32Array,
  depth: number,
  deadline: number,
): void {
  const [o0, o1, n0, n1] = alignEnds(oldIds, start0, end0, newIds, start1, end1, newOfOld);
  if (o0 === o1 || n0 === n1) return;
  const anchors =
    o1 - o0 + (n1 - n0) <= 4 * GAP_EDIT_WORDS || depth >= MAX_ANCHOR_DEPTH
      ? []
      : uniqueAnchors(oldIds, o0, o1, newIds, n0, n1);
  if (anchors.length === 0) {
    // Past the deadline a stretch stays unaligned: its quotes are flagged, never guessed.
    const left = deadline - Date.now();
    if (left > 0) diffInto(oldIds, o0, o1, newIds, n0, n1, newOfOld, GAP_EDIT_WORDS, Math.min(left, DIFF_TIMEOUT_MS));
    return;
  }
  let oldFrom = o0;
  let newFrom = n0;
  for (const [oldAt, newAt] of anchors) {
    alignAnchored(oldIds, oldFrom, oldAt, newIds, newFrom, newAt, newOfOld, depth + 1, deadline);
    newOfOld[oldAt] = newAt;
    oldFrom = oldAt + 1;
    newFrom = newAt + 1;
  }
  alignAnchored(oldIds, oldFrom, o1, newIds, newFrom, n1, newOfOld, depth + 1, deadline);
}

/** Pairs of positions of words unique in both ranges, the longest chain increasing in both. */
function uniqueAnchors(
  oldIds: Int32Array,
  o0: number,
  o1: number,
  newIds: Int32Array,
  n0: number,
  n1: number,
): [number, number][] {
  // For each word: its position in the old range, or -2 once seen twice.
  const inOld = new Map<number, number>();
  for (let index = o0; index < o1; index++) {
    const id = oldIds[index]!;
    inOld.set(id, inOld.has(id) ? -2 : index);
  }
  const inNew = new Map<number, number>();
  for (let index = n0; index < n1; index++) {
    const id = newIds[index]!;
    if (inOld.has(id)) inNew.set(id, inNew.has(id) ? -2 : index);
  }
  const pairs: [number, number][] = [];
  for (let index = o0; index < o1; index++) {
    const id = oldIds[index]!;
    if (inOld.get(id) !== index) continue;
    const newAt = inNew.get(id);
    if (newAt !== undefined && newAt >= 0) pairs.push([index, newAt]);
  }
  return longestIncreasingChain(pairs);
}

/** Longest subsequence of pairs (already increasing in the first element) increasing in the second. */
function longestIncreasingChain(pairs: [number, number][]): [number, number][] {
  const tails: number[] = []; // index into pairs of the smallest tail of each chain length
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let index = 0; index < pairs.length; index++) {
    const value = pairs[index]![1];
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]!]![1] < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  }
  const chain: [number, number][] = [];
  for (let index = tails.length > 0 ? tails[tails.length - 1]! : -1; index >= 0; index = previous[index]!) {
    chain.push(pairs[index]!);
  }
  return chain.reverse();
}

/**
 * A minimal diff also matches words that two unrelated passages happen to share ("the", "of",
 * a name) when one replaced the other. Such a run of equal words, with old text deleted on both
 * sides of it and no longer than the changes there, is no evidence that text survived
 * (diff-match-patch's semantic clean-up), and left in place it would make a deleted quote look
 * partly kept. A run with only insertions on one side continues the old text and stays.
 */
function dropChanceEqualities(oldIds: ArrayLike<number>, newOfOld: Int32Array, newLength: number): void {
  for (let pass = 0; pass < 4; pass++) {
    const runs = equalRuns(newOfOld);
    let dropped = false;
    for (let index = 0; index < runs.length; index++) {
      const run = runs[index]!;
      const previous = index > 0 ? runs[index - 1] : undefined;
      const next = index + 1 < runs.length ? runs[index + 1] : undefined;
      const length = run.oldEnd - run.oldStart;
      const deletedBefore = run.oldStart - (previous?.oldEnd ?? 0);
      const insertedBefore = run.newStart - (previous ? previous.newStart + (previous.oldEnd - previous.oldStart) : 0);
      const deletedAfter = (next?.oldStart ?? oldIds.length) - run.oldEnd;
      const insertedAfter = (next?.newStart ?? newLength) - (run.newStart + length);
      if (
        deletedBefore > 0 &&
        deletedAfter > 0 &&
        length <= Math.max(deletedBefore, insertedBefore) &&
        length <= Math.max(deletedAfter, insertedAfter)
      ) {
        for (let word = run.oldStart; word < run.oldEnd; word++) newOfOld[word] = -1;
        dropped = true;
      }
    }
    if (!dropped) return;
  }
}

/**
 * After chance equalities are dropped, a changed stretch may begin or end with words equal to the
 * other side's ("Spigelglas" opening both a deleted paragraph and the sentence after it): those
 * continue the kept text next to them, so they are kept (diff-match-patch's merge step).
 */
function keepChangeEdges(oldIds: Int32Array, newIds: Int32Array, newOfOld: Int32Array): void {
  let word = 0;
  while (word <= newOfOld.length) {
    if (word < newOfOld.length && newOfOld[word]! >= 0) {
      word++;
      continue;
    }
    // [runStart, runEnd) old words not kept (possibly none), between kept words or the text's edges.
    const runStart = word;
    while (word < newOfOld.length && newOfOld[word]! < 0) word++;
    const runEnd = word;
    const newStart = runStart > 0 ? newOfOld[runStart - 1]! + 1 : 0;
    const newEnd = runEnd < newOfOld.length ? newOfOld[runEnd]! : newIds.length;
    if (runEnd > runStart && newEnd > newStart) alignEnds(oldIds, runStart, runEnd, newIds, newStart, newEnd, newOfOld);
    word = runEnd + 1;
  }
}

type EqualRun = { oldStart: number; oldEnd: number; newStart: number };

function equalRuns(newOfOld: Int32Array): EqualRun[] {
  const runs: EqualRun[] = [];
  let index = 0;
  while (index < newOfOld.length) {
    if (newOfOld[index]! < 0) {
      index++;
      continue;
    }
    const start = index;
    while (index + 1 < newOfOld.length && newOfOld[index + 1] === newOfOld[index]! + 1) index++;
    index++;
    runs.push({ oldStart: start, oldEnd: index, newStart: newOfOld[start]! });
  }
  return runs;
}

function inverse(newOfOld: Int32Array, newLength: number): Int32Array {
  const oldOfNew = new Int32Array(newLength).fill(-1);
  for (let word = 0; word < newOfOld.length; word++) if (newOfOld[word]! >= 0) oldOfNew[newOfOld[word]!] = word;
  return oldOfNew;
}

/** For every old word, the nearest old word at or before it (-1: none) and at or after it (length: none) that the diff kept. */
function nearestKept(newOfOld: Int32Array): { keptBefore: Int32Array; keptAfter: Int32Array } {
  const keptBefore = new Int32Array(newOfOld.length);
  const keptAfter = new Int32Array(newOfOld.length);
  let last = -1;
  for (let index = 0; index < newOfOld.length; index++) {
    if (newOfOld[index]! >= 0) last = index;
    keptBefore[index] = last;
  }
  let next = newOfOld.length;
  for (let index = newOfOld.length - 1; index >= 0; index--) {
    if (newOfOld[index]! >= 0) next = index;
    keptAfter[index] = next;
  }
  return { keptBefore, keptAfter };
}

// ---------------------------------------------------------------------------------------------
// Following one quote.

type Context = {
  oldText: string;
  newText: string;
  before: Tokens;
  after: Tokens;
  newOfOld: Int32Array;
  keptBefore: Int32Array;
  keptAfter: Int32Array;
  /** For each new word, the old word it came from (-1: inserted or rewritten). */
  oldOfNew: Int32Array;
  oldWords: WordIndex;
  newWords: WordIndex;
  occurrences: Map<string, Occurrences>;
};

/** Where the diff puts a folded old span [start, end) in the folded new text. */
type Image = {
  start: number;
  end: number;
  /** Share of the span's characters that the diff kept (letters of corrected words included). */
  preserved: number;
  /** Every word kept, in one run: the same words, differing at most in spacing. */
  intact: boolean;
};

type Occurrences = {
  old: number[];
  new: number[];
  /** Too many to check one by one. */
  common: boolean;
  /** New occurrence -> the old occurrence whose intact image it is. */
  ownerOf: Map<number, number>;
  /** Old occurrence -> its image. */
  images: Map<number, Image>;
};

function reanchorQuote(context: Context, input: QuoteToReanchor): ReanchorOutcome {
  const oldSpan = locateInOldText(context.oldText, input);
  if (!oldSpan) return { kind: "not_found", reason: "the quote is not in the old version's text" };
  if (context.after.ids.length === 0) return { kind: "not_found", reason: "the new version has no text" };
  const before = context.before.folded;
  let start = foldedIndexOf(before, oldSpan.start);
  let end = foldedIndexOf(before, oldSpan.end);
  while (start < end && before.text.charCodeAt(start) === 0x20) start++;
  while (end > start && before.text.charCodeAt(end - 1) === 0x20) end--;
  if (start >= end) return { kind: "not_found", reason: "the quote has no visible characters" };

  const occurrences = occurrencesOf(context, start, end);
  const image = occurrences.images.get(start) ?? imageOf(context, start, end);

  if (image.intact) return confirmKept(context, input, oldSpan, start, end, image, occurrences);
  if (image.preserved >= MIN_PRESERVED_SHARE) {
    const changed = matchChanged(context, start, end, occurrences);
    if (changed?.settled) return changed.outcome;
    // Following the ends failed or found little of the quote (a rewritten stretch around them),
    // but its exact words may still be there: looked for as a moved passage is.
    const elsewhere = findElsewhere(context, start, end, image, occurrences);
    return elsewhere.kind === "not_found" && changed ? changed.outcome : elsewhere;
  }
  return findElsewhere(context, start, end, image, occurrences);
}

/**
 * The quote's words as the database stored them and its offsets normally agree; if they do not
 * (offsets from an older copy of the text), the words are looked for near the stored offsets.
 */
function locateInOldText(oldText: string, input: QuoteToReanchor): TextSpan | undefined {
  const { start, end, quote } = input;
  if (quote.text === "") return undefined;
  if (start >= 0 && end <= oldText.length && oldText.slice(start, end) === quote.text) return { start, end };
  let best: { start: number; score: number } | undefined;
  for (let at = oldText.indexOf(quote.text); at !== -1; at = oldText.indexOf(quote.text, at + 1)) {
    const prefixAgrees = oldText.slice(Math.max(0, at - quote.prefix.length), at) === quote.prefix;
    const suffixEnd = at + quote.text.length;
    const suffixAgrees = oldText.slice(suffixEnd, suffixEnd + quote.suffix.length) === quote.suffix;
    const score = (prefixAgrees ? 2 : 0) + (suffixAgrees ? 2 : 0) - Math.abs(at - start) / (oldText.length + 1);
    if (!best || score > best.score) best = { start: at, score };
  }
  return best && best.score > 3 ? { start: best.start, end: best.start + quote.text.length } : undefined;
}

/** The diff kept every word of the quote: moved, unless another copy of the words could as well be it. */
function confirmKept(
  context: Context,
  input: QuoteToReanchor,
  oldSpan: TextSpan,
  start: number,
  end: number,
  image: Image,
  occurrences: Occurrences,
): ReanchorOutcome {
  const ours = agreement(context, start, end, image.start, image.end);
  const span = rawSpanOf(context.after.folded, image.start, image.end);
  const rivals = rivalPlaces(context, start, end, image.start, image.end, occurrences, ours.total);
  const strong = Math.min(ours.before, ours.after) >= STRONG_SIDE_CONTEXT;
  if (rivals.ambiguous || (occurrences.common && !strong)) {
    return {
      kind: "not_found",
      reason: `the quoted words occur ${describeCount(occurrences)} and the edit does not show which copy was cited`,
      candidates: [span, ...rivals.others],
    };
  }
  const sameText = context.newText.slice(span.start, span.end) === input.quote.text;
  const method = !sameText ? "typography" : span.start === oldSpan.start ? "same-offsets" : "quote";
  return { kind: "moved", span, method };
}

/**
 * The diff kept most of the quote but not all its words: its two ends are followed letter by
 * letter through the words that changed around them, and the change is measured in characters.
 */
function matchChanged(
  context: Context,
  start: number,
  end: number,
  occurrences: Occurrences,
): { outcome: ReanchorOutcome; settled: boolean } | undefined {
  const ends = followEnds(context, start, end);
  if (!ends) return undefined;
  const text = context.after.folded.text;
  let newStart = ends.start;
  let newEnd = ends.end;
  while (newStart < newEnd && text.charCodeAt(newStart) === 0x20) newStart++;
  while (newEnd > newStart && text.charCodeAt(newEnd - 1) === 0x20) newEnd--;
  if (newStart >= newEnd) return undefined;
  const words = context.before.folded.text.slice(start, end);
  const newWords = text.slice(newStart, newEnd);
  const score = 1 - editCount(words, newWords) / Math.max(words.length, newWords.length);
  const span = rawSpanOf(context.after.folded, newStart, newEnd);
  if (score < 1 - MAX_CHANGED_SHARE) {
    const reason = `rewritten: ${Math.round((1 - score) * 100)} % of the quote's characters changed`;
    return { outcome: { kind: "not_found", reason, candidates: [span] }, settled: false };
  }
  const ours = agreement(context, start, end, newStart, newEnd);
  const rivals = rivalPlaces(context, start, end, newStart, newEnd, occurrences, ours.total);
  if (rivals.ambiguous) {
    const reason = `the quoted words occur ${describeCount(occurrences)} and the edit does not show which copy was cited`;
    return { outcome: { kind: "not_found", reason, candidates: [span, ...rivals.others] }, settled: true };
  }
  const reason =
    score === 1
      ? "the same words, but the diff did not keep them together: confirm the place"
      : `${Math.max(1, Math.round((1 - score) * 100))} % of the quote's characters changed`;
  return { outcome: { kind: "changed", span, score: round(score), reason }, settled: true };
}

// Words changed next to a quote's end are compared letter by letter only up to this size; past
// it the change is a rewrite and the end is not followed.
const MAX_GAP_CHARS = 2000;

/** The new positions of the folded old span's two ends, or undefined when a changed stretch around one is too long to follow. */
function followEnds(context: Context, start: number, end: number): TextSpan | undefined {
  const { before, after, newOfOld } = context;
  const first = lowerBound(before.ends, start + 1);
  const last = lowerBound(before.starts, end) - 1;
  if (first > last) return undefined;
  const newStart =
    newOfOld[first]! >= 0
      ? after.starts[newOfOld[first]!]! + Math.max(0, start - before.starts[first]!)
      : followInGap(context, first, start, "start");
  const newEnd =
    newOfOld[last]! >= 0
      ? after.ends[newOfOld[last]!]! - Math.max(0, before.ends[last]! - end)
      : followInGap(context, last, end, "end");
  if (newStart === undefined || newEnd === undefined || newEnd <= newStart) return undefined;
  return { start: newStart, end: newEnd };
}

/**
 * Follows one end of a quote that lies in a word the diff did not keep: the stretch of changed
 * words around it (between the nearest kept words) is diffed letter by letter. An end on a kept
 * letter maps to that letter; an end on a changed letter takes in what replaced it, up to the
 * nearest kept letter outside the quote.
 */
function followInGap(context: Context, word: number, position: number, side: "start" | "end"): number | undefined {
  const { before, after, newOfOld, keptBefore, keptAfter } = context;
  const previous = keptBefore[word]!;
  const next = keptAfter[word]!;
  const oldFrom = previous >= 0 ? before.ends[previous]! : 0;
  const oldTo = next < newOfOld.length ? before.starts[next]! : before.folded.text.length;
  const newFrom = previous >= 0 ? after.ends[newOfOld[previous]!]! : 0;
  const newTo = next < newOfOld.length ? after.starts[newOfOld[next]!]! : after.folded.text.length;
  if (oldTo - oldFrom > MAX_GAP_CHARS || newTo - newFrom > MAX_GAP_CHARS) return undefined;
  // Equal-cost diffs differ in where they put the unmatched letters; the changed letters are
  // taken to lie away from the quote's kept words (an insertion before a quote's corrected first
  // word is more likely than a first word scattered through it), so the start is diffed backwards.
  const oldPart = before.folded.text.slice(oldFrom, oldTo);
  const newPart = after.folded.text.slice(newFrom, newTo);
  const backwards = side === "start";
  const changes = backwards ? diffChars(reverse(oldPart), reverse(newPart)) : diffChars(oldPart, newPart);
  // Where each old letter of the stretch went (-1: changed).
  const newOf = new Int32Array(oldTo - oldFrom).fill(-1);
  let oldIndex = 0;
  let newIndex = 0;
  for (const change of changes) {
    if (change.added) newIndex += change.count;
    else if (change.removed) oldIndex += change.count;
    else for (let step = 0; step < change.count; step++) newOf[oldIndex++] = newIndex++;
  }
  if (backwards) {
    newOf.reverse();
    for (let index = 0; index < newOf.length; index++) {
      if (newOf[index]! >= 0) newOf[index] = newPart.length - 1 - newOf[index]!;
    }
  }
  // Letters matched across a long deletion ("KGB" + a deleted paragraph against "KGGB") are
  // chance, as words are in the whole-text diff.
  dropChanceEqualities(newOf, newOf, newPart.length);
  if (side === "start") {
    for (let index = position - oldFrom; index >= 0; index--) {
      if (index < newOf.length && newOf[index]! >= 0) {
        return newFrom + newOf[index]! + (index === position - oldFrom ? 0 : 1);
      }
    }
    return newFrom;
  }
  for (let index = position - oldFrom - 1; index < newOf.length; index++) {
    if (index >= 0 && newOf[index]! >= 0) return newFrom + newOf[index]! + (index === position - oldFrom - 1 ? 1 : 0);
  }
  return newTo;
}

function reverse(text: string): string {
  return Array.from(text).reverse().join("");
}

/** Characters inserted, deleted or replaced to turn one text into the other. */
function editCount(before: string, after: string): number {
  let count = 0;
  let removed = 0;
  let added = 0;
  for (const change of diffChars(before, after)) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
    else {
      count += Math.max(removed, added);
      removed = 0;
      added = 0;
    }
  }
  return count + Math.max(removed, added);
}

/**
 * The diff did not keep the quote (or kept too little of it to follow). Its exact words in a
 * place the diff calls inserted are proposed only when the text around them came along (a moved
 * paragraph carries its sentences' context; a phrase that two passages share does not) and no
 * other copy could as well be the one; otherwise they are offered to the moderator and the quote
 * stays on the old version.
 */
function findElsewhere(
  context: Context,
  start: number,
  end: number,
  image: Image,
  occurrences: Occurrences,
): ReanchorOutcome {
  const unowned = occurrences.new.filter((at) => !occurrences.ownerOf.has(at));
  const gone =
    image.preserved === 0
      ? "the quoted text was deleted"
      : `only ${Math.round(image.preserved * 100)} % of the quoted words are still there`;
  if (unowned.length === 0) return { kind: "not_found", reason: gone };
  const length = end - start;
  const spans = unowned.map((at) => rawSpanOf(context.after.folded, at, at + length));
  const carried = occurrences.common
    ? []
    : unowned
        .map((at) => ({ at, sides: agreement(context, start, end, at, at + length) }))
        .filter(({ sides }) => movedWithContext(sides));
  if (carried.length === 1) {
    const { at, sides } = carried[0]!;
    const rivals = rivalPlaces(context, start, end, at, at + length, occurrences, sides.total);
    if (!rivals.ambiguous) {
      const inPlace = at >= image.start && at + length <= image.end;
      return {
        kind: "changed",
        span: rawSpanOf(context.after.folded, at, at + length),
        score: 1,
        reason: inPlace
          ? "the same words, but the diff did not keep them together: confirm the place"
          : "the same words in another place (the passage was moved): confirm",
      };
    }
  }
  return {
    kind: "not_found",
    reason: `${gone}; the same words occur elsewhere, but nothing shows that they are the cited passage`,
    candidates: spans.slice(0, MAX_OCCURRENCES),
  };
}

/** Whether the text around a copy agrees enough to say the quote's surroundings moved with it. */
function movedWithContext(sides: { before: number; after: number }): boolean {
  return (
    Math.min(sides.before, sides.after) >= MIN_MOVED_SIDE_CONTEXT || sides.before + sides.after >= MIN_MOVED_CONTEXT
  );
}

/**
 * Whether another place could as well be the cited one: a copy of the words that the diff did not
 * keep (it may be the one cited, and ours the copy), or the same words inserted elsewhere (ours
 * may have moved there). It could when its surroundings agree at least as far as ours do, or
 * when the deleted or inserted text around it could as well have been around ours (slidesOnto).
 * Returns the inserted places that could, and whether anything could at all.
 */
function rivalPlaces(
  context: Context,
  start: number,
  end: number,
  newStart: number,
  newEnd: number,
  occurrences: Occurrences,
  ourAgreement: number,
): { ambiguous: boolean; others: TextSpan[] } {
  const length = end - start;
  let ambiguous = false;
  for (const other of occurrences.old) {
    if (other === start) continue;
    const otherImage = occurrences.images.get(other);
    // A copy the diff kept (even changed) has a place of its own.
    if (!otherImage || otherImage.intact || otherImage.preserved >= MIN_PRESERVED_SHARE) continue;
    const copy = { start: other, end: other + length };
    const deleted = changedRun(context.before, context.newOfOld, context.after, copy);
    if (
      agreement(context, other, other + length, newStart, newEnd).total >= ourAgreement ||
      (deleted && slidesOnto(context.before.folded.text, deleted, copy, { start, end }))
    ) {
      ambiguous = true;
      break;
    }
  }
  const others: TextSpan[] = [];
  for (const at of occurrences.new) {
    if (occurrences.ownerOf.has(at) || at === newStart) continue;
    const copy = { start: at, end: at + length };
    const inserted = changedRun(context.after, context.oldOfNew, context.before, copy);
    if (
      agreement(context, start, end, at, at + length).total >= ourAgreement ||
      (inserted && slidesOnto(context.after.folded.text, inserted, copy, { start: newStart, end: newEnd }))
    ) {
      others.push(rawSpanOf(context.after.folded, at, at + length));
    }
  }
  return { ambiguous: ambiguous || others.length > 0, others };
}

/**
 * The run of text around a folded span that the diff only deleted (old side) or only inserted
 * (new side): what lies between the kept words before and after it, less the space the other
 * side keeps between them. Undefined when part of the span was kept or the run is a replacement.
 */
function changedRun(tokens: Tokens, otherOf: Int32Array, other: Tokens, span: TextSpan): TextSpan | undefined {
  const first = lowerBound(tokens.ends, span.start + 1);
  const last = lowerBound(tokens.starts, span.end) - 1;
  if (first > last) return undefined;
  let previous = first - 1;
  while (previous >= 0 && otherOf[previous]! < 0) previous--;
  let next = first;
  while (next < otherOf.length && otherOf[next]! < 0) next++;
  if (next <= last) return undefined;
  const previousTarget = previous >= 0 ? otherOf[previous]! : -1;
  const nextTarget = next < otherOf.length ? otherOf[next]! : other.ids.length;
  // Pure: the kept words on either side are neighbours on the other side too.
  if (nextTarget !== previousTarget + 1) return undefined;
  const otherGap =
    (nextTarget < other.ids.length ? other.starts[nextTarget]! : other.folded.text.length) -
    (previousTarget >= 0 ? other.ends[previousTarget]! : 0);
  const end = next < otherOf.length ? tokens.starts[next]! : tokens.folded.text.length;
  const start = Math.min(end, (previous >= 0 ? tokens.ends[previous]! : 0) + otherGap);
  return { start, end };
}

// A run that slides this far is sliding through text built of one passage over and over: it is
// taken to slide all the way.
const MAX_SLIDE_CHARS = 100_000;

/**
 * Whether a run of deleted (or inserted) text containing one copy could slide along the text onto
 * another copy and leave the same result: "A S S B" -> "A S B" deletes either S, and
 * "X S1 Y S2 Z" -> "X S Z" deletes "S1 Y" or "Y S2". A run slides while what leaves it at one end
 * equals what enters at the other; no diff can tell such histories apart.
 */
function slidesOnto(text: string, run: TextSpan, from: TextSpan, to: TextSpan): boolean {
  const length = run.end - run.start;
  if (length === 0) return false;
  if (to.start >= from.end) {
    // Slid right by s, the run must leave `from` and cover `to`; it slides while each character
    // leaving at its start equals the one entering at its end.
    const least = Math.max(from.end - run.start, to.end - run.end, 1);
    if (least > to.start - run.start) return false;
    for (let offset = 0; offset < Math.min(least, MAX_SLIDE_CHARS); offset++) {
      const entering = run.end + offset;
      if (entering >= text.length || text.charCodeAt(run.start + offset) !== text.charCodeAt(entering)) return false;
    }
    return true;
  }
  if (to.end <= from.start) {
    const least = Math.max(run.end - from.start, run.start - to.start, 1);
    if (least > run.end - to.end) return false;
    for (let offset = 1; offset <= Math.min(least, MAX_SLIDE_CHARS); offset++) {
      const entering = run.start - offset;
      if (entering < 0 || text.charCodeAt(entering) !== text.charCodeAt(run.end - offset)) return false;
    }
    return true;
  }
  // Overlapping copies: text that repeats itself within the quote's length.
  return true;
}

/** How far the folded text agrees on each side of an old and a new span (both at an edge counts as full). */
function agreement(
  context: Context,
  oldStart: number,
  oldEnd: number,
  newStart: number,
  newEnd: number,
): { before: number; after: number; total: number } {
  const oldText = context.before.folded.text;
  const newText = context.after.folded.text;
  let before = 0;
  while (
    before < CONTEXT_CHARS &&
    oldStart - before > 0 &&
    newStart - before > 0 &&
    oldText.charCodeAt(oldStart - before - 1) === newText.charCodeAt(newStart - before - 1)
  ) {
    before++;
  }
  if (oldStart - before === 0 && newStart - before === 0) before = CONTEXT_CHARS;
  let after = 0;
  while (
    after < CONTEXT_CHARS &&
    oldEnd + after < oldText.length &&
    newEnd + after < newText.length &&
    oldText.charCodeAt(oldEnd + after) === newText.charCodeAt(newEnd + after)
  ) {
    after++;
  }
  if (oldEnd + after === oldText.length && newEnd + after === newText.length) after = CONTEXT_CHARS;
  return { before, after, total: before + after };
}

/** Every place of the (folded) words in both texts, and which old copy the diff carried to which new one. */
function occurrencesOf(context: Context, start: number, end: number): Occurrences {
  const words = context.before.folded.text.slice(start, end);
  const cached = context.occurrences.get(words);
  if (cached) return cached;
  const { oldPlaces, newPlaces } = placesOf(context, start, end);
  const common = oldPlaces.length > MAX_OCCURRENCES || newPlaces.length > MAX_OCCURRENCES;
  const images = new Map<number, Image>();
  const ownerOf = new Map<number, number>();
  const newText = context.after.folded.text;
  for (const place of oldPlaces) {
    const image = imageOf(context, place, place + words.length);
    images.set(place, image);
    if (image.intact && newText.slice(image.start, image.end) === words) ownerOf.set(image.start, place);
  }
  const result = { old: oldPlaces, new: newPlaces, common, ownerOf, images };
  context.occurrences.set(words, result);
  return result;
}

// Scanning both texts for each quote costs milliseconds per megabyte; looking its rarest word up
// in an index of both texts' words costs next to nothing. Past this many places of that word
// (a quote of only common words) the texts are scanned after all.
const MAX_INDEXED_PLACES = 4096;

/**
 * Every place (up to MAX_OCCURRENCES + 1) of the folded old span [start, end)'s text in both
 * texts. Found through a word that any copy of the text must contain as a whole word: one with
 * the quote's own characters on both sides, or a punctuation mark, which is always a word.
 */
function placesOf(context: Context, start: number, end: number): { oldPlaces: number[]; newPlaces: number[] } {
  const { before, after } = context;
  const words = before.folded.text.slice(start, end);
  const limit = MAX_OCCURRENCES + 1;
  const first = lowerBound(before.ends, start + 1);
  const last = lowerBound(before.starts, end) - 1;
  let best: { id: number; offset: number; count: number } | undefined;
  for (let word = first; word <= last; word++) {
    const wordStart = before.starts[word]!;
    const wordEnd = before.ends[word]!;
    const inside = wordStart > start && wordEnd < end;
    const punctuation = wordEnd - wordStart === 1 && wordStart >= start && wordEnd <= end;
    if (!inside && !punctuation) continue;
    const id = before.ids[word]!;
    const count = placeCount(context.oldWords, id) + placeCount(context.newWords, id);
    if (!best || count < best.count) best = { id, offset: wordStart - start, count };
  }
  if (!best || best.count > MAX_INDEXED_PLACES) {
    return {
      oldPlaces: findUpTo(before.folded.text, words, limit),
      newPlaces: findUpTo(after.folded.text, words, limit),
    };
  }
  const verified = (tokens: Tokens, index: WordIndex, id: number, offset: number) => {
    const places: number[] = [];
    const text = tokens.folded.text;
    for (let at = index.offsets[id]!; at < index.offsets[id + 1]! && places.length < limit; at++) {
      const place = tokens.starts[index.places[at]!]! - offset;
      if (place >= 0 && text.startsWith(words, place)) places.push(place);
    }
    return places;
  };
  return {
    oldPlaces: verified(before, context.oldWords, best.id, best.offset),
    newPlaces: verified(after, context.newWords, best.id, best.offset),
  };
}

function placeCount(index: WordIndex, id: number): number {
  return id + 1 < index.offsets.length ? index.offsets[id + 1]! - index.offsets[id]! : 0;
}

/** Where each word occurs: the words with id `id` are `places[offsets[id] .. offsets[id + 1])`, in order. */
type WordIndex = { offsets: Int32Array; places: Int32Array };

function indexWords(tokens: Tokens, vocabularySize: number): WordIndex {
  const offsets = new Int32Array(vocabularySize + 1);
  for (const id of tokens.ids) offsets[id + 1]!++;
  for (let id = 0; id < vocabularySize; id++) offsets[id + 1]! += offsets[id]!;
  const next = offsets.slice(0, vocabularySize);
  const places = new Int32Array(tokens.ids.length);
  for (let word = 0; word < tokens.ids.length; word++) places[next[tokens.ids[word]!]!++] = word;
  return { offsets, places };
}

function findUpTo(text: string, words: string, limit: number): number[] {
  const places: number[] = [];
  for (let at = text.indexOf(words); at !== -1 && places.length < limit; at = text.indexOf(words, at + 1)) {
    places.push(at);
  }
  return places;
}

/** Follows the folded old span [start, end) through the word alignment. */
function imageOf(context: Context, start: number, end: number): Image {
  const { before, after, newOfOld, keptBefore, keptAfter } = context;
  const first = lowerBound(before.ends, start + 1); // first word ending after start
  const last = lowerBound(before.starts, end) - 1; // last word starting before end
  if (first > last) return { start: 0, end: 0, preserved: 0, intact: false };
  const overlapOf = (word: number) => Math.min(before.ends[word]!, end) - Math.max(before.starts[word]!, start);
  let total = 0;
  let kept = 0;
  let intact = true;
  let word = first;
  while (word <= last) {
    const target = newOfOld[word]!;
    if (target >= 0) {
      const overlap = overlapOf(word);
      total += overlap;
      kept += overlap;
      if (word > first && target !== newOfOld[word - 1]! + 1) intact = false;
      word++;
      continue;
    }
    // A run of words the diff did not keep: what replaced them may still share most letters
    // (a corrected spelling), which counts as kept characters, not as a deleted word.
    intact = false;
    const runStart = word;
    let runChars = 0;
    while (word <= last && newOfOld[word]! < 0) runChars += overlapOf(word++);
    total += runChars;
    kept += sharedCharacters(context, runStart, word - 1, start, end);
  }
  // Where the span starts and ends in the new text: inside its first and last words when the
  // diff kept them, otherwise at the edge of the nearest kept words around it.
  const previous = keptBefore[first]!;
  const next = keptAfter[last]!;
  const imageStart =
    newOfOld[first]! >= 0
      ? after.starts[newOfOld[first]!]! + Math.max(0, start - before.starts[first]!)
      : previous >= 0
        ? after.ends[newOfOld[previous]!]!
        : 0;
  const imageEnd =
    newOfOld[last]! >= 0
      ? after.ends[newOfOld[last]!]! - Math.max(0, before.ends[last]! - end)
      : next < newOfOld.length
        ? after.starts[newOfOld[next]!]!
        : after.folded.text.length;
  return {
    start: imageStart,
    end: Math.max(imageStart, imageEnd),
    preserved: total === 0 ? 0 : Math.min(1, kept / total),
    intact,
  };
}

// Replacements longer than this are rewrites, not corrections: their letters are not compared.
const MAX_REPLACEMENT_CHARS = 200;

/**
 * Characters shared (in order) by the old words [firstWord, lastWord] (clipped to the quote) and
 * the new words that took their place between the same kept neighbours; 0 when the words were
 * deleted with nothing in their place, or the replacement is long.
 */
function sharedCharacters(context: Context, firstWord: number, lastWord: number, start: number, end: number): number {
  const { before, after, newOfOld, keptBefore, keptAfter } = context;
  const previous = keptBefore[firstWord]!;
  const next = keptAfter[lastWord]!;
  const newFrom = previous >= 0 ? newOfOld[previous]! + 1 : 0;
  const newTo = next < newOfOld.length ? newOfOld[next]! : after.ids.length;
  if (newTo <= newFrom) return 0;
  const oldFrom = Math.max(start, before.starts[firstWord]!);
  const oldTo = Math.min(end, before.ends[lastWord]!);
  const newText = after.folded.text.slice(after.starts[newFrom]!, after.ends[newTo - 1]!);
  if (oldTo - oldFrom > MAX_REPLACEMENT_CHARS || newText.length > MAX_REPLACEMENT_CHARS) return 0;
  let shared = 0;
  for (const change of diffChars(before.folded.text.slice(oldFrom, oldTo), newText)) {
    if (!change.added && !change.removed) shared += change.count;
  }
  return shared;
}

function lowerBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function describeCount(occurrences: Occurrences): string {
  if (occurrences.common) return `more than ${MAX_OCCURRENCES} times`;
  return `${occurrences.old.length} time${occurrences.old.length === 1 ? "" : "s"} in the old text and ${occurrences.new.length} in the new`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
