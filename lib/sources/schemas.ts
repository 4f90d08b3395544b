import { z } from "zod";
import { PartialDateSchema } from "@/lib/dates";

export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export const SOURCE_KINDS = ["web_page", "article", "book", "archive_document", "other"] as const;
export const SOURCE_FORMATS = ["text", "markdown", "html"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((value) => (value === "" ? undefined : value));

export const SourceMetadataSchema = z.object({
  title: optionalText(500),
  authors: z.array(z.string().trim().min(1, "must not be empty").max(200)).max(50).default([]),
  publisher: optionalText(300),
  url: z
    .string()
    .trim()
    .max(2000)
    .url("must be a URL")
    .refine((value) => /^https?:\/\//i.test(value), "must be an http or https URL")
    .optional(),
  publishedDate: PartialDateSchema.optional(),
  accessedDate: PartialDateSchema.optional(),
  kind: z.enum(SOURCE_KINDS).default("web_page"),
  language: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en or ru")
    .optional(),
  format: z.enum(SOURCE_FORMATS).optional(),
  fileName: optionalText(255),
});

export type SourceMetadataInput = z.input<typeof SourceMetadataSchema>;
export type SourceMetadata = z.output<typeof SourceMetadataSchema>;
