import type { Prisma } from "@/lib/generated/sqlite/client";
import { foldText } from "@/lib/text/fold";
import { nameKeyReadings } from "./names";

/**
 * A person given by slug or by any spelling of any alias, transliterations included: the name is
 * read as English, scholarly, German, French and Polish romanization (Jeschow, Iejov, Ežov).
 */
export function personMatchWhere(person: string): Prisma.PersonWhereInput {
  const folded = foldText(person);
  const keys = nameKeyReadings(person);
  return {
    OR: [
      { slug: person.toLowerCase() },
      ...(folded ? [{ aliases: { some: { normalized: folded } } }] : []),
      ...(keys.length > 0 ? [{ aliases: { some: { key: { in: keys } } } }] : []),
    ],
  };
}
