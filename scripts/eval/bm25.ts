// The textbook baseline the app's ranking must beat: Okapi BM25 over every sentence, with the
// claim's words as the query (the same folding and stop words as the app, no synonyms, no people).
import { isStopWord } from "@/lib/search/concepts";
import { keyedWords } from "@/lib/search/text";

// Robertson and Zaragoza's usual defaults ("The Probabilistic Relevance Framework", 2009).
const K1 = 1.2;
const B = 0.75;

export type Document = { id: string; text: string };

function terms(text: string): string[] {
  return keyedWords(text)
    .map((word) => word.key)
    .filter((key) => !isStopWord(key));
}

export function bm25Index(documents: readonly Document[]) {
  const tokenized = documents.map((document) => terms(document.text));
  const averageLength = tokenized.reduce((sum, words) => sum + words.length, 0) / Math.max(1, tokenized.length);
  const documentFrequency = new Map<string, number>();
  for (const words of tokenized)
    for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const count = documents.length;
  const idf = (word: string) => {
    const frequency = documentFrequency.get(word) ?? 0;
    return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
  };
  return {
    rank(query: string, limit: number): { id: string; score: number }[] {
      const queryTerms = [...new Set(terms(query))];
      const scored = tokenized.map((words, index) => {
        let score = 0;
        for (const term of queryTerms) {
          const frequency = words.filter((word) => word === term).length;
          if (frequency === 0) continue;
          score += (idf(term) * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * words.length) / averageLength));
        }
        return { id: documents[index]!.id, score };
      });
      return scored
        .filter((item) => item.score > 0)
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, limit);
    },
  };
}
