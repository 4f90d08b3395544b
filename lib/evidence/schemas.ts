import { z } from "zod";
import { PassageRefSchema } from "@/lib/passages/schemas";

export const STANCES = ["supports", "contradicts", "context"] as const;

export const AddEvidenceSchema = z.object({
  claimId: z.string().trim().min(1, "is required").max(64),
  passage: PassageRefSchema,
  stance: z.enum(STANCES, { error: `must be one of ${STANCES.join(", ")}` }),
  note: z.string().trim().max(5000, "must be at most 5000 characters").optional(),
  pinpoint: z.string().trim().max(200, "must be at most 200 characters").optional(),
});
export type AddEvidenceInput = z.input<typeof AddEvidenceSchema>;

// ---------------------------------------------------------------------------------------------
// Lines of evidence: origins (docs/decisions/0020-lines-of-evidence.md)
// ---------------------------------------------------------------------------------------------

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(64);
// A form's empty field is no value.
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const MAX_ORIGIN_NAME = 200;
export const MAX_ORIGIN_NOTE = 1000;
/** How many pieces of evidence one grouping may move: more than a claim page ever shows at once. */
export const MAX_GROUPED_EVIDENCE = 200;

const originName = z
  .string({ error: "must be text" })
  .trim()
  .min(2, "must be at least 2 characters")
  .max(MAX_ORIGIN_NAME, `must be at most ${MAX_ORIGIN_NAME} characters`)
  .meta({ description: "What the passages derive from, as a reader would name it: “Alexander Orlov's account”." });
const originNote = z
  .string({ error: "must be text" })
  .trim()
  .max(MAX_ORIGIN_NOTE, `must be at most ${MAX_ORIGIN_NOTE} characters`);

/**
 * Puts pieces of a claim's evidence under one origin: an existing one (`originId`), or the one named
 * `name` (found by its folded name, else created with `note`). Exactly one of the two; a piece
 * already under another origin moves.
 */
export const GroupEvidenceSchema = z.object({
  claimId: id,
  evidenceIds: z
    .array(z.string().trim().min(1, "must not be blank").max(64), { error: "must be a list of evidence ids" })
    .min(1, "must name at least one piece of evidence")
    .max(MAX_GROUPED_EVIDENCE, `must name at most ${MAX_GROUPED_EVIDENCE} pieces of evidence`)
    .refine((ids) => new Set(ids).size === ids.length, "must not name the same evidence twice"),
  originId: z.preprocess(blankToUndefined, id.optional()),
  name: z.preprocess(blankToUndefined, originName.optional()),
  note: z.preprocess(blankToUndefined, originNote.optional()),
});
export type GroupEvidenceInput = z.input<typeof GroupEvidenceSchema>;

/** Puts one piece of evidence under an origin, or (null) takes it out of its origin: its own line again. */
export const SetEvidenceOriginSchema = z.object({
  evidenceId: id,
  originId: z.preprocess(
    blankToNull,
    z
      .string({ error: "must be an origin's id, or null to take the evidence out of its origin" })
      .trim()
      .min(1)
      .max(64)
      .nullable(),
  ),
});
export type SetEvidenceOriginInput = z.input<typeof SetEvidenceOriginSchema>;

/** Renames an origin or changes its note (null or "" removes it). */
export const UpdateOriginSchema = z.object({
  originId: id,
  name: z.preprocess(blankToUndefined, originName.optional()),
  note: z.preprocess(blankToNull, originNote.nullable().optional()),
});
export type UpdateOriginInput = z.input<typeof UpdateOriginSchema>;

export const ListOriginsSchema = z.object({
  q: z.string().trim().max(MAX_ORIGIN_NAME, `must be at most ${MAX_ORIGIN_NAME} characters`).optional(),
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
});
export type ListOriginsInput = z.input<typeof ListOriginsSchema>;

/** Takes back one's own citation shortly after making it (lib/evidence/policy.ts: citationUndoDenial). */
export const UndoCitationSchema = z.object({ evidenceId: id });
