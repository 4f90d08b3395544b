import "server-only";
import type { Db } from "@/lib/db";
import { searchText } from "@/lib/search/text";
import { isPersonNoun } from "@/lib/search/wordnet";

// Pronouns by which a sentence speaks of people named before it ("He arranged for Kirov to be
// assassinated"), and phrases for a pair ("the two comrades").
const PRONOUNS =
  /(?<![\p{L}\p{N}])(?:he|she|him|his|her|hers|himself|herself|they|them|their|themselves)(?![\p{L}\p{N}])/iu;
const PAIRS = /(?<![\p{L}\p{N}])(?:the two|both men|both of them|the pair)(?![\p{L}\p{N}])/iu;
// "the assassin", "the NKVD chief", "the dictator": a definite noun, after at most two capitalised
// words, that is not followed by the name it stands before ("the dictator Joseph Stalin").
const DEFINITE_NOUN =
  /(?<![\p{L}\p{N}])[Tt]he\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}-]*\s+){0,2}(\p{Ll}[\p{L}-]+)(?!\s+\p{Lu})/gu;

/**
 * Whether a sentence refers to someone by a pronoun or a role (a WordNet noun for a kind of
 * person) rather than by name, so the people it speaks of are those named just before it.
 */
export function refersBack(text: string): boolean {
  if (PRONOUNS.test(text) || PAIRS.test(text)) return true;
  for (const match of text.matchAll(DEFINITE_NOUN)) {
    if (isPersonNoun(match[1]!)) return true;
  }
  return false;
}

export type NeighbourSentence = { id: string; sourceId: string; text: string; folded: string };
export type SentenceNeighbours = { before: NeighbourSentence[]; after: NeighbourSentence[] };

// The characters before a sentence kept with it (its quote prefix) tell where its paragraph starts.
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/;

// Neighbours are read by position (the index on source and start), within this many characters
// either side: two sentences of ordinary length, and a sentence longer than that is its own context.
const NEIGHBOUR_SPAN = 700;
// Sentences asked about per read, to stay within every database's limit on bound parameters.
const PER_READ = 200;

/**
 * For each sentence, the sentences of the same paragraph just before it (nearest first) and just
 * after it, up to `reach` each way. One read, plus one per 200 sentences asked about.
 */
export async function sentenceNeighbours(
  db: Db,
  sentenceIds: readonly string[],
  reach: number,
): Promise<Map<string, SentenceNeighbours>> {
  const result = new Map<string, SentenceNeighbours>();
  if (sentenceIds.length === 0) return result;
  const located = await db.passage.findMany({
    where: { id: { in: [...sentenceIds] }, kind: "sentence" },
    select: { id: true, sourceId: true, ordinal: true, start: true, end: true },
  });
  type Around = {
    id: string;
    sourceId: string;
    ordinal: number;
    start: number;
    end: number;
    text: string;
    prefix: string;
  };
  const byPlace = new Map<string, Around>();
  for (let from = 0; from < located.length; from += PER_READ) {
    const rows = await db.passage.findMany({
      where: {
        kind: "sentence",
        OR: located.slice(from, from + PER_READ).map((sentence) => ({
          sourceId: sentence.sourceId,
          start: { gte: sentence.start - NEIGHBOUR_SPAN, lte: sentence.end + NEIGHBOUR_SPAN },
        })),
      },
      select: { id: true, sourceId: true, ordinal: true, start: true, end: true, text: true, prefix: true },
    });
    for (const row of rows) byPlace.set(`${row.sourceId}:${row.ordinal}`, row);
  }
  const folded = new Map<string, string>();
  const neighbour = (sentence: Around): NeighbourSentence => {
    let text = folded.get(sentence.id);
    if (text === undefined) {
      text = searchText(sentence.text);
      folded.set(sentence.id, text);
    }
    return { id: sentence.id, sourceId: sentence.sourceId, text: sentence.text, folded: text };
  };
  /** Whether `later` continues the paragraph `earlier` is in. */
  const sameParagraph = (earlier: Around, later: Around): boolean => {
    const gap = later.start - earlier.end;
    if (gap < 0 || gap > later.prefix.length) return false;
    return !PARAGRAPH_BREAK.test(later.prefix.slice(later.prefix.length - gap));
  };
  for (const sentence of located) {
    const self = byPlace.get(`${sentence.sourceId}:${sentence.ordinal}`);
    if (!self) continue;
    const before: NeighbourSentence[] = [];
    for (let step = 1, later = self; step <= reach; step++) {
      const earlier = byPlace.get(`${sentence.sourceId}:${sentence.ordinal - step}`);
      if (!earlier || !sameParagraph(earlier, later)) break;
      before.push(neighbour(earlier));
      later = earlier;
    }
    const after: NeighbourSentence[] = [];
    for (let step = 1, earlier = self; step <= reach; step++) {
      const later = byPlace.get(`${sentence.sourceId}:${sentence.ordinal + step}`);
      if (!later || !sameParagraph(earlier, later)) break;
      after.push(neighbour(later));
      earlier = later;
    }
    result.set(sentence.id, { before, after });
  }
  return result;
}
