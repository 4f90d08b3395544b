// The team's judgement in plain words, from the vote aggregate, with the rule that produced it.
// Pure: no database, no clock. A verdict is a figure: a reader who may not see the figures yet
// (the vote-first rule, lib/claims/policy.ts seeFigures) gets no verdict either.
import { LIKELY_ABOVE, UNLIKELY_BELOW, VERY_LIKELY_ABOVE, VERY_UNLIKELY_BELOW } from "@/lib/claimreview/rating";
import { CONTESTED_IQR, type VoteAggregate } from "./aggregate";

/**
 * Fewer votes than this is a few people's opinion, not the team's: no verdict is given, and the
 * reader is told how many more are needed. Five is the floor issue 14 sets for showing any status
 * label; below it one new vote moves the median too far to call.
 */
export const MIN_VOTES_FOR_VERDICT = 5;

/**
 * A middle half narrower than this is "little disagreement": half the spread that makes a claim
 * contested (CONTESTED_IQR), so the three words for spread split the contested threshold evenly.
 */
export const LITTLE_DISAGREEMENT_BELOW = CONTESTED_IQR / 2;

/** What "confidence" means, in one line, for every place that shows the figures or asks for a vote. */
export const CONFIDENCE_EXPLANATION =
  "Confidence is each member's own estimate of the chance that the claim is true: 0% means sure it is false, 50% cannot tell, 100% sure it is true.";

export type VerdictTone = "true" | "false" | "uncertain" | "contested" | "insufficient";

export type Verdict = {
  /** "Likely true", "Contested", "Too few votes to judge"... */
  label: string;
  tone: VerdictTone;
  /** The figures the label was read from: "median 80%, 6 votes, little disagreement (middle half 75–85%)". */
  figures: string;
  /** The clause of the rule that applied: "Called likely true because the median is above 66% and at most 90%, and the team is not divided." */
  rule: string;
  explanation: string;
  /** The whole rule, every clause in the order applied (VERDICT_RULES). */
  rules: readonly string[];
};

const votesText = (count: number) => `${count} vote${count === 1 ? "" : "s"}`;

/**
 * The whole rule, in the order it is applied, for readers who want to check a verdict. The
 * median bands are the ClaimReview rating's (lib/claimreview/rating.ts, the IPCC's likelihood
 * language), so the page and the rating search engines read name a claim the same way.
 */
export const VERDICT_RULES: readonly string[] = [
  `Fewer than ${MIN_VOTES_FOR_VERDICT} votes: too few to judge.`,
  `Contested: the middle half of the votes spans ${CONTESTED_IQR} points or more, with votes on both sides of 50%.`,
  `Otherwise by the median vote: below ${VERY_UNLIKELY_BELOW}% very likely false; below ${UNLIKELY_BELOW}% likely false; up to ${LIKELY_ABOVE}% uncertain; up to ${VERY_LIKELY_ABOVE}% likely true; above that very likely true.`,
];

/** The median band, the same steps as lib/claimreview/rating.ts. */
function band(median: number): { label: string; tone: VerdictTone; condition: string } {
  if (median < VERY_UNLIKELY_BELOW)
    return { label: "Very likely false", tone: "false", condition: `the median is below ${VERY_UNLIKELY_BELOW}%` };
  if (median < UNLIKELY_BELOW)
    return {
      label: "Likely false",
      tone: "false",
      condition: `the median is ${VERY_UNLIKELY_BELOW}% or more and below ${UNLIKELY_BELOW}%`,
    };
  if (median <= LIKELY_ABOVE)
    return {
      label: "Uncertain",
      tone: "uncertain",
      condition: `the median is from ${UNLIKELY_BELOW}% to ${LIKELY_ABOVE}%`,
    };
  if (median <= VERY_LIKELY_ABOVE)
    return {
      label: "Likely true",
      tone: "true",
      condition: `the median is above ${LIKELY_ABOVE}% and at most ${VERY_LIKELY_ABOVE}%`,
    };
  return { label: "Very likely true", tone: "true", condition: `the median is above ${VERY_LIKELY_ABOVE}%` };
}

function disagreement(iqr: number): string {
  if (iqr < LITTLE_DISAGREEMENT_BELOW) return "little disagreement";
  if (iqr < CONTESTED_IQR) return "some disagreement";
  return "wide disagreement";
}

/**
 * The verdict a reader sees, or null when they may not see the team's figures yet. With too few
 * votes the verdict says so and how many are needed; a contested claim is called contested
 * whatever its median, since the median hides the disagreement.
 */
export function deriveVerdict(votes: VoteAggregate & { figuresHidden?: boolean }): Verdict | null {
  if (votes.figuresHidden) return null;
  const explained = { explanation: CONFIDENCE_EXPLANATION, rules: VERDICT_RULES };
  if (votes.count < MIN_VOTES_FOR_VERDICT || votes.median === null || votes.iqr === null) {
    return {
      label: "Too few votes to judge",
      tone: "insufficient",
      figures: `${votes.count} of ${MIN_VOTES_FOR_VERDICT} needed`,
      rule: `A verdict needs at least ${MIN_VOTES_FOR_VERDICT} votes; fewer is a few members' opinion, not the team's.`,
      ...explained,
    };
  }
  const middleHalf = `middle half ${votes.q1}–${votes.q3}%`;
  const median = `median ${votes.median}%, ${votesText(votes.count)}`;
  if (votes.contested) {
    return {
      label: "Contested",
      tone: "contested",
      figures: `${median}, the team is divided (${middleHalf})`,
      rule: `Called contested because the middle half of the votes spans ${votes.iqr} points (${CONTESTED_IQR} or more), with votes on both sides of 50%.`,
      ...explained,
    };
  }
  const { label, tone, condition } = band(votes.median);
  return {
    label,
    tone,
    figures: `${median}, ${disagreement(votes.iqr)} (${middleHalf})`,
    rule: `Called ${label.toLowerCase()} because ${condition}, and the team is not divided.`,
    ...explained,
  };
}
