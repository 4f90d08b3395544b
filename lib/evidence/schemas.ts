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
