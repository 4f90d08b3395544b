// The textbook baseline the app's ranking must beat: Okapi BM25 over every sentence, with the
// claim's words as the query (the same folding and stop words as the app, no synonyms, no people).
import { bm25Scorer } from "@/lib/search/bm25";
import { isStopWord } from "@/lib/search/concepts";
import { keyedWords } from "@/lib/search/text";

export type Document = { id: string; text: string };

function terms(text: string): string[] {
  return keyedWords(text)
    .map((word) => word.key)
    .filter((key) => !isStopWord(key));
}

export function bm25Index(documents: readonly Document[]) {
  const tokenized = documents.map((document) => terms(document.text));
  return {
    rank(query: string, limit: number): { id: string; score: number }[] {
      const score = bm25Scorer(tokenized, terms(query));
      return tokenized
        .map((words, index) => ({ id: documents[index]!.id, score: score(words) }))
        .filter((item) => item.score > 0)
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, limit);
    },
  };
}
