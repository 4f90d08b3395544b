// The two scales of the Admiralty code (NATO's source reliability and information credibility),
// the weight each grade carries in a roll-up, and how members' ratings make the team's rating.
// Pure: no database. docs/decisions/0016-admiralty-ratings.md.

/**
 * What a rating must say besides its grade (a grade nobody can question is of little use to a team),
 * at most this long. Here rather than beside the schema, so the rating form does not bring zod to the browser.
 */
export const MAX_RATING_REASON = 500;

export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export type ReliabilityGrade = (typeof RELIABILITY_GRADES)[number];

export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type CredibilityGrade = (typeof CREDIBILITY_GRADES)[number];

/**
 * One scale: its grades from the most to the least favourable, the last of them meaning "cannot
 * be judged" (F, 6), which is a statement about the rater's evidence, not a point on the scale.
 */
export type Scale<G extends string | number> = {
  name: "reliability" | "credibility";
  grades: readonly G[];
  cannotJudge: G;
  labels: Readonly<Record<G, string>>;
  /** What each grade weighs in a roll-up, in [0, 1]; see WEIGHT_STEP and NEUTRAL_WEIGHT. */
  weights: Readonly<Record<G, number>>;
};

/**
 * The weight of "cannot be judged", of an unrated source or piece of evidence, and of the middle
 * grade (C, 3): a roll-up neither boosts nor discounts what nobody could judge.
 */
export const NEUTRAL_WEIGHT = 0.5;

/**
 * The distance between neighbouring grades' weights. The code names its grades without saying how
 * far apart they are, so they are spaced evenly, the assumption that claims least, around the
 * neutral middle: A/1 0.9, B/2 0.7, C/3 0.5, D/4 0.3, E/5 0.1. Neither end reaches 0 or 1: a
 * "completely reliable" source still errs, and evidence from an "unreliable" one is discounted,
 * not erased (it may still be right, and a roll-up should show that it was weighed).
 */
export const WEIGHT_STEP = 0.2;

/** Weights for a scale's five judged grades, best first, and the neutral weight for "cannot be judged". */
function evenWeights<G extends string | number>(grades: readonly G[], cannotJudge: G): Record<G, number> {
  const judged = grades.filter((grade) => grade !== cannotJudge);
  const middle = (judged.length - 1) / 2;
  const weights = {} as Record<G, number>;
  judged.forEach((grade, rank) => {
    weights[grade] = Math.round((NEUTRAL_WEIGHT + (middle - rank) * WEIGHT_STEP) * 100) / 100;
  });
  weights[cannotJudge] = NEUTRAL_WEIGHT;
  return weights;
}

export const RELIABILITY: Scale<ReliabilityGrade> = {
  name: "reliability",
  grades: RELIABILITY_GRADES,
  cannotJudge: "F",
  labels: {
    A: "Completely reliable",
    B: "Usually reliable",
    C: "Fairly reliable",
    D: "Not usually reliable",
    E: "Unreliable",
    F: "Reliability cannot be judged",
  },
  weights: evenWeights(RELIABILITY_GRADES, "F"),
};

export const CREDIBILITY: Scale<CredibilityGrade> = {
  name: "credibility",
  grades: CREDIBILITY_GRADES,
  cannotJudge: 6,
  labels: {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
  },
  weights: evenWeights(CREDIBILITY_GRADES, 6),
};

/** "B (Usually reliable)". */
export function gradeLabel<G extends string | number>(scale: Scale<G>, grade: G): string {
  return `${grade} (${scale.labels[grade]})`;
}

export type TeamRating<G extends string | number> = {
  /**
   * The median of the members' judged ratings ("cannot be judged" left out). With an even number
   * whose middle two differ, the less favourable of the two: the team claims no more than half of
   * it grants. "Cannot be judged" when every rating says so; null when nobody has rated.
   */
  grade: G | null;
  /** What `grade` weighs in a roll-up, in [0, 1]: NEUTRAL_WEIGHT when null or "cannot be judged". */
  weight: number;
  /** Every member's current rating, "cannot be judged" included. */
  count: number;
  /** Ratings on the scale proper, the ones the median is taken of. */
  judged: number;
  cannotJudge: number;
  /** The most and the least favourable judged grades: the team's disagreement at a glance. */
  spread: { best: G; worst: G } | null;
  /** How many members gave each grade, every grade of the scale listed, best first. */
  distribution: { grade: G; count: number }[];
};

/** The team's rating from each member's current grade (one per member, in any order). */
export function teamRating<G extends string | number>(scale: Scale<G>, grades: readonly G[]): TeamRating<G> {
  const rank = new Map(scale.grades.map((grade, index) => [grade, index]));
  const judged = grades
    .filter((grade) => grade !== scale.cannotJudge)
    .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const cannotJudge = grades.length - judged.length;
  // The later (less favourable) middle value of an even count; the middle of an odd one.
  const median = judged.length > 0 ? judged[Math.floor(judged.length / 2)]! : null;
  const grade = median ?? (cannotJudge > 0 ? scale.cannotJudge : null);
  return {
    grade,
    weight: grade === null ? NEUTRAL_WEIGHT : scale.weights[grade],
    count: grades.length,
    judged: judged.length,
    cannotJudge,
    spread: judged.length > 0 ? { best: judged[0]!, worst: judged[judged.length - 1]! } : null,
    distribution: scale.grades.map((each) => ({ grade: each, count: grades.filter((given) => given === each).length })),
  };
}

/** Whether a stored credibility grade is on the scale (the database keeps it as a plain integer). */
export function isCredibilityGrade(value: number): value is CredibilityGrade {
  return (CREDIBILITY_GRADES as readonly number[]).includes(value);
}
