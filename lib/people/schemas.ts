import { z } from "zod";
import { CLAIM_PERSON_ROLES } from "@/lib/claims/schemas";
import { PartialDateSchema } from "@/lib/dates";
import { wholeNumberBetween } from "@/lib/numbers";

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

const id = z.string({ error: "is required" }).trim().min(1, "is required").max(64);
/** A person named by their slug or any spelling of their name. */
const personName = z.string({ error: "is required" }).trim().min(1, "is required").max(200);

/** One person, for the person page and GET /api/people/{slug}: a slug, or any spelling of the name. */
export const PersonRefSchema = z.object({ slug: personName });
export type PersonRefInput = z.input<typeof PersonRefSchema>;

export const ListPeopleSchema = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  /** The first this many, by name: a type-ahead wants a few. */
  limit: wholeNumberBetween(1, 500).default(500),
});
export type ListPeopleInput = z.input<typeof ListPeopleSchema>;

/** A text being typed (a claim's statement), for the people it names. */
export const PeopleNamedInSchema = z.object({
  text: z.string({ error: "is required" }).trim().min(1, "is required").max(1000, "must be at most 1000 characters"),
});
export type PeopleNamedInInput = z.input<typeof PeopleNamedInSchema>;

// The claim forms' people fields: one "person:<id>" per chosen person, its value the role (anything
// else, "" included, is "not linked"); without JavaScript, the picker's search and its "Add" buttons
// come back to the form's page as these query parameters (lib/people/picker.ts).
/** The picker's own query parameters besides the "person:<id>" fields (components/claims/PeoplePicker.tsx). */
export const PICKER_PARAMS = { query: "peopleQuery", find: "peopleFind", add: "peopleAdd" } as const;
const role = z.enum(CLAIM_PERSON_ROLES);
const param = z.union([z.string(), z.array(z.string())]).optional();
export const PeoplePickerParamsSchema = z.object({
  params: z.record(z.string(), param).default({}),
  /** What the form holds when the page is not a round trip of the picker: the claim's people and statement. */
  current: z
    .object({
      statement: z.string().max(1000).default(""),
      people: z
        .array(z.object({ personId: id, name: z.string().optional(), role }))
        .max(200)
        .default([]),
    })
    .default({ statement: "", people: [] }),
});
export type PeoplePickerParamsInput = z.input<typeof PeoplePickerParamsSchema>;

export const MergePeopleSchema = z.object({ into: personName, from: personName });
export type MergePeopleInput = z.input<typeof MergePeopleSchema>;

export const SplitAliasSchema = z.object({ person: personName, alias: personName });
export type SplitAliasInput = z.input<typeof SplitAliasSchema>;

export const SettleMentionSchema = z.object({
  sourceId: id,
  surface: z.string({ error: "is required" }).min(1, "is required").max(200, "must be at most 200 characters"),
  // null, or "none" (the form's choice): none of the candidates is meant.
  personId: z.preprocess(
    (value) => (value === "none" ? null : value),
    z.string({ error: 'choose one of the candidates, or "none"' }).trim().min(1, "is required").max(64).nullable(),
  ),
});
export type SettleMentionInput = z.input<typeof SettleMentionSchema>;

/** One source, or (without sourceId) every source. */
export const RescanPeopleSchema = z.object({
  sourceId: z.string({ error: "must be a source id" }).trim().min(1, "must be a source id").max(64).optional(),
});
export type RescanPeopleInput = z.input<typeof RescanPeopleSchema>;

export const ListPersonSuggestionsSchema = z.object({
  sourceId: id.optional(),
  // The review queue shows the first few across all sources and counts the rest.
  limit: z.number().int().min(1).max(200).default(200),
});
export type ListPersonSuggestionsInput = z.input<typeof ListPersonSuggestionsSchema>;

export const AcceptPersonSuggestionSchema = z.object({
  suggestionId: id,
  // Empty: the suggested name as it is.
  name: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .optional()
    .transform((value) => value || undefined),
  // The other spellings, as a list or as the form's comma-separated text; absent: those the source used.
  aliases: z
    .preprocess(
      (value) =>
        typeof value === "string"
          ? value
              .split(",")
              .map((alias) => alias.trim())
              .filter(Boolean)
          : value,
      z.array(z.string().trim().min(1, "must not be empty").max(200)).max(100),
    )
    .optional(),
});
export type AcceptPersonSuggestionInput = z.input<typeof AcceptPersonSuggestionSchema>;

export const DismissPersonSuggestionSchema = z.object({ suggestionId: id });
export type DismissPersonSuggestionInput = z.input<typeof DismissPersonSuggestionSchema>;
