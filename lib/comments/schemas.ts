import { z } from "zod";

export const AddCommentSchema = z.object({
  claimId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
  body: z.string({ error: "is required" }).trim().min(1, "is required").max(10_000, "must be at most 10000 characters"),
});
export type AddCommentInput = z.input<typeof AddCommentSchema>;

export const SetCommentHiddenSchema = z.object({
  commentId: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
  hidden: z.boolean({ error: "must be true or false" }),
  reason: z.string().trim().max(500, "must be at most 500 characters").optional(),
});
export type SetCommentHiddenInput = z.input<typeof SetCommentHiddenSchema>;
