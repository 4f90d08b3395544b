// Search at scale, for `npm run bench`: a generated library of N passages (default one million)
// and the median time of a page of search results for typical queries.
import type { Db } from "@/lib/db";
import type { search } from "@/lib/search/queries";
import { searchText } from "@/lib/search/text";

const PASSAGES_PER_SOURCE = 1000;
const BATCH = 2500;

/** A deterministic pseudo-random sequence, so every run generates the same library. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Sentences made of the words of the sample corpus drawn at their own frequencies, so common
 * words are common and names as frequent as in the corpus; one passage in fifty quotes a real
 * sentence of it whole, so phrases occur too.
 */
function sentenceMaker(corpus: string): () => string {
  const words = corpus.match(/[\p{L}][\p{L}’'-]*/gu) ?? [];
  const sentences = corpus.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 40 && sentence.length < 300);
  const next = random(42);
  return () => {
    if (next() < 0.02) return sentences[Math.floor(next() * sentences.length)]!.replace(/\s+/g, " ");
    const length = 10 + Math.floor(next() * 25);
    const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)]!);
    picked[0] = picked[0]!.charAt(0).toUpperCase() + picked[0]!.slice(1);
    return `${picked.join(" ")}.`;
  };
}

export async function generateLibrary(
  db: Db,
  corpus: string,
  passages: number,
  log: (line: string) => void,
): Promise<number> {
  const makeSentence = sentenceMaker(corpus);
  const sources = Math.ceil(passages / PASSAGES_PER_SOURCE);
  const started = performance.now();
  for (let sourceIndex = 0; sourceIndex < sources; sourceIndex++) {
    const count = Math.min(PASSAGES_PER_SOURCE, passages - sourceIndex * PASSAGES_PER_SOURCE);
    const sentences = Array.from({ length: count }, makeSentence);
    const text = sentences.join(" ");
    const sourceId = `bench-source-${sourceIndex}`;
    let offset = 0;
    const rows = sentences.map((sentence, ordinal) => {
      const row = {
        id: `bench-${sourceIndex}-${ordinal}`,
        sourceId,
        kind: "sentence" as const,
        ordinal,
        start: offset,
        end: offset + sentence.length,
        text: sentence,
        prefix: "",
        suffix: "",
      };
      offset += sentence.length + 1;
      return row;
    });
    await db.$transaction(async (tx) => {
      await tx.source.create({
        data: {
          id: sourceId,
          title: `Generated source ${sourceIndex}`,
          originalText: text,
          text,
          contentHash: `bench-${sourceIndex}`,
        },
      });
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        await tx.passage.createMany({ data: batch });
        await tx.searchDocument.createMany({
          data: batch.map((row) => ({
            id: `doc-${row.id}`,
            kind: "passage",
            refId: row.id,
            sourceId,
            subKind: "sentence",
            text: row.text,
            folded: searchText(row.text),
          })),
        });
      }
    });
    if ((sourceIndex + 1) % 100 === 0)
      log(
        `  generated ${((sourceIndex + 1) * PASSAGES_PER_SOURCE).toLocaleString("en")} passages (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  return performance.now() - started;
}

export const SEARCH_QUERIES: { label: string; input: Parameters<typeof search>[2] }[] = [
  { label: "a common name: Stalin", input: { q: "Stalin" } },
  { label: "a common name, page 20", input: { q: "Stalin", page: 20 } },
  { label: "another spelling: Nikolayev", input: { q: "Nikolayev" } },
  { label: "three words: stalin ordered murder", input: { q: "stalin ordered murder" } },
  { label: "a quoted phrase", input: { q: '"the assassination of Kirov"' } },
  { label: "a prefix: assassin*", input: { q: "assassin*" } },
  { label: "folded: KIROV’S Smolny", input: { q: "KIROV’S Smolny" } },
  { label: "a rare word: Zaporozhets", input: { q: "Zaporozhets" } },
  { label: "passages, sentences only: Yagoda", input: { q: "Yagoda", kind: "passage", level: "sentence" } },
  { label: "person filter: murder + person=Nikolaev", input: { q: "murder", person: "Nikolaev" } },
  { label: "source filter: Kirov in one source", input: { q: "Kirov", source: "bench-source-500" } },
];
