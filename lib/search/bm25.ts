// Two textbook methods of ranking, used where a ranking by the words a text shares with a query
// is combined with another: Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009, with their usual k1 and b) and reciprocal rank fusion
// (Cormack, Clarke and Büttcher, SIGIR 2009, with their k). Pure functions over terms and ids.

const K1 = 1.2;
const B = 0.75;

/**
 * BM25 for one query: a function scoring a document (given as its terms) with the document
 * frequencies and average length of `collection`. A document outside the collection is scored with
 * the same statistics.
 */
export function bm25Scorer(
  collection: Iterable<readonly string[]>,
  query: Iterable<string>,
): (terms: readonly string[]) => number {
  const frequency = new Map<string, number>();
  for (const term of query) frequency.set(term, 0);
  let documents = 0;
  let totalLength = 0;
  for (const terms of collection) {
    documents++;
    totalLength += terms.length;
    for (const term of new Set(terms)) {
      const known = frequency.get(term);
      if (known !== undefined) frequency.set(term, known + 1);
    }
  }
  const averageLength = documents > 0 ? totalLength / documents : 0;
  const idf = new Map(
    [...frequency].map(([term, count]) => [term, Math.log(1 + (documents - count + 0.5) / (count + 0.5))]),
  );
  return (terms) => {
    if (terms.length === 0 || averageLength === 0) return 0;
    const counts = new Map<string, number>();
    for (const term of terms) if (idf.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    let score = 0;
    for (const [term, count] of counts) {
      score += (idf.get(term)! * count * (K1 + 1)) / (count + K1 * (1 - B + (B * terms.length) / averageLength));
    }
    return score;
  };
}

/** The constant of reciprocal rank fusion: 60 in the paper, where it was found to matter little. */
export const FUSION_K = 60;

/**
 * Reciprocal rank fusion of rankings (ids, best first): each id's sum, over the rankings that hold
 * it, of 1 / (k + its rank), ranks counted from 1. An id a ranking does not hold gets nothing from it.
 */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k = FUSION_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => {
      fused.set(id, (fused.get(id) ?? 0) + 1 / (k + index + 1));
    });
  }
  return fused;
}
