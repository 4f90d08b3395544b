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
  kind: z.enum(SOURCE_KINDS, { error: `must be one of ${SOURCE_KINDS.join(", ")}` }).default("web_page"),
  language: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en or ru")
    .optional(),
  format: z.enum(SOURCE_FORMATS, { error: `must be one of ${SOURCE_FORMATS.join(", ")}` }).optional(),
  fileName: optionalText(255),
});

export type SourceMetadataInput = z.input<typeof SourceMetadataSchema>;
export type SourceMetadata = z.output<typeof SourceMetadataSchema>;

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(64);

export const PASSAGE_KINDS = ["paragraph", "sentence", "selection"] as const;
export type PassageKindName = (typeof PASSAGE_KINDS)[number];

/** "paragraph,sentence": which passages to include, as the API's query parameter gives them. */
const passageKindList = z.string().transform((value, context) => {
  const requested = value.split(",").map((kind) => kind.trim());
  const unknown = requested.find((kind) => !(PASSAGE_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined) {
    context.addIssue({ code: "custom", message: `"${unknown}" is not one of ${PASSAGE_KINDS.join(", ")}` });
    return z.NEVER;
  }
  return requested as PassageKindName[];
});

/** One source for the reader and GET /api/sources/{id}; without `passages`, every kind. */
export const GetSourceSchema = z.object({ sourceId: id, passages: passageKindList.optional() });
export type GetSourceInput = z.input<typeof GetSourceSchema>;

/** A span of a source's text in an address: "120-184". */
export const SPAN_PATTERN = /^\d{1,9}-\d{1,9}$/;

/** The source page's address: `?page=3`, or the page of `?at=120-184` or of `?passage=<id>`. */
export const GetSourcePageSchema = z.object({
  sourceId: id,
  page: z.coerce
    .number({ error: "must be a page number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(1_000_000, "is too large")
    .optional(),
  at: z
    .string()
    .regex(SPAN_PATTERN, "must be two offsets, as in 120-184")
    .transform((value) => {
      const [start, end] = value.split("-").map(Number) as [number, number];
      return { start, end };
    })
    .refine((span) => span.start < span.end, "must start before it ends")
    .optional(),
  passage: id.optional(),
});

/**
 * The token the import form makes up for one import, to ask how far it has got
 * (lib/sources/import-progress.ts): random, so only the page that sent the import knows it.
 */
export const ImportProgressTokenSchema = z
  .string({ error: "is required" })
  .regex(/^[A-Za-z0-9_-]{16,100}$/, "must be 16 to 100 letters, digits, - or _");

export const ImportProgressQuerySchema = z.object({ token: ImportProgressTokenSchema });

/** A document's text as given: a string, or bytes (an upload, a file read by a script) that must be UTF-8. */
const SourceContentSchema = z
  .custom<string | Uint8Array>((value) => typeof value === "string" || value instanceof Uint8Array, {
    error: "must be the document's text",
  })
  // What the API description (lib/api/openapi.ts) shows: over HTTP the content is always text.
  .meta({ override: { type: "string", description: "The document's text, at most 5 MB as UTF-8" } });

/** What prepareSource cleans and splits: the document and what is known about it. */
export const PrepareSourceSchema = SourceMetadataSchema.extend({ content: SourceContentSchema.optional() });
export type PrepareSourceInput = z.input<typeof PrepareSourceSchema>;

const UPLOAD_EXTENSIONS = /\.(txt|md|markdown|html?|xhtml)$/i;

/** The fields of an import, as ImportSourceSchema checks them once empty fields are dropped. */
export const ImportSourceFieldsSchema = PrepareSourceSchema.extend({
  file: z
    .instanceof(File, { error: "must be a file" })
    .refine((file) => file.size === 0 || UPLOAD_EXTENSIONS.test(file.name), "upload a .txt, .md or .html file")
    .meta({ override: { type: "string", format: "binary", description: "A .txt, .md or .html file, at most 5 MB" } })
    .nullish(),
});

/**
 * What the import form sends: the document's text or a file (a file chosen wins over pasted
 * text), and its metadata. Fields left empty mean "not given", and authors come as one text,
 * one per line or separated by semicolons.
 */
export const ImportSourceSchema = z.preprocess((value) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const fields = Object.entries(value).filter(([, field]) => !(typeof field === "string" && field.trim() === ""));
  return Object.fromEntries(
    fields.map(([name, field]) => [
      name,
      name === "authors" && typeof field === "string"
        ? field
            .split(/\n|;/)
            .map((author) => author.trim())
            .filter(Boolean)
        : field,
    ]),
  );
}, ImportSourceFieldsSchema);
export type ImportSourceInput = z.input<typeof ImportSourceSchema>;
