import { z } from "zod";
import { wholeNumberBetween } from "@/lib/numbers";
import { MAX_SELECTION_LENGTH } from "@/lib/sources/selection";

const id = z.string().trim().min(1, "is required").max(64);

/** Which words of a source: an existing passage, an exact span, or a quotation to find. */
export const PassageRefSchema = z.union([
  z.object({ passageId: id }).strict(),
  z
    .object({
      sourceId: id,
      start: z.number().int("must be a whole number").min(0, "must not be negative"),
      end: z.number().int("must be a whole number").min(1, "must be positive"),
    })
    .strict()
    .refine((span) => span.end > span.start, { message: "must be after start", path: ["end"] }),
  z
    .object({
      sourceId: id,
      quote: z
        .string()
        .min(1, "must not be empty")
        .max(MAX_SELECTION_LENGTH, `must be at most ${MAX_SELECTION_LENGTH} characters`),
      // 1-based; needed when the quote occurs more than once in the source.
      occurrence: z.number().int().min(1).optional(),
    })
    .strict(),
]);
export type PassageRef = z.infer<typeof PassageRefSchema>;

/** Words to find in sentences when picking evidence, leaving out those already cited for a claim. */
export const SearchPassagesSchema = z.object({
  q: z.string().max(200, "must be at most 200 characters").default(""),
  limit: wholeNumberBetween(1, 100).default(30),
  excludeClaimId: id.optional(),
});
export type SearchPassagesInput = z.input<typeof SearchPassagesSchema>;
