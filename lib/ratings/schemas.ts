import { z } from "zod";
import { CREDIBILITY_GRADES, MAX_RATING_REASON, RELIABILITY_GRADES } from "./scale";

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(64);

const reason = z
  .string({ error: "is required: say briefly why" })
  .trim()
  .min(1, "is required: say briefly why")
  .max(MAX_RATING_REASON, `must be at most ${MAX_RATING_REASON} characters`);

export const RateSourceSchema = z.object({
  sourceId: id,
  grade: z.enum(RELIABILITY_GRADES, { error: `must be one of ${RELIABILITY_GRADES.join(", ")}` }),
  reason,
});
export type RateSourceInput = z.input<typeof RateSourceSchema>;

// A number, not numeric text, as the API's contract; the rating form's field is read as a number in
// app/claims/[claimId]/actions.ts (numberField), and anything else is refused here.
const [BEST_CREDIBILITY, , , , , CANNOT_JUDGE_CREDIBILITY] = CREDIBILITY_GRADES;
const credibilityGrade = `must be a whole number from ${BEST_CREDIBILITY} to ${CANNOT_JUDGE_CREDIBILITY}`;
export const RateEvidenceSchema = z.object({
  evidenceId: id,
  grade: z
    .number({ error: credibilityGrade })
    .int(credibilityGrade)
    .min(BEST_CREDIBILITY, credibilityGrade)
    .max(CANNOT_JUDGE_CREDIBILITY, credibilityGrade),
  reason,
});
export type RateEvidenceInput = z.input<typeof RateEvidenceSchema>;

/** One source (any of its versions): withdrawing one's rating, reading the team's. */
export const SourceRatingRefSchema = z.object({ sourceId: id });
export type SourceRatingRefInput = z.input<typeof SourceRatingRefSchema>;

/** One piece of evidence: withdrawing one's rating, reading the team's. */
export const EvidenceRatingRefSchema = z.object({ evidenceId: id });
export type EvidenceRatingRefInput = z.input<typeof EvidenceRatingRefSchema>;

/** The credibility of every piece of evidence on one claim, for the claim page. */
export const ClaimEvidenceRatingsSchema = z.object({ claimId: id });
export type ClaimEvidenceRatingsInput = z.input<typeof ClaimEvidenceRatingsSchema>;
