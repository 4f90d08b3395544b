import "server-only";
import { type Db, getDatabaseKind } from "@/lib/db";
import { Sql } from "@/lib/search/backend";
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
/** A neighbour with where it stands, so that it can be shown without reading it again. */
export type PlacedSentence = NeighbourSentence & { start: number; end: number; sourceTitle: string };
export type SentenceNeighbours = { before: PlacedSentence[]; after: PlacedSentence[] };

// The characters before a sentence kept with it (its quote prefix) tell where its paragraph starts.
const PARAGRAPH_BREAK = /\n[^\S\n]*\n/;

// Neighbours are read by position (the index on source and start), within this many characters
// either side: two sentences of ordinary length, and a sentence longer than that is its own context.
const NEIGHBOUR_SPAN = 700;
// Sentences asked about per read, to stay within every database's limit on bound parameters.
const PER_READ = 200;

/**
 * For each sentence, the sentences of the same paragraph just before it (nearest first) and just
 * after it, up to `reach` each way. The database cuts the window around each sentence (its
 * neighbours within NEIGHBOUR_SPAN characters): one statement per 200 sentences asked about, all
 * sent at once, so the answer takes one round trip however many are asked about.
 */
export async function sentenceNeighbours(
  db: Db,
  sentenceIds: readonly string[],
  reach: number,
): Promise<Map<string, SentenceNeighbours>> {
  const result = new Map<string, SentenceNeighbours>();
  if (sentenceIds.length === 0) return result;
  type Around = {
    id: string;
    sourceId: string;
    ordinal: number;
    start: number;
    end: number;
    text: string;
    prefix: string;
    sourceTitle: string;
  };
  const byPlace = new Map<string, Around>();
  // The sentences asked about that exist, each with its own row (it is in its own window).
  const located: Around[] = [];
  const postgres = getDatabaseKind() === "postgres";
  const ids = [...new Set(sentenceIds)];
  const chunks: string[][] = [];
  for (let from = 0; from < ids.length; from += PER_READ) chunks.push(ids.slice(from, from + PER_READ));
  const answers = await Promise.all(
    chunks.map((chunk) => {
      const sql = new Sql(postgres);
      return db.$queryRawUnsafe<(Around & { of: string })[]>(
        `SELECT s."id" AS "of", n."id", n."sourceId", n."ordinal", n."start", n."end", n."text", n."prefix",
                src."title" AS "sourceTitle"
           FROM "Passage" s
           JOIN "Passage" n ON n."sourceId" = s."sourceId" AND n."kind" = 'sentence'
            AND n."start" >= s."start" - ${NEIGHBOUR_SPAN} AND n."start" <= s."end" + ${NEIGHBOUR_SPAN}
           JOIN "Source" src ON src."id" = s."sourceId"
          WHERE s."kind" = 'sentence' AND s."id" IN (${sql.list(chunk)})`,
        ...sql.params,
      );
    }),
  );
  for (const rows of answers) {
    for (const { of, ...row } of rows) {
      const place: Around = {
        ...row,
        ordinal: Number(row.ordinal),
        start: Number(row.start),
        end: Number(row.end),
      };
      byPlace.set(`${place.sourceId}:${place.ordinal}`, place);
      if (place.id === of) located.push(place);
    }
  }
  const folded = new Map<string, string>();
  const neighbour = (sentence: Around): PlacedSentence => {
    let text = folded.get(sentence.id);
    if (text === undefined) {
      text = searchText(sentence.text);
      folded.set(sentence.id, text);
    }
    return {
      id: sentence.id,
      sourceId: sentence.sourceId,
      text: sentence.text,
      folded: text,
      start: sentence.start,
      end: sentence.end,
      sourceTitle: sentence.sourceTitle,
    };
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
    const before: PlacedSentence[] = [];
    for (let step = 1, later = self; step <= reach; step++) {
      const earlier = byPlace.get(`${sentence.sourceId}:${sentence.ordinal - step}`);
      if (!earlier || !sameParagraph(earlier, later)) break;
      before.push(neighbour(earlier));
      later = earlier;
    }
    const after: PlacedSentence[] = [];
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
