import { z } from "zod";
import { PartialDateSchema } from "@/lib/dates";

export const CreatePersonSchema = z.object({
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  slug: z
    .string()
    .trim()
    .regex(/^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$/u, "must be lower-case words joined by hyphens")
    .max(80)
    .optional(),
  aliases: z.array(z.string().trim().min(1, "must not be empty").max(200)).max(100).default([]),
  description: z.string().trim().max(5000).optional(),
  birthDate: PartialDateSchema.optional(),
  deathDate: PartialDateSchema.optional(),
});
export type CreatePersonInput = z.input<typeof CreatePersonSchema>;
