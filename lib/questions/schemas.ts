import { z } from "zod";
import { MARKS } from "./matrix";

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(100, "is not an id or slug");

export const QuestionRefSchema = z.object({ questionId: id });

export const CreateQuestionSchema = z.object({
  title: z
    .string({ error: "is required" })
    .trim()
    .min(5, "must be at least 5 characters")
    .max(300, "must be at most 300 characters"),
  description: z.string().trim().max(5000, "must be at most 5000 characters").optional(),
  /** Competing claims to put in it at once (ids or slugs). */
  claimIds: z.array(id).max(20, "may hold at most 20 claims at once").default([]),
});
export type CreateQuestionInput = z.input<typeof CreateQuestionSchema>;

export const ReviewQuestionSchema = z.object({
  questionId: id,
  decision: z.enum(["publish", "send_back"], { error: "must be publish or send_back" }),
  /** Shown to the author; required to send a question back (as for claims). */
  reason: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
});

export const ProposeQuestionClaimSchema = z.object({
  questionId: id,
  claimId: id,
  note: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
});

export const ReviewQuestionClaimSchema = z.object({
  /** The question the API path names: the proposed claim must belong to it. */
  questionId: id.optional(),
  questionClaimId: id,
  decision: z.enum(["confirm", "reject"], { error: "must be confirm or reject" }),
  note: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
});

export const MarkCellSchema = z.object({
  questionId: id,
  claimId: id,
  passageId: id,
  /** null takes the member's mark back: the cell then follows the evidence's stance again. */
  mark: z.enum(MARKS, { error: `must be one of ${MARKS.join(", ")}, or null` }).nullable(),
});
export type MarkCellInput = z.input<typeof MarkCellSchema>;

/** The path of a claim proposed for a question (the API's review route). */
export const QuestionClaimPathSchema = z.object({ questionId: id, questionClaimId: id });
