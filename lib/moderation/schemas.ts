import { z } from "zod";
import { VOTES_ON_REWORDING } from "@/lib/claims/policy";
import { CLAIM_PERSON_ROLES, CLAIM_STATUSES } from "@/lib/claims/schemas";
import { STANCES } from "@/lib/evidence/schemas";
import { numberFromText } from "@/lib/numbers";

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(64);
const reasonText = (min: number) =>
  z
    .string({ error: "is required" })
    .trim()
    .min(min, min > 0 ? `must be at least ${min} characters` : "")
    .max(2000, "must be at most 2000 characters");

const optionalNullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((value) => (value === "" ? null : value));

/**
 * The choice for a claim's votes when a change rewords it (lib/claims/policy.ts votesChoiceNeeded):
 * keep (they count for the new wording) or confirm (they wait until their voters confirm them).
 * Needed only then, and ignored otherwise, so a form may always offer it; a form's unchosen radio
 * ("") is no choice.
 */
const VotesOnRewordingSchema = z
  .preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.enum(VOTES_ON_REWORDING, { error: `must be ${VOTES_ON_REWORDING.join(" or ")}` }).optional(),
  )
  .meta({
    description:
      "When the change rewords a claim that carries votes (its words change, not only case, accents or punctuation): keep counts them for the new wording; confirm marks them as cast on an earlier wording, leaves them out of the team's figures, and asks each voter to confirm or change theirs. Required then (400 without it), ignored otherwise.",
  });

/** What an edit changes: any of the statement, status, people and evidence (stance, note, pinpoint, removal). */
export const ClaimChangesSchema = z
  .object({
    statement: z
      .string()
      .trim()
      .min(5, "must be at least 5 characters")
      .max(500, "must be at most 500 characters")
      .optional(),
    status: z.enum(CLAIM_STATUSES, { error: `must be one of ${CLAIM_STATUSES.join(", ")}` }).optional(),
    people: z
      .array(
        z
          .object({ personId: z.string().trim().min(1).max(64), role: z.enum(CLAIM_PERSON_ROLES).default("subject") })
          .strict(),
      )
      .max(50, "may name at most 50 people")
      .optional(),
    evidence: z
      .array(
        z
          .object({
            evidenceId: z.string().trim().min(1, "is required").max(64),
            stance: z.enum(STANCES, { error: `must be one of ${STANCES.join(", ")}` }).optional(),
            note: optionalNullableText(5000),
            pinpoint: optionalNullableText(200),
            removed: z.boolean({ error: "must be true or false" }).optional(),
          })
          .strict(),
      )
      .max(200)
      .optional(),
  })
  .strict();
export type ClaimChangesInput = z.input<typeof ClaimChangesSchema>;
export type ClaimChanges = z.output<typeof ClaimChangesSchema>;

export const EditClaimSchema = z.object({
  claimId: id,
  // The version the editor saw (a number from JSON, the text of the edit form's hidden field);
  // a direct edit made against an older version is refused.
  baseVersion: z
    .preprocess(
      numberFromText,
      z
        .number({ error: "must be the claim's version as a whole number; reload the page" })
        .int("must be a whole number")
        .min(1, "must be at least 1"),
    )
    .optional(),
  changes: ClaimChangesSchema,
  reason: reasonText(0).optional(),
  // Only for a direct edit: a proposal leaves the choice to the moderator who approves it.
  votesOnRewording: VotesOnRewordingSchema,
});
export type EditClaimInput = z.input<typeof EditClaimSchema>;

/** A moderator's decision on a new claim waiting for review. */
export const ReviewPendingClaimSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({ claimId: id, decision: z.literal("publish"), reason: reasonText(0).optional() }),
    // The author reads the reason: sending back without one leaves them guessing.
    z.object({ claimId: id, decision: z.literal("send_back"), reason: reasonText(3) }),
  ],
  { error: "decision: must be publish or send_back" },
);
export type ReviewPendingClaimInput = z.input<typeof ReviewPendingClaimSchema>;

export const ApproveRevisionSchema = z.object({
  revisionId: id,
  note: reasonText(0).optional(),
  votesOnRewording: VotesOnRewordingSchema,
});
export type ApproveRevisionInput = z.input<typeof ApproveRevisionSchema>;

export const RejectRevisionSchema = z.object({ revisionId: id, reason: reasonText(3) });
export type RejectRevisionInput = z.input<typeof RejectRevisionSchema>;

export const RevertClaimSchema = z.object({
  claimId: id,
  revisionId: id,
  // A revert undoes someone's work: the history says why, as a rejection does.
  reason: reasonText(3),
  votesOnRewording: VotesOnRewordingSchema,
});
export type RevertClaimInput = z.input<typeof RevertClaimSchema>;

export const SetClaimLockSchema = z.object({ claimId: id, locked: z.boolean({ error: "must be true or false" }) });
export type SetClaimLockInput = z.input<typeof SetClaimLockSchema>;
