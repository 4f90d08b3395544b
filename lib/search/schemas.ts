import { z } from "zod";
import { wholeNumberBetween } from "@/lib/numbers";

export const DOCUMENT_KINDS = ["passage", "claim", "source", "person"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SEARCH_LEVELS = ["any", "sentence", "paragraph"] as const;

const kindList = z.string().transform((value, context) => {
  const kinds = value
    .split(",")
    .map((kind) => kind.trim())
    .filter(Boolean);
  const unknown = kinds.find((kind) => !(DOCUMENT_KINDS as readonly string[]).includes(kind));
  if (kinds.length === 0 || unknown !== undefined) {
    context.addIssue({ code: "custom", message: `must be a comma-separated list of ${DOCUMENT_KINDS.join(", ")}` });
    return z.NEVER;
  }
  return kinds as DocumentKind[];
});

export const SearchSchema = z.object({
  q: z.string().max(200, "must be at most 200 characters").default(""),
  kind: kindList.optional(),
  person: z.string().trim().max(200, "must be at most 200 characters").optional(),
  source: z.string().trim().max(64).optional(),
  level: z.enum(SEARCH_LEVELS, { message: `must be one of ${SEARCH_LEVELS.join(", ")}` }).default("any"),
  page: wholeNumberBetween(1, 500).default(1),
  pageSize: wholeNumberBetween(1, 50).default(20),
});
export type SearchInput = z.input<typeof SearchSchema>;
