import { z } from "zod";
import { ClaimIdOrSlugSchema } from "@/lib/claims/schemas";

export const CITATION_FORMATS = ["csl", "bibtex", "ris"] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

const format = z
  .enum(CITATION_FORMATS, { error: `must be one of ${CITATION_FORMATS.join(", ")}` })
  .default("csl")
  .meta({ description: "csl (CSL-JSON), bibtex or ris; csl when left out" });

/** One source's reference, for GET /api/sources/{id}/citation?format=. */
export const SourceCitationSchema = z.object({
  sourceId: z.string({ error: "is required" }).trim().min(1, "is required").max(64, "is not an id"),
  format,
});
export type SourceCitationInput = z.input<typeof SourceCitationSchema>;

/** Every passage cited on a claim, for GET /api/claims/{id}/citations?format=. */
export const ClaimCitationsSchema = z.object({ claimId: ClaimIdOrSlugSchema, format });
export type ClaimCitationsInput = z.input<typeof ClaimCitationsSchema>;

/** A source's cleaned text, the text every offset and annotation selector counts in. */
export const SourceTextSchema = SourceCitationSchema.pick({ sourceId: true });
export type SourceTextInput = z.input<typeof SourceTextSchema>;
