// The team's confidence as a ClaimReview rating: a 1–5 scale with a name for each step. Pure.
import type { Rating } from "schema-dts";
import { CONTESTED_MIN_VOTES, type VoteAggregate } from "@/lib/votes/aggregate";

export const WORST_RATING = 1;
export const BEST_RATING = 5;

/**
 * Fewer votes than this is a few people's opinion, not the team's view: no rating is given. The same
 * number "contested" needs (lib/votes/aggregate.ts), so a claim can be rated and contested at once.
 */
export const MIN_VOTES_FOR_RATING = CONTESTED_MIN_VOTES;

// The steps of the scale, on the team's median confidence (0–100 %) that the claim is true. The bounds
// are the IPCC's calibrated likelihood language (very unlikely < 10 %, unlikely < 33 %, about as likely
// as not 33–66 %, likely > 66 %, very likely > 90 %), a published scale readers meet elsewhere.
export const VERY_UNLIKELY_BELOW = 10;
export const UNLIKELY_BELOW = 33;
export const LIKELY_ABOVE = 66;
export const VERY_LIKELY_ABOVE = 90;

function step(median: number): { value: 1 | 2 | 3 | 4 | 5; name: string } {
  if (median < VERY_UNLIKELY_BELOW) return { value: 1, name: "Very likely false" };
  if (median < UNLIKELY_BELOW) return { value: 2, name: "Likely false" };
  if (median <= LIKELY_ABOVE) return { value: 3, name: "Uncertain" };
  if (median <= VERY_LIKELY_ABOVE) return { value: 4, name: "Likely true" };
  return { value: 5, name: "Very likely true" };
}

/** What the rating reads: the vote aggregate's figures, and whether this reader may see them. */
export type ReviewFigures = Pick<VoteAggregate, "count" | "median" | "iqr" | "contested"> & { figuresHidden: boolean };

const votesText = (count: number) => `${count} vote${count === 1 ? "" : "s"}`;

/**
 * The rating of a claim from its votes. A contested claim (the middle half of the votes spans 40
 * points or more, voters on both sides of 50 %) is rated in the middle and named "Contested", since
 * its median hides the disagreement. With too few votes, or figures this reader may not see yet
 * (lib/claims/policy.ts: members who may vote see them after voting), the rating has a name and no
 * value.
 */
export function claimRating(figures: ReviewFigures): Exclude<Rating, string> {
  const scale = { "@type": "Rating", bestRating: BEST_RATING, worstRating: WORST_RATING } as const;
  if (figures.figuresHidden) {
    return {
      ...scale,
      alternateName: "Unrated: vote to see the team's view",
      ratingExplanation: `The team's figures appear once you have voted (${votesText(figures.count)} so far).`,
    };
  }
  if (figures.count < MIN_VOTES_FOR_RATING || figures.median === null) {
    return {
      ...scale,
      alternateName: "Unrated: too few votes",
      ratingExplanation: `${votesText(figures.count)}; a rating needs at least ${MIN_VOTES_FOR_RATING}.`,
    };
  }
  const median = `The team's median confidence that the claim is true is ${figures.median}% (${votesText(figures.count)})`;
  if (figures.contested) {
    return {
      ...scale,
      ratingValue: 3,
      alternateName: "Contested",
      ratingExplanation: `${median}, but the team disagrees: the middle half of the votes spans ${figures.iqr} points.`,
    };
  }
  const { value, name } = step(figures.median);
  return { ...scale, ratingValue: value, alternateName: name, ratingExplanation: `${median}.` };
}
