import { z } from "zod";
import { wholeNumberBetween } from "@/lib/numbers";

export const CLAIM_STATUSES = ["draft", "pending_review", "published", "archived"] as const;
export const CLAIM_PERSON_ROLES = ["subject", "mentioned"] as const;

export const CreateClaimSchema = z.object({
  statement: z
    .string({ error: "is required" })
    .trim()
    .min(5, "must be at least 5 characters")
    .max(500, "must be at most 500 characters"),
  people: z
    .array(
      z.object({
        personId: z.string().min(1).max(64),
        role: z.enum(CLAIM_PERSON_ROLES).default("subject"),
      }),
    )
    .max(50, "may name at most 50 people")
    .default([]),
  // Only moderators may choose; a contributor's claim always starts pending review.
  status: z.enum(CLAIM_STATUSES).optional(),
});
export type CreateClaimInput = z.input<typeof CreateClaimSchema>;

const pageNumber = z.coerce.number({ error: "must be a number" }).int("must be a whole number");

export const CLAIM_SORTS = ["recent", "contested", "least_evidence", "confidence_desc", "confidence_asc"] as const;

const flag = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .or(z.boolean())
  .optional()
  .transform((value) => value === true || value === "true" || value === "1");
const percent = z.coerce
  .number({ error: "must be a number from 0 to 100" })
  .min(0, "must be at least 0")
  .max(100, "must be at most 100")
  .optional();

export const ListClaimsSchema = z.object({
  contested: flag,
  noContradicting: flag,
  minConfidence: percent,
  maxConfidence: percent,
  sort: z.enum(CLAIM_SORTS, { error: `must be one of ${CLAIM_SORTS.join(", ")}` }).default("recent"),
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  person: z.string().trim().min(1).max(200).optional(),
  status: z.enum(CLAIM_STATUSES, { error: `must be one of ${CLAIM_STATUSES.join(", ")}` }).optional(),
  page: pageNumber.min(1, "must be at least 1").max(10_000, "must be at most 10000").default(1),
  pageSize: pageNumber.min(1, "must be at least 1").max(100, "must be at most 100").default(20),
});
export type ListClaimsInput = z.input<typeof ListClaimsSchema>;

/** A claim named by its id or its slug (pages and the API address claims by slug). */
export const ClaimIdOrSlugSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(200, "must be at most 200 characters");

/** One claim, for the reads that show it: the claim page, its history, the edit form. */
export const ClaimRefSchema = z.object({ claimId: ClaimIdOrSlugSchema });
export type ClaimRefInput = z.input<typeof ClaimRefSchema>;

export const SuggestEvidenceSchema = z.object({
  claimId: ClaimIdOrSlugSchema,
  limit: wholeNumberBetween(1, 50).default(10),
});
export type SuggestEvidenceInput = z.input<typeof SuggestEvidenceSchema>;

export const SimilarClaimsSchema = z.object({
  text: z
    .string({ error: "is required" })
    .trim()
    .min(3, "must be at least 3 characters")
    .max(1000, "must be at most 1000 characters"),
  limit: wholeNumberBetween(1, 20).default(5),
  /** A claim to leave out (the one being edited). */
  exclude: z.string().trim().max(64).optional(),
});
export type SimilarClaimsInput = z.input<typeof SimilarClaimsSchema>;

export const MergeClaimsSchema = z.object({
  into: ClaimIdOrSlugSchema,
  // The merge form takes another claim's address (…/claims/<slug>) as well as its id or slug.
  from: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().replace(/^.*\/claims\//, "") : value),
    ClaimIdOrSlugSchema,
  ),
});
export type MergeClaimsInput = z.input<typeof MergeClaimsSchema>;

export const CLAIM_RELATION_KINDS = ["contradicts", "implies", "duplicate_of"] as const;

export const ProposeRelationSchema = z.object({
  claimId: ClaimIdOrSlugSchema,
  otherClaimId: ClaimIdOrSlugSchema,
  kind: z.enum(CLAIM_RELATION_KINDS, { error: `must be one of ${CLAIM_RELATION_KINDS.join(", ")}` }),
  note: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
});
export type ProposeRelationInput = z.input<typeof ProposeRelationSchema>;

export const ReviewRelationSchema = z.object({
  relationId: z.string({ error: "is required" }).trim().min(1, "is required").max(64, "is not an id"),
  decision: z.enum(["confirm", "reject"], { error: "must be confirm or reject" }),
  note: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
});
export type ReviewRelationInput = z.input<typeof ReviewRelationSchema>;
