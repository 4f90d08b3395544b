// Retrieval metrics for `npm run eval`: pure functions over ranked spans and gold spans.

export type Span = { sourceId: string; start: number; end: number };
export type Stance = "supports" | "contradicts";
/** A quoted passage; a quote the source repeats (lecture notes do) is found at any of its occurrences. */
export type GoldPassage = { stance: Stance; quote: string; occurrences: Span[] };
export type RankedPassage = Span & { suggestedStance?: Stance | "unclear" };

/**
 * A suggestion finds a gold passage when they share at least half of the shorter of the two:
 * a gold quote is often part of a sentence, and a suggested sentence holds it.
 */
export function covers(found: Span, gold: Span): boolean {
  if (found.sourceId !== gold.sourceId) return false;
  const overlap = Math.min(found.end, gold.end) - Math.max(found.start, gold.start);
  if (overlap <= 0) return false;
  return overlap >= 0.5 * Math.min(found.end - found.start, gold.end - gold.start);
}

/** Rank (1-based) at which each gold passage is first found, or null. */
export function ranksOf(ranked: readonly RankedPassage[], gold: readonly GoldPassage[]): (number | null)[] {
  return gold.map((passage) => {
    const index = ranked.findIndex((item) => passage.occurrences.some((occurrence) => covers(item, occurrence)));
    return index === -1 ? null : index + 1;
  });
}

export type ClaimOutcome = {
  claimId: string;
  gold: GoldPassage[];
  ranks: (number | null)[];
  /** For each gold passage found in the top 10: the stance suggested for it, if the method suggests one. */
  suggestedStances: (RankedPassage["suggestedStance"] | null)[];
  lowOverlap: boolean;
  millis: number;
};

export type Summary = {
  claims: number;
  recallAt5: Record<Stance | "all", number>;
  recallAt10: Record<Stance | "all", number>;
  mrr: number;
  twoSided: number;
  bothSidesInTop10: number;
  lowOverlapContradictingRecallAt10: number | null;
  stanceAccuracy: number | null;
  stanceJudged: number;
  medianMillis: number;
};

/**
 * Recall at k, capped: a claim with more gold passages than k can find at most k of them in its
 * first k suggestions, so it counts min(k, its gold passages) (per stance when one is asked), and a
 * perfect ranking scores 1. Summed over claims, so a claim with many passages weighs more.
 */
function recall(outcomes: readonly ClaimOutcome[], k: number, stance?: Stance): number {
  let found = 0;
  let possible = 0;
  for (const outcome of outcomes) {
    let relevant = 0;
    outcome.gold.forEach((passage, index) => {
      if (stance && passage.stance !== stance) return;
      relevant++;
      const rank = outcome.ranks[index];
      if (rank !== null && rank !== undefined && rank <= k) found++;
    });
    possible += Math.min(k, relevant);
  }
  return possible === 0 ? 1 : found / possible;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(outcomes: readonly ClaimOutcome[]): Summary {
  const reciprocal = outcomes.map((outcome) => {
    const ranks = outcome.ranks.filter((rank): rank is number => rank !== null);
    return ranks.length === 0 ? 0 : 1 / Math.min(...ranks);
  });
  const twoSided = outcomes.filter((outcome) => {
    const stances = new Set(outcome.gold.map((passage) => passage.stance));
    return stances.has("supports") && stances.has("contradicts");
  });
  const bothSides = twoSided.filter((outcome) =>
    (["supports", "contradicts"] as const).every((stance) =>
      outcome.gold.some((passage, index) => {
        const rank = outcome.ranks[index];
        return passage.stance === stance && rank !== null && rank !== undefined && rank <= 10;
      }),
    ),
  );
  const lowOverlap = outcomes.filter((outcome) => outcome.lowOverlap);
  let judged = 0;
  let right = 0;
  for (const outcome of outcomes) {
    outcome.gold.forEach((passage, index) => {
      const suggested = outcome.suggestedStances[index];
      if (suggested === null || suggested === undefined) return;
      judged++;
      if (suggested === passage.stance) right++;
    });
  }
  return {
    claims: outcomes.length,
    recallAt5: {
      all: recall(outcomes, 5),
      supports: recall(outcomes, 5, "supports"),
      contradicts: recall(outcomes, 5, "contradicts"),
    },
    recallAt10: {
      all: recall(outcomes, 10),
      supports: recall(outcomes, 10, "supports"),
      contradicts: recall(outcomes, 10, "contradicts"),
    },
    mrr: reciprocal.reduce((sum, value) => sum + value, 0) / Math.max(1, reciprocal.length),
    twoSided: twoSided.length,
    bothSidesInTop10: bothSides.length,
    lowOverlapContradictingRecallAt10: lowOverlap.length ? recall(lowOverlap, 10, "contradicts") : null,
    stanceAccuracy: judged === 0 ? null : right / judged,
    stanceJudged: judged,
    medianMillis: median(outcomes.map((outcome) => outcome.millis)),
  };
}
