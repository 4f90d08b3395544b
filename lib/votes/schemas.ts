import { z } from "zod";

/** How many pieces of evidence a vote may name as what moved the voter most. */
export const MAX_NAMED_EVIDENCE = 3;

export const CastVoteSchema = z.object({
  claimId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
  // A number, not numeric text: the API's contract. The vote form's field is read as a number in
  // app/claims/[claimId]/actions.ts (numberField), and anything else is refused here.
  value: z
    .number({ error: "must be a number from 0 to 100" })
    .int("must be a whole number")
    .min(0, "must be at least 0")
    .max(100, "must be at most 100"),
  rationale: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  // The evidence that moved the voter most: ids of live evidence of the claim (checked in
  // castVote). Omitted or empty: none named. Casting again replaces the names.
  evidenceIds: z
    .array(z.string().trim().min(1, "must not be blank").max(64), { error: "must be a list of evidence ids" })
    .max(MAX_NAMED_EVIDENCE, `must name at most ${MAX_NAMED_EVIDENCE} pieces of evidence`)
    .refine((ids) => new Set(ids).size === ids.length, "must not name the same evidence twice")
    .optional(),
});
export type CastVoteInput = z.input<typeof CastVoteSchema>;

/** Confirming one's vote, cast on an earlier wording, for the claim's current wording: the same value and reason. */
export const ConfirmVoteSchema = z.object({
  claimId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
});
export type ConfirmVoteInput = z.input<typeof ConfirmVoteSchema>;

/** How many reasons a claim page lists at once; the rest are counted. */
export const VOTE_REASONS_SHOWN = 20;

export const ListVoteReasonsSchema = z.object({
  claimId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
  limit: z.number().int().min(1).max(100).default(VOTE_REASONS_SHOWN),
});
export type ListVoteReasonsInput = z.input<typeof ListVoteReasonsSchema>;
