export type VoteAggregate = {
  count: number;
  mean: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  min: number | null;
  max: number | null;
  // Ten bins of width 10 (0-9, 10-19, ... 90-100).
  histogram: number[];
  contested: boolean;
  /** The geometric mean of the votes' odds, as a percentage (pooledEstimate). */
  pooled: number | null;
};

// Votes this spread out mean the team disagrees: the middle half spans 40 points or more,
// with at least one voter on each side of 50.
export const CONTESTED_IQR = 40;
export const CONTESTED_MIN_VOTES = 3;

/** Quantile by linear interpolation between closest ranks (the method spreadsheets use by default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** An aggregate with the count only: no votes yet, or figures the reader may not see yet. */
export function countOnly(count: number, histogram: number[]): VoteAggregate {
  return {
    count,
    mean: null,
    median: null,
    q1: null,
    q3: null,
    iqr: null,
    min: null,
    max: null,
    histogram,
    contested: false,
    pooled: null,
  };
}

// A vote of 0 or 100 % has infinite odds and would decide the pool alone: it counts as 1 or 99 %.
export const POOLED_FLOOR = 1;

/**
 * The team's pooled estimate: the geometric mean of the votes' odds, turned back into a
 * percentage. Forecasters pool this way because, unlike the mean of percentages, confident
 * votes on either side are not averaged towards 50 %, and unlike the median it moves with every
 * vote. Votes are clamped to [1, 99] % (POOLED_FLOOR). Null without votes.
 */
export function pooledEstimate(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const clamp = (value: number) => Math.min(100 - POOLED_FLOOR, Math.max(POOLED_FLOOR, value)) / 100;
  const meanLogOdds =
    values.reduce((sum, value) => {
      const p = clamp(value);
      return sum + Math.log(p / (1 - p));
    }, 0) / values.length;
  return round1(100 / (1 + Math.exp(-meanLogOdds)));
}

export function aggregateVotes(values: readonly number[]): VoteAggregate {
  const histogram = Array.from({ length: 10 }, () => 0);
  if (values.length === 0) return countOnly(0, histogram);
  const sorted = [...values].sort((a, b) => a - b);
  for (const value of sorted) histogram[Math.min(9, Math.floor(value / 10))]!++;
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const contested =
    sorted.length >= CONTESTED_MIN_VOTES && iqr >= CONTESTED_IQR && sorted[0]! < 50 && sorted[sorted.length - 1]! > 50;
  return {
    count: sorted.length,
    mean: round1(sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
    median: round1(quantile(sorted, 0.5)),
    q1: round1(q1),
    q3: round1(q3),
    iqr: round1(iqr),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    histogram,
    contested,
    pooled: pooledEstimate(sorted),
  };
}
