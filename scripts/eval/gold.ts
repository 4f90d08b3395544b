// The shape of a gold file for `npm run eval` (eval/gold.json, eval/heldout/gold.json), checked before
// anything is read from it: a source's file name is a plain name beside the gold file, never a path.
import { z } from "zod";

export const Quote = z.object({ source: z.string(), quote: z.string().min(1) });
export const GoldSchema = z.object({
  version: z.literal(1),
  // A gold set written from other texts (a held-out set) names them, beside the gold file; they are
  // imported into the sample library, as a team's library holds texts on more than one subject.
  sources: z
    .array(
      z.object({
        // A name in the gold file's folder: letters, digits, "_", "-" and ".", not starting with a dot ("..").
        file: z.string().regex(/^[\w-][\w.-]*$/, "a file name beside the gold file, not a path"),
        title: z.string().min(1).max(500),
        url: z.string().optional(),
      }),
    )
    .default([]),
  // Its people, with the spellings its texts use, added before its texts are imported.
  people: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string()).default([]) })).default([]),
  claims: z
    .array(
      z.object({
        id: z.string(),
        statement: z.string(),
        people: z.array(z.string()).default([]),
        lowOverlap: z.boolean().default(false),
        supports: z.array(Quote).default([]),
        contradicts: z.array(Quote).default([]),
      }),
    )
    .min(1),
  opposites: z.array(z.tuple([z.string(), z.string()])).default([]),
  paraphrases: z
    .array(
      z.union([
        z.object({ statement: z.string(), duplicateOf: z.string() }),
        z.object({ statement: z.string(), notDuplicateOf: z.string(), why: z.string().optional() }),
      ]),
    )
    .default([]),
  spellings: z.array(z.object({ query: z.string(), person: z.string() })).default([]),
});
export type Gold = z.infer<typeof GoldSchema>;
