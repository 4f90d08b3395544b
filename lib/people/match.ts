import type { Prisma } from "@/lib/generated/sqlite/client";
import { foldText } from "@/lib/text/fold";
import { nameKey } from "./names";

/** A person given by slug or by any spelling of any alias, transliterations included. */
export function personMatchWhere(person: string): Prisma.PersonWhereInput {
  const folded = foldText(person);
  const key = nameKey(person);
  return {
    OR: [
      { slug: person.toLowerCase() },
      ...(folded ? [{ aliases: { some: { normalized: folded } } }] : []),
      ...(key ? [{ aliases: { some: { key } } }] : []),
    ],
  };
}
